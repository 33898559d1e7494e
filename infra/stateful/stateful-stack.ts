import { CfnOutput, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { SECRET_KEYS } from '../../shared/config.ts';
import { TABLES, type TableDefinition } from '../../shared/infra/tables.ts';
import type { DeployConfig } from '../config.ts';
import { AdminUserPool } from './admin-user-pool.ts';

/** A deployed table together with the definition it was built from (keys, env var name). */
export interface AppTable {
  readonly definition: TableDefinition;
  readonly table: TableV2;
}

export type AppTables = Readonly<Record<TableDefinition['id'], AppTable>>;

export interface StatefulStackProps extends StackProps {
  readonly config: DeployConfig;
}

/**
 * The bus is named after the stack, which is unique in its account and region: `touchpoint` for
 * `Touchpoint-Stateful`, `touchpoint-prod` for `-c stage=prod`, `prod-touchpoint` for the stack of
 * a CDK Stage named Prod. A fixed name made two copies without `-c stage` collide.
 */
export function busNameOf(stackName: string): string {
  return stackName
    .replace(/-Stateful$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-');
}

/** The secret key generated at deploy time; every other key is filled in by the operator. */
const GENERATED_SECRET_KEY = 'LINK_SIGNING_KEY';

function attribute(key: { name: string; type: 'S' | 'N' }) {
  return { name: key.name, type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER };
}

/** Maps a shared table definition to TableV2 props, so keys and indexes are never restated. */
export function tablePropsFrom(def: TableDefinition) {
  const globalSecondaryIndexes: GlobalSecondaryIndexPropsV2[] = def.globalIndexes.map((gsi) => ({
    indexName: gsi.name,
    partitionKey: attribute(gsi.partitionKey),
    ...(gsi.sortKey && { sortKey: attribute(gsi.sortKey) }),
    projectionType: gsi.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
  }));
  return {
    partitionKey: attribute(def.partitionKey),
    ...(def.sortKey && { sortKey: attribute(def.sortKey) }),
    globalSecondaryIndexes,
    ...(def.stream && {
      dynamoStream:
        def.stream === 'NEW_AND_OLD_IMAGES' ? StreamViewType.NEW_AND_OLD_IMAGES : StreamViewType.NEW_IMAGE,
    }),
    ...(def.ttlAttribute && { timeToLiveAttribute: def.ttlAttribute }),
  };
}

/**
 * Everything that holds data or identity and must outlive a redeploy of the code: the tables,
 * the secret, the admin user pool, the topics, the SES configuration set and the event bus.
 * Retained on delete.
 */
export class StatefulStack extends Stack {
  readonly tables: AppTables;
  readonly secret: Secret;
  readonly alertTopic: Topic;
  readonly sesFeedbackTopic: Topic;
  /** Two-way SMS of AWS End User Messaging publishes inbound texts here (only with -c smsProvider=sns). */
  readonly inboundSmsTopic: Topic | undefined;
  readonly configurationSet: ConfigurationSet;
  readonly eventBus: IEventBus;
  /** The admins of the dashboard and admin API (used with `-c adminAuth=cognito`, the default). */
  readonly admins: AdminUserPool;
  /** The customer-managed key from `-c kmsKeyArn`, when given; else AWS-managed keys are used. */
  readonly encryptionKey: IKey | undefined;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.encryptionKey = config.kmsKeyArn ? Key.fromKeyArn(this, 'DataKey', config.kmsKeyArn) : undefined;

    const tables: Partial<Record<TableDefinition['id'], AppTable>> = {};
    for (const definition of TABLES) {
      const table = new TableV2(this, `${definition.id}Table`, {
        ...tablePropsFrom(definition),
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        encryption: this.encryptionKey
          ? TableEncryptionV2.customerManagedKey(this.encryptionKey)
          : TableEncryptionV2.awsManagedKey(),
      });
      tables[definition.id] = { definition, table };
    }
    this.tables = tables as AppTables;

    this.secret = new Secret(this, 'Secret', {
      description:
        'Touchpoint provider credentials and signing keys (JSON). Fill every empty value; see docs/deploy.md.',
      encryptionKey: this.encryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(
          Object.fromEntries(SECRET_KEYS.filter((k) => k !== GENERATED_SECRET_KEY).map((k) => [k, ''])),
        ),
        generateStringKey: GENERATED_SECRET_KEY,
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The values are third-party credentials (Twilio, Shopify, Zendesk, AfterShip) that can only be rotated in ' +
        "those providers' consoles; the handlers accept a *_PREVIOUS value during a manual rotation (docs/deploy.md).",
    });

    this.alertTopic = new Topic(this, 'AlertTopic', {
      displayName: 'Touchpoint alerts',
      enforceSSL: true,
      masterKey: this.encryptionKey,
    });
    // CloudWatch alarms publish as a service principal; the enforceSSL policy replaces the default one.
    this.alertTopic.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alertTopic.topicArn],
        conditions: { StringEquals: { 'AWS:SourceAccount': this.account } },
      }),
    );
    if (config.alertEmail) this.alertTopic.addSubscription(new EmailSubscription(config.alertEmail));

    this.sesFeedbackTopic = new Topic(this, 'SesFeedbackTopic', {
      displayName: 'Touchpoint SES delivery feedback',
      enforceSSL: true,
      masterKey: this.encryptionKey,
    });
    if (config.smsProvider === 'sns') {
      this.inboundSmsTopic = new Topic(this, 'InboundSmsTopic', {
        displayName: 'Touchpoint inbound SMS (two-way End User Messaging SMS)',
        enforceSSL: true,
        masterKey: this.encryptionKey,
      });
      // End User Messaging SMS publishes a number's inbound texts as the service principal.
      this.inboundSmsTopic.addToResourcePolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [this.inboundSmsTopic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
      new CfnOutput(this, 'InboundSmsTopicArn', {
        value: this.inboundSmsTopic.topicArn,
        description: 'Two-way channel of the SNS origination number (docs/deploy.md, section 9)',
      });
    }
    if (!this.encryptionKey) {
      for (const topic of [
        this.alertTopic,
        this.sesFeedbackTopic,
        ...(this.inboundSmsTopic ? [this.inboundSmsTopic] : []),
      ]) {
        Validations.of(topic).acknowledge({
          id: 'AwsSolutions-SNS2',
          reason:
            'CloudWatch alarms and SES event publishing cannot use the AWS-managed aws/sns key (its key policy ' +
            'admits no service principals). Pass -c kmsKeyArn=<CMK allowing cloudwatch/ses> to encrypt at rest; ' +
            'TLS in transit is enforced (SNS3).',
        });
      }
    }

    // Lives here, beside its topic: the event destination adds a statement to the topic policy,
    // which from the stateless stack would be a reference from stateful to stateless (a cycle).
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.OPTIONAL,
    });
    this.configurationSet.addEventDestination('FeedbackToSns', {
      destination: EventDestination.snsTopic(this.sesFeedbackTopic),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.SUBSCRIPTION,
      ],
    });

    // Created in every auth mode, so switching -c adminAuth never touches this stack; without
    // users it costs nothing.
    this.admins = new AdminUserPool(this, 'Admins');

    this.eventBus = config.existingEventBusName
      ? EventBus.fromEventBusName(this, 'EventBus', config.existingEventBusName)
      : new EventBus(this, 'EventBus', {
          eventBusName: busNameOf(this.stackName),
          description: 'Touchpoint business events (source touchpoint.events, detail-type touchpoint.*)',
        });

    new CfnOutput(this, 'AlertTopicArn', {
      value: this.alertTopic.topicArn,
      description: 'Subscribe people or chat integrations here; alarms and detractor alerts go to it',
    });
    new CfnOutput(this, 'SecretArn', {
      value: this.secret.secretArn,
      description: 'Fill with aws secretsmanager put-secret-value (docs/deploy.md)',
    });
    new CfnOutput(this, 'AdminUserPoolId', {
      value: this.admins.userPool.userPoolId,
      description: 'Cognito user pool of the admins (aws cognito-idp admin-create-user --user-pool-id ...)',
    });
    new CfnOutput(this, 'AdminUserPoolClientId', {
      value: this.admins.client.userPoolClientId,
      description: 'App client (no secret) the dashboard and the CLI sign in with',
    });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'SesConfigurationSetName', { value: this.configurationSet.configurationSetName });
    for (const { definition, table } of Object.values(this.tables)) {
      new CfnOutput(this, `${definition.id}TableName`, { value: table.tableName });
    }
  }
}
