import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAMBDA_RUNTIME } from '../../infra/constructs/app-function.ts';
import { deployedRoutes } from '../../infra/stateless/http-api.ts';
import { CUSTOM_METRICS, METRIC_NAMESPACE } from '../../infra/stateless/monitoring.ts';
import { BUS_EVENT_PATTERN, STREAM_SETTINGS } from '../../infra/stateless/stateless-stack.ts';
import { SECRET_KEYS } from '../../shared/config.ts';
import { functionAccess } from '../../shared/infra/access.ts';
import { type FunctionName, HTTP_ROUTES } from '../../shared/infra/routes.ts';
import { TABLES, type TableDefinition } from '../../shared/infra/tables.ts';
import {
  actionsOf,
  type BuiltApp,
  buildApp,
  type CfnResource,
  fnOf,
  logicalId,
  resource,
  resourcesOf,
  resourcesOfType,
  statementsOf,
  tableLogicalIds,
} from './build-app.ts';

/** The tables each function is told about: those its entry in shared/infra/access.ts uses. */
const ACCESS = functionAccess();

/** Actions IAM offers no resource-level permissions for; the only ones allowed on "*". */
const STAR_ONLY_ACTIONS = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'dynamodb:ListStreams',
]);

const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/11111111-2222-3333-4444-555555555555';

function functionResource(built: BuiltApp, name: FunctionName): CfnResource {
  return resource(built.statelessTemplate, logicalId(built.stateless, fnOf(built, name).fn));
}

function envOf(built: BuiltApp, name: FunctionName): Record<string, unknown> {
  return (functionResource(built, name).Properties.Environment as { Variables: Record<string, unknown> })
    .Variables;
}

function acknowledgements(root: IConstruct): Array<{ path: string; id: string; reason: string }> {
  const out: Array<{ path: string; id: string; reason: string }> = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
        out.push({ path: c.node.path, id, reason });
      }
    }
  }
  return out;
}

let base: BuiltApp;
let hardened: BuiltApp;
/** `-c adminAuth=token`: the shared bearer token, for quick trials. */
let trial: BuiltApp;

beforeAll(() => {
  base = buildApp();
  trial = buildApp({ adminAuth: 'token' });
  hardened = buildApp({
    stage: 'prod',
    smsProvider: 'sns',
    adminAuth: 'jwt',
    jwtIssuer: 'https://login.example.com/',
    jwtAudience: 'touchpoint-dashboard',
    kmsKeyArn: KEY_ARN,
    alertEmail: 'cx-ops@example.com',
    existingEventBusName: 'commerce-events',
    publicBaseUrl: 'https://surveys.example.com',
  });
});

describe('stateful stack: tables', () => {
  it('builds one table per shared definition with its keys, indexes, stream and TTL', () => {
    const ids = tableLogicalIds(base);
    for (const def of TABLES) {
      const props = resource(base.statefulTemplate, ids[def.id]).Properties;

      expect(props.KeySchema).toEqual([
        { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
        ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : []),
      ]);
      const indexes = (props.GlobalSecondaryIndexes ?? []) as Array<Record<string, unknown>>;
      expect(indexes).toEqual(
        def.globalIndexes.map((gsi) => ({
          IndexName: gsi.name,
          KeySchema: [
            { AttributeName: gsi.partitionKey.name, KeyType: 'HASH' },
            ...(gsi.sortKey ? [{ AttributeName: gsi.sortKey.name, KeyType: 'RANGE' }] : []),
          ],
          Projection: { ProjectionType: gsi.projection },
        })),
      );
      const attributes = props.AttributeDefinitions as Array<{
        AttributeName: string;
        AttributeType: string;
      }>;
      const keys = [
        def.partitionKey,
        def.sortKey,
        ...def.globalIndexes.flatMap((g) => [g.partitionKey, g.sortKey]),
      ];
      for (const key of keys.filter((k) => k !== undefined)) {
        expect(attributes).toContainEqual({ AttributeName: key.name, AttributeType: key.type });
      }
      expect(props.StreamSpecification).toEqual(def.stream ? { StreamViewType: def.stream } : undefined);
      expect(props.TimeToLiveSpecification).toEqual(
        def.ttlAttribute ? { AttributeName: def.ttlAttribute, Enabled: true } : undefined,
      );
    }
  });

  it('turns on point-in-time recovery and deletion protection, and retains every table', () => {
    const tables = resourcesOfType(base.statefulTemplate, 'AWS::DynamoDB::GlobalTable');

    expect(Object.keys(tables)).toHaveLength(TABLES.length);
    for (const table of Object.values(tables)) {
      const [replica] = table.Properties.Replicas as Array<Record<string, unknown>>;
      expect(replica?.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(replica?.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('encrypts with the AWS-managed KMS key by default and with -c kmsKeyArn when given', () => {
    for (const table of Object.values(resourcesOfType(base.statefulTemplate, 'AWS::DynamoDB::GlobalTable'))) {
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
    }
    for (const table of Object.values(
      resourcesOfType(hardened.statefulTemplate, 'AWS::DynamoDB::GlobalTable'),
    )) {
      const [replica] = table.Properties.Replicas as Array<Record<string, unknown>>;
      expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
      expect(replica?.SSESpecification).toEqual({ KMSMasterKeyId: KEY_ARN });
    }
  });
});

describe('stateful stack: secret, topics, SES, bus', () => {
  it('generates the secret as a JSON template of every key, with no values in the template', () => {
    const [secret] = Object.values(resourcesOfType(base.statefulTemplate, 'AWS::SecretsManager::Secret'));
    const generate = secret?.Properties.GenerateSecretString as Record<string, unknown>;
    const template = JSON.parse(generate.SecretStringTemplate as string) as Record<string, string>;

    expect(generate.GenerateStringKey).toBe('LINK_SIGNING_KEY');
    expect(new Set([...Object.keys(template), 'LINK_SIGNING_KEY'])).toEqual(new Set(SECRET_KEYS));
    expect(Object.values(template).every((v) => v === '')).toBe(true);
  });

  it('denies publishing to both topics without TLS', () => {
    const policies = Object.values(resourcesOfType(base.statefulTemplate, 'AWS::SNS::TopicPolicy'));

    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sns:Publish',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('lets CloudWatch alarms of this account publish to the alert topic', () => {
    const alertPolicy = resource(
      base.statefulTemplate,
      logicalId(base.stateful, base.stateful.alertTopic.node.findChild('Policy')),
    );

    expect((alertPolicy.Properties.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
  });

  it('encrypts the topics with the customer-managed key when one is given', () => {
    for (const topic of Object.values(resourcesOfType(hardened.statefulTemplate, 'AWS::SNS::Topic'))) {
      expect(topic.Properties.KmsMasterKeyId).toBe(KEY_ARN);
    }
  });

  it('sends SES bounces, complaints and deliveries of the configuration set to the feedback topic', () => {
    const topicId = logicalId(base.stateful, base.stateful.sesFeedbackTopic);
    const [destination] = Object.values(
      resourcesOfType(base.statefulTemplate, 'AWS::SES::ConfigurationSetEventDestination'),
    );
    const config = destination?.Properties.EventDestination as Record<string, unknown>;

    expect(config.SnsDestination).toEqual({ TopicARN: { Ref: topicId } });
    expect(config.MatchingEventTypes).toEqual(expect.arrayContaining(['bounce', 'complaint', 'delivery']));
  });

  it('creates the touchpoint bus, or uses an existing one named in context', () => {
    base.statefulTemplate.hasResourceProperties('AWS::Events::EventBus', { Name: 'touchpoint' });
    hardened.statefulTemplate.resourceCountIs('AWS::Events::EventBus', 0);
    hardened.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'commerce-events',
    });
  });

  it('subscribes the alert email when -c alertEmail is given', () => {
    base.statefulTemplate.resourceCountIs('AWS::SNS::Subscription', 0);
    hardened.statefulTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'cx-ops@example.com',
    });
  });
});

describe('stateful stack: admin user pool', () => {
  function pool(built: BuiltApp): CfnResource {
    const [found, ...more] = Object.values(resourcesOfType(built.statefulTemplate, 'AWS::Cognito::UserPool'));
    expect(more).toHaveLength(0);
    if (!found) throw new Error('no user pool');
    return found;
  }

  it('admits only admins an operator creates: no self sign-up, email alias, retained and deletion-protected', () => {
    for (const built of [base, hardened, trial]) {
      const p = pool(built);

      expect(p.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AliasAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        DeletionProtection: 'ACTIVE',
      });
      expect(p.DeletionPolicy).toBe('Retain');
      expect(p.UpdateReplacePolicy).toBe('Retain');
    }
  });

  it('requires a strong password and a TOTP authenticator (no SMS codes)', () => {
    const p = pool(base).Properties;

    expect(p.Policies).toEqual({
      PasswordPolicy: {
        MinimumLength: 12,
        RequireLowercase: true,
        RequireUppercase: true,
        RequireNumbers: true,
        RequireSymbols: true,
        TemporaryPasswordValidityDays: 3,
      },
    });
    expect(p.MfaConfiguration).toBe('ON');
    expect(p.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('blocks leaked passwords and high-risk sign-ins (Plus plan, threat protection enforced)', () => {
    const p = pool(base).Properties;

    expect(p.UserPoolTier).toBe('PLUS');
    expect(p.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    base.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: {
        Actions: Match.objectLike({ HighAction: { EventAction: 'BLOCK', Notify: false } }),
      },
    });
  });

  it('has one public app client: password and SRP sign-in, one-hour tokens, no user existence errors', () => {
    const clients = Object.values(resourcesOfType(base.statefulTemplate, 'AWS::Cognito::UserPoolClient'));

    expect(clients).toHaveLength(1);
    const props = clients[0]?.Properties ?? {};
    expect(props).toMatchObject({
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
      AllowedOAuthFlowsUserPoolClient: false,
    });
    expect([...(props.ExplicitAuthFlows as string[])].sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
  });

  it('outputs the pool and client ids the CLI and the docs refer to', () => {
    const s = base.stateful;
    base.statefulTemplate.hasOutput('AdminUserPoolId', { Value: { Ref: logicalId(s, s.admins.userPool) } });
    base.statefulTemplate.hasOutput('AdminUserPoolClientId', {
      Value: { Ref: logicalId(s, s.admins.client) },
    });
    base.statefulTemplate.hasOutput('SecretArn', { Value: { Ref: logicalId(s, s.secret) } });
    base.statelessTemplate.hasOutput('ApiUrl', {});
  });
});

describe('stateless stack: functions', () => {
  it('runs every function on the current Node runtime, arm64, with X-Ray and its own log group', () => {
    const all = resourcesOfType(base.statelessTemplate, 'AWS::Lambda::Function');
    const ids = Object.values(base.stateless.functions).map((f) => logicalId(base.stateless, f.fn));

    expect(ids).toHaveLength(9);
    // The one other function is the provider of aws-cdk-lib's Trigger (migrate-customers at deploy).
    expect(Object.keys(all).filter((id) => !ids.includes(id))).toEqual([
      expect.stringMatching(/^AWSCDKTriggerCustomResourceProvider/),
    ]);
    expect(LAMBDA_RUNTIME.name).not.toBe('nodejs20.x');
    for (const id of ids) {
      const fn = all[id];
      if (!fn) throw new Error(`${id} is not in the template`);
      expect(fn.Properties.Runtime).toBe(LAMBDA_RUNTIME.name);
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: { Ref: expect.any(String) } });
      // No source maps in the bundles, so no --enable-source-maps (bench/report.md, "Bundles").
      expect(JSON.stringify(fn.Properties.Environment)).not.toContain('NODE_OPTIONS');
    }
  });

  it('moves customer state of earlier versions inside the deploy, after every function that writes it', () => {
    const triggers = Object.values(resourcesOfType(base.statelessTemplate, 'Custom::Trigger'));
    expect(triggers).toHaveLength(1);
    const trigger = triggers[0] as CfnResource & { DependsOn?: string[] };
    const fnId = logicalId(base.stateless, fnOf(base, 'migrate-customers').fn);
    const versions = Object.entries(resourcesOfType(base.statelessTemplate, 'AWS::Lambda::Version')).filter(
      ([, v]) => JSON.stringify(v.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
    );
    expect(versions).toHaveLength(1);
    expect(trigger.Properties).toMatchObject({
      HandlerArn: { Ref: versions[0]?.[0] },
      InvocationType: 'RequestResponse',
      ExecuteOnHandlerChange: true,
    });
    const writers: FunctionName[] = [
      'ingest-webhook',
      'twilio-webhook',
      'email-link',
      'admin-api',
      'dispatch-tick',
      'eventbridge-ingest',
      'ses-feedback',
    ];
    for (const name of writers)
      expect(trigger.DependsOn).toContain(logicalId(base.stateless, fnOf(base, name).fn));
    expect(resourcesOfType(base.statelessTemplate, 'AWS::Lambda::Function')[fnId]?.Properties.Timeout).toBe(
      900,
    );
  });

  it('passes the secret by ARN only: no secret value or secret key name is an env var', () => {
    const secretId = logicalId(base.stateful, base.stateful.secret);
    for (const name of Object.keys(base.stateless.functions) as FunctionName[]) {
      const env = envOf(base, name);

      if (name === 'migrate-customers') expect(env.TOUCHPOINT_SECRET_ARN).toBeUndefined();
      else expect(JSON.stringify(env.TOUCHPOINT_SECRET_ARN)).toContain(secretId);
      for (const key of Object.keys(env)) {
        expect(SECRET_KEYS.some((s) => key === s || key === `${s}_PREVIOUS`)).toBe(false);
      }
    }
  });

  it('lets every function decrypt with the customer-managed key when one is given', () => {
    for (const name of Object.keys(hardened.stateless.functions) as FunctionName[]) {
      if (Object.keys(ACCESS[name].tables).length === 0 && !ACCESS[name].secret) continue;
      const decrypt = statementsOf(hardened, name).filter(
        (s) => actionsOf(s).includes('kms:Decrypt') && resourcesOf(s).includes(KEY_ARN),
      );
      expect({ name, decrypt: decrypt.length > 0 }).toEqual({ name, decrypt: true });
    }
  });

  it('tells each function the names of exactly the tables it may use', () => {
    const ids = tableLogicalIds(base);
    for (const name of Object.keys(base.stateless.functions) as FunctionName[]) {
      const env = envOf(base, name);
      const tableVars = TABLES.filter((def) => def.envVar in env).map((def) => def.id);

      expect({ name, tables: tableVars.sort() }).toEqual({
        name,
        tables: Object.keys(ACCESS[name].tables).sort(),
      });
      for (const id of tableVars) {
        const def = TABLES.find((d) => d.id === id) as TableDefinition;
        expect(JSON.stringify(env[def.envVar])).toContain(ids[id]);
      }
    }
  });

  it('lets query statements reach only the indexes the definitions declare', () => {
    const indexArns = (Object.keys(base.stateless.functions) as FunctionName[])
      .flatMap((name) => statementsOf(base, name))
      .flatMap(resourcesOf)
      .map((r) => JSON.stringify(r))
      .filter((r) => r.includes('/index/'));
    const declared = new Set(TABLES.flatMap((t) => t.globalIndexes.map((g) => `/index/${g.name}`)));

    expect(indexArns.length).toBeGreaterThan(0);
    for (const arn of indexArns) {
      const suffix = /\/index\/[^"]*/.exec(arn)?.[0] ?? '';
      expect(declared.has(suffix)).toBe(true);
    }
  });

  it('grants "*" only for actions without resource-level permissions (and SNS SMS when enabled)', () => {
    for (const built of [base, hardened]) {
      for (const name of Object.keys(built.stateless.functions) as FunctionName[]) {
        const starActions = statementsOf(built, name)
          .filter((s) => resourcesOf(s).includes('*'))
          .flatMap(actionsOf);
        const allowed = new Set(STAR_ONLY_ACTIONS);
        // SMS through SNS: a phone number has no ARN (only with -c smsProvider=sns, for senders).
        if (built === hardened && ACCESS[name].sms)
          for (const action of ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut']) allowed.add(action);

        expect({ name, extra: starActions.filter((a) => !allowed.has(a)) }).toEqual({ name, extra: [] });
      }
    }
    const smsPublish = statementsOf(hardened, 'dispatch-tick').filter(
      (s) => resourcesOf(s).includes('*') && actionsOf(s).includes('sns:Publish'),
    );
    expect(smsPublish).toHaveLength(1);
  });

  it('lets only the dispatch tick and the admin test send email, from the configured sender through the configuration set', () => {
    const senders = (Object.keys(base.stateless.functions) as FunctionName[]).filter((name) =>
      statementsOf(base, name).some((s) => actionsOf(s).includes('ses:SendEmail')),
    );
    const [statement] = statementsOf(base, 'dispatch-tick').filter((s) =>
      actionsOf(s).includes('ses:SendEmail'),
    );

    expect(senders.sort()).toEqual(['admin-api', 'dispatch-tick']);
    expect(statement?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'surveys@example.com' } });
    const resources = JSON.stringify(statement?.Resource);
    expect(resources).toContain(':identity/surveys@example.com');
    expect(resources).toContain(':identity/example.com');
    expect(resources).toContain(':configuration-set/');
  });

  it('lets only the score stream and the dispatch tick publish alerts', () => {
    const topicId = logicalId(base.stateful, base.stateful.alertTopic);
    const publishers = (Object.keys(base.stateless.functions) as FunctionName[]).filter((name) =>
      statementsOf(base, name).some(
        (s) => actionsOf(s).includes('sns:Publish') && JSON.stringify(s.Resource).includes(topicId),
      ),
    );

    expect(publishers.sort()).toEqual(['dispatch-tick', 'score-stream']);
    expect(JSON.stringify(envOf(base, 'score-stream').ALERT_TOPIC_ARN)).toContain(topicId);
  });

  it('gives PUBLIC_BASE_URL only to the tick and the score stream (alert links), unless a custom domain is configured', () => {
    const withUrl = (built: BuiltApp) =>
      (Object.keys(built.stateless.functions) as FunctionName[]).filter(
        (n) => 'PUBLIC_BASE_URL' in envOf(built, n),
      );

    expect(withUrl(base).sort()).toEqual(['dispatch-tick', 'score-stream']);
    expect(withUrl(hardened)).toHaveLength(10);
    expect(envOf(hardened, 'twilio-webhook').PUBLIC_BASE_URL).toBe('https://surveys.example.com');
  });

  it('passes the deploy parameters the config parser requires to every function', () => {
    for (const name of Object.keys(base.stateless.functions) as FunctionName[]) {
      expect(envOf(base, name)).toMatchObject({
        SMS_PROVIDER: 'twilio',
        TWILIO_FROM: '+12015550100',
        SES_FROM: 'surveys@example.com',
        REPORTING_TIME_ZONE: 'UTC',
        POWERTOOLS_SERVICE_NAME: 'touchpoint',
        LOG_LEVEL: 'INFO',
      });
    }
    expect(envOf(hardened, 'dispatch-tick').SMS_PROVIDER).toBe('sns');
  });

  it('sends failed asynchronous invocations to a queue for the event-driven functions', () => {
    const configs = Object.values(resourcesOfType(base.statelessTemplate, 'AWS::Lambda::EventInvokeConfig'));
    const withQueue = (Object.keys(base.stateless.functions) as FunctionName[]).filter(
      (n) => fnOf(base, n).failureQueue,
    );

    expect(withQueue.sort()).toEqual(['dispatch-tick', 'eventbridge-ingest', 'ses-feedback']);
    expect(configs).toHaveLength(3);
    for (const config of configs) {
      expect(JSON.stringify(config.Properties.DestinationConfig)).toContain('FailureQueue');
    }
  });

  it('keeps one dispatch tick at a time and never retries a tick', () => {
    const tick = functionResource(base, 'dispatch-tick').Properties;

    expect(tick.ReservedConcurrentExecutions).toBe(1);
    base.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [
        Match.objectLike({
          Arn: {
            'Fn::GetAtt': [logicalId(base.stateless, fnOf(base, 'dispatch-tick').fn), 'Arn'],
          },
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 },
        }),
      ],
    });
  });
});

describe('stateless stack: triggers', () => {
  it('feeds score-stream from the Responses and Surveys streams with the ordered, bounded settings', () => {
    const mappings = Object.values(
      resourcesOfType(base.statelessTemplate, 'AWS::Lambda::EventSourceMapping'),
    );
    const queueId = logicalId(base.stateless, base.stateless.streamFailureQueue);
    const ids = tableLogicalIds(base);

    expect(mappings).toHaveLength(2);
    const sources = mappings.map((m) => JSON.stringify(m.Properties.EventSourceArn));
    expect(sources.some((s) => s.includes(`${ids.Responses}StreamArn`))).toBe(true);
    expect(sources.some((s) => s.includes(`${ids.Surveys}StreamArn`))).toBe(true);
    for (const { Properties: p } of mappings) {
      expect(p).toMatchObject({
        BatchSize: STREAM_SETTINGS.batchSize,
        MaximumBatchingWindowInSeconds: 1,
        ParallelizationFactor: 1,
        MaximumRetryAttempts: 10,
        MaximumRecordAgeInSeconds: STREAM_SETTINGS.maxRecordAge.toSeconds(),
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
      });
    }
  });

  it('filters stream records to INSERT and MODIFY so TTL removals never reach the scores', () => {
    for (const m of Object.values(
      resourcesOfType(base.statelessTemplate, 'AWS::Lambda::EventSourceMapping'),
    )) {
      const filters = (m.Properties.FilterCriteria as { Filters: Array<{ Pattern: string }> }).Filters;
      const patterns = filters.map((f) => JSON.parse(f.Pattern) as { eventName: string[] });

      expect(patterns).toEqual([{ eventName: ['INSERT', 'MODIFY'] }]);
    }
  });

  it('routes touchpoint.events or touchpoint.* detail types from the bus to eventbridge-ingest', () => {
    const fnId = logicalId(base.stateless, fnOf(base, 'eventbridge-ingest').fn);

    base.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: BUS_EVENT_PATTERN,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId, 'Arn'] } })],
    });
    expect(BUS_EVENT_PATTERN.$or).toContainEqual({ 'detail-type': [{ prefix: 'touchpoint.' }] });
  });

  it('subscribes ses-feedback to the SES feedback topic', () => {
    const fnId = logicalId(base.stateless, fnOf(base, 'ses-feedback').fn);
    const topicId = logicalId(base.stateful, base.stateful.sesFeedbackTopic);
    const subscriptions = Object.values(resourcesOfType(base.statelessTemplate, 'AWS::SNS::Subscription'));
    const [subscription] = subscriptions;

    expect(subscriptions).toHaveLength(1);

    expect(subscription?.Properties.Protocol).toBe('lambda');
    expect(subscription?.Properties.Endpoint).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(JSON.stringify(subscription?.Properties.TopicArn)).toContain(topicId);
  });
});

describe('stateless stack: HTTP API', () => {
  function routeTable(built: BuiltApp) {
    const fnByLogicalId = new Map(
      (Object.keys(built.stateless.functions) as FunctionName[]).map((n) => [
        logicalId(built.stateless, fnOf(built, n).fn),
        n,
      ]),
    );
    const integrations = resourcesOfType(built.statelessTemplate, 'AWS::ApiGatewayV2::Integration');
    return Object.values(resourcesOfType(built.statelessTemplate, 'AWS::ApiGatewayV2::Route')).map(
      (route) => {
        const integrationId = /"Ref":"([^"]+)"/.exec(JSON.stringify(route.Properties.Target))?.[1] ?? '';
        const uri = integrations[integrationId]?.Properties.IntegrationUri as {
          'Fn::GetAtt': [string, string];
        };
        return {
          key: route.Properties.RouteKey as string,
          fn: fnByLogicalId.get(uri['Fn::GetAtt'][0]),
          auth: route.Properties.AuthorizationType as string,
        };
      },
    );
  }

  it('has one route per HTTP_ROUTES entry, served by the function the entry names', () => {
    const routes = routeTable(base);

    expect(routes.map(({ key, fn }) => ({ key, fn })).sort((a, b) => a.key.localeCompare(b.key))).toEqual(
      deployedRoutes()
        .map((r) => ({ key: `${r.method} ${r.path}`, fn: r.fn }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(routes).toHaveLength(HTTP_ROUTES.length);
  });

  it('never deploys the local /dev routes', () => {
    const withDev = [
      ...HTTP_ROUTES,
      { method: 'POST' as const, path: '/dev/clock', fn: 'admin-api' as const, auth: 'none' as const },
    ];

    expect(deployedRoutes(withDev)).toEqual(deployedRoutes(HTTP_ROUTES));
    expect(routeTable(base).filter((r) => r.key.includes(' /dev'))).toEqual([]);
  });

  it('uses Lambda proxy payload format 2.0', () => {
    for (const integration of Object.values(
      resourcesOfType(base.statelessTemplate, 'AWS::ApiGatewayV2::Integration'),
    )) {
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
    }
  });

  const adminKeys = new Set(
    HTTP_ROUTES.filter((r) => r.auth === 'admin').map((r) => `${r.method} ${r.path}`),
  );

  it('by default puts a Cognito JWT authorizer (the stack pool, the dashboard client) on admin routes only', () => {
    const poolRef = JSON.stringify(base.stateless.resolve(base.stateful.admins.userPool.userPoolId));
    const clientRef = JSON.stringify(base.stateless.resolve(base.stateful.admins.client.userPoolClientId));
    const authorizers = Object.values(
      resourcesOfType(base.statelessTemplate, 'AWS::ApiGatewayV2::Authorizer'),
    );

    expect(authorizers).toHaveLength(1);
    const [authorizer] = authorizers;
    expect(authorizer?.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
    });
    const jwt = authorizer?.Properties.JwtConfiguration as { Issuer: unknown; Audience: unknown[] };
    expect(JSON.stringify(jwt.Issuer)).toContain('https://cognito-idp.');
    expect(JSON.stringify(jwt.Issuer)).toContain(poolRef.slice(1, -1));
    expect(jwt.Audience).toHaveLength(1);
    expect(JSON.stringify(jwt.Audience)).toBe(`[${clientRef}]`);
    for (const route of routeTable(base)) {
      expect({ key: route.key, auth: route.auth }).toEqual({
        key: route.key,
        auth: adminKeys.has(route.key) ? 'JWT' : 'NONE',
      });
    }
  });

  it('uses the external OIDC issuer and audiences with -c adminAuth=jwt', () => {
    hardened.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    hardened.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://login.example.com/', Audience: ['touchpoint-dashboard'] },
    });
    for (const route of routeTable(hardened)) {
      expect({ key: route.key, auth: route.auth }).toEqual({
        key: route.key,
        auth: adminKeys.has(route.key) ? 'JWT' : 'NONE',
      });
    }
  });

  it('has no gateway authorizer with -c adminAuth=token (the handler checks the bearer token)', () => {
    trial.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
    expect(new Set(routeTable(trial).map((r) => r.auth))).toEqual(new Set(['NONE']));
  });

  it('tells only the admin function the auth mode, and the app client id in cognito mode', () => {
    const clientRef = base.stateless.resolve(base.stateful.admins.client.userPoolClientId);
    for (const [built, mode] of [
      [base, 'cognito'],
      [hardened, 'jwt'],
      [trial, 'token'],
    ] as const) {
      for (const name of Object.keys(built.stateless.functions) as FunctionName[]) {
        const env = envOf(built, name);
        const expected =
          name !== 'admin-api'
            ? {}
            : {
                ADMIN_AUTH_MODE: mode,
                ...(mode === 'cognito' && { ADMIN_USER_POOL_CLIENT_ID: clientRef }),
              };
        const actual = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('ADMIN_')));
        expect({ mode, name, actual }).toEqual({ mode, name, actual: expected });
      }
      built.statelessTemplate.hasOutput('AdminAuthMode', { Value: mode });
    }
  });

  it('throttles the default stage and writes JSON access logs without request paths', () => {
    const [stage] = Object.values(resourcesOfType(base.statelessTemplate, 'AWS::ApiGatewayV2::Stage'));
    const logs = stage?.Properties.AccessLogSettings as { Format: string; DestinationArn: unknown };

    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    expect(JSON.parse(logs.Format)).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      authorizerError: '$context.authorizer.error',
      caller: '$context.authorizer.claims.sub',
    });
    expect(logs.Format).not.toContain('$context.path');
  });
});

describe('stateless stack: alarms, dashboard, outputs', () => {
  it('alarms on errors of every function, stream lag, queue depth, provider failures and backlog', () => {
    const alarms = Object.values(resourcesOfType(base.statelessTemplate, 'AWS::CloudWatch::Alarm'));
    const byMetric = (name: string) =>
      alarms.filter((a) => JSON.stringify(a.Properties).includes(`"${name}"`));

    expect(byMetric('Errors')).toHaveLength(9);
    expect(byMetric('IteratorAge')).toHaveLength(1);
    expect(byMetric('ApproximateNumberOfMessagesVisible')).toHaveLength(4);
    const provider = byMetric(CUSTOM_METRICS.ProviderFailures)[0];
    expect(JSON.stringify(provider?.Properties.Metrics)).toContain(CUSTOM_METRICS.ProviderSends);
    expect(JSON.stringify(provider?.Properties.Metrics)).toContain(`"Namespace":"${METRIC_NAMESPACE}"`);
    expect(byMetric(CUSTOM_METRICS.DispatchBacklog).length).toBeGreaterThanOrEqual(1);
    expect(byMetric(CUSTOM_METRICS.DispatchParked)).toHaveLength(1);
  });

  it('alarms on the first refused inbound signature (Twilio or webhook) within 15 minutes', () => {
    base.statelessTemplate.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: METRIC_NAMESPACE,
      MetricName: CUSTOM_METRICS.SignatureRejected,
      Statistic: 'Sum',
      Period: 900,
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: Match.anyValue(),
    });
  });

  it('sends every alarm to the alert topic', () => {
    const topicId = logicalId(base.stateful, base.stateful.alertTopic);
    const alarms = Object.values(resourcesOfType(base.statelessTemplate, 'AWS::CloudWatch::Alarm'));

    expect(alarms.length).toBeGreaterThan(10);
    for (const alarm of alarms) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(topicId);
    }
  });

  it('has a CloudWatch dashboard', () => {
    base.statelessTemplate.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('outputs every webhook and Twilio URL, the dashboard URL and the alert topic ARN', () => {
    const outputs = base.statelessTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    const expectedPaths = {
      WebhooksShopifyUrl: 'webhooks/shopify',
      WebhooksZendeskUrl: 'webhooks/zendesk',
      WebhooksAftershipUrl: 'webhooks/aftership',
      WebhooksEventsUrl: 'webhooks/events',
      TwilioSmsUrl: 'twilio/sms',
      TwilioStatusUrl: 'twilio/status',
      TwilioVoiceUrl: 'twilio/voice',
    };

    for (const [id, path] of Object.entries(expectedPaths)) {
      const value = JSON.stringify(outputs[id]?.Value);
      expect({ id, endsWith: value.endsWith(`${path}"]]}`) }).toEqual({ id, endsWith: true });
    }
    expect(outputs.DashboardUrl).toBeDefined();
    base.statefulTemplate.hasOutput('AlertTopicArn', {
      Value: { Ref: logicalId(base.stateful, base.stateful.alertTopic) },
    });
    hardened.statelessTemplate.hasOutput('WebhooksShopifyUrl', {
      Value: 'https://surveys.example.com/webhooks/shopify',
    });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged finding for the default, the hardened or the token deployment', () => {
    for (const built of [base, hardened, trial]) {
      const report = new AwsSolutionsChecks().validateScope(built.app);

      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
      expect(() => built.app.synth()).not.toThrow();
    }
  });

  it('gives every acknowledgement a substantive reason', () => {
    const acks = [base, hardened, trial].flatMap((b) => acknowledgements(b.app));

    expect(acks.length).toBeGreaterThan(10);
    for (const ack of acks) {
      expect({ id: ack.id, path: ack.path, long: ack.reason.length >= 60 }).toEqual({
        id: ack.id,
        path: ack.path,
        long: true,
      });
    }
  });

  it('does flag an unhardened resource (the checks are live)', () => {
    const app = new App();
    new Queue(new Stack(app, 'Control'), 'PlainQueue');

    const rules = new AwsSolutionsChecks().validateScope(app).violations.map((v) => v.ruleName);

    expect(rules).toContain('AwsSolutions-SQS4');
  });
});
