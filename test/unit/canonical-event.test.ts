import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CanonicalEvent } from '../../events/canonical/schema.ts';

const sample = JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8'));

describe('CanonicalEvent', () => {
  it('accepts the shipped purchase sample', () => {
    const event = CanonicalEvent.parse(structuredClone(sample));
    expect(event.type).toBe('purchase');
    expect(event.customer.phone).toBe('+12015550123');
  });

  it('rejects a phone number that is not E.164 and names the field', () => {
    const bad = structuredClone(sample);
    bad.customer.phone = '201-555-0123';
    const result = CanonicalEvent.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['customer', 'phone']);
  });
});
