import {
  Aws,
  CfnOutput,
  CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { type CfnRule, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import type { TouchpointConfig } from '../../shared/domain/touchpoints.ts';
import { functionAccess, type TableId, type TableUse } from '../../shared/infra/access.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import type { DeployConfig } from '../config.ts';
import { AppFunction, type AppFunctionProps } from '../constructs/app-function.ts';
import type { StatefulStack } from '../stateful/stateful-stack.ts';
import { type AdminAuth, deployedRoutes, TouchpointHttpApi } from './http-api.ts';
import { Monitoring } from './monitoring.ts';

export interface StatelessStackProps extends StackProps {
  readonly config: DeployConfig;
  /** The survey rules bundled with the functions (some grants depend on them). */
  readonly touchpoints: TouchpointConfig;
  readonly stateful: StatefulStack;
}

/** Settings of the score-stream event source mappings (asserted by the infra tests). */
export const STREAM_SETTINGS = {
  batchSize: 100,
  maxBatchingWindow: Duration.seconds(1),
  // One batch per shard at a time: the aggregation ledger relies on per-shard order.
  parallelizationFactor: 1,
  retryAttempts: 10,
  maxRecordAge: Duration.hours(6),
  bisectBatchOnError: true,
  reportBatchItemFailures: true,
} as const;

/** EventBridge pattern for business events sent to the Touchpoint bus. */
export const BUS_EVENT_PATTERN = {
  $or: [{ source: ['touchpoint.events'] }, { 'detail-type': [{ prefix: 'touchpoint.' }] }],
};

const DASHBOARD_SIGN_IN: Record<DeployConfig['adminAuth'], string> = {
  cognito: 'Admin dashboard (sign in as a user of the AdminUserPoolId pool, with your authenticator app)',
  jwt: 'Admin dashboard (paste an access token from your OIDC provider)',
  token: 'Admin dashboard (sign in with TOUCHPOINT_ADMIN_TOKEN from the secret)',
};

function adminAuthOf(config: DeployConfig, stateful: StatefulStack): AdminAuth {
  switch (config.adminAuth) {
    case 'cognito':
      return {
        mode: 'cognito',
        userPool: stateful.admins.userPool,
        client: stateful.admins.client,
        region: stateful.region,
      };
    case 'jwt':
      // The config schema guarantees both in jwt mode.
      return { mode: 'jwt', issuer: config.jwtIssuer ?? '', audience: config.jwtAudience ?? [] };
    case 'token':
      return { mode: 'token' };
  }
}

function constructId(name: FunctionName): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
}

/** Output name for a webhook path: `/webhooks/shopify` -> `WebhooksShopifyUrl`. */
export function outputIdFor(path: string): string {
  return `${path
    .split('/')
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('')}Url`;
}

/**
 * Code and wiring, safe to destroy and redeploy: the functions, the HTTP API, triggers, alarms
 * and the dashboard. Reads the stateful stack's resources and grants each function only what
 * it uses.
 */
export class StatelessStack extends Stack {
  /**
   * The Trigger's provider function (aws-cdk-lib's own) would log to a group Lambda creates on
   * first use, kept forever and never removed: give it one with the stack's retention instead.
   */
  private giveTriggerProviderALogGroup(retention: RetentionDays): void {
    const provider = this.node
      .findAll()
      .find(
        (c): c is CfnResource =>
          CfnResource.isCfnResource(c) &&
          c.cfnResourceType === 'AWS::Lambda::Function' &&
          c.node.path.includes('TriggerCustomResourceProvider'),
      );
    if (!provider) throw new Error('the Trigger provider function was not found');
    const logs = new LogGroup(this, 'TriggerProviderLogs', {
      retention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    provider.addPropertyOverride('LoggingConfig', { LogGroup: logs.logGroupName, LogFormat: 'Text' });
  }

  /** Every function of this deployment (`sms-inbound` only with `-c smsProvider=sns`). */
  readonly functions: Readonly<Record<Exclude<FunctionName, 'sms-inbound'>, AppFunction>> & {
    readonly 'sms-inbound'?: AppFunction;
  };
  readonly httpApi: TouchpointHttpApi;
  readonly streamFailureQueue: Queue;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const { Responses, Surveys } = stateful.tables;

    const environment: Record<string, string> = {
      POWERTOOLS_SERVICE_NAME: 'touchpoint',
      LOG_LEVEL: config.logLevel,
      SMS_PROVIDER: config.smsProvider,
      TWILIO_FROM: config.twilioFrom,
      SES_FROM: config.sesFrom,
      SES_CONFIGURATION_SET: stateful.configurationSet.configurationSetName,
      REPORTING_TIME_ZONE: config.reportingTimeZone,
      // A custom domain is a literal, so every function may know it without a dependency cycle.
      ...(config.publicBaseUrl && { PUBLIC_BASE_URL: config.publicBaseUrl }),
    };
    const asyncEvents = { retryAttempts: 2, maxEventAge: Duration.hours(6) } as const;
    /** How each function runs; what it may call comes from FUNCTION_ACCESS (shared/infra/access.ts). */
    const settings: Record<
      FunctionName,
      Omit<AppFunctionProps, 'name' | 'environment' | 'secret' | 'logRetention'> | undefined
    > = {
      'ingest-webhook': {
        description: 'Shopify, Zendesk, AfterShip and generic signed webhooks -> survey scheduling',
      },
      'twilio-webhook': { description: 'Twilio inbound SMS, delivery/call status and IVR steps' },
      'email-link': { description: 'Signed survey answer and unsubscribe links' },
      'admin-api': {
        description:
          'Admin API (scores, responses, alerts, data-subject export/erase, test sends) and dashboard',
        // The dashboard's static files travel inside the bundle (served by GET / and GET /{asset}).
        // The built dashboard (infra/app.ts builds it at synth), served by GET / and GET /{asset}.
        staticAssets: 'dashboard/dist',
        timeout: Duration.seconds(29),
      },
      'dispatch-tick': {
        description: 'Every minute: send due surveys, retry pending alerts, report the backlog',
        memorySize: 1024,
        // Finishes before the next tick; one container at a time keeps the provider rate budget exact.
        timeout: Duration.seconds(55),
        ...(config.tickReservedConcurrency && { reservedConcurrentExecutions: 1 }),
        // A missed tick is covered by the next one; retrying it would only double the work.
        async: { retryAttempts: 0, maxEventAge: Duration.minutes(2) },
      },
      'score-stream': {
        description: 'Responses + Surveys streams -> score aggregates and action alerts',
        timeout: Duration.seconds(60),
      },
      'eventbridge-ingest': {
        description: 'Business events from the Touchpoint EventBridge bus -> survey scheduling',
        async: asyncEvents,
      },
      'ses-feedback': {
        description: 'SES bounces, complaints and deliveries -> email suppression and survey status',
        async: asyncEvents,
      },
      // Customer state of versions before the Customers table moves over inside the deploy that
      // brings this version, after the new code is in place (which writes only to Customers), so an
      // earlier opt-out is missed for minutes at most. Once it has finished it only reads a marker.
      'migrate-customers': {
        description: 'At deploy: moves customer state of versions before the Customers table, once',
        timeout: Duration.minutes(15),
      },
      // Two-way SMS of End User Messaging arrives on the inbound topic: only with SNS as SMS provider.
      'sms-inbound':
        config.smsProvider === 'sns'
          ? {
              description:
                'Replies, STOP and HELP texted to the SNS origination number -> SMS reply use case',
              async: asyncEvents,
            }
          : undefined,
    };
    const accessOf = functionAccess();
    const made: Partial<Record<FunctionName, AppFunction>> = {};
    for (const [name, props] of Object.entries(settings) as Array<
      [FunctionName, (typeof settings)[FunctionName]]
    >) {
      if (!props) continue;
      const access = accessOf[name];
      const fn = new AppFunction(this, constructId(name), {
        name,
        environment,
        ...(access.secret && { secret: stateful.secret }),
        logRetention: config.logRetentionDays,
        encryptionKey: stateful.encryptionKey,
        ...props,
      });
      for (const [table, use] of Object.entries(access.tables) as Array<[TableId, TableUse]>)
        fn.bindTable(stateful.tables[table], use);
      for (const table of access.streams ?? []) fn.bindStream(stateful.tables[table]);
      if (access.alerts) fn.bindAlertTopic(stateful.alertTopic);
      made[name] = fn;
    }
    const fn = (name: FunctionName): AppFunction => {
      const found = made[name];
      if (!found) throw new Error(`${name} is not part of this deployment`);
      return found;
    };
    const migrateCustomers = fn('migrate-customers');
    const adminApi = fn('admin-api');
    const dispatchTick = fn('dispatch-tick');
    const scoreStream = fn('score-stream');
    const eventbridgeIngest = fn('eventbridge-ingest');
    const sesFeedback = fn('ses-feedback');
    this.functions = made as StatelessStack['functions'];
    new Trigger(this, 'MigrateCustomersOnDeploy', {
      handler: migrateCustomers.fn,
      timeout: Duration.minutes(15),
      executeAfter: Object.values(this.functions).filter((f) => f !== migrateCustomers),
    });
    this.giveTriggerProviderALogGroup(config.logRetentionDays);

    // --- HTTP API -------------------------------------------------------------------------
    this.httpApi = new TouchpointHttpApi(this, 'Http', {
      functions: {
        'ingest-webhook': fn('ingest-webhook').fn,
        'twilio-webhook': fn('twilio-webhook').fn,
        'email-link': fn('email-link').fn,
        'admin-api': adminApi.fn,
      },
      adminAuth: adminAuthOf(config, stateful),
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      logRetention: config.logRetentionDays,
    });
    // The admin function trusts the authorizer's claims in the gateway modes; the dashboard learns
    // the mode (and, for Cognito, where to sign in) from its public GET /config.json.
    adminApi.fn.addEnvironment('ADMIN_AUTH_MODE', config.adminAuth);
    if (config.adminAuth === 'cognito') {
      adminApi.fn.addEnvironment('ADMIN_USER_POOL_CLIENT_ID', stateful.admins.client.userPoolClientId);
    }
    // HTTP functions derive their base URL from the request; only the tick and the score stream
    // (alert links), which are not API integrations, get it from the API (an integration reading
    // it would be a cycle).
    if (!config.publicBaseUrl)
      for (const f of [dispatchTick, scoreStream])
        f.fn.addEnvironment('PUBLIC_BASE_URL', this.httpApi.stage.url);

    // --- Dispatch tick ----------------------------------------------------------------------
    new Rule(this, 'DispatchSchedule', {
      description: 'Touchpoint dispatch tick',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new LambdaFunction(dispatchTick.fn, { retryAttempts: 0, maxEventAge: Duration.minutes(1) })],
    });

    // Sending: SES from the configured sender through the configuration set only.
    const sesFrom = config.sesFrom;
    const sesDomain = sesFrom.slice(sesFrom.indexOf('@') + 1);
    const sendEmail = new PolicyStatement({
      actions: ['ses:SendEmail'],
      resources: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sesFrom }),
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sesDomain }),
        this.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: stateful.configurationSet.configurationSetName,
        }),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': sesFrom } },
    });
    for (const [name, f] of Object.entries(made) as Array<[FunctionName, AppFunction]>) {
      const access = accessOf[name];
      if (access.email) f.addToRolePolicy(sendEmail);
      if (access.sms && config.smsProvider === 'sns') {
        f.addToRolePolicy(
          new PolicyStatement({
            actions: ['sns:Publish', 'sns:CheckIfPhoneNumberIsOptedOut'],
            resources: ['*'],
          }),
        );
        f.fn.addEnvironment('SNS_ORIGINATION_NUMBER', config.snsOriginationNumber ?? '');
        Validations.of(f.role.node.tryFindChild('DefaultPolicy') ?? f.role).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason:
            'SMS through Amazon SNS publishes to a phone number, which has no ARN: IAM only accepts "*" for ' +
            'sns:Publish with PhoneNumber and for the opt-out check. Only when -c smsProvider=sns; topics are reached through grants.',
        });
      }
    }

    // --- Score stream -----------------------------------------------------------------------
    this.streamFailureQueue = new Queue(this, 'ScoreStreamFailures', {
      encryption: stateful.encryptionKey ? QueueEncryption.KMS : QueueEncryption.SQS_MANAGED,
      encryptionMasterKey: stateful.encryptionKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.streamFailureQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the on-failure destination of the stream mappings (records metadata for replay); ' +
        'it is alarmed on depth.',
    });
    for (const appTable of [Responses, Surveys]) {
      scoreStream.fn.addEventSource(
        new DynamoEventSource(appTable.table, {
          startingPosition: StartingPosition.TRIM_HORIZON,
          ...STREAM_SETTINGS,
          onFailure: new SqsDlq(this.streamFailureQueue),
          // TTL expiry shows up as REMOVE; historical scores must not change when raw data ages out.
          filters: [FilterCriteria.filter({ eventName: FilterRule.or('INSERT', 'MODIFY') })],
        }),
      );
    }

    // --- Business events bus ----------------------------------------------------------------
    const busRule = new Rule(this, 'BusEvents', {
      description: 'Touchpoint business events -> eventbridge-ingest',
      eventBus: stateful.eventBus,
      eventPattern: { source: ['touchpoint.events'] },
      targets: [
        new LambdaFunction(eventbridgeIngest.fn, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(6),
          ...(eventbridgeIngest.failureQueue && { deadLetterQueue: eventbridgeIngest.failureQueue }),
        }),
      ],
    });
    // `source` OR `detail-type` prefix needs `$or`, which the L2 pattern type cannot express.
    (busRule.node.defaultChild as CfnRule).addPropertyOverride('EventPattern', BUS_EVENT_PATTERN);

    // --- SES feedback, inbound SMS --------------------------------------------------------------
    stateful.sesFeedbackTopic.addSubscription(new LambdaSubscription(sesFeedback.fn));
    if (made['sms-inbound'] && stateful.inboundSmsTopic)
      stateful.inboundSmsTopic.addSubscription(new LambdaSubscription(made['sms-inbound'].fn));

    // --- Monitoring -------------------------------------------------------------------------
    const all = Object.values(this.functions);
    this.monitoring = new Monitoring(this, 'Monitoring', {
      alertTopic: stateful.alertTopic,
      functions: all,
      streamConsumer: scoreStream,
      failureQueues: [
        { name: 'ScoreStreamFailures', queue: this.streamFailureQueue },
        ...all.flatMap((f) =>
          f.failureQueue ? [{ name: `${f.node.id}Failures`, queue: f.failureQueue }] : [],
        ),
      ],
      api: this.httpApi.api,
      ...(config.stage && { dashboardName: `touchpoint-${config.stage}` }),
    });

    // --- Outputs: what to paste into provider consoles ---------------------------------------
    const base = config.publicBaseUrl ? config.publicBaseUrl.replace(/\/?$/, '/') : this.httpApi.stage.url;
    new CfnOutput(this, 'ApiUrl', { value: base, description: 'Base URL of the Touchpoint HTTP API' });
    new CfnOutput(this, 'DashboardUrl', { value: base, description: DASHBOARD_SIGN_IN[config.adminAuth] });
    new CfnOutput(this, 'AdminAuthMode', {
      value: config.adminAuth,
      description:
        'How admin routes authenticate: cognito (AdminUserPoolId), jwt (your OIDC provider) or token',
    });
    const pasted = new Set<string>();
    for (const route of deployedRoutes()) {
      if (!/^\/(webhooks|twilio)\//.test(route.path) || pasted.has(route.path)) continue;
      pasted.add(route.path);
      new CfnOutput(this, outputIdFor(route.path), {
        value: `${base}${route.path.slice(1)}`,
        description: `${route.method} ${route.path} (${route.fn})`,
      });
    }
    new CfnOutput(this, 'CloudWatchDashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.monitoring.dashboard.dashboardName}`,
    });
    new CfnOutput(this, 'ScoreStreamFailureQueueUrl', { value: this.streamFailureQueue.queueUrl });
  }
}
