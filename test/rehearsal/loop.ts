import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { ratingLinksOf } from '../../local/simulator.ts';
import { signGeneric } from '../../shared/sources/index.ts';
import { driveAdmin } from './admin.ts';
import type { Stack } from './deploy.ts';
import {
  type Check,
  canonicalEvent,
  EMAIL_CUSTOMER,
  eventBridgeEvent,
  type Ingest,
  ingestPaths,
  LEGACY_PHONE,
  PROVIDER_OPTED_OUT,
  SMS_CUSTOMER,
  snsEvent,
  VOICE_CUSTOMER,
} from './events.ts';
import { jsonOf as json } from './gateway.ts';

/**
 * The whole loop, driven only through the bundles and the events their triggers deliver: signed
 * webhook and EventBridge event -> survey -> tick sends (stand-ins record) -> signed replies, SNS
 * two-way replies, email link, IVR, delivery callbacks -> stream records into the score consumer ->
 * admin API reads the score; send-test; STOP; erase. `check` records each expectation.
 */
export async function driveLoop(stack: Stack, check: Check): Promise<void> {
  const { gateway, secret, sandbox, clock, containers, scenario } = stack;
  const base = gateway.baseUrl;
  const invoke = <T>(fn: Parameters<typeof containers.get>[0], event: unknown) => {
    const c = containers.get(fn);
    if (!c) throw new Error(`${fn} is not deployed`);
    return c.invoke<T>(event, clock.now);
  };
  const env = containers.get('dispatch-tick')?.fn.environment ?? {};
  const topicOf = (fn: Parameters<typeof containers.get>[0]) =>
    stack.deployment.topicOf(containers.get(fn)?.fn.logicalId ?? '');
  const ourNumber = env.TWILIO_FROM ?? '';
  const twilio = (url: string, params: Record<string, string>) =>
    gateway.request('POST', url, {
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': getExpectedTwilioSignature(secret.TWILIO_AUTH_TOKEN ?? '', url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
  const inboundSms = (from: string, body: string, inboundMessageId: string = randomUUID()) =>
    invoke<{ processed: number; duplicates: number; outcomes: string[] }>(
      'sms-inbound',
      snsEvent(
        topicOf('sms-inbound'),
        {
          originationNumber: from,
          destinationNumber: env.SNS_ORIGINATION_NUMBER,
          messageKeyword: 'KEYWORD_111122223333',
          messageBody: body,
          inboundMessageId,
          previousPublishedMessageId: randomUUID(),
        },
        clock.now,
      ),
    );
  const reply = async (from: string, body: string, messageId = `SM${randomUUID().replaceAll('-', '')}`) => {
    if (scenario.smsProvider === 'sns') {
      const before = sandbox.outbox().length;
      const out = await inboundSms(from, body, messageId);
      return {
        outcome: out.outcomes[0],
        replies: sandbox
          .outbox()
          .slice(before)
          .filter((e) => e.to === from),
      };
    }
    const res = await twilio(`${base}/twilio/sms`, {
      MessageSid: messageId,
      AccountSid: secret.TWILIO_ACCOUNT_SID ?? '',
      From: from,
      To: ourNumber,
      Body: body,
      NumMedia: '0',
    });
    return {
      outcome: String(res.status),
      replies: [...res.body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)],
    };
  };

  // --- The deploy's trigger, then the public dashboard --------------------------------------------
  // Customer state an earlier version kept in the Surveys table: a profile, and an opt-out of a
  // number whose consent the new version already holds (the two merge).
  const tables = Object.fromEntries(
    [...stack.deployment.tableNames].map(([id, name]) => [id.replace(/Table.*$/, ''), name]),
  );
  await stack.dynamo.send(
    new PutItemCommand({
      TableName: tables.Surveys,
      Item: marshall({ pk: 'CUSTOMER#c-legacy', sk: 'PROFILE', lastSurveyAt: '2025-01-01T00:00:00Z' }),
    }),
  );
  await stack.dynamo.send(
    new PutItemCommand({
      TableName: tables.Surveys,
      Item: marshall({ pk: `CONTACT#${LEGACY_PHONE}`, sk: 'CONSENT', smsOptedOut: true }),
    }),
  );
  await stack.dynamo.send(
    new PutItemCommand({
      TableName: tables.Customers,
      Item: marshall({ pk: `CONTACT#${LEGACY_PHONE}`, sk: 'CONSENT', emailSuppressed: 'bounced' }),
    }),
  );
  const moved = await invoke<{ complete: boolean; moved: number; merged: number }>('migrate-customers', {});
  check(
    'migrate-customers moves earlier customer state inside the deploy, without the secret',
    moved.complete && moved.moved === 1 && moved.merged === 1,
    moved,
  );
  const rerun = await invoke<{ complete: boolean; moved: number }>('migrate-customers', {});
  check('a later deploy finds the move done', rerun.complete && rerun.moved === 0, rerun);
  const page = await gateway.request('GET', `${base}/`);
  const config = json(await gateway.request('GET', `${base}/config.json`));
  check(
    'the dashboard is served from the admin bundle',
    page.status === 200 && page.body.includes('<html'),
    page.status,
  );
  check(
    `the dashboard is told the ${scenario.adminAuth} sign-in`,
    JSON.stringify(config).includes(scenario.adminAuth),
    config,
  );

  // --- Events in: a signed webhook (twice), an EventBridge event -----------------------------------
  const events = [
    canonicalEvent(`sms-${randomUUID()}`, clock.now, { id: 'c-sms', phone: SMS_CUSTOMER }),
    canonicalEvent(
      `voice-${randomUUID()}`,
      clock.now,
      { id: 'c-voice', phone: VOICE_CUSTOMER },
      { preferredChannel: 'voice' },
    ),
    canonicalEvent(`optout-${randomUUID()}`, clock.now, {
      id: 'c-listed',
      phone: PROVIDER_OPTED_OUT,
      email: 'listed@example.com',
    }),
  ];
  const surveys: Record<string, string> = {};
  let latestDue = clock.now.getTime();
  for (const event of events) {
    const body = JSON.stringify({ ...event, source: 'rehearsal' });
    const post = () =>
      gateway.request('POST', `${base}/webhooks/events`, {
        headers: {
          'content-type': 'application/json',
          'touchpoint-signature': signGeneric(body, secret.TOUCHPOINT_WEBHOOK_SECRET ?? '', clock.now),
        },
        body,
      });
    const res = await post();
    const out = json(res);
    check(
      `signed webhook ${event.customer.id} schedules a survey`,
      res.status === 200 && out.outcome === 'scheduled',
      out,
    );
    const again = json(await post());
    check(
      `its re-delivery has no second effect (${event.customer.id})`,
      again.duplicate === true && again.surveyId === out.surveyId,
      again,
    );
    surveys[String(event.customer.id)] = String(out.surveyId);
    latestDue = Math.max(latestDue, Date.parse(String(out.dueAt)));
  }
  const bridged = canonicalEvent(`email-${randomUUID()}`, clock.now, {
    id: 'c-email',
    email: EMAIL_CUSTOMER,
  });
  const rule = stack.deployment
    .resources('stateless', 'AWS::Events::Rule')
    .find(([, r]) => r.Properties?.EventBusName);
  const pattern = JSON.stringify(rule?.[1].Properties?.EventPattern ?? {});
  check(
    'the bus rule routes source touchpoint.events to eventbridge-ingest',
    pattern.includes('touchpoint.events'),
    pattern,
  );
  const viaBus: Ingest = (event) =>
    invoke<Record<string, unknown>>(
      'eventbridge-ingest',
      eventBridgeEvent('touchpoint.events', `touchpoint.${event.type}`, event, clock.now),
    );
  const viaWebhook: Ingest = async (event) => {
    const body = JSON.stringify({ ...event, source: 'rehearsal' });
    return json(
      await gateway.request('POST', `${base}/webhooks/events`, {
        headers: {
          'content-type': 'application/json',
          'touchpoint-signature': signGeneric(body, secret.TOUCHPOINT_WEBHOOK_SECRET ?? '', clock.now),
        },
        body,
      }),
    );
  };
  const ingested = (await viaBus(bridged)) as { outcome: string; surveyId: string; dueAt: string };
  check('an EventBridge event schedules a survey', ingested.outcome === 'scheduled', ingested);
  surveys['c-email'] = ingested.surveyId;
  latestDue = Math.max(latestDue, Date.parse(ingested.dueAt));
  latestDue = Math.max(
    latestDue,
    await ingestPaths(viaBus, check, 'EventBridge', clock.now, { id: 'c-bus', phone: '+12015550147' }),
  );

  // --- The tick sends them (the provider's opt-out list is honoured) --------------------------------
  sandbox.snsOptedOut.add(PROVIDER_OPTED_OUT);
  clock.now = new Date(latestDue + 1000);
  const schedule = () => eventBridgeEvent('aws.events', 'Scheduled Event', {}, clock.now);
  const tick = await invoke<{ sent: number; failed: number; fellBack: number }>('dispatch-tick', schedule());
  const sent = (to: string) => sandbox.outbox().filter((e) => e.kind === 'send' && e.to === to);
  const smsProvider = scenario.smsProvider === 'sns' ? 'sns' : 'twilio';
  check('the tick sends the due surveys', tick.sent >= 4, tick);
  check(
    `the SMS survey goes out through ${smsProvider}`,
    sent(SMS_CUSTOMER).some((e) => e.channel === 'sms' && e.provider === smsProvider),
    sent(SMS_CUSTOMER),
  );
  check(
    'the voice survey is a Twilio call',
    sent(VOICE_CUSTOMER).some((e) => e.channel === 'voice'),
    sent(VOICE_CUSTOMER),
  );
  const mail = sent(EMAIL_CUSTOMER).find((e) => e.channel === 'email' && e.provider === 'ses');
  check('the email survey goes out through SES', Boolean(mail), sent(EMAIL_CUSTOMER));
  const listed = sandbox.outbox().filter((e) => e.to === PROVIDER_OPTED_OUT);
  check(
    scenario.smsProvider === 'sns'
      ? 'a number on the SNS opt-out list gets no SMS (its attempt fails, the survey falls back)'
      : 'a phone-and-email customer gets the SMS survey',
    scenario.smsProvider === 'sns'
      ? listed.length === 0 && tick.failed + tick.fellBack >= 1
      : listed.length === 1,
    { listed, tick },
  );

  // The SMS customer's tickets (after its survey went out, which a ticket survey would supersede):
  // they leave event records and open tickets that erasure must remove.
  await ingestPaths(viaWebhook, check, 'webhook', clock.now, { id: 'c-sms', phone: SMS_CUSTOMER });

  // --- Replies ---------------------------------------------------------------------------------------
  // CES 2.0 (1-7): a low score is a detractor, so it raises an alert.
  const score = await reply(
    SMS_CUSTOMER,
    '1',
    scenario.smsProvider === 'sns' ? randomUUID() : 'SMrehearsalreply0000000000000001',
  );
  check('a signed SMS reply scores the survey and is answered', score.replies.length === 1, score);
  const again = await reply(
    SMS_CUSTOMER,
    '1',
    scenario.smsProvider === 'sns' ? undefined : 'SMrehearsalreply0000000000000001',
  );
  if (scenario.smsProvider === 'twilio')
    check('a retried reply webhook is answered once', again.replies.length === 0, again);
  const comment = await reply(SMS_CUSTOMER, 'Slow and the courier was rude');
  check('the follow-up comment is kept', comment.replies.length === 1, comment);
  // The alert topic is down while this answer reaches the score consumer: its alert stays pending.
  sandbox.faults.transientRate = 1;
  await stack.poller.drain();
  sandbox.faults.transientRate = 0;
  if (scenario.smsProvider === 'sns') {
    const id = randomUUID();
    const first = await inboundSms(SMS_CUSTOMER, 'HELP', id);
    const before = sandbox.outbox().length;
    const redelivered = await inboundSms(SMS_CUSTOMER, 'HELP', id);
    check(
      'an inbound SNS message delivered twice is answered once',
      first.processed === 1 && redelivered.duplicates === 1 && sandbox.outbox().length === before,
      { first, redelivered },
    );
  } else {
    const sms = sent(SMS_CUSTOMER).find((e) => e.statusCallbackUrl);
    const status = await twilio(sms?.statusCallbackUrl ?? `${base}/twilio/status`, {
      MessageSid: 'SMrehearsal',
      MessageStatus: 'delivered',
    });
    check('a signed delivery callback is accepted', status.status === 200, status);
  }
  if (scenario.smsProvider === 'sns') {
    // The Twilio number still calls (IVR): a customer may text it too, and STOP there must count.
    const texted = (from: string, body: string) =>
      twilio(`${base}/twilio/sms`, {
        MessageSid: `SM${randomUUID().replaceAll('-', '')}`,
        AccountSid: secret.TWILIO_ACCOUNT_SID ?? '',
        From: from,
        To: ourNumber,
        Body: body,
        NumMedia: '0',
      });
    const help = await texted(SMS_CUSTOMER, 'HELP');
    const stopped = await texted(VOICE_CUSTOMER, 'STOP');
    check(
      'a text to the Twilio (voice) number is answered, STOP included',
      help.body.includes('<Message>') && stopped.body.includes('<Message>'),
      { help: help.body, stopped: stopped.body },
    );
  }
  const call = sent(VOICE_CUSTOMER).find((e) => e.channel === 'voice');
  const callParams = {
    CallSid: `CA${randomUUID().replaceAll('-', '')}`,
    From: ourNumber,
    To: VOICE_CUSTOMER,
    AccountSid: secret.TWILIO_ACCOUNT_SID ?? '',
  };
  const question = await twilio(call?.twimlUrl ?? `${base}/twilio/voice`, callParams);
  // Twilio resolves a relative action against the URL it called.
  const gather = /action="([^"]+)"/.exec(question.body)?.[1]?.replaceAll('&amp;', '&');
  const action = gather ? new URL(gather, call?.twimlUrl ?? base).toString() : undefined;
  const answered = action ? await twilio(action, { ...callParams, Digits: '2' }) : question;
  check(
    'the IVR asks and takes a keypad answer',
    question.status === 200 && Boolean(action) && answered.status === 200,
    { question: question.body.slice(0, 300), answered: answered.body.slice(0, 300) },
  );
  const link = ratingLinksOf(mail?.html ?? '').at(-1) ?? '';
  const rating = await gateway.request('GET', link);
  const csrf = /name="csrf" value="([^"]+)"/.exec(rating.body)?.[1] ?? '';
  const confirmed = await gateway.request('POST', link, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
  check(
    'an email rating link on the API domain records the rating',
    link.startsWith(base) && rating.status === 200 && confirmed.status === 204,
    { link, rating: rating.status, confirmed: confirmed.status },
  );
  const why = await gateway.request('POST', link, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, comment: 'Easy checkout' }).toString(),
  });
  check('the why form keeps the comment', why.status === 200, why.status);
  const unsubscribe = /<([^>]+)>/.exec(mail?.headers?.['List-Unsubscribe'] ?? '')?.[1] ?? '';
  const unsubscribed = await gateway.request('POST', unsubscribe, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });
  check(
    'one-click unsubscribe on the API domain works',
    unsubscribe.startsWith(base) && unsubscribed.status === 200,
    { unsubscribe, status: unsubscribed.status },
  );
  const feedback = await invoke<{ processed: number }>(
    'ses-feedback',
    snsEvent(
      topicOf('ses-feedback'),
      {
        eventType: 'Delivery',
        mail: {
          messageId: mail?.id,
          destination: [EMAIL_CUSTOMER],
          tags: { surveyId: [surveys['c-email']] },
        },
        delivery: { recipients: [EMAIL_CUSTOMER] },
      },
      clock.now,
    ),
  );
  check('SES delivery feedback reaches its survey', feedback.processed === 1, feedback);

  await driveAdmin({ stack, check, base, invoke, sent, reply, topicOf });
}
