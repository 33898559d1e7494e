import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { systemClock } from '../adapters/clock.ts';
import { AggregateStore } from '../adapters/dynamo/aggregate-store.ts';
import { documentClientOf } from '../adapters/dynamo/client.ts';
import { EventStore } from '../adapters/dynamo/event-store.ts';
import { ResponseStore } from '../adapters/dynamo/response-store.ts';
import { SurveyStore } from '../adapters/dynamo/survey-store.ts';
import { type UsageMeter, usage } from '../adapters/dynamo/usage.ts';
import { type Env, parseEnv, parseSecrets, SECRET_KEYS, type Secrets } from '../config.ts';
import { shippedConfig, type TouchpointConfig } from '../domain/touchpoints.ts';
import { ConfigError } from '../errors.ts';
import {
  type AlertPublisher,
  type Clock,
  type EmailSender,
  type InboundMessages,
  type SmsSender,
  unknownInboundTimes,
  type VoiceCaller,
} from '../ports/index.ts';

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
  /** The SMS provider's record of inbound messages (twilio-webhook); others know only arrival times. */
  inbound: InboundMessages;
}

/** Reads the secrets: from Secrets Manager when `TOUCHPOINT_SECRET_ARN` is set, else from env. */
export async function loadSecrets(env: Env, source: Record<string, string | undefined>): Promise<Secrets> {
  if (!env.TOUCHPOINT_SECRET_ARN) {
    const picked = Object.fromEntries(
      Object.entries(source).filter(([k]) =>
        (SECRET_KEYS as readonly string[]).some((s) => k === s || k === `${s}_PREVIOUS`),
      ),
    );
    return parseSecrets(picked, 'environment');
  }
  const client = new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: env.TOUCHPOINT_SECRET_ARN }));
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(out.SecretString ?? '{}') as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError('the Touchpoint secret is not valid JSON', { cause: error });
  }
  return parseSecrets(parsed, 'Secrets Manager');
}

/** Builds one channel adapter of a function from its configuration, at cold start. */
export type ChannelFactory<T> = (env: Env, secrets: Secrets) => T;

/**
 * The channels a function sends through. Each function file passes only the factories it uses, so
 * a function that never sends SMS neither builds nor bundles an SMS client (see senders.ts).
 */
export interface Channels {
  sms?: ChannelFactory<SmsSender>;
  email?: ChannelFactory<EmailSender>;
  voice?: ChannelFactory<VoiceCaller>;
  alerts?: ChannelFactory<AlertPublisher>;
  inbound?: ChannelFactory<InboundMessages>;
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

/** A channel this function was not built with: every use throws a ConfigError saying so. */
function unavailable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get(_target, prop) {
      if (prop === 'then') return undefined;
      throw new ConfigError(`this function does not send ${what}: it was built without that channel`);
    },
  });
}

/**
 * Builds the production adapters from env (+ secret): the stores of the tables the function was
 * given and the channels it names, with optional overrides for local runs.
 */
export async function buildDeps(
  source: Record<string, string | undefined> = process.env,
  overrides: DepsOverrides = {},
  channels: Channels = {},
): Promise<Deps> {
  const env = overrides.env ?? parseEnv(source);
  const secrets = overrides.secrets ?? (await loadSecrets(env, source));
  const config = overrides.config ?? shippedConfig();
  const dynamo = overrides.dynamo ?? new DynamoDBClient({ maxAttempts: 5 });
  const db = documentClientOf(dynamo);
  const meter = overrides.meter ?? usage.none;
  const channel = <T extends object>(
    given: T | undefined,
    factory: ChannelFactory<T> | undefined,
    what: string,
  ) => given ?? factory?.(env, secrets) ?? unavailable<T>(what);
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
    sms: channel(overrides.sms, channels.sms, 'SMS'),
    email: channel(overrides.email, channels.email, 'email'),
    voice: channel(overrides.voice, channels.voice, 'voice calls'),
    alerts: channel(overrides.alerts, channels.alerts, 'alerts'),
    inbound: overrides.inbound ?? channels.inbound?.(env, secrets) ?? unknownInboundTimes,
  };
}
