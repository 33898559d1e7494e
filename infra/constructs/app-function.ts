import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableUse } from '../../shared/infra/access.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import type { AppTable } from '../stateful/stateful-stack.ts';

/** The one Lambda runtime for every function (nodejs20.x is deprecated; 24 is the current LTS). */
export const LAMBDA_RUNTIME = Runtime.NODEJS_24_X;

/** What Lambda's event source mapping calls with the consumer's role to read a stream. */
export const STREAM_READ_ACTIONS = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
];

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** esbuild emits ESM; bundled CommonJS dependencies (twilio) still call `require`. */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __touchpointCreateRequire } from 'node:module'; " +
  'const require = __touchpointCreateRequire(import.meta.url);';

export interface AppFunctionProps {
  /** The entry is `functions/<name>.ts`, exporting `handler`. */
  readonly name: FunctionName;
  readonly description: string;
  /** Non-secret configuration shared by all functions (service name, senders, time zone...). */
  readonly environment: Readonly<Record<string, string>>;
  /** The Touchpoint secret, for functions that read it; its ARN, never its values, goes in the env. */
  readonly secret?: ISecret;
  readonly logRetention: RetentionDays;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** @default none (unreserved) */
  readonly reservedConcurrentExecutions?: number;
  /**
   * For functions invoked asynchronously (EventBridge, SNS): Lambda's own retries, and an SQS
   * queue that receives the event plus the error once they are exhausted.
   * @default none: the trigger (HTTP API, stream mapping) owns retries and failures
   */
  readonly async?: { readonly retryAttempts: 0 | 1 | 2; readonly maxEventAge: Duration };
  /** A folder (relative to the repository) copied next to the bundle, e.g. the dashboard's files. */
  readonly staticAssets?: string;
  /** Customer-managed key for the failure queue, when the deployment uses one. */
  readonly encryptionKey?: IKey;
}

/**
 * A Touchpoint Lambda with the house defaults: local esbuild bundling to ESM with source maps,
 * arm64, current Node runtime, its own log group with retention, X-Ray, a role of its own with
 * only what `bind*` grants. `bindTable` grants and configures in one call, so the permissions a
 * function has and the tables it is told about cannot drift apart.
 */
export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** Failure destination for asynchronous invocations, when `async` was given. */
  readonly failureQueue: Queue | undefined;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // A role of our own instead of AWSLambdaBasicExecutionRole: it may write only to its log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Touchpoint ${props.name}`,
    });
    this.logGroup.grantWrite(this.role);

    if (props.async) {
      this.failureQueue = new Queue(this, 'FailureQueue', {
        encryption: props.encryptionKey ? QueueEncryption.KMS : QueueEncryption.SQS_MANAGED,
        encryptionMasterKey: props.encryptionKey,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(this.failureQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the failure destination of the function; it is alarmed on depth.',
      });
    }

    this.fn = new NodejsFunction(this, 'Function', {
      entry: `${REPO_ROOT}functions/${props.name}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      description: props.description,
      runtime: LAMBDA_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      // Text, not JSON: the handlers print CloudWatch EMF lines with console.log, and the JSON
      // log format would wrap them in a `message` field where CloudWatch no longer sees metrics.
      loggingFormat: LoggingFormat.TEXT,
      environment: {
        ...props.environment,
        ...(props.secret && { TOUCHPOINT_SECRET_ARN: props.secret.secretArn }),
      },
      ...(props.async && {
        retryAttempts: props.async.retryAttempts,
        maxEventAge: props.async.maxEventAge,
        onFailure: this.failureQueue && new SqsDestination(this.failureQueue),
      }),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        // No source maps in the bundle: with NODE_OPTIONS=--enable-source-maps they doubled each
        // zip and made the first logged error cost ~0.5 s (bench/report.md, "Bundles"). Errors
        // carry their own messages; stack frames name the minified bundle.
        sourceMap: false,
        // Pin the SDK we test against instead of whatever the runtime image carries.
        bundleAwsSDK: true,
        forceDockerBundling: false,
        ...(props.staticAssets && {
          commandHooks: {
            beforeBundling: () => [],
            beforeInstall: () => [],
            afterBundling: (inputDir: string, outputDir: string) => [
              `mkdir -p "${outputDir}/${props.staticAssets}" && cp -R "${inputDir}/${props.staticAssets}/." "${outputDir}/${props.staticAssets}/"`,
            ],
          },
        }),
        logLevel: LogLevel.WARNING,
      },
    });
    if (props.secret) {
      // GetSecretValue only (grantRead adds DescribeSecret, which no function calls).
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.secret.secretArn],
        }),
      );
      props.secret.encryptionKey?.grantDecrypt(this.role);
    }
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Actions without resource-level permissions only: X-Ray PutTraceSegments/PutTelemetryRecords and, for ' +
        'stream consumers, dynamodb:ListStreams (the infra tests assert that nothing else is granted on "*").',
    });
    if (props.encryptionKey) {
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `CDK's KMS grants for SQS/SNS/DynamoDB envelope encryption; limited to the one key from -c kmsKeyArn.`,
        });
      }
    }
  }

  /**
   * Grants exactly the actions `use` lists on `table` and on each named index (index ARNs one by
   * one, never `index/*`), and sets the env var its definition names.
   */
  bindTable(appTable: AppTable, use: TableUse): this {
    const { definition, table } = appTable;
    if (use.actions.length > 0)
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: use.actions.map((a) => `dynamodb:${a}`),
          resources: [table.tableArn],
        }),
      );
    for (const [index, actions] of Object.entries(use.indexes ?? {})) {
      if (!definition.globalIndexes.some((gsi) => gsi.name === index))
        throw new Error(`${definition.id} has no index ${index}`);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: actions.map((a) => `dynamodb:${a}`),
          resources: [`${table.tableArn}/index/${index}`],
        }),
      );
    }
    const writes = use.actions.some((a) => !['GetItem', 'BatchGetItem', 'Query', 'Scan'].includes(a));
    if (writes) table.encryptionKey?.grantEncryptDecrypt(this.role);
    else table.encryptionKey?.grantDecrypt(this.role);
    this.fn.addEnvironment(definition.envVar, table.tableName);
    return this;
  }

  /** Lets the function's event source mapping read `table`'s stream (Lambda reads it with this role). */
  bindStream(appTable: AppTable): this {
    const { definition, table } = appTable;
    if (!table.tableStreamArn) throw new Error(`${definition.id} has no stream to bind`);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: STREAM_READ_ACTIONS, resources: [table.tableStreamArn] }),
    );
    // ListStreams has no resource-level permissions; the event source mapping calls it.
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }),
    );
    table.encryptionKey?.grantDecrypt(this.role);
    return this;
  }

  /** Grants publishing to the alert topic and tells the function where it is. */
  bindAlertTopic(topic: ITopic): this {
    topic.grantPublish(this.role);
    this.fn.addEnvironment('ALERT_TOPIC_ARN', topic.topicArn);
    return this;
  }

  /** Adds a statement to the function's role (used for SES and SNS SMS sending). */
  addToRolePolicy(statement: PolicyStatement): this {
    this.role.addToPrincipalPolicy(statement);
    return this;
  }
}
