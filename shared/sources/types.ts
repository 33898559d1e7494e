import type { CanonicalEvent } from '../../events/canonical/schema.ts';

export interface WebhookRequest {
  /** Lowercase header names. */
  headers: Record<string, string | undefined>;
  rawBody: string;
}

export type NormalizeResult = { kind: 'event'; event: CanonicalEvent } | { kind: 'ignored'; reason: string };

/** One platform: verifies the signature, then parses and normalizes to the canonical event. */
export interface SourceAdapter {
  source: 'shopify' | 'zendesk' | 'aftership' | 'generic';
  /** Throws SignatureError when the signature is missing, wrong or stale. */
  verify(req: WebhookRequest, secrets: readonly string[], now: Date): void;
  /** Throws ValidationError naming the field; `ignored` for topics/statuses we acknowledge but do not survey. */
  normalize(req: WebhookRequest, now: Date): NormalizeResult;
}
