import { emailTexts, REMINDER_PREFIX, renderSms } from '../domain/messages.ts';
import type { Survey } from '../domain/survey.ts';
import type { TouchpointConfig } from '../domain/touchpoints.ts';
import { escapeHtml } from '../http/html.ts';
import { signLink } from '../security/link-token.ts';

/**
 * Renders what a customer receives on each channel, in their language. Email rating links are
 * signed single-survey tokens that expire with the survey; the unsubscribe link lives longer.
 */
const UNSUBSCRIBE_LINK_DAYS = 365;

function customQuestion(config: TouchpointConfig, survey: Survey): string | undefined {
  return config.touchpoints[survey.touchpoint]?.question?.[survey.language];
}

export function composeSms(
  config: TouchpointConfig,
  survey: Survey,
  kind: 'question' | 'reminder' = 'question',
): string {
  const question = customQuestion(config, survey);
  return renderSms(kind, survey.language, {
    brand: config.brand.name,
    contact: config.brand.contact,
    metric: survey.metric,
    touchpoint: survey.touchpoint,
    ...(question && { question }),
  });
}

export function unsubscribeToken(survey: Survey, key: string): string {
  return signLink(
    {
      s: survey.surveyId,
      a: 'unsub',
      e: Math.floor(Date.parse(survey.expiresAt) / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400,
    },
    key,
  );
}

export function ratingUrl(baseUrl: string, survey: Survey, value: number, key: string): string {
  return `${baseUrl}/r/${signLink({ s: survey.surveyId, a: 'rate', v: value, e: Math.floor(Date.parse(survey.expiresAt) / 1000) }, key)}`;
}

export function composeEmail(
  config: TouchpointConfig,
  survey: Survey,
  baseUrl: string,
  key: string,
  kind: 'question' | 'reminder' = 'question',
): { subject: string; html: string; text: string; headers: Record<string, string> } {
  const question = customQuestion(config, survey);
  const t = emailTexts(survey.language, {
    brand: config.brand.name,
    metric: survey.metric,
    touchpoint: survey.touchpoint,
    ...(question && { question }),
  });
  const unsubscribeUrl = `${baseUrl}/unsubscribe/${unsubscribeToken(survey, key)}`;
  const values: number[] = [];
  for (let v = survey.metric.min; v <= survey.metric.max; v++) values.push(v);
  const cell = (v: number) =>
    `<td align="center" style="padding:2px"><a href="${escapeHtml(ratingUrl(baseUrl, survey, v, key))}" style="display:inline-block;min-width:28px;padding:10px 6px;border:1px solid #1a4d8f;border-radius:4px;color:#1a4d8f;font:bold 16px Arial,sans-serif;text-decoration:none">${v}</a></td>`;
  const html = `<!doctype html>
<html lang="${survey.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(t.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:8px">
<tr><td style="padding:24px 24px 8px;font:bold 20px Arial,sans-serif;color:#1d2330">${escapeHtml(t.heading)}</td></tr>
<tr><td style="padding:0 24px 16px;font:16px/1.5 Arial,sans-serif;color:#1d2330">${escapeHtml(t.question)}</td></tr>
<tr><td style="padding:0 18px"><table role="presentation" cellpadding="0" cellspacing="0" width="100%"><tr>${values.map(cell).join('')}</tr></table></td></tr>
<tr><td style="padding:6px 24px 24px"><table role="presentation" width="100%"><tr>
<td style="font:12px Arial,sans-serif;color:#555">${escapeHtml(values[0])} = ${escapeHtml(t.lowLabel)}</td>
<td align="right" style="font:12px Arial,sans-serif;color:#555">${escapeHtml(values[values.length - 1])} = ${escapeHtml(t.highLabel)}</td></tr></table></td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e3e5ea;font:12px/1.5 Arial,sans-serif;color:#555">${escapeHtml(t.footer)}<br><a href="${escapeHtml(unsubscribeUrl)}" style="color:#555">${escapeHtml(t.unsubscribe)}</a></td></tr>
</table></td></tr></table></body></html>`;
  const text = [
    t.heading,
    '',
    t.question,
    '',
    ...values.map(
      (v) =>
        `${v}${v === values[0] ? ` (${t.lowLabel})` : v === values[values.length - 1] ? ` (${t.highLabel})` : ''}: ${ratingUrl(baseUrl, survey, v, key)}`,
    ),
    '',
    t.footer,
    `${t.unsubscribe}: ${unsubscribeUrl}`,
  ].join('\n');
  return {
    subject: kind === 'reminder' ? `${REMINDER_PREFIX[survey.language]}${t.subject}` : t.subject,
    html,
    text,
    headers: {
      // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the URL.
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

export function voiceUrls(baseUrl: string, surveyId: string): { twiml: string; status: string } {
  const id = encodeURIComponent(surveyId);
  return {
    twiml: `${baseUrl}/twilio/voice?surveyId=${id}&step=start&try=1`,
    status: `${baseUrl}/twilio/status?surveyId=${id}&channel=voice`,
  };
}
