import * as z from 'zod';
import { ConfigError } from './errors.ts';

/**
 * Runtime configuration, read once at cold start. Secrets come from the environment locally and
 * from one Secrets Manager secret (JSON with the same keys) in AWS, never from plain env vars there.
 */

const SECRET_KEYS = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_AUTH_TOKEN',
  'TOUCHPOINT_WEBHOOK_SECRET',
  'SHOPIFY_WEBHOOK_SECRET',
  'ZENDESK_WEBHOOK_SECRET',
  'AFTERSHIP_WEBHOOK_SECRET',
  'LINK_SIGNING_KEY',
  'TOUCHPOINT_ADMIN_TOKEN',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

const secret = z.string().min(8, 'must be at least 8 characters');

/** Secrets: each webhook secret may have a `_PREVIOUS` companion accepted during rotation. */
export const SecretsSchema = z.object({
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits'),
  TWILIO_AUTH_TOKEN: secret,
  TOUCHPOINT_WEBHOOK_SECRET: secret,
  TOUCHPOINT_WEBHOOK_SECRET_PREVIOUS: secret.optional(),
  SHOPIFY_WEBHOOK_SECRET: secret,
  SHOPIFY_WEBHOOK_SECRET_PREVIOUS: secret.optional(),
  ZENDESK_WEBHOOK_SECRET: secret,
  ZENDESK_WEBHOOK_SECRET_PREVIOUS: secret.optional(),
  AFTERSHIP_WEBHOOK_SECRET: secret,
  AFTERSHIP_WEBHOOK_SECRET_PREVIOUS: secret.optional(),
  LINK_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters'),
  /** Required only with ADMIN_AUTH_MODE=token (see `requireModeSecrets`); gateway-authorized modes ignore it. */
  TOUCHPOINT_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
});
export type Secrets = z.infer<typeof SecretsSchema>;

export const EnvSchema = z.object({
  // Each function is granted (and told) only the tables it uses; a store used without its table
  // fails with a ConfigError naming the variable (see shared/runtime/deps.ts).
  EVENTS_TABLE: z.string().min(1).optional(),
  SURVEYS_TABLE: z.string().min(1).optional(),
  CUSTOMERS_TABLE: z.string().min(1).optional(),
  RESPONSES_TABLE: z.string().min(1).optional(),
  AGGREGATES_TABLE: z.string().min(1).optional(),
  TOUCHPOINT_SECRET_ARN: z.string().startsWith('arn:').optional(),
  SMS_PROVIDER: z.enum(['twilio', 'sns']).default('twilio'),
  /** SNS SMS: the two-way origination number surveys are sent from and replies arrive at. */
  SNS_ORIGINATION_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number')
    .optional(),
  TWILIO_FROM: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number'),
  SES_FROM: z.email(),
  SES_CONFIGURATION_SET: z.string().optional(),
  ALERT_TOPIC_ARN: z.string().optional(),
  /** Public base URL of the HTTP API (for links and provider callbacks) when not derivable from a request. */
  PUBLIC_BASE_URL: z.url().optional(),
  /** Local runtime only: where the Twilio REST client is pointed (the sandbox stand-in). */
  TWILIO_API_BASE_URL: z.url().optional(),
  REPORTING_TIME_ZONE: z.string().optional(),
  /**
   * How admin routes authenticate: `token` (the handler checks Bearer TOUCHPOINT_ADMIN_TOKEN; local
   * runtime) or `cognito` / `jwt` (an API Gateway JWT authorizer did; the handler requires its claims).
   */
  ADMIN_AUTH_MODE: z.enum(['token', 'cognito', 'jwt']).default('token'),
  /** Cognito mode: the app client the dashboard signs in with (published by GET /config.json). */
  ADMIN_USER_POOL_CLIENT_ID: z.string().min(1).optional(),
  /** Set by the Lambda runtime (and the local runtime): where the Cognito endpoint is. */
  AWS_REGION: z.string().min(1).optional(),
});
export type Env = z.infer<typeof EnvSchema>;

export interface RuntimeConfig {
  env: Env;
  secrets: Secrets;
}

/** Turns zod issues into "NAME: problem" lines an operator can act on. */
function describe(error: z.ZodError, what: string): string {
  const lines = error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    return missing ? `missing ${name}` : `${name}: ${issue.message}`;
  });
  return `${what}: ${lines.join('; ')}`;
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) throw new ConfigError(describe(result.error, 'invalid environment'));
  return result.data;
}

export function parseSecrets(source: Record<string, unknown>, origin: string): Secrets {
  const picked = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== '' && v !== undefined));
  const result = SecretsSchema.safeParse(picked);
  if (!result.success) throw new ConfigError(describe(result.error, `invalid secrets (${origin})`));
  return result.data;
}

/** Secrets that only some settings need: fails fast, naming the secret and why it is needed. */
export function requireModeSecrets(env: Env, secrets: Secrets, origin: string): Secrets {
  if (env.ADMIN_AUTH_MODE === 'token' && !secrets.TOUCHPOINT_ADMIN_TOKEN) {
    throw new ConfigError(
      `invalid secrets (${origin}): missing TOUCHPOINT_ADMIN_TOKEN (required with ADMIN_AUTH_MODE=token, the admin routes' bearer token)`,
    );
  }
  return secrets;
}

/** The secrets a webhook source accepts: current, plus the previous one during rotation. */
export function webhookSecrets(
  secrets: Secrets,
  source: 'generic' | 'shopify' | 'zendesk' | 'aftership',
): string[] {
  const pairs: Record<typeof source, [string, string | undefined]> = {
    generic: [secrets.TOUCHPOINT_WEBHOOK_SECRET, secrets.TOUCHPOINT_WEBHOOK_SECRET_PREVIOUS],
    shopify: [secrets.SHOPIFY_WEBHOOK_SECRET, secrets.SHOPIFY_WEBHOOK_SECRET_PREVIOUS],
    zendesk: [secrets.ZENDESK_WEBHOOK_SECRET, secrets.ZENDESK_WEBHOOK_SECRET_PREVIOUS],
    aftership: [secrets.AFTERSHIP_WEBHOOK_SECRET, secrets.AFTERSHIP_WEBHOOK_SECRET_PREVIOUS],
  };
  return pairs[source].filter((s): s is string => typeof s === 'string');
}

export { SECRET_KEYS };
