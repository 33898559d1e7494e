import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureError } from '../errors.ts';

/** Constant-time comparison that is also safe for inputs of different lengths. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // same work either way
    return false;
  }
  return timingSafeEqual(a, b);
}

export function hmac(secret: string, data: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

/** Accepts when any secret (current or previous, during rotation) produced the given digest. */
export function matchesAny(secrets: readonly string[], data: string | Buffer, given: Buffer): boolean {
  let ok = false;
  for (const secret of secrets) if (safeEqual(hmac(secret, data), given)) ok = true;
  return ok;
}

export const TOLERANCE_SECONDS = 300;

/** Rejects timestamps older than the tolerance or too far in the future (clock skew allowance). */
export function assertFresh(timestampSeconds: number, now: Date, header: string): void {
  if (!Number.isFinite(timestampSeconds)) throw new SignatureError(`${header}: timestamp is not a number`);
  const skew = Math.abs(now.getTime() / 1000 - timestampSeconds);
  if (skew > TOLERANCE_SECONDS) {
    throw new SignatureError(
      `${header}: timestamp is ${Math.round(skew)} s away from now; the limit is ${TOLERANCE_SECONDS} s`,
    );
  }
}

export function decodeBase64(value: string, header: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) throw new SignatureError(`${header} is not base64`);
  return Buffer.from(value.trim(), 'base64');
}
