import type { Channel } from '../domain/model.ts';
import type { Survey } from '../domain/survey.ts';
import type { OutboundCall, OutboundEmail, OutboundSms } from '../ports/index.ts';
import type { Deps } from '../runtime/deps.ts';
import { composeEmail, composeSms, voiceUrls } from './compose.ts';

/** What every send path needs: the customer's consent now, and the provider message of a channel. */

/** Whether the survey may go out on `channel` with the customer's consent now. */
export function channelAllowedNow(channel: Channel, survey: Survey, consent: CurrentConsent): boolean {
  if (channel === 'email') return Boolean(survey.email) && !consent.emailSuppressed;
  if (channel === 'sms') return Boolean(survey.phone) && !consent.smsOptedOut;
  return Boolean(survey.phone) && !consent.voiceOptedOut;
}

/** The opt-outs and suppressions recorded for the survey's phone number and email address. */
export type CurrentConsent = Awaited<ReturnType<typeof consentFor>>;

/** Reads the consent recorded for the survey's contacts (STOP, unsubscribe, bounce, complaint). */
export async function consentFor(deps: Deps, survey: Survey) {
  const [phone, email] = await Promise.all([
    survey.phone ? deps.surveys.getConsent(survey.phone) : undefined,
    survey.email ? deps.surveys.getConsent(survey.email) : undefined,
  ]);
  return {
    smsOptedOut: Boolean(phone?.smsOptedOut),
    voiceOptedOut: Boolean(phone?.voiceOptedOut),
    ...(email?.emailSuppressed && { emailSuppressed: email.emailSuppressed }),
  };
}

export function baseUrl(deps: Deps): string {
  const url = deps.env.PUBLIC_BASE_URL;
  if (!url) throw new Error('PUBLIC_BASE_URL is required to send surveys (links and provider callbacks)');
  return url.replace(/\/$/, '');
}

/** Builds the provider message for a channel; the same function re-creates it during recovery. */
export function outboundFor(
  deps: Deps,
  survey: Survey,
  channel: Channel,
): OutboundSms | OutboundEmail | OutboundCall {
  const base = baseUrl(deps);
  const key = `${survey.surveyId}#${survey.attempts.length}`;
  if (channel === 'sms') {
    return {
      to: survey.phone ?? '',
      from: deps.env.TWILIO_FROM,
      body: composeSms(deps.config, survey),
      surveyId: survey.surveyId,
      idempotencyKey: key,
      statusCallbackUrl: `${base}/twilio/status?surveyId=${encodeURIComponent(survey.surveyId)}&channel=sms`,
    };
  }
  if (channel === 'email') {
    const email = composeEmail(deps.config, survey, base, deps.secrets.LINK_SIGNING_KEY);
    return {
      to: survey.email ?? '',
      from: deps.env.SES_FROM,
      ...email,
      surveyId: survey.surveyId,
      idempotencyKey: key,
      ...(deps.env.SES_CONFIGURATION_SET && { configurationSet: deps.env.SES_CONFIGURATION_SET }),
    };
  }
  const urls = voiceUrls(base, survey.surveyId);
  return {
    to: survey.phone ?? '',
    from: deps.env.TWILIO_FROM,
    twimlUrl: urls.twiml,
    statusCallbackUrl: urls.status,
    surveyId: survey.surveyId,
    idempotencyKey: key,
  };
}
