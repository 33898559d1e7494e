import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import * as z from 'zod';

/**
 * Deploy-time parameters, passed as CDK context (`-c twilioFrom=+12015550123`) or in `cdk.json`.
 * Parsed once with zod so a bad value fails `cdk synth` with a message naming the flag, rather
 * than surfacing later as a broken function. The senders have no default: a stack that would send
 * from a fictional number or address is only built with an explicit `-c demo=true`.
 */

/** Context keys read by the app; the docs and the error messages use these names. */
export const CONTEXT_KEYS = [
  'demo',
  'stage',
  'twilioFrom',
  'sesFrom',
  'alertEmail',
  'smsProvider',
  'snsOriginationNumber',
  'reportingTimeZone',
  'adminAuth',
  'jwtIssuer',
  'jwtAudience',
  'kmsKeyArn',
  'existingEventBusName',
  'publicBaseUrl',
  'logLevel',
  'logRetentionDays',
  'apiRateLimit',
  'apiBurstLimit',
  'tickReservedConcurrency',
] as const;
export type ContextKey = (typeof CONTEXT_KEYS)[number];

const RETENTION_VALUES = Object.values(RetentionDays).filter((v): v is number => typeof v === 'number');

/** Context values arrive as strings from `-c`, but may be typed in `cdk.json`. */
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const DeployConfigSchema = z
  .object({
    stage: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be lowercase letters, digits or dashes (at most 20)')
      .optional(),
    /** Synthesize with the fictional senders below when none are given (tests, trials of synth). */
    demo: flag.default(false),
    twilioFrom: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number (e.g. +12015550123)')
      .optional(),
    sesFrom: z.email('must be an email address (e.g. surveys@example.com)').optional(),
    alertEmail: z.email('must be an email address').optional(),
    smsProvider: z.enum(['twilio', 'sns'], 'must be "twilio" or "sns"').default('twilio'),
    /** With smsProvider=sns: the two-way End User Messaging number surveys go out from and replies come to. */
    snsOriginationNumber: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number (e.g. +12015550124)')
      .optional(),
    reportingTimeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone (e.g. America/New_York)')
      .default('UTC'),
    /**
     * `cognito`: the stack's admin user pool behind a gateway JWT authorizer. `jwt`: your own OIDC
     * provider (`jwtIssuer`, `jwtAudience`). `token`: a shared bearer token from the secret (trials).
     */
    adminAuth: z.enum(['cognito', 'jwt', 'token'], 'must be "cognito", "jwt" or "token"').default('cognito'),
    jwtIssuer: z.url('must be the issuer URL of your OIDC provider').optional(),
    /** Comma-separated audiences (client ids) accepted by the JWT authorizer. */
    jwtAudience: z
      .string()
      .transform((v) =>
        v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .optional(),
    kmsKeyArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[0-9a-f-]{36}$|^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/mrk-[0-9a-f]{32}$/,
        'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
      )
      .optional(),
    existingEventBusName: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,256}$/, 'must be an event bus name')
      .optional(),
    publicBaseUrl: z.url('must be an https URL').startsWith('https://', 'must be an https URL').optional(),
    logLevel: z
      .enum(['DEBUG', 'INFO', 'WARN', 'ERROR'], 'must be DEBUG, INFO, WARN or ERROR')
      .default('INFO'),
    logRetentionDays: z.coerce
      .number()
      .refine((v) => RETENTION_VALUES.includes(v), `must be one of ${RETENTION_VALUES.join(', ')}`)
      .default(30),
    apiRateLimit: z.coerce.number().int().positive('must be a positive integer').default(50),
    apiBurstLimit: z.coerce.number().int().positive('must be a positive integer').default(100),
    tickReservedConcurrency: flag.default(true),
  })
  .superRefine((cfg, ctx) => {
    if (!cfg.demo) {
      for (const key of ['twilioFrom', 'sesFrom'] as const) {
        if (cfg[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `is required: the ${key === 'twilioFrom' ? 'Twilio number surveys are sent and called from' : 'SES sender address'} (or -c demo=true for fictional senders)`,
          });
      }
    }
    if (cfg.smsProvider !== 'sns' && cfg.snsOriginationNumber !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['snsOriginationNumber'],
        message: 'is only used with smsProvider=sns',
      });
    if (cfg.smsProvider === 'sns' && !cfg.demo && cfg.snsOriginationNumber === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['snsOriginationNumber'],
        message:
          'is required with smsProvider=sns: the two-way number of AWS End User Messaging SMS that surveys are sent from and replies arrive at',
      });
    if (cfg.adminAuth !== 'jwt') {
      for (const key of ['jwtIssuer', 'jwtAudience'] as const) {
        if (cfg[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: 'is only used with adminAuth=jwt' });
      }
      return;
    }
    if (!cfg.jwtIssuer)
      ctx.addIssue({ code: 'custom', path: ['jwtIssuer'], message: 'is required with adminAuth=jwt' });
    if (!cfg.jwtAudience?.length) {
      ctx.addIssue({ code: 'custom', path: ['jwtAudience'], message: 'is required with adminAuth=jwt' });
    }
  });

/** The fictional senders of `-c demo=true` (555-01xx numbers and example.com are reserved). */
export const DEMO_SENDERS = {
  twilioFrom: '+12015550100',
  sesFrom: 'surveys@example.com',
  snsOriginationNumber: '+12015550101',
} as const;

export type DeployConfig = Omit<
  z.output<typeof DeployConfigSchema>,
  'twilioFrom' | 'sesFrom' | 'snsOriginationNumber'
> & {
  readonly twilioFrom: string;
  readonly sesFrom: string;
  /** Set exactly when smsProvider is sns. */
  readonly snsOriginationNumber: string | undefined;
};

/** Parses raw context values; throws one Error listing every bad flag. */
export function parseDeployConfig(raw: Partial<Record<ContextKey, unknown>>): DeployConfig {
  const result = DeployConfigSchema.safeParse(raw);
  if (result.success) {
    const { twilioFrom, sesFrom, snsOriginationNumber, ...rest } = result.data;
    return {
      ...rest,
      twilioFrom: twilioFrom ?? DEMO_SENDERS.twilioFrom,
      sesFrom: sesFrom ?? DEMO_SENDERS.sesFrom,
      snsOriginationNumber:
        rest.smsProvider === 'sns' ? (snsOriginationNumber ?? DEMO_SENDERS.snsOriginationNumber) : undefined,
    };
  }
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(context)';
    const given = raw[key as ContextKey];
    return `  -c ${key}: ${key} ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
  });
  throw new Error(`Invalid Touchpoint deploy context:\n${lines.join('\n')}`);
}

/** Reads the known context keys from the construct tree (CLI `-c`, `cdk.json`, or test context). */
export function readDeployConfig(node: Node): DeployConfig {
  const raw: Partial<Record<ContextKey, unknown>> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = node.tryGetContext(key);
    // An empty `-c key=` means "not set", so defaults still apply.
    if (value !== undefined && value !== '') raw[key] = value;
  }
  return parseDeployConfig(raw);
}
