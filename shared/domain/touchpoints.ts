import { z } from 'zod';
import raw from '../../touchpoints.config.json' with { type: 'json' };
import { ConfigError } from '../errors.ts';
import { CHANNELS, DEFAULT_METRICS, LANGUAGES, type MetricDefinition } from './model.ts';

/**
 * Touchpoint rules: one typed config (`touchpoints.config.json`, bundled with the functions),
 * validated with zod. An invalid config fails `npm start`, `npm test` and `cdk synth` with a
 * message naming the bad field.
 */
const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');

const Metric = z.union([
  z.enum(['nps', 'csat', 'ces']).transform((kind): MetricDefinition => DEFAULT_METRICS[kind]),
  z
    .object({
      kind: z.enum(['nps', 'csat', 'ces']),
      min: z.number().int().min(0).max(1),
      max: z.number().int().min(3).max(10),
      convention: z.enum(['ces2', 'effort']).optional(),
    })
    .strict()
    .refine((m) => m.kind !== 'nps' || (m.min === 0 && m.max === 10), { message: 'nps is always 0-10' }),
]);

export const TouchpointRuleSchema = z
  .object({
    metric: Metric,
    /** A custom question per language (replaces the default wording). */
    question: z.partialRecord(z.enum(LANGUAGES), z.string().min(5).max(120)).optional(),
    followUp: z.boolean().default(true),
    delayMinutes: z
      .number()
      .int()
      .min(1, 'must be between 1 and 43200')
      .max(43_200, 'must be between 1 and 43200'),
    channels: z.array(z.enum(CHANNELS)).min(1).default(['sms', 'email']),
    sampling: z.number().min(0).max(1).default(1),
    expiryDays: z.number().int().min(1).max(90).default(7),
    reminder: z
      .object({ afterHours: z.number().int().min(1).max(240), channels: z.array(z.enum(CHANNELS)).min(1) })
      .strict()
      .nullable()
      .default({ afterHours: 48, channels: ['email'] }),
    priority: z.number().int().min(0).max(100).default(0),
    /** Promoters get one "leave us a review" message with this link (a short link: it must fit one SMS). */
    promoterReviewUrl: z
      .url()
      .max(36, 'must be at most 36 characters (use a short link; it must fit one SMS)')
      .optional(),
  })
  .strict();

const Window = z.object({ start: HHMM, end: HHMM }).strict();

export const TouchpointConfigSchema = z
  .object({
    brand: z.object({ name: z.string().min(1).max(20), contact: z.string().min(3).max(60) }).strict(),
    fatigueWindowDays: z.number().int().min(0).max(365).default(14),
    /** SMS/voice sending window in the customer's local time; overrides by country code or IANA zone prefix. */
    quietHours: z
      .object({ start: HHMM, end: HHMM, overrides: z.record(z.string().min(2), Window).default({}) })
      .strict()
      .default({ start: '09:00', end: '20:00', overrides: {} }),
    ticketSupersede: z.enum(['wait', 'skip']).default('wait'),
    reportingTimeZone: z.string().default('UTC'),
    /** Used for quiet hours when an event gives no time zone and none could be inferred. */
    defaultTimeZone: z.string().default('UTC'),
    minSample: z.number().int().min(1).default(30),
    /** Provider send rates, messages (calls) per second. */
    rateLimits: z
      .object({
        sms: z.number().positive().max(1000),
        email: z.number().positive().max(1000),
        voice: z.number().positive().max(100),
      })
      .strict()
      .default({ sms: 1, email: 14, voice: 1 }),
    touchpoints: z.record(
      z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'touchpoint names are lowercase words'),
      TouchpointRuleSchema,
    ),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const zone of [config.reportingTimeZone, config.defaultTimeZone]) {
      if (!isTimeZone(zone))
        ctx.addIssue({ code: 'custom', message: `unknown time zone "${zone}"`, path: ['reportingTimeZone'] });
    }
  });

export type TouchpointConfig = z.infer<typeof TouchpointConfigSchema>;
export type TouchpointRule = z.infer<typeof TouchpointRuleSchema>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Validates a config; the error names the bad field (`touchpoints.delivery.delayMinutes: ...`). */
export function loadTouchpointConfig(input: unknown): TouchpointConfig {
  const result = TouchpointConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid touchpoints.config.json: ${lines.join('; ')}`);
  }
  return result.data;
}

let shipped: TouchpointConfig | undefined;
/** The config shipped in the repo (validated once). */
export function shippedConfig(): TouchpointConfig {
  shipped ??= loadTouchpointConfig(raw);
  return shipped;
}
