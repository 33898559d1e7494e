import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring, single-survey tokens for email links (rating clicks, comment form,
 * unsubscribe). `base64url(payload).base64url(hmac)`; the payload names the survey, the action and
 * the expiry, so a token can neither be moved to another survey nor outlive it.
 */
export interface LinkPayload {
  /** survey id */
  s: string;
  /** action: rate (with value), comment, unsubscribe */
  a: 'rate' | 'comment' | 'unsub';
  /** score for `rate` */
  v?: number;
  /** expiry, epoch seconds */
  e: number;
}

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
  let payload: LinkPayload;
  try {
    payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as LinkPayload;
  } catch {
    throw new LinkTokenError('malformed');
  }
  if (typeof payload.s !== 'string' || typeof payload.e !== 'number') throw new LinkTokenError('malformed');
  if (payload.e * 1000 <= now.getTime()) throw new LinkTokenError('expired');
  return payload;
}
