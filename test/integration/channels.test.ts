import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import {
  clickRatingLink,
  newMessageSid,
  postTwilio,
  ratingLinksOf,
  sendEvent,
  sendSms,
  twimlMessages,
} from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

const SECRET = 'local-generic-webhook-secret';
const TWILIO = 'local-twilio-auth-token';
let seq = 0;

function canonical(rt: LocalRuntime, over: Record<string, unknown>) {
  seq++;
  return {
    eventId: `chan-${seq}-${Date.now()}`,
    type: 'delivery',
    occurredAt: new Date(rt.clock.now().getTime() - 24 * 3600_000).toISOString(),
    source: 'crm',
    customer: { id: `c-${seq}`, timeZone: 'America/New_York', locale: 'en-US' },
    context: { orderId: `ord-${seq}-${Date.now()}` },
    ...over,
  };
}

async function surveyOf(rt: LocalRuntime, event: Record<string, unknown>) {
  const res = await sendEvent(rt.url, event, SECRET, rt.clock.now());
  expect(res.status).toBe(200);
  const id = (res.json as { surveyId: string }).surveyId;
  await rt.advance({ advanceSeconds: 60 });
  return id;
}

describe('channels and replies', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    // 15:00 UTC = 10:00 in New York: inside the sending window.
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  describe('email', () => {
    it('records a one-click rating, takes the why comment, and counts a changed mind once', async () => {
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'e1', email: 'ema@example.com', locale: 'de-DE' } }),
      );
      const mail = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'email');
      expect(mail?.subject).toContain('Example Shop');
      expect(mail?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(mail?.text).toContain('/r/');
      const links = ratingLinksOf(mail?.html ?? '');
      expect(links).toHaveLength(11);

      const click = await clickRatingLink(links[3] ?? '');
      expect(click.page.status).toBe(200);
      expect(click.page.body).toContain('<textarea');
      expect(click.confirm?.status).toBe(204);
      expect((await rt.deps.responses.get(id))?.score).toBe(3);

      // Changing one's mind: 3 -> 9 moves the count.
      expect((await clickRatingLink(links[9] ?? '')).confirm?.status).toBe(204);
      await rt.drainStreams();
      const scores = (await (
        await fetch(`${rt.url}/api/scores?touchpoint=delivery`, {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).json()) as { scores: unknown[] };
      expect(scores.scores[0]).toMatchObject({ responses: 1, distribution: { '3': 0, '9': 1 } });

      const page = click.page.body;
      const action = /action="([^"]+)"/.exec(page)?.[1] ?? '';
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const forged = await fetch(`${rt.url}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'csrf=nope&comment=hacked',
      });
      expect(forged.status).toBe(403);
      // The form's Send (the page's action is the link of the score shown: 3 again).
      const ok = await fetch(`${rt.url}${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, comment: 'Schnelle Lieferung <b>danke</b>' }).toString(),
      });
      expect(ok.status).toBe(200);
      expect(await rt.deps.responses.get(id)).toMatchObject({
        score: 3,
        comment: 'Schnelle Lieferung <b>danke</b>',
      });
      expect((await rt.deps.surveys.get(id))?.conversation).toBe('done');
    });

    it('records nothing when a mail scanner opens every rating link, and the page can confirm by hash-allowed script only', async () => {
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 'e5', email: 'scan@example.com' } }));
      const mail = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'email');
      const links = ratingLinksOf(mail?.html ?? '');
      expect(links).toHaveLength(11);
      const opened = await Promise.all(
        links.map(async (link) => {
          const res = await fetch(link);
          return {
            status: res.status,
            body: await res.text(),
            csp: res.headers.get('content-security-policy'),
          };
        }),
      );
      expect(opened.map((r) => r.status)).toEqual(Array(11).fill(200));
      expect(await rt.deps.responses.get(id)).toBeUndefined();
      expect((await rt.deps.surveys.get(id))?.status).toBe('sent');

      // The page runs one script, allowed by its hash and nothing else; it may only call this origin.
      const page = opened[7]?.body ?? '';
      const directives = new Map(
        (opened[7]?.csp ?? '').split(';').map((d) => {
          const [name = '', ...values] = d.trim().split(/\s+/);
          return [name, values.join(' ')] as const;
        }),
      );
      const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
      expect(script.length).toBeGreaterThan(0);
      const hash = createHash('sha256').update(script).digest('base64');
      expect(directives.get('script-src')).toBe(`'sha256-${hash}'`);
      expect(directives.get('connect-src')).toBe("'self'");
      expect(directives.get('default-src')).toBe("'none'");
      expect(page).toContain('id="save-hint"');

      // A POST without the page's form token records nothing either.
      const blind = await fetch(links[7] ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: '',
      });
      expect(blind.status).toBe(403);
      expect(await rt.deps.responses.get(id)).toBeUndefined();
    });

    it('saves rating and comment with one Send when the page could not confirm by script', async () => {
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 'e6', email: 'nojs@example.com' } }));
      const mail = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'email');
      const link = ratingLinksOf(mail?.html ?? '')[8] ?? '';
      const page = await (await fetch(link)).text();
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const sent = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, comment: 'Fast, thanks' }).toString(),
      });
      expect(sent.status).toBe(200);
      expect(await rt.deps.responses.get(id)).toMatchObject({ score: 8, comment: 'Fast, thanks' });
      // Send pressed twice (or the page reloaded and posted again): still one response.
      await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrf, comment: 'Fast, thanks' }).toString(),
      });
      await rt.drainStreams();
      expect(await rt.deps.responses.get(id)).toMatchObject({ score: 8, comment: 'Fast, thanks' });
    });

    it('shows a clear page for a tampered link and records nothing', async () => {
      const res = await fetch(`${rt.url}/r/eyJzIjoieCJ9.AAAA`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('not valid');
    });

    it('unsubscribes in one click (RFC 8058) and sends no more email to that address', async () => {
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 'e2', email: 'una@example.com' } }));
      const mail = rt.sandbox.outbox().find((m) => m.surveyId === id);
      const url = /<([^>]+)>/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect((await rt.deps.surveys.getConsent('una@example.com'))?.emailSuppressed).toBe('unsubscribed');
      await rt.advance({ advanceSeconds: 15 * 86_400 });
      const next = await sendEvent(
        rt.url,
        canonical(rt, { type: 'purchase', customer: { id: 'e2', email: 'una@example.com' } }),
        SECRET,
        rt.clock.now(),
      );
      expect(next.json as { outcome: string; reason: string }).toMatchObject({
        outcome: 'skipped',
        reason: 'no_consent',
      });
    });
  });

  describe('SMS', () => {
    it('clarifies once, then keeps the next unclear answer as a comment without a score', async () => {
      const phone = '+12015550131';
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 's1', phone } }));
      const first = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'great stuff' }, TWILIO);
      expect(twimlMessages(first.body)[0]).toContain('0 to 10');
      await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'really great' }, TWILIO);
      expect(await rt.deps.responses.get(id)).toMatchObject({ score: null, comment: 'really great' });
    });

    it('applies a retried Twilio webhook (same MessageSid) once', async () => {
      const phone = '+12015550132';
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 's2', phone } }));
      const sid = newMessageSid();
      const a = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '8', messageSid: sid }, TWILIO);
      const b = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '8', messageSid: sid }, TWILIO);
      expect(twimlMessages(a.body)).toHaveLength(1);
      expect(twimlMessages(b.body)).toHaveLength(0);
      const survey = await rt.deps.surveys.get(id);
      expect(survey?.conversation).toBe('awaiting_comment');
      expect(survey?.inboundIds).toEqual([sid]);
    });

    it('opts out on STOP at once, confirms once, and opts back in on START', async () => {
      const phone = '+12015550133';
      await surveyOf(rt, canonical(rt, { customer: { id: 's3', phone } }));
      const stop = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'Stop' }, TWILIO);
      expect(twimlMessages(stop.body)[0]).toContain('START');
      const again = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'STOP' }, TWILIO);
      expect(twimlMessages(again.body)).toHaveLength(0);
      expect((await rt.deps.surveys.getConsent(phone))?.smsOptedOut).toBe(true);
      const help = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'help' }, TWILIO);
      expect(twimlMessages(help.body)[0]).toContain('Example Shop');
      const start = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'START' }, TWILIO);
      expect(twimlMessages(start.body)[0]).toContain('STOP');
      expect((await rt.deps.surveys.getConsent(phone))?.smsOptedOut).toBe(false);
    });

    it('falls back to email when Twilio reports the SMS undelivered', async () => {
      const phone = '+12015550134';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 's4', phone, email: 'fallback@example.com' } }),
      );
      const res = await postTwilio(
        `${rt.url}/twilio/status?surveyId=${id}&channel=sms`,
        { MessageSid: newMessageSid(), MessageStatus: 'undelivered', ErrorCode: '30003' },
        TWILIO,
      );
      expect(res.status).toBe(200);
      await rt.advance({ advanceSeconds: 60 });
      const survey = await rt.deps.surveys.get(id);
      expect(survey).toMatchObject({ status: 'sent', channel: 'email' });
      expect(survey?.attempts.map((a) => `${a.channel}:${a.status}`)).toEqual([
        'sms:sent',
        'sms:undelivered',
        'email:sent',
      ]);
    });

    it('sends by email when the number is a landline, without retrying the SMS', async () => {
      const phone = '+12015550181';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 's4l', phone, email: 'landline@example.com' } }),
      );
      await rt.advance({ advanceSeconds: 3600 });
      const survey = await rt.deps.surveys.get(id);
      expect(survey).toMatchObject({ status: 'sent', channel: 'email' });
      expect(survey?.attempts.map((a) => `${a.channel}:${a.status}`)).toEqual(['sms:failed', 'email:sent']);
      expect(survey?.decisions.find((d) => d.rule === 'fallback')).toMatchObject({ outcome: 'email' });
      expect(survey?.decisions.find((d) => d.rule === 'fallback')?.detail).toMatch(/^sms landline: /);
      const sent = rt.sandbox.outbox().filter((m) => m.surveyId === id && m.kind === 'send');
      expect(sent.map((m) => [m.channel, m.to])).toEqual([['email', 'landline@example.com']]);
    });

    it('never texts an invalid number twice and records the permanent failure', async () => {
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 's5', phone: '+12015550190' } }));
      const survey = await rt.deps.surveys.get(id);
      expect(survey?.status).toBe('failed');
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === id)).toHaveLength(0);
    });
  });

  describe('IVR', () => {
    it('asks by keypad, re-prompts once on an invalid key, records the score and the callback wish', async () => {
      const phone = '+12015550135';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'v1', phone }, preferredChannel: 'voice' }),
      );
      const call = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'voice');
      expect(call?.twimlUrl).toContain('/twilio/voice');
      expect(call?.machineDetection).toBe('Enable');
      const start = await postTwilio(call?.twimlUrl ?? '', { CallSid: 'CA1', AnsweredBy: 'human' }, TWILIO);
      expect(start.body).toContain('<Gather');
      expect(start.body).toContain('numDigits="2"');
      expect(start.body).toContain('<Say language="en-US" voice="woman">');
      const action = (xml: string) => /action="([^"]+)"/.exec(xml)?.[1]?.replaceAll('&amp;', '&') ?? '';
      const invalid = await postTwilio(action(start.body), { CallSid: 'CA1', Digits: '42' }, TWILIO);
      expect(invalid.body).toContain('not a valid answer');
      const scored = await postTwilio(action(invalid.body), { CallSid: 'CA1', Digits: '7#' }, TWILIO);
      expect(scored.body).toContain('You pressed 7');
      expect((await rt.deps.responses.get(id))?.score).toBe(7);
      // The follow-up is asked in the call, so a text message (say, after hanging up on it) is not
      // taken as its answer.
      expect((await rt.deps.surveys.get(id))?.conversation).toBe('done');
      await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: 'a text sent during the call' }, TWILIO);
      expect((await rt.deps.responses.get(id))?.comment).toBeUndefined();
      const second = await postTwilio(action(scored.body), { CallSid: 'CA1', Digits: '1' }, TWILIO);
      expect(second.body).toContain('<Hangup');
      expect(await rt.deps.responses.get(id)).toMatchObject({
        score: 7,
        comment: expect.stringContaining('contacted'),
      });
    });

    it('speaks the customer language with a voice that has it (basic voices only speak en, de, fr, es)', async () => {
      const phone = '+12015550166';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'v-ru', phone, locale: 'ru-RU' }, preferredChannel: 'voice' }),
      );
      const call = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'voice');
      const start = await postTwilio(call?.twimlUrl ?? '', { CallSid: 'CA-ru', AnsweredBy: 'human' }, TWILIO);
      const says = [...start.body.matchAll(/<Say ([^>]*)>/g)].map((m) => m[1]);
      expect(says.length).toBeGreaterThan(0);
      for (const attributes of says) expect(attributes).toBe('language="ru-RU" voice="Polly.Tatyana"');
    });

    it('leaves no voicemail survey and falls back to SMS when a machine answers', async () => {
      const phone = '+12015550136';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'v2', phone }, preferredChannel: 'voice' }),
      );
      const call = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'voice');
      const res = await postTwilio(
        call?.twimlUrl ?? '',
        { CallSid: 'CA2', AnsweredBy: 'machine_start' },
        TWILIO,
      );
      expect(res.body).toContain('<Hangup');
      expect(res.body).not.toContain('<Say');
      await rt.advance({ advanceSeconds: 60 });
      expect(
        rt.sandbox
          .outbox()
          .filter((m) => m.surveyId === id)
          .map((m) => m.channel),
      ).toEqual(['voice', 'sms']);
    });
  });

  describe('IVR fallback on no answer', () => {
    it('texts the survey when nobody answers the call, and a repeated status callback changes nothing', async () => {
      const phone = '+12015550137';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'v3', phone }, preferredChannel: 'voice' }),
      );
      const call = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'voice');
      expect(call).toBeDefined();
      const status = { CallSid: 'CA3', CallStatus: 'no-answer', To: phone };
      const first = await postTwilio(`${rt.url}/twilio/status?surveyId=${id}&channel=voice`, status, TWILIO);
      expect(first.status).toBe(200);
      const again = await postTwilio(`${rt.url}/twilio/status?surveyId=${id}&channel=voice`, status, TWILIO);
      expect(again.status).toBe(200);
      await rt.advance({ advanceSeconds: 60 });
      expect(
        rt.sandbox
          .outbox()
          .filter((m) => m.surveyId === id && m.kind === 'send')
          .map((m) => [m.channel, m.to]),
      ).toEqual([
        ['voice', phone],
        ['sms', phone],
      ]);
      const survey = await rt.deps.surveys.get(id);
      expect(survey).toMatchObject({ status: 'sent', channel: 'sms' });
      expect(survey?.attempts.map((a) => `${a.channel}:${a.status}`)).toEqual([
        'voice:sent',
        'voice:no_answer',
        'sms:sent',
      ]);
    });
  });

  describe('crash recovery of a send', () => {
    it('asks the provider after the lease: a message that went out is not sent again', async () => {
      const phone = '+12015550152';
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 'cr1', phone } }));
      const lease = new Date(rt.clock.now().getTime() + 300_000).toISOString();
      // The worker died after Twilio accepted the message and before it recorded `sent`.
      const sent = await rt.deps.surveys.get(id);
      await rt.deps.surveys.transition(
        id,
        { status: 'sent' },
        { status: 'sending', dueAt: lease, due: lease, claimedAt: sent?.sentAt ?? '' },
      );
      await rt.advance({ advanceSeconds: 360 });
      const survey = await rt.deps.surveys.get(id);
      expect(survey?.status).toBe('sent');
      expect(survey?.decisions.at(-1)).toMatchObject({
        rule: 'recovery',
        outcome: 'sent',
        detail: 'provider confirms the send',
      });
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === id && m.kind === 'send')).toHaveLength(1);
    });

    it('sends once a survey whose worker died before the provider call', async () => {
      const phone = '+12015550153';
      const res = await sendEvent(
        rt.url,
        canonical(rt, { customer: { id: 'cr2', phone } }),
        SECRET,
        rt.clock.now(),
      );
      const id = (res.json as { surveyId: string }).surveyId;
      const lease = new Date(rt.clock.now().getTime() + 300_000).toISOString();
      const scheduled = await rt.deps.surveys.get(id);
      await rt.deps.surveys.transition(
        id,
        { status: 'scheduled', dueAt: scheduled?.dueAt ?? '' },
        {
          status: 'sending',
          channel: 'sms',
          dueAt: lease,
          due: lease,
          claimedAt: rt.clock.now().toISOString(),
        },
      );
      await rt.advance({ advanceSeconds: 360 });
      await rt.advance({ advanceSeconds: 60 });
      expect((await rt.deps.surveys.get(id))?.status).toBe('sent');
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === id && m.kind === 'send')).toHaveLength(1);
    });
  });

  describe('reminders', () => {
    it('sends one email reminder to a non-responder after 48 hours, none to SMS surveys or to responders', async () => {
      const silent = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'r1', email: 'quiet@example.com' } }),
      );
      const answered = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'r2', email: 'quick@example.com' } }),
      );
      const bySms = await surveyOf(rt, canonical(rt, { customer: { id: 'r3', phone: '+12015550139' } }));
      const mail = rt.sandbox.outbox().find((m) => m.surveyId === answered && m.channel === 'email');
      const link = ratingLinksOf(mail?.html ?? '')[0] ?? '';
      expect((await clickRatingLink(link)).confirm?.status).toBe(204);
      await rt.advance({ advanceSeconds: 47 * 3600 });
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === silent && m.kind === 'send')).toHaveLength(1);
      for (let i = 0; i < 4; i++) await rt.advance({ advanceSeconds: 3600 });
      const toSilent = rt.sandbox.outbox().filter((m) => m.surveyId === silent && m.kind === 'send');
      expect(toSilent).toHaveLength(2);
      expect(toSilent[1]?.subject).toMatch(/^Reminder: /);
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === answered && m.kind === 'send')).toHaveLength(1);
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === bySms && m.kind === 'send')).toHaveLength(1);
      await rt.advance({ advanceSeconds: 5 * 86_400 });
      expect(rt.sandbox.outbox().filter((m) => m.surveyId === silent && m.kind === 'send')).toHaveLength(2);
    });
  });

  describe('closed surveys and IVR silence', () => {
    it('answers a reply to an expired survey politely and does not score it', async () => {
      const phone = '+12015550137';
      const id = await surveyOf(rt, canonical(rt, { customer: { id: 'x1', phone } }));
      await rt.advance({ advanceSeconds: 8 * 86_400 });
      const res = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '10' }, TWILIO);
      expect(twimlMessages(res.body)[0]).toContain('closed');
      expect(await rt.deps.responses.get(id)).toBeUndefined();
    });

    it('ends the call politely after silence twice, and on *', async () => {
      const phone = '+12015550138';
      const id = await surveyOf(
        rt,
        canonical(rt, { customer: { id: 'x2', phone }, preferredChannel: 'voice' }),
      );
      const call = rt.sandbox.outbox().find((m) => m.surveyId === id && m.channel === 'voice');
      const start = await postTwilio(call?.twimlUrl ?? '', { CallSid: 'CA3', AnsweredBy: 'human' }, TWILIO);
      const redirect = (xml: string) =>
        /<Redirect[^>]*>([^<]+)<\/Redirect>/.exec(xml)?.[1]?.replaceAll('&amp;', '&') ?? '';
      const first = await postTwilio(redirect(start.body), { CallSid: 'CA3' }, TWILIO);
      expect(first.body).toContain('did not hear anything');
      const second = await postTwilio(redirect(first.body), { CallSid: 'CA3' }, TWILIO);
      expect(second.body).toContain('Goodbye');
      expect(second.body).toContain('<Hangup');
      const action = /action="([^"]+)"/.exec(start.body)?.[1]?.replaceAll('&amp;', '&') ?? '';
      const star = await postTwilio(action, { CallSid: 'CA3', Digits: '*' }, TWILIO);
      expect(star.body).toContain('<Hangup');
      expect(await rt.deps.responses.get(id)).toBeUndefined();
    });
  });

  describe('provider faults', () => {
    it('sends every survey exactly once while 30% of provider calls fail with 5xx/429', async () => {
      rt.sandbox.faults = { transientRate: 0.3, statuses: [500, 503, 429] };
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await sendEvent(
          rt.url,
          canonical(rt, { customer: { id: `f${i}`, phone: `+120155501${String(50 + i)}` } }),
          SECRET,
          rt.clock.now(),
        );
        ids.push((res.json as { surveyId: string }).surveyId);
      }
      for (let i = 0; i < 40; i++) await rt.advance({ advanceSeconds: 3600 });
      rt.sandbox.faults = { transientRate: 0, statuses: [500] };
      const sent = rt.sandbox.outbox().filter((m) => m.kind === 'send' && ids.includes(m.surveyId ?? ''));
      expect(rt.sandbox.stats.faultsInjected).toBeGreaterThan(0);
      expect(new Set(sent.map((m) => m.surveyId)).size).toBe(30);
      expect(sent).toHaveLength(30);
    });
  });
});
