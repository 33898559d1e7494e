import type { Channel } from './model.ts';

/**
 * Consent and channel fallback: which channels may reach a customer at all, and where to go after
 * a failed attempt. Pure; the caller records every attempt and decision.
 */

/** What the customer has refused. A missing flag means "not refused". */
export interface ConsentState {
  /** STOP (or the source said no): no SMS to this number. */
  smsOptedOut?: boolean;
  /** No calls to this number. */
  voiceOptedOut?: boolean;
  /** No email to this address: unsubscribed, hard-bounced, or marked as spam. */
  emailSuppressed?: 'unsubscribed' | 'bounced' | 'complaint';
}

export interface Contact {
  phone?: string;
  email?: string;
}

/** Why an attempt failed, as the provider reports it. */
export type FailureKind = 'failed' | 'undelivered' | 'landline' | 'no_answer' | 'busy' | 'machine';

/** Why a channel cannot be used, or undefined when it can. */
export function channelBlock(
  channel: Channel,
  contact: Contact,
  consent: ConsentState,
): 'no_contact' | 'no_consent' | undefined {
  if (channel === 'email') {
    if (!contact.email) return 'no_contact';
    return consent.emailSuppressed ? 'no_consent' : undefined;
  }
  if (!contact.phone) return 'no_contact';
  const optedOut = channel === 'sms' ? consent.smsOptedOut : consent.voiceOptedOut;
  return optedOut ? 'no_consent' : undefined;
}

/** The customer has a contact for `channel` and has not refused it. */
export function channelAllowed(channel: Channel, contact: Contact, consent: ConsentState): boolean {
  return channelBlock(channel, contact, consent) === undefined;
}

/**
 * The designated fallback of each channel and the failures that trigger it: an SMS that cannot be
 * delivered (or a landline, which cannot take SMS at all) goes to email; a call nobody answered,
 * that was busy or failed, or reached an answering machine goes to SMS (we never leave a survey
 * on voicemail).
 */
export const FALLBACKS: Partial<Record<Channel, { next: Channel; on: readonly FailureKind[] }>> = {
  sms: { next: 'email', on: ['failed', 'undelivered', 'landline'] },
  voice: { next: 'sms', on: ['no_answer', 'busy', 'failed', 'machine'] },
};

/**
 * The channel to try after the last entry of `tried` failed with `failure`: the failed channel's
 * designated fallback first (even when the touchpoint does not list it), then the rest of the plan
 * in order. Never a channel already tried, never SMS once a number is known to be a landline,
 * never a channel without contact or consent. `undefined` means: give up.
 */
export function nextChannel(input: {
  channelPlan: readonly Channel[];
  tried: readonly Channel[];
  failure: FailureKind;
  contact: Contact;
  consent: ConsentState;
}): Channel | undefined {
  const { channelPlan, tried, failure, contact, consent } = input;
  const last = tried[tried.length - 1];
  const fallback = last ? FALLBACKS[last] : undefined;
  const preferred = fallback?.on.includes(failure) ? [fallback.next] : [];
  for (const channel of [...preferred, ...channelPlan]) {
    if (tried.includes(channel)) continue;
    if (failure === 'landline' && channel === 'sms') continue;
    if (channelAllowed(channel, contact, consent)) return channel;
  }
  return undefined;
}
