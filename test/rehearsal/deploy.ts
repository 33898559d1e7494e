import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { App } from 'aws-cdk-lib';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { buildTouchpointApp } from '../../infra/touchpoint-app.ts';
import { ProviderSandbox } from '../../local/sandbox.ts';
import { StreamPoller } from '../../local/stream-poller.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import { AwsStandIns, type Caller } from './aws.ts';
import { type AdminAuth, docsContext, docsSecret, type SmsProvider } from './docs.ts';
import { ApiGateway } from './gateway.ts';
import { LambdaContainer } from './lambda.ts';
import { Deployment, REGION } from './template.ts';

const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface Scenario {
  name: string;
  adminAuth: AdminAuth;
  smsProvider: SmsProvider;
}

/**
 * Synthesizes the app as `cdk synth` does (bundling with the local esbuild, cdk-nag checks), with
 * the context docs/deploy.md gives for the scenario. Bundles of identical code are built once per
 * process (CDK's asset cache), so later scenarios only write templates.
 */
export function synthesize(outdir: string, context: Record<string, string>): void {
  // The CLI turns on path and asset metadata; the templates must look as they do after `cdk synth`.
  const cli = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true };
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, ...cli, ...context } });
  buildTouchpointApp(app, {});
  app.synth();
}

/** CreateTable input for a table of the stateful template, exactly as it declares keys, indexes and stream. */
function createTableInput(name: string, props: Record<string, unknown>): CreateTableCommandInput {
  const stream = (props.StreamSpecification as { StreamViewType?: string } | undefined)?.StreamViewType;
  const indexes = (props.GlobalSecondaryIndexes ?? []) as GlobalSecondaryIndex[];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: props.AttributeDefinitions as AttributeDefinition[],
    KeySchema: props.KeySchema as KeySchemaElement[],
    ...(indexes.length > 0 && {
      GlobalSecondaryIndexes: indexes.map((i) => ({
        IndexName: i.IndexName,
        KeySchema: i.KeySchema,
        Projection: i.Projection,
      })),
    }),
    ...(stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: stream as 'NEW_IMAGE' } }),
  };
}

/** A deployed scenario: its tables, secret, stand-ins, running bundles and API. */
export interface Stack {
  scenario: Scenario;
  deployment: Deployment;
  secret: Record<string, string>;
  containers: Map<FunctionName, LambdaContainer>;
  gateway: ApiGateway;
  sandbox: ProviderSandbox;
  aws: AwsStandIns;
  poller: StreamPoller;
  /** Virtual time of the scenario (the bundles see it as their clock). */
  clock: { now: Date };
  dynamo: DynamoDBClient;
  stop(): Promise<void>;
}

export async function deployScenario(options: {
  scenario: Scenario;
  node24: string;
  dynamoEndpoint: string;
  workDir: string;
  log: (line: string) => void;
}): Promise<Stack> {
  const { scenario, node24, dynamoEndpoint, workDir, log } = options;
  const outdir = join(workDir, scenario.name, 'cdk.out');
  const logDir = join(workDir, scenario.name, 'logs');
  mkdirSync(logDir, { recursive: true });
  const context = docsContext(scenario.adminAuth, scenario.smsProvider);
  log(
    `cdk synth ${Object.entries(context)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ')}`,
  );
  synthesize(outdir, context);
  log('synthesized; starting the bundles');
  const prefix = `rh${randomBytes(3).toString('hex')}`;
  const deployment = new Deployment(outdir, prefix);

  const dynamoAccessKey = 'rehearsal';
  const credentials = { accessKeyId: dynamoAccessKey, secretAccessKey: 'rehearsal' };
  const dynamo = new DynamoDBClient({ endpoint: dynamoEndpoint, region: REGION, credentials });
  for (const [id, r] of deployment.resources('stateful', 'AWS::DynamoDB::GlobalTable'))
    await dynamo.send(
      new CreateTableCommand(createTableInput(deployment.tableNames.get(id) ?? id, r.Properties ?? {})),
    );

  // The secret as CloudFormation creates it (LINK_SIGNING_KEY generated), then as the admin fills it.
  const generated = {
    LINK_SIGNING_KEY: randomBytes(48)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 64),
  };
  const secret = docsSecret(scenario.adminAuth, generated);
  const [secretId] = deployment.resources('stateful', 'AWS::SecretsManager::Secret')[0] ?? [];
  const secretArn = deployment.resolveString({ Ref: secretId }, 'stateful');

  const clock = { now: new Date() };
  const sandbox = new ProviderSandbox(
    { now: () => clock.now },
    { accountSid: secret.TWILIO_ACCOUNT_SID ?? '', authToken: secret.TWILIO_AUTH_TOKEN ?? '' },
  );
  const sandboxUrl = await sandbox.start();
  const functions = deployment.functions();
  const callers = new Map<string, Caller>();
  const keyOf = new Map<FunctionName, string>();
  for (const fn of functions.values()) {
    const key = `ASIA${fn.name.replaceAll('-', '').toUpperCase()}`;
    keyOf.set(fn.name, key);
    callers.set(key, { fn: fn.name, statements: deployment.policyOf(fn.roleLogicalId) });
  }
  const aws = new AwsStandIns({
    dynamoEndpoint,
    sandboxUrl,
    secrets: new Map([[secretArn, JSON.stringify(secret)]]),
    callers,
    dynamoAccessKey,
    enforce: !process.argv.includes('--record-only'),
  });
  const awsUrl = await aws.start();

  const containers = new Map<FunctionName, LambdaContainer>();
  await Promise.all(
    [...functions.values()].map(async (fn) => {
      // The template's variables, plus what Lambda adds (region, name, the role's credentials) and the
      // stand-in endpoints: nothing else.
      const env: Record<string, string> = {
        ...fn.environment,
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        TZ: ':UTC',
        LANG: 'en_US.UTF-8',
        AWS_REGION: REGION,
        AWS_DEFAULT_REGION: REGION,
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        AWS_LAMBDA_FUNCTION_NAME: `${prefix}-${fn.logicalId}`,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        LAMBDA_TASK_ROOT: fn.assetDir,
        AWS_ACCESS_KEY_ID: keyOf.get(fn.name) ?? '',
        AWS_SECRET_ACCESS_KEY: 'rehearsal-secret-key',
        AWS_SESSION_TOKEN: 'rehearsal-session-token',
        AWS_ENDPOINT_URL_DYNAMODB: awsUrl,
        AWS_ENDPOINT_URL_SECRETS_MANAGER: awsUrl,
        AWS_ENDPOINT_URL_SNS: awsUrl,
        AWS_ENDPOINT_URL_SESV2: awsUrl,
        // Twilio's API has no endpoint variable of the AWS kind: the adapter's base URL option.
        TWILIO_API_BASE_URL: sandboxUrl,
      };
      containers.set(fn.name, await LambdaContainer.start(node24, fn, env, logDir));
    }),
  );
  const gateway = new ApiGateway(deployment, containers, () => clock.now);

  // Lambda's event source mappings of score-stream: the template's tables, batch size and filter.
  const mappings = deployment.resources('stateless', 'AWS::Lambda::EventSourceMapping').map(([, r]) => {
    const p = r.Properties ?? {};
    const streamArn = deployment.resolveString(p.EventSourceArn, 'stateless');
    const pattern = JSON.parse(
      (p.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters[0]?.Pattern ?? '{}',
    ) as { eventName?: string[] };
    return {
      table: /table\/([^/]+)\//.exec(streamArn)?.[1] ?? '',
      batchSize: Number(p.BatchSize),
      events: pattern.eventName,
    };
  });
  const scoreStream = containers.get('score-stream');
  if (!scoreStream) throw new Error('no score-stream function in the template');
  const poller = new StreamPoller(
    dynamo,
    new DynamoDBStreamsClient({ endpoint: dynamoEndpoint, region: REGION, credentials }),
    mappings.map((m) => m.table),
    async (event: DynamoDBStreamEvent) => {
      const allowed = new Set(mappings.flatMap((m) => m.events ?? []));
      const Records = event.Records.filter((r) => allowed.size === 0 || allowed.has(r.eventName ?? ''));
      if (Records.length === 0) return { batchItemFailures: [] };
      return scoreStream.invoke({ Records }, clock.now);
    },
    { batchSize: Math.min(...mappings.map((m) => m.batchSize)) },
  );
  await poller.init();

  return {
    scenario,
    deployment,
    secret,
    containers,
    gateway,
    sandbox,
    aws,
    poller,
    clock,
    dynamo,
    async stop() {
      await Promise.all([...containers.values()].map((c) => c.stop()));
      await aws.stop();
      await sandbox.stop();
      dynamo.destroy();
    },
  };
}
