import { nextAllowedSendTime } from '../domain/engine.ts';
import { emailTexts, renderSms } from '../domain/messages.ts';
import { countryOfPhone } from '../domain/quiet-hours.ts';
import { ChannelError } from '../errors.ts';
import { escapeHtml } from '../http/html.ts';
import type { Deps } from '../runtime/deps.ts';
import { unsubscribeToken } from './compose.ts';

/**
 * Sends the follow-ups the score consumer decided (a promoter's "leave us a review" invitation),
 * from the dispatch tick, which holds the channel providers. Each moves pending -> sending -> sent
 * by compare-and-set, so it goes out once; quiet hours and opt-outs apply as for surveys.
 */
export async function sendFollowUps(
  deps: Deps,
  limit = 50,
): Promise<{ sent: number; failed: number; deferred: number }> {
  const result = { sent: 0, failed: 0, deferred: 0 };
  const now = deps.clock.now();
  for (const f of await deps.aggregates.pendingFollowUps(limit)) {
    if (!(await deps.aggregates.moveFollowUp(f.followUpId, 'pending', 'sending', now))) continue;
    const survey = await deps.surveys.get(f.surveyId);
    const [phoneConsent, emailConsent] = await Promise.all([
      survey?.phone ? deps.surveys.getConsent(survey.phone) : undefined,
      survey?.email ? deps.surveys.getConsent(survey.email) : undefined,
    ]);
    const smsOk = Boolean(survey?.phone) && !phoneConsent?.smsOptedOut;
    const emailOk = Boolean(survey?.email) && !emailConsent?.emailSuppressed;
    const channel =
      survey?.channel === 'email'
        ? emailOk
          ? 'email'
          : smsOk
            ? 'sms'
            : undefined
        : smsOk
          ? 'sms'
          : emailOk
            ? 'email'
            : undefined;
    if (!survey || survey.test || !channel) {
      await deps.aggregates.moveFollowUp(
        f.followUpId,
        'sending',
        'failed',
        now,
        'no channel the customer allows',
      );
      result.failed++;
      continue;
    }
    if (
      nextAllowedSendTime(
        now,
        channel,
        survey.timeZone,
        deps.config,
        countryOfPhone(survey.phone),
      ).getTime() > now.getTime()
    ) {
      await deps.aggregates.moveFollowUp(f.followUpId, 'sending', 'pending', now, 'quiet hours');
      result.deferred++;
      continue;
    }
    const text = renderSms('review', survey.language, { brand: deps.config.brand.name, url: f.url });
    try {
      if (channel === 'sms') {
        const base = (deps.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
        await deps.sms.send({
          to: survey.phone ?? '',
          from: deps.env.TWILIO_FROM,
          body: text,
          surveyId: survey.surveyId,
          idempotencyKey: f.followUpId,
          // Delivery reports of the follow-up name its survey; they never change the survey's status.
          statusCallbackUrl: `${base}/twilio/status?surveyId=${encodeURIComponent(survey.surveyId)}&channel=sms&kind=review`,
        });
      } else {
        const t = emailTexts(survey.language, {
          brand: deps.config.brand.name,
          metric: survey.metric,
          touchpoint: survey.touchpoint,
        });
        const base = (deps.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
        const unsubscribe = `${base}/unsubscribe/${unsubscribeToken(survey, deps.secrets.LINK_SIGNING_KEY)}`;
        await deps.email.send({
          to: survey.email ?? '',
          from: deps.env.SES_FROM,
          subject: t.thanks,
          text: `${text}\n\n${t.unsubscribe}: ${unsubscribe}`,
          html: `<!doctype html><html lang="${survey.language}"><body style="font:16px Arial,sans-serif;color:#1d2330"><p>${escapeHtml(text)}</p><p><a href="${escapeHtml(f.url)}">${escapeHtml(f.url)}</a></p><p style="font-size:12px;color:#555"><a href="${escapeHtml(unsubscribe)}">${escapeHtml(t.unsubscribe)}</a></p></body></html>`,
          headers: {
            'List-Unsubscribe': `<${unsubscribe}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
          surveyId: survey.surveyId,
          idempotencyKey: f.followUpId,
          ...(deps.env.SES_CONFIGURATION_SET && { configurationSet: deps.env.SES_CONFIGURATION_SET }),
        });
      }
      await deps.aggregates.moveFollowUp(f.followUpId, 'sending', 'sent', deps.clock.now(), channel);
      result.sent++;
    } catch (error) {
      const permanent = error instanceof ChannelError && error.permanent;
      await deps.aggregates.moveFollowUp(
        f.followUpId,
        'sending',
        permanent ? 'failed' : 'pending',
        deps.clock.now(),
        (error as Error).message.slice(0, 200),
      );
      if (permanent) result.failed++;
    }
  }
  return result;
}
