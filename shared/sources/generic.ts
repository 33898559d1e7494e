import { CanonicalEvent } from '../../events/canonical/schema.ts';
import { assertEventTime } from '../domain/event-time.ts';
import { SignatureError, ValidationError } from '../errors.ts';
import { describeIssues } from '../http/validation.ts';
import { assertFresh, hmac, safeEqual } from './signature.ts';
import type { SourceAdapter, WebhookRequest } from './types.ts';

export const GENERIC_HEADER = 'touchpoint-signature';

/** `Touchpoint-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (several v1 allowed). */
export function signGeneric(body: string, secret: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, `${t}.${body}`).toString('hex')}`;
}

/** Signatures one header may carry: the current and the previous secret's, with room to spare. */
export const MAX_V1_SIGNATURES = 8;

export function parseGenericHeader(value: string): { t: number; v1: string[] } {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d+$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  if (t === undefined || v1.length === 0)
    throw new SignatureError('Touchpoint-Signature must look like t=<unix seconds>,v1=<hex hmac>');
  if (v1.length > MAX_V1_SIGNATURES)
    throw new SignatureError(
      `Touchpoint-Signature carries ${v1.length} v1= values; at most ${MAX_V1_SIGNATURES}`,
    );
  return { t, v1 };
}

export function parseJson(req: WebhookRequest): unknown {
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json')
    throw new ValidationError(`content-type must be application/json, got ${type ?? 'none'}`, 415);
  try {
    return JSON.parse(req.rawBody);
  } catch (error) {
    throw new ValidationError(`malformed JSON: ${(error as Error).message}`, 400, { cause: error });
  }
}

export const genericAdapter: SourceAdapter = {
  source: 'generic',
  verify(req, secrets, now) {
    const header = req.headers[GENERIC_HEADER];
    if (!header) throw new SignatureError('missing Touchpoint-Signature header');
    const { t, v1 } = parseGenericHeader(header);
    assertFresh(t, now, 'Touchpoint-Signature');
    // One HMAC per secret, however many v1= values the header carries.
    const expected = secrets.map((secret) => hmac(secret, `${t}.${req.rawBody}`));
    if (!v1.some((sig) => expected.some((digest) => safeEqual(digest, Buffer.from(sig, 'hex'))))) {
      throw new SignatureError('Touchpoint-Signature does not match the body');
    }
  },
  normalize(req, now) {
    const result = CanonicalEvent.safeParse(parseJson(req));
    if (!result.success) throw new ValidationError(describeIssues(result.error), 422);
    assertEventTime(result.data.occurredAt, now, 'occurredAt');
    return { kind: 'event', event: { ...result.data, source: result.data.source || 'generic' } };
  },
};
