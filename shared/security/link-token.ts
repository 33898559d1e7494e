import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { SurveyIdParam } from '../http/validation.ts';

/**
 * Signed, expiring, single-survey tokens for email links (rating clicks, comment form,
 * unsubscribe). `base64url(payload).base64url(hmac)`; the payload names the survey, the action and
 * the expiry, so a token can neither be moved to another survey nor outlive it.
 */
const Payload = z
  .object({
    /** survey id */
    s: SurveyIdParam,
    /** action: rate (with value), comment, unsubscribe */
    a: z.enum(['rate', 'comment', 'unsub']),
    /** score for `rate` */
    v: z.number().int().min(0).max(10).optional(),
    /** expiry, epoch seconds */
    e: z.number().int().positive(),
  })
  .strict();

/** What a token carries. A key holder's token over anything else is still `malformed`. */
export type LinkPayload = z.infer<typeof Payload>;

export class LinkTokenError extends Error {
  constructor(readonly reason: 'malformed' | 'bad_signature' | 'expired') {
    super(`link token ${reason.replace('_', ' ')}`);
  }
}

function mac(key: string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

export function signLink(payload: LinkPayload, key: string): string {
  const data = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${data}.${mac(key, data).toString('base64url')}`;
}

export function verifyLink(token: string, key: string, now: Date): LinkPayload {
  const [data, sig, extra] = token.split('.');
  if (
    !data ||
    !sig ||
    extra !== undefined ||
    !/^[A-Za-z0-9_-]+$/.test(data) ||
    !/^[A-Za-z0-9_-]+$/.test(sig)
  ) {
    throw new LinkTokenError('malformed');
  }
  const expected = mac(key, data);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new LinkTokenError('bad_signature');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    throw new LinkTokenError('malformed');
  }
  const payload = Payload.safeParse(raw);
  if (!payload.success) throw new LinkTokenError('malformed');
  if (payload.data.e * 1000 <= now.getTime()) throw new LinkTokenError('expired');
  return payload.data;
}
