import { randomBytes } from 'node:crypto';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { signGeneric } from '../shared/sources/index.ts';

/**
 * The customer (and platform) simulator: sends the same signed requests the real platforms and
 * Twilio send, to a running Touchpoint. Used by `local/simulate.ts`, the dashboard panel and tests.
 */
export interface SimResponse {
  status: number;
  body: string;
  json?: unknown;
}

async function call(url: string, init: RequestInit): Promise<SimResponse> {
  const res = await fetch(url, init);
  const body = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  return { status: res.status, body, json };
}

/** The rating links of a survey email's HTML, in scale order (lowest score first). */
export function ratingLinksOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]+\/r\/[^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

/**
 * Opens an email rating link the way a customer's browser does: GET the page, then what its script
 * does, POST the page's form token back without a comment (that POST records the rating).
 * `page` is the GET's answer; `confirm` the POST's (undefined when the page had no rating form).
 */
export async function clickRatingLink(link: string): Promise<{ page: SimResponse; confirm?: SimResponse }> {
  const page = await call(link, { method: 'GET' });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (page.status !== 200 || !/<form id="why"/.test(page.body) || !csrf) return { page };
  const confirm = await call(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
  return { page, confirm };
}

/** The POST of a canonical event to `/webhooks/events`, signed like an integrating system would. */
export function signedEventRequest(baseUrl: string, event: unknown, secret: string, now: Date) {
  const body = JSON.stringify(event);
  return {
    url: `${baseUrl}/webhooks/events`,
    headers: { 'content-type': 'application/json', 'touchpoint-signature': signGeneric(body, secret, now) },
    body,
  };
}

/** Posts a canonical event to `/webhooks/events`, signed like an integrating system would. */
export function sendEvent(baseUrl: string, event: unknown, secret: string, now: Date): Promise<SimResponse> {
  const { url, headers, body } = signedEventRequest(baseUrl, event, secret, now);
  return call(url, { method: 'POST', headers, body });
}

/** Posts a form-encoded Twilio webhook with a valid X-Twilio-Signature for that exact URL. */
export function postTwilio(
  url: string,
  params: Record<string, string>,
  authToken: string,
): Promise<SimResponse> {
  const signature = getExpectedTwilioSignature(authToken, url, params);
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  });
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/** The customer texts `body` from `from` to our number `to`. */
export function sendSms(
  baseUrl: string,
  sms: { from: string; to: string; body: string; messageSid?: string; accountSid?: string },
  authToken: string,
): Promise<SimResponse> {
  return postTwilio(
    `${baseUrl}/twilio/sms`,
    {
      MessageSid: sms.messageSid ?? newMessageSid(),
      AccountSid: sms.accountSid ?? 'AC00000000000000000000000000000000',
      From: sms.from,
      To: sms.to,
      Body: sms.body,
      NumMedia: '0',
    },
    authToken,
  );
}

/** Extracts the text of the `<Message>` elements of a TwiML reply. */
export function twimlMessages(xml: string): string[] {
  return [...xml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((m) =>
    (m[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&apos;', "'")
      .replaceAll('&amp;', '&'),
  );
}
