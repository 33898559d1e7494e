import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SesEmail, SnsAlerts, SnsSms } from '../adapters/channels/aws.ts';
import { createTwilioClient, TwilioSms, TwilioVoice } from '../adapters/channels/twilio.ts';
import { systemClock } from '../adapters/clock.ts';
import { AggregateStore } from '../adapters/dynamo/aggregate-store.ts';
import { documentClientOf } from '../adapters/dynamo/client.ts';
import { EventStore } from '../adapters/dynamo/event-store.ts';
import { ResponseStore } from '../adapters/dynamo/response-store.ts';
import { SurveyStore } from '../adapters/dynamo/survey-store.ts';
import { type UsageMeter, usage } from '../adapters/dynamo/usage.ts';
import {
  type Env,
  parseEnv,
  parseSecrets,
  requireModeSecrets,
  SECRET_KEYS,
  type Secrets,
} from '../config.ts';
import { shippedConfig, type TouchpointConfig } from '../domain/touchpoints.ts';
import { ConfigError } from '../errors.ts';
import type { AlertPublisher, Clock, EmailSender, SmsSender, VoiceCaller } from '../ports/index.ts';

/** Everything a use case may need, built once per cold start and passed in (no module singletons). */
export interface Deps {
  clock: Clock;
  env: Env;
  secrets: Secrets;
  config: TouchpointConfig;
  events: EventStore;
  surveys: SurveyStore;
  responses: ResponseStore;
  aggregates: AggregateStore;
  sms: SmsSender;
  email: EmailSender;
  voice: VoiceCaller;
  alerts: AlertPublisher;
}

/** Reads the secrets: from Secrets Manager when `TOUCHPOINT_SECRET_ARN` is set, else from env. */
export async function loadSecrets(env: Env, source: Record<string, string | undefined>): Promise<Secrets> {
  if (!env.TOUCHPOINT_SECRET_ARN) {
    const picked = Object.fromEntries(
      Object.entries(source).filter(([k]) =>
        (SECRET_KEYS as readonly string[]).some((s) => k === s || k === `${s}_PREVIOUS`),
      ),
    );
    return requireModeSecrets(env, parseSecrets(picked, 'environment'), 'environment');
  }
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: env.TOUCHPOINT_SECRET_ARN }));
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(out.SecretString ?? '{}') as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('the Touchpoint secret is not valid JSON', { cause: error });
  }
  return requireModeSecrets(env, parseSecrets(parsed, 'Secrets Manager'), 'Secrets Manager');
}

export interface DepsOverrides extends Partial<Deps> {
  meter?: UsageMeter;
  dynamo?: DynamoDBClient;
}

/**
 * A store for a table this function was given, or a stand-in whose every use throws a ConfigError
 * naming the missing variable (a function is only told about the tables it may touch).
 */
function store<T extends object>(envVar: string, table: string | undefined, make: (table: string) => T): T {
  if (table) return make(table);
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === 'then') return undefined;
      throw new ConfigError(`missing ${envVar}: this function was not given that table`);
    },
  });
}

/** Builds the production adapters from env (+ secret), with optional overrides for local runs. */
export async function buildDeps(
  source: Record<string, string | undefined> = process.env,
  overrides: DepsOverrides = {},
): Promise<Deps> {
  const env = overrides.env ?? parseEnv(source);
  const secrets = overrides.secrets ?? (await loadSecrets(env, source));
  const config = overrides.config ?? shippedConfig();
  const dynamo = overrides.dynamo ?? new DynamoDBClient({ maxAttempts: 5 });
  const db = documentClientOf(dynamo);
  const meter = overrides.meter ?? usage.none;
  const twilio = createTwilioClient(
    secrets.TWILIO_ACCOUNT_SID,
    secrets.TWILIO_AUTH_TOKEN,
    env.TWILIO_API_BASE_URL,
  );
  const sms: SmsSender =
    overrides.sms ??
    (env.SMS_PROVIDER === 'sns' ? new SnsSms(new SNSClient({ maxAttempts: 1 })) : new TwilioSms(twilio));
  return {
    clock: overrides.clock ?? systemClock,
    env,
    secrets,
    config,
    events: overrides.events ?? store('EVENTS_TABLE', env.EVENTS_TABLE, (t) => new EventStore(db, t, meter)),
    surveys:
      overrides.surveys ??
      store(
        'SURVEYS_TABLE',
        env.SURVEYS_TABLE,
        (t) => new SurveyStore(db, { surveys: t, customers: env.CUSTOMERS_TABLE }, meter),
      ),
    responses:
      overrides.responses ??
      store('RESPONSES_TABLE', env.RESPONSES_TABLE, (t) => new ResponseStore(db, t, meter)),
    aggregates:
      overrides.aggregates ??
      store('AGGREGATES_TABLE', env.AGGREGATES_TABLE, (t) => new AggregateStore(db, t, meter)),
    sms,
    email: overrides.email ?? new SesEmail(new SESv2Client({ maxAttempts: 1 })),
    voice: overrides.voice ?? new TwilioVoice(twilio),
    alerts:
      overrides.alerts ??
      (env.ALERT_TOPIC_ARN ? new SnsAlerts(env.ALERT_TOPIC_ARN) : { publish: async () => undefined }),
  };
}
