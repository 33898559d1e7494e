import * as z from 'zod';
import raw from '../../touchpoints.config.json' with { type: 'json' };
import { ConfigError } from '../errors.ts';
import { type ResolvedThemes, resolveThemes, ThemesConfigSchema } from './insight/taxonomy.ts';
import { type SmsOverflow, smsOverflows } from './messages.ts';
import {
  CHANNELS,
  type Channel,
  DEFAULT_METRICS,
  type EventType,
  LANGUAGES,
  type Language,
  type MetricDefinition,
  type MetricKind,
} from './model.ts';
import { smsEncoding } from './sms-segments.ts';

/**
 * Touchpoint rules: one typed config (`touchpoints.config.json` at the repo root, bundled with the
 * functions), validated with zod. Every field except `brand` has a default; the three built-in
 * touchpoints also have per-touchpoint defaults, so a config only states what differs. An invalid
 * config fails with a `ConfigError` naming the field (`touchpoints.delivery.delayMinutes: ...`),
 * and unknown keys are rejected so a typo cannot silently fall back to a default.
 */

/** A daily sending window in local wall-clock time, `start` inclusive, `end` exclusive. */
export interface SendingWindow {
  start: string;
  end: string;
}

/** The one reminder for non-responders. */
export interface ReminderRule {
  afterHours: number;
  /** Only `sms` and `email` pass validation (no reminder calls); typed wide so callers can test any channel. */
  channels: Channel[];
}

/** The rules of one touchpoint, every default applied. */
export interface TouchpointRule {
  metric: MetricDefinition;
  /** A custom question per language; languages without one use the message templates' default wording. */
  question?: Partial<Record<Language, string>>;
  /** Ask an open "what is the main reason?" after the score. */
  followUp: boolean;
  /** Minutes between the event and the survey (1 .. 43200 = 30 days). */
  delayMinutes: number;
  /** Channels in order of preference; the first one the customer can be reached on is used. */
  channels: Channel[];
  /** Share of events surveyed, 0..1. */
  sampling: number;
  /** Days after the due time during which an answer counts. */
  expiryDays: number;
  /** `null` turns the reminder off. */
  reminder: ReminderRule | null;
  /** When two touchpoints compete for one customer inside the fatigue window, the higher wins. */
  priority: number;
  /** Promoters get one "leave us a review" message with this (short) link. */
  promoterReviewUrl?: string;
}

export interface TouchpointConfig {
  brand: { name: string; contact: string };
  /** At most one survey per customer in this many days, across all touchpoints; 0 turns fatigue control off. */
  fatigueWindowDays: number;
  /** SMS/voice window in the customer's time zone; overrides can only narrow it. */
  quietHours: SendingWindow & { overrides: Record<string, SendingWindow> };
  /** A ticket_closed survey while another ticket of the customer is open: wait for it, or skip. */
  ticketSupersede: 'wait' | 'skip';
  reportingTimeZone: string;
  /** Quiet hours use this zone when a customer's time zone is missing or unknown. */
  defaultTimeZone: string;
  /** Scores from fewer answers are flagged as low-sample. */
  minSample: number;
  /** Provider send rates, messages (calls) per second. */
  rateLimits: Record<Channel, number>;
  /**
   * What a detractor alert published to SNS carries: `minimal` (survey id, touchpoint, score, a
   * link to the dashboard) or `full` (also the customer's name, phone, email, comment, order and
   * ticket). What is published cannot be recalled or erased, so the personal form is opt-in.
   */
  alertDetail: 'minimal' | 'full';
  /** Rules by touchpoint name; a prototype-less map, so only configured names are found. */
  touchpoints: Record<string, TouchpointRule>;
  /** Comment themes: the shipped e-commerce taxonomy, extended or replaced by `themes` (docs/insight.md). */
  themes: ResolvedThemes;
}

export const MIN_DELAY_MINUTES = 1;
export const MAX_DELAY_MINUTES = 30 * 24 * 60;

/** Defaults of the built-in touchpoints; user-defined touchpoints must give `metric` and `delayMinutes`. */
export const BUILT_IN_TOUCHPOINTS: Record<
  EventType,
  { metric: MetricKind; delayMinutes: number; priority: number }
> = {
  purchase: { metric: 'ces', delayMinutes: 60, priority: 1 },
  delivery: { metric: 'nps', delayMinutes: 24 * 60, priority: 3 },
  ticket_closed: { metric: 'csat', delayMinutes: 60, priority: 2 },
};

const RULE_DEFAULTS = {
  followUp: true,
  channels: ['sms', 'email'] as Channel[],
  sampling: 1,
  expiryDays: 7,
  reminder: { afterHours: 48, channels: ['email'] } as ReminderRule,
  priority: 0,
};

const GLOBAL_DEFAULTS = {
  fatigueWindowDays: 14,
  quietHours: { start: '09:00', end: '20:00' },
  ticketSupersede: 'wait' as const,
  reportingTimeZone: 'UTC',
  defaultTimeZone: 'UTC',
  minSample: 30,
  rateLimits: { sms: 1, email: 14, voice: 1 } satisfies Record<Channel, number>,
  alertDetail: 'minimal' as const,
};

/**
 * Send rates of common SMS senders, messages per second: a US long code (10DLC, low tier), a
 * toll-free number, a short code (Twilio's documented defaults), and Amazon SNS's default account
 * quota. `rateLimits.sms` takes one of these names or a number.
 */
export const SMS_SENDER_RATES = { long_code: 1, toll_free: 3, short_code: 100, sns: 20 } as const;

const zoneValidity = new Map<string, boolean>();
/** True for an IANA time zone this runtime knows (`Europe/Berlin`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}

/** Minutes after local midnight of an `HH:MM` time. */
export function minutesOfDay(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

const TimeZone = z.string().refine(isTimeZone, 'must be an IANA time zone such as "America/New_York"');

// 24:00 is allowed as an end so a window can run to midnight.
const HHMM = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time like 09:00');

const Window = z
  .strictObject({ start: HHMM, end: HHMM })
  .refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), {
    message: 'start must be before end (windows cannot cross midnight)',
    path: ['end'],
  });

/** Country code (`US`, ISO 3166-1 alpha-2) or IANA zone / zone prefix (`America/Chicago`, `America/Indiana`). */
export function isOverrideKey(key: string): boolean {
  if (/^[A-Z]{2}$/.test(key)) return true;
  if (isTimeZone(key)) return true;
  return Intl.supportedValuesOf('timeZone').some((zone) => zone.startsWith(`${key}/`));
}

const MetricObject = z.strictObject(
  {
    kind: z.enum(['nps', 'csat', 'ces']),
    min: z.number().int(),
    max: z.number().int(),
    convention: z.enum(['ces2', 'effort']).optional(),
  },
  { error: 'must be "nps", "csat", "ces" or an object {kind, min, max, convention}' },
);

/** Scales people actually use; anything else would be scored by formulas that do not fit it. */
const SCALES: Record<string, string[]> = {
  nps: ['0-10'],
  csat: ['1-3', '1-5', '1-7', '1-10'],
  ces2: ['1-7'],
  effort: ['1-5', '1-7'],
};

const Metric = z.preprocess(
  (value) =>
    typeof value === 'string' && Object.hasOwn(DEFAULT_METRICS, value)
      ? { ...DEFAULT_METRICS[value as MetricKind] }
      : value,
  MetricObject.superRefine((m, ctx) => {
    if (m.convention && m.kind !== 'ces')
      ctx.addIssue({ code: 'custom', path: ['convention'], message: 'only a ces metric has a convention' });
    const family = m.kind === 'ces' ? (m.convention ?? 'ces2') : m.kind;
    const allowed = SCALES[family] ?? [];
    if (!allowed.includes(`${m.min}-${m.max}`))
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `a ${family} scale must be ${allowed.join(' or ')} (got ${m.min}-${m.max})`,
      });
  }).transform(
    (m): MetricDefinition =>
      m.kind === 'ces'
        ? { kind: m.kind, min: m.min, max: m.max, convention: m.convention ?? 'ces2' }
        : { kind: m.kind, min: m.min, max: m.max },
  ),
);

const delayMessage = `must be between ${MIN_DELAY_MINUTES} and ${MAX_DELAY_MINUTES}`;

const Channels = z
  .array(z.enum(CHANNELS))
  .min(1, 'must list at least one channel')
  .refine((cs) => new Set(cs).size === cs.length, 'must not list a channel twice');

const RuleInput = z.strictObject({
  metric: Metric.optional(),
  question: z.partialRecord(z.enum(LANGUAGES), z.string().trim().min(5).max(120)).optional(),
  followUp: z.boolean().optional(),
  delayMinutes: z
    .number(delayMessage)
    .int('must be a whole number of minutes')
    .min(MIN_DELAY_MINUTES, delayMessage)
    .max(MAX_DELAY_MINUTES, delayMessage)
    .optional(),
  channels: Channels.optional(),
  sampling: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  expiryDays: z.number().int().min(1).max(90).optional(),
  reminder: z
    .strictObject({
      afterHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 89)
        .optional(),
      channels: z
        .array(z.enum(['sms', 'email']))
        .min(1)
        .refine((cs) => new Set(cs).size === cs.length, 'must not list a channel twice')
        .optional(),
    })
    .nullable()
    .optional(),
  priority: z.number().int().min(0).max(100).optional(),
  promoterReviewUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(36, 'must be at most 36 characters (use a short link; it must fit one SMS)')
    .optional(),
});
type RuleInput = z.infer<typeof RuleInput>;

const ConfigInput = z.strictObject({
  brand: z.strictObject({
    name: z.string().trim().min(1).max(20, 'must be at most 20 characters (it is in every SMS)'),
    contact: z.string().trim().min(3).max(60),
  }),
  fatigueWindowDays: z.number().int().min(0).max(365).optional(),
  alertDetail: z.enum(['minimal', 'full']).optional(),
  quietHours: z
    .strictObject({
      start: HHMM.optional(),
      end: HHMM.optional(),
      overrides: z
        .record(
          z
            .string()
            .refine(
              isOverrideKey,
              'must be a country code (US) or an IANA time zone or zone prefix (America/Chicago)',
            ),
          Window,
        )
        .optional(),
    })
    .optional(),
  ticketSupersede: z.enum(['wait', 'skip']).optional(),
  reportingTimeZone: TimeZone.optional(),
  defaultTimeZone: TimeZone.optional(),
  minSample: z.number().int().min(1).max(100_000).optional(),
  rateLimits: z
    .strictObject({
      sms: z
        .union(
          [
            z.number().positive().max(1000),
            z
              .enum(Object.keys(SMS_SENDER_RATES) as [keyof typeof SMS_SENDER_RATES])
              .transform((sender) => SMS_SENDER_RATES[sender]),
          ],
          {
            error: (issue) =>
              typeof issue.input === 'number'
                ? 'must be more than 0 and at most 1000 messages per second'
                : `must be messages per second or a sender type: ${Object.keys(SMS_SENDER_RATES).join(', ')}`,
          },
        )
        .optional(),
      email: z.number().positive().max(1000).optional(),
      voice: z.number().positive().max(100).optional(),
    })
    .optional(),
  touchpoints: z
    .record(
      z
        .string()
        .regex(
          /^[a-z][a-z0-9_]{1,39}$/,
          'touchpoint names are 2-40 lowercase letters, digits or underscores, starting with a letter',
        ),
      RuleInput,
    )
    .optional(),
  themes: ThemesConfigSchema.optional(),
});
type ConfigInput = z.infer<typeof ConfigInput>;

function isBuiltIn(name: string): name is EventType {
  return Object.hasOwn(BUILT_IN_TOUCHPOINTS, name);
}

function resolveRule(name: string, rule: RuleInput): TouchpointRule {
  const builtIn = isBuiltIn(name) ? BUILT_IN_TOUCHPOINTS[name] : undefined;
  const metric = rule.metric ?? (builtIn && { ...DEFAULT_METRICS[builtIn.metric] });
  const delayMinutes = rule.delayMinutes ?? builtIn?.delayMinutes;
  // Checked in superRefine before this runs; the guard keeps the types honest.
  if (!metric || delayMinutes === undefined) throw new ConfigError(`touchpoints.${name}: incomplete`);
  return {
    metric,
    ...(rule.question && { question: rule.question }),
    followUp: rule.followUp ?? RULE_DEFAULTS.followUp,
    delayMinutes,
    channels: [...(rule.channels ?? RULE_DEFAULTS.channels)],
    sampling: rule.sampling ?? RULE_DEFAULTS.sampling,
    expiryDays: rule.expiryDays ?? RULE_DEFAULTS.expiryDays,
    reminder:
      rule.reminder === null
        ? null
        : {
            afterHours: rule.reminder?.afterHours ?? RULE_DEFAULTS.reminder.afterHours,
            channels: [...(rule.reminder?.channels ?? RULE_DEFAULTS.reminder.channels)],
          },
    priority: rule.priority ?? builtIn?.priority ?? RULE_DEFAULTS.priority,
    ...(rule.promoterReviewUrl && { promoterReviewUrl: rule.promoterReviewUrl }),
  };
}

function defaultTouchpoints(): Record<string, RuleInput> {
  return Object.fromEntries(Object.keys(BUILT_IN_TOUCHPOINTS).map((name) => [name, {}]));
}

function resolveConfig(input: ConfigInput): TouchpointConfig {
  const rules = input.touchpoints ?? defaultTouchpoints();
  return {
    brand: { ...input.brand },
    fatigueWindowDays: input.fatigueWindowDays ?? GLOBAL_DEFAULTS.fatigueWindowDays,
    quietHours: {
      start: input.quietHours?.start ?? GLOBAL_DEFAULTS.quietHours.start,
      end: input.quietHours?.end ?? GLOBAL_DEFAULTS.quietHours.end,
      overrides: { ...input.quietHours?.overrides },
    },
    ticketSupersede: input.ticketSupersede ?? GLOBAL_DEFAULTS.ticketSupersede,
    reportingTimeZone: input.reportingTimeZone ?? GLOBAL_DEFAULTS.reportingTimeZone,
    defaultTimeZone: input.defaultTimeZone ?? GLOBAL_DEFAULTS.defaultTimeZone,
    minSample: input.minSample ?? GLOBAL_DEFAULTS.minSample,
    rateLimits: { ...GLOBAL_DEFAULTS.rateLimits, ...input.rateLimits },
    alertDetail: input.alertDetail ?? GLOBAL_DEFAULTS.alertDetail,
    // No prototype: a name from an event or an admin ("constructor", "toString") must find only
    // configured touchpoints, never a method of Object.prototype.
    touchpoints: Object.assign(
      Object.create(null) as Record<string, TouchpointRule>,
      Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, resolveRule(name, rule)])),
    ),
    themes: resolveThemes(input.themes),
  };
}

/** The whole config schema: raw JSON in, every default applied out. */
export const TouchpointConfigSchema = ConfigInput.superRefine((input, ctx) => {
  const start = input.quietHours?.start ?? GLOBAL_DEFAULTS.quietHours.start;
  const end = input.quietHours?.end ?? GLOBAL_DEFAULTS.quietHours.end;
  if (minutesOfDay(start) >= minutesOfDay(end)) {
    ctx.addIssue({
      code: 'custom',
      path: ['quietHours', 'end'],
      message: 'start must be before end (windows cannot cross midnight)',
    });
  }
  for (const [key, window] of Object.entries(input.quietHours?.overrides ?? {})) {
    // Overrides exist for stricter local rules; a looser one would silently break the global promise.
    if (minutesOfDay(window.start) < minutesOfDay(start) || minutesOfDay(window.end) > minutesOfDay(end)) {
      ctx.addIssue({
        code: 'custom',
        path: ['quietHours', 'overrides', key],
        message: `must lie within the global window ${start}-${end} (overrides can only be stricter)`,
      });
    }
  }
  const rules = input.touchpoints ?? {};
  if (input.touchpoints && Object.keys(rules).length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['touchpoints'],
      message: 'must configure at least one touchpoint',
    });
  for (const [name, rule] of Object.entries(rules)) {
    if (!isBuiltIn(name)) {
      for (const field of ['metric', 'delayMinutes'] as const) {
        if (rule[field] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['touchpoints', name, field],
            message: `is required for a user-defined touchpoint (defaults exist only for ${Object.keys(BUILT_IN_TOUCHPOINTS).join(', ')})`,
          });
      }
    }
    const expiryHours = (rule.expiryDays ?? RULE_DEFAULTS.expiryDays) * 24;
    const afterHours = rule.reminder?.afterHours ?? RULE_DEFAULTS.reminder.afterHours;
    if (rule.reminder !== null && afterHours >= expiryHours) {
      ctx.addIssue({
        code: 'custom',
        path: ['touchpoints', name, 'reminder', 'afterHours'],
        message: `must be less than the survey expiry (${expiryHours} h), or the reminder could never be answered`,
      });
    }
  }
})
  .transform(resolveConfig)
  .superRefine(checkSmsFits);

const SEGMENT_UNITS = { 'GSM-7': 160, 'UCS-2': 70 } as const;

/**
 * Every SMS a customer can receive must fit one segment in every shipped language (a customer's
 * language is only known per event). The message catalogue proves that for brands up to 20 characters
 * and contacts up to 24; a longer contact, a custom question or a brand with letters outside GSM-7 is
 * checked here, so an over-long text fails `npm start`, `npm test` and `cdk synth` rather than billing
 * two segments per message in production.
 */
function checkSmsFits(config: TouchpointConfig, ctx: z.core.$RefinementCtx<TouchpointConfig>): void {
  const reported = new Set<string>();
  const report = (path: (string | number)[], lang: Language, overflow: SmsOverflow) => {
    const key = path.join('.');
    if (reported.has(key)) return;
    reported.add(key);
    ctx.addIssue({
      code: 'custom',
      path,
      message: `too long for one SMS in ${lang}: the "${overflow.kind}" text needs ${overflow.length} ${overflow.encoding} characters, one segment holds ${SEGMENT_UNITS[overflow.encoding]} ("${overflow.text}")`,
    });
  };
  const brand = config.brand.name;
  for (const lang of LANGUAGES) {
    // A brand outside GSM-7 turns every SMS into UCS-2 (70 characters): name the brand, not its symptoms.
    if (lang === 'en' && smsEncoding(brand) === 'UCS-2' && smsOverflows(lang, { brand }).length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['brand', 'name'],
        message: `has characters outside the GSM-7 SMS alphabet, which limits every SMS to 70 characters and the survey texts no longer fit; spell it with GSM-7 letters for SMS (e.g. without ${[...brand].filter((ch) => smsEncoding(ch) === 'UCS-2').join(' ')})`,
      });
      return;
    }
    // Keyword replies (help, opt-out, ...) do not depend on the touchpoint.
    for (const overflow of smsOverflows(lang, { brand, contact: config.brand.contact })) {
      if (['help', 'optOutConfirm', 'optInConfirm'].includes(overflow.kind))
        report(overflow.kind === 'help' ? ['brand', 'contact'] : ['brand', 'name'], lang, overflow);
    }
    for (const [name, rule] of Object.entries(config.touchpoints)) {
      const texting = rule.channels.some((c) => c !== 'email') || rule.reminder?.channels.includes('sms');
      if (!texting) continue;
      const question = rule.question?.[lang];
      const vars = {
        brand,
        metric: rule.metric,
        touchpoint: name,
        ...(question && { question }),
        ...(rule.promoterReviewUrl && { url: rule.promoterReviewUrl }),
      };
      for (const overflow of smsOverflows(lang, vars)) {
        if (overflow.kind === 'help' || overflow.kind.startsWith('opt')) continue;
        const path =
          overflow.kind === 'review'
            ? ['touchpoints', name, 'promoterReviewUrl']
            : question && (overflow.kind === 'question' || overflow.kind === 'reminder')
              ? ['touchpoints', name, 'question', lang]
              : ['brand', 'name'];
        report(path, lang, overflow);
      }
    }
  }
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown key`);
  }
  // A bad record key: zod reports "Invalid key in record" and keeps the reason one level down.
  if (issue.code === 'invalid_key') {
    return [`${path}: ${issue.issues.map((i) => i.message).join(', ') || issue.message}`];
  }
  return [`${path || '(root)'}: ${issue.message}`];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validates a config and applies every default. Throws a `ConfigError` whose message names each
 * bad field: `touchpoints.delivery.delayMinutes: must be between 1 and 43200`. The result is
 * frozen, and loading it again gives an equal config.
 */
export function loadTouchpointConfig(input: unknown): TouchpointConfig {
  const result = TouchpointConfigSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.flatMap(describeIssue);
    throw new ConfigError(`invalid touchpoint config: ${lines.join('; ')}`, { cause: result.error });
  }
  return deepFreeze(result.data);
}

/**
 * Every default, with a placeholder brand (a real config must name its own brand): the three
 * built-in touchpoints, sms then email, 14-day fatigue window, SMS/voice 09:00-20:00.
 */
export const DEFAULT_CONFIG: TouchpointConfig = loadTouchpointConfig({
  brand: { name: 'Example Shop', contact: 'help.example.com' },
});

// Validated when the module loads, so a bad shipped config fails the cold start, `npm test` and `cdk synth`.
const SHIPPED: TouchpointConfig = loadTouchpointConfig(raw);

/** The config shipped in the repo (`touchpoints.config.json`), validated at module load. */
export function shippedConfig(): TouchpointConfig {
  return SHIPPED;
}
