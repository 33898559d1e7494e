import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs (Powertools). Personal data never reaches the logs: `redact` masks phone
 * numbers and email addresses in any string or object before it is logged.
 */
const base = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'touchpoint' });

const PHONE = /\+?\d[\d\s().-]{7,}\d/g;
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

export function redactText(text: string): string {
  // Nine digits or more: phone numbers, not IP addresses or timestamps.
  return text
    .replace(EMAIL, '$1***@$2')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length < 9 ? m : `${m.slice(0, 3)}***${m.slice(-2)}`));
}

export function redact<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redact(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)])) as T;
  }
  return value;
}

type Extra = Record<string, unknown>;

function errorFields(error: unknown): Extra {
  return error instanceof Error
    ? {
        error: { name: error.name, message: redactText(error.message), stack: redactText(error.stack ?? '') },
      }
    : { error: redact(error) };
}

/**
 * The structured logger every handler uses: Powertools JSON lines, with every message and field
 * passed through `redact` first, so no phone number or email address is ever written to the logs.
 */
export const logger = {
  debug: (message: string, extra: Extra = {}) => base.debug(redactText(message), redact(extra)),
  info: (message: string, extra: Extra = {}) => base.info(redactText(message), redact(extra)),
  warn: (message: string, extra: Extra = {}) => base.warn(redactText(message), redact(extra)),
  error: (message: string, error?: unknown, extra: Extra = {}) =>
    base.error(redactText(message), { ...redact(extra), ...(error !== undefined && errorFields(error)) }),
};
