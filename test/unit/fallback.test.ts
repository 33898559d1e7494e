import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentState,
  channelAllowed,
  channelBlock,
  type FailureKind,
  nextChannel,
} from '../../shared/domain/fallback.ts';
import { CHANNELS, type Channel } from '../../shared/domain/model.ts';

// Fictional test data: 555-01xx numbers and example.com addresses.
const contact = { phone: '+12015550123', email: 'ada@example.com' };

describe('channelBlock', () => {
  it('needs a phone number for SMS and voice and an address for email', () => {
    expect(channelBlock('sms', { email: contact.email }, {})).toBe('no_contact');
    expect(channelBlock('voice', { email: contact.email }, {})).toBe('no_contact');
    expect(channelBlock('email', { phone: contact.phone }, {})).toBe('no_contact');
    expect(channelBlock('email', contact, {})).toBeUndefined();
  });

  it('honours an SMS opt-out, a voice opt-out and every kind of email suppression separately', () => {
    expect(channelBlock('sms', contact, { smsOptedOut: true })).toBe('no_consent');
    expect(channelBlock('voice', contact, { smsOptedOut: true })).toBeUndefined();
    expect(channelBlock('voice', contact, { voiceOptedOut: true })).toBe('no_consent');
    for (const emailSuppressed of ['unsubscribed', 'bounced', 'complaint'] as const) {
      expect(channelBlock('email', contact, { emailSuppressed })).toBe('no_consent');
      expect(channelAllowed('sms', contact, { emailSuppressed })).toBe(true);
    }
  });
});

describe('nextChannel', () => {
  const nextAfter = (
    tried: Channel[],
    failure: FailureKind,
    more: Partial<Parameters<typeof nextChannel>[0]> = {},
  ) => nextChannel({ channelPlan: ['sms', 'email'], tried, failure, contact, consent: {}, ...more });

  it('moves a failed or undelivered SMS to email', () => {
    expect(nextAfter(['sms'], 'undelivered')).toBe('email');
    expect(nextAfter(['sms'], 'failed')).toBe('email');
  });

  it('moves SMS to email even when the touchpoint only lists SMS', () => {
    expect(nextAfter(['sms'], 'undelivered', { channelPlan: ['sms'] })).toBe('email');
  });

  it('moves a landline to email, and to a call when email is not possible, never to SMS again', () => {
    expect(nextAfter(['sms'], 'landline', { channelPlan: ['sms', 'voice', 'email'] })).toBe('email');
    expect(
      nextAfter(['sms'], 'landline', {
        channelPlan: ['sms', 'voice'],
        consent: { emailSuppressed: 'bounced' },
      }),
    ).toBe('voice');
    expect(nextAfter(['email'], 'landline', { channelPlan: ['email', 'sms'] })).toBeUndefined();
  });

  it.each(['no_answer', 'busy', 'failed', 'machine'] as const)(
    'moves a call that ended %s to SMS',
    (failure) => {
      expect(nextAfter(['voice'], failure, { channelPlan: ['voice', 'email'] })).toBe('sms');
      expect(nextAfter(['voice'], failure, { channelPlan: ['voice'] })).toBe('sms');
    },
  );

  it('goes on with the plan when the designated fallback is not allowed', () => {
    expect(
      nextAfter(['voice'], 'machine', { channelPlan: ['voice', 'email'], consent: { smsOptedOut: true } }),
    ).toBe('email');
    expect(nextAfter(['sms'], 'undelivered', { contact: { phone: contact.phone } })).toBeUndefined();
  });

  it('moves a bounced email to the next channel of the plan', () => {
    expect(nextAfter(['email'], 'failed', { channelPlan: ['email', 'sms'] })).toBe('sms');
  });

  it('never tries a channel twice and gives up when nothing is left', () => {
    expect(nextAfter(['voice', 'sms'], 'undelivered', { channelPlan: ['voice', 'sms', 'email'] })).toBe(
      'email',
    );
    expect(nextAfter(['sms', 'email'], 'failed')).toBeUndefined();
    expect(
      nextAfter(['voice', 'sms', 'email'], 'failed', { channelPlan: ['voice', 'sms', 'email'] }),
    ).toBeUndefined();
  });

  it('returns only untried channels the customer can be reached on and allows (property)', () => {
    const channel = fc.constantFrom(...CHANNELS);
    const consent: fc.Arbitrary<ConsentState> = fc.record(
      {
        smsOptedOut: fc.boolean(),
        voiceOptedOut: fc.boolean(),
        emailSuppressed: fc.constantFrom('unsubscribed' as const, 'bounced' as const, 'complaint' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(channel, { minLength: 1, maxLength: 3 }),
        fc.uniqueArray(channel, { minLength: 1, maxLength: 3 }),
        fc.constantFrom<FailureKind>('failed', 'undelivered', 'landline', 'no_answer', 'busy', 'machine'),
        fc.record(
          { phone: fc.constant(contact.phone), email: fc.constant(contact.email) },
          { requiredKeys: [] },
        ),
        consent,
        (channelPlan, tried, failure, who, given) => {
          const next = nextChannel({ channelPlan, tried, failure, contact: who, consent: given });
          if (next === undefined) return;
          expect(tried).not.toContain(next);
          expect(channelAllowed(next, who, given)).toBe(true);
          if (failure === 'landline') expect(next).not.toBe('sms');
        },
      ),
    );
  });
});
