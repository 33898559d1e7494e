import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js';
import { ratingLinksOf } from '../../local/simulator.ts';
import { signGeneric } from '../../shared/sources/index.ts';
import type { Stack } from './deploy.ts';
import { fakeJwt, type GatewayResponse } from './gateway.ts';
import { ACCOUNT, REGION } from './template.ts';

/**
 * The whole loop, driven only through the bundles and the events their triggers deliver: signed
 * webhook and EventBridge event -> survey -> tick sends (stand-ins record) -> signed replies, SNS
 * two-way replies, email link, IVR, delivery callbacks -> stream records into the score consumer ->
 * admin API reads the score; send-test; STOP; erase. `check` records each expectation.
 */
export type Check = (name: string, ok: boolean, detail?: unknown) => void;

const SMS_CUSTOMER = '+12015550142';
const VOICE_CUSTOMER = '+12015550143';
const TEST_PHONE = '+12015550144';
const PROVIDER_OPTED_OUT = '+12015550145';
const EMAIL_CUSTOMER = 'ada@example.com';
const TEST_EMAIL = 'grace@example.com';
const LEGACY_PHONE = '+12015550146';

function canonicalEvent(
  id: string,
  now: Date,
  customer: { id: string } & Record<string, unknown>,
  options: { type?: string; preferredChannel?: string; context?: Record<string, unknown> } = {},
) {
  return {
    eventId: `rehearsal-${id}`,
    type: options.type ?? 'purchase',
    occurredAt: now.toISOString(),
    customer: { locale: 'en-US', timeZone: 'America/New_York', name: 'Sam Example', ...customer },
    context: options.context ?? { orderId: `O-${id}`, amount: 42.5, currency: 'USD', orderCreatedAt: now.toISOString() },
    ...(options.preferredChannel && { preferredChannel: options.preferredChannel }),
  };
}

type Ingest = (event: ReturnType<typeof canonicalEvent>) => Promise<Record<string, unknown>>;

/**
 * The ingest paths besides a plain new survey, through one ingest function: a customer's tickets
 * opened (tracked, event records) and one closed while another is open (open-ticket lookup), and an
 * order's delivery reported twice (the survey follows the later report; a record answers re-deliveries).
 */
async function ingestPaths(
  ingest: Ingest,
  check: Check,
  label: string,
  now: Date,
  customer: { id: string; phone: string },
): Promise<number> {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const ticket = (type: string, ticketId: string, minutes: number) =>
    canonicalEvent(`${type}-${ticketId}-${randomUUID()}`, at(minutes), customer, {
      type,
      context: { ticketId, ticketCreatedAt: now.toISOString(), agent: 'Alex' },
    });
  const t1 = `T-${randomUUID().slice(0, 8)}`;
  const t2 = `T-${randomUUID().slice(0, 8)}`;
  const opened = await ingest(ticket('ticket_opened', t1, 0));
  await ingest(ticket('ticket_opened', t2, 1));
  const closed = await ingest(ticket('ticket_closed', t1, 2));
  check(`${label}: tickets opened are tracked, a closed one is decided`, opened.outcome === 'tracked' && typeof closed.outcome === 'string', { opened, closed });
  const order = `O-${randomUUID().slice(0, 8)}`;
  const receiver = { id: `${customer.id}-delivery`, email: `${customer.id}@example.com` };
  const delivery = (minutes: number) =>
    canonicalEvent(`delivery-${randomUUID()}`, at(minutes), receiver, { type: 'delivery', context: { orderId: order } });
  const first = await ingest(delivery(0));
  const later = await ingest(delivery(30));
  check(`${label}: a later delivery report moves the scheduled survey`, first.outcome === 'scheduled' && later.outcome === 'rescheduled', { first, later });
  return Math.max(...[closed, later].map((r) => (typeof r.dueAt === 'string' ? Date.parse(r.dueAt) : 0)));
}

function json(res: GatewayResponse): Record<string, unknown> {
  try {
    return JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export async function driveLoop(stack: Stack, check: Check): Promise<void> {
  const { gateway, secret, sandbox, clock, containers, scenario } = stack;
  const base = gateway.baseUrl;
  const invoke = <T>(fn: Parameters<typeof containers.get>[0], event: unknown) => {
    const c = containers.get(fn);
    if (!c) throw new Error(`${fn} is not deployed`);
    return c.invoke<T>(event, clock.now);
  };
  const env = containers.get('dispatch-tick')?.fn.environment ?? {};
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
    invoke<{ processed: number; duplicates: number; outcomes: string[] }>('sms-inbound', {
      Records: [
        {
          EventSource: 'aws:sns',
          Sns: {
            Type: 'Notification',
            MessageId: randomUUID(),
            TopicArn: stack.deployment.topicOf(containers.get('sms-inbound')?.fn.logicalId ?? ''),
            Message: JSON.stringify({
              originationNumber: from,
              destinationNumber: env.SNS_ORIGINATION_NUMBER,
              messageKeyword: 'KEYWORD_111122223333',
              messageBody: body,
              inboundMessageId,
              previousPublishedMessageId: randomUUID(),
            }),
            Timestamp: clock.now.toISOString(),
          },
        },
      ],
    });
  const reply = async (from: string, body: string, messageId = `SM${randomUUID().replaceAll('-', '')}`) => {
    if (scenario.smsProvider === 'sns') {
      const before = sandbox.outbox().length;
      const out = await inboundSms(from, body, messageId);
      return { outcome: out.outcomes[0], replies: sandbox.outbox().slice(before).filter((e) => e.to === from) };
    }
    const res = await twilio(`${base}/twilio/sms`, {
      MessageSid: messageId,
      AccountSid: secret.TWILIO_ACCOUNT_SID ?? '',
      From: from,
      To: ourNumber,
      Body: body,
      NumMedia: '0',
    });
    return { outcome: String(res.status), replies: [...res.body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)] };
  };

  // --- The deploy's trigger, then the public dashboard --------------------------------------------
  // Customer state an earlier version kept in the Surveys table: a profile, and an opt-out of a
  // number whose consent the new version already holds (the two merge).
  const tables = Object.fromEntries([...stack.deployment.tableNames].map(([id, name]) => [id.replace(/Table.*$/, ''), name]));
  await stack.dynamo.send(new PutItemCommand({ TableName: tables.Surveys, Item: marshall({ pk: 'CUSTOMER#c-legacy', sk: 'PROFILE', lastSurveyAt: '2025-01-01T00:00:00Z' }) }));
  await stack.dynamo.send(new PutItemCommand({ TableName: tables.Surveys, Item: marshall({ pk: `CONTACT#${LEGACY_PHONE}`, sk: 'CONSENT', smsOptedOut: true }) }));
  await stack.dynamo.send(new PutItemCommand({ TableName: tables.Customers, Item: marshall({ pk: `CONTACT#${LEGACY_PHONE}`, sk: 'CONSENT', emailSuppressed: 'bounced' }) }));
  const moved = await invoke<{ complete: boolean; moved: number; merged: number }>('migrate-customers', {});
  check('migrate-customers moves earlier customer state inside the deploy, without the secret', moved.complete && moved.moved === 1 && moved.merged === 1, moved);
  const rerun = await invoke<{ complete: boolean; moved: number }>('migrate-customers', {});
  check('a later deploy finds the move done', rerun.complete && rerun.moved === 0, rerun);
  const page = await gateway.request('GET', `${base}/`);
  const config = json(await gateway.request('GET', `${base}/config.json`));
  check('the dashboard is served from the admin bundle', page.status === 200 && page.body.includes('<html'), page.status);
  check(`the dashboard is told the ${scenario.adminAuth} sign-in`, JSON.stringify(config).includes(scenario.adminAuth), config);

  // --- Events in: a signed webhook (twice), an EventBridge event -----------------------------------
  const events = [
    canonicalEvent(`sms-${randomUUID()}`, clock.now, { id: 'c-sms', phone: SMS_CUSTOMER }),
    canonicalEvent(`voice-${randomUUID()}`, clock.now, { id: 'c-voice', phone: VOICE_CUSTOMER }, { preferredChannel: 'voice' }),
    canonicalEvent(`optout-${randomUUID()}`, clock.now, { id: 'c-listed', phone: PROVIDER_OPTED_OUT, email: 'listed@example.com' }),
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
    check(`signed webhook ${event.customer.id} schedules a survey`, res.status === 200 && out.outcome === 'scheduled', out);
    const again = json(await post());
    check(`its re-delivery has no second effect (${event.customer.id})`, again.duplicate === true && again.surveyId === out.surveyId, again);
    surveys[String(event.customer.id)] = String(out.surveyId);
    latestDue = Math.max(latestDue, Date.parse(String(out.dueAt)));
  }
  const bridged = canonicalEvent(`email-${randomUUID()}`, clock.now, { id: 'c-email', email: EMAIL_CUSTOMER });
  const rule = stack.deployment.resources('stateless', 'AWS::Events::Rule').find(([, r]) => r.Properties?.EventBusName);
  const pattern = JSON.stringify(rule?.[1].Properties?.EventPattern ?? {});
  check('the bus rule routes source touchpoint.events to eventbridge-ingest', pattern.includes('touchpoint.events'), pattern);
  const viaBus: Ingest = (event) =>
    invoke<Record<string, unknown>>('eventbridge-ingest', {
      version: '0',
      id: randomUUID(),
      'detail-type': `touchpoint.${event.type}`,
      source: 'touchpoint.events',
      account: ACCOUNT,
      time: clock.now.toISOString(),
      region: REGION,
      resources: [],
      detail: event,
    });
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
  latestDue = Math.max(latestDue, await ingestPaths(viaBus, check, 'EventBridge', clock.now, { id: 'c-bus', phone: '+12015550147' }));

  // --- The tick sends them (the provider's opt-out list is honoured) --------------------------------
  sandbox.snsOptedOut.add(PROVIDER_OPTED_OUT);
  clock.now = new Date(latestDue + 1000);
  const tick = await invoke<{ sent: number; failed: number; fellBack: number }>('dispatch-tick', {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: ACCOUNT,
    time: clock.now.toISOString(),
    region: REGION,
    resources: [],
    detail: {},
  });
  const sent = (to: string) => sandbox.outbox().filter((e) => e.kind === 'send' && e.to === to);
  const smsProvider = scenario.smsProvider === 'sns' ? 'sns' : 'twilio';
  check('the tick sends the due surveys', tick.sent >= 4, tick);
  check(`the SMS survey goes out through ${smsProvider}`, sent(SMS_CUSTOMER).some((e) => e.channel === 'sms' && e.provider === smsProvider), sent(SMS_CUSTOMER));
  check('the voice survey is a Twilio call', sent(VOICE_CUSTOMER).some((e) => e.channel === 'voice'), sent(VOICE_CUSTOMER));
  const mail = sent(EMAIL_CUSTOMER).find((e) => e.channel === 'email' && e.provider === 'ses');
  check('the email survey goes out through SES', Boolean(mail), sent(EMAIL_CUSTOMER));
  const listed = sandbox.outbox().filter((e) => e.to === PROVIDER_OPTED_OUT);
  check(
    scenario.smsProvider === 'sns'
      ? 'a number on the SNS opt-out list gets no SMS (the survey falls back to email)'
      : 'a phone-and-email customer gets the SMS survey',
    scenario.smsProvider === 'sns'
      ? listed.length === 0 && sent('listed@example.com').length === 1
      : listed.length === 1,
    { listed, email: sent('listed@example.com') },
  );

  // The SMS customer's tickets (after its survey went out, which a ticket survey would supersede):
  // they leave event records and open tickets that erasure must remove.
  await ingestPaths(viaWebhook, check, 'webhook', clock.now, { id: 'c-sms', phone: SMS_CUSTOMER });

  // --- Replies ---------------------------------------------------------------------------------------
  // CES 2.0 (1-7): a low score is a detractor, so it raises an alert.
  const score = await reply(SMS_CUSTOMER, '1', scenario.smsProvider === 'sns' ? randomUUID() : 'SMrehearsalreply0000000000000001');
  check('a signed SMS reply scores the survey and is answered', score.replies.length === 1, score);
  const again = await reply(SMS_CUSTOMER, '1', scenario.smsProvider === 'sns' ? undefined : 'SMrehearsalreply0000000000000001');
  if (scenario.smsProvider === 'twilio') check('a retried reply webhook is answered once', again.replies.length === 0, again);
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
    check('an inbound SNS message delivered twice is answered once', first.processed === 1 && redelivered.duplicates === 1 && sandbox.outbox().length === before, { first, redelivered });
  } else {
    const sms = sent(SMS_CUSTOMER).find((e) => e.statusCallbackUrl);
    const status = await twilio(sms?.statusCallbackUrl ?? `${base}/twilio/status`, { MessageSid: 'SMrehearsal', MessageStatus: 'delivered' });
    check('a signed delivery callback is accepted', status.status === 200, status);
  }
  const call = sent(VOICE_CUSTOMER).find((e) => e.channel === 'voice');
  const callParams = { CallSid: `CA${randomUUID().replaceAll('-', '')}`, From: ourNumber, To: VOICE_CUSTOMER, AccountSid: secret.TWILIO_ACCOUNT_SID ?? '' };
  const question = await twilio(call?.twimlUrl ?? `${base}/twilio/voice`, callParams);
  // Twilio resolves a relative action against the URL it called.
  const gather = /action="([^"]+)"/.exec(question.body)?.[1]?.replaceAll('&amp;', '&');
  const action = gather ? new URL(gather, call?.twimlUrl ?? base).toString() : undefined;
  const answered = action ? await twilio(action, { ...callParams, Digits: '2' }) : question;
  check('the IVR asks and takes a keypad answer', question.status === 200 && Boolean(action) && answered.status === 200, { question: question.body.slice(0, 300), answered: answered.body.slice(0, 300) });
  const link = ratingLinksOf(mail?.html ?? '').at(-1) ?? '';
  const rating = await gateway.request('GET', link);
  const csrf = /name="csrf" value="([^"]+)"/.exec(rating.body)?.[1] ?? '';
  const confirmed = await gateway.request('POST', link, {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf }).toString(),
  });
  check('an email rating link on the API domain records the rating', link.startsWith(base) && rating.status === 200 && confirmed.status === 204, { link, rating: rating.status, confirmed: confirmed.status });
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
  check('one-click unsubscribe on the API domain works', unsubscribe.startsWith(base) && unsubscribed.status === 200, { unsubscribe, status: unsubscribed.status });
  const feedback = await invoke<{ processed: number }>('ses-feedback', {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: stack.deployment.topicOf(containers.get('ses-feedback')?.fn.logicalId ?? ''),
          Message: JSON.stringify({
            eventType: 'Delivery',
            mail: { messageId: mail?.id, destination: [EMAIL_CUSTOMER], tags: { surveyId: [surveys['c-email']] } },
            delivery: { recipients: [EMAIL_CUSTOMER] },
          }),
          Timestamp: clock.now.toISOString(),
        },
      },
    ],
  });
  check('SES delivery feedback reaches its survey', feedback.processed === 1, feedback);

  // --- Stream records into the score consumer, then the admin API reads the score -------------------
  const records = await stack.poller.drain();
  check('the stream records reach the bundled score consumer without failures', records > 0 && stack.poller.deadLetters.length === 0, { records, dead: stack.poller.deadLetters.length });
  const published = () => sandbox.outbox().filter((e) => e.kind === 'alert').length;
  const beforeSweep = published();
  check('the score consumer publishes the detractor alert of the IVR answer', beforeSweep >= 1, beforeSweep);
  clock.now = new Date(clock.now.getTime() + 5 * 60_000);
  const sweep = await invoke<{ alertsRetried: number }>('dispatch-tick', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
  check('the next tick publishes the alert the topic refused', sweep.alertsRetried >= 1 && published() > beforeSweep, { sweep, published: published() });
  const authorizer = gateway.adminAuthorizer();
  const adminHeaders: Record<string, string> =
    scenario.adminAuth === 'token'
      ? { authorization: `Bearer ${secret.TOUCHPOINT_ADMIN_TOKEN}` }
      : {
          authorization: `Bearer ${fakeJwt({
            iss: authorizer?.issuer ?? '',
            sub: 'admin-ada',
            username: 'ada',
            ...(scenario.adminAuth === 'cognito'
              ? { token_use: 'access', client_id: authorizer?.audience[0] ?? '' }
              : { aud: authorizer?.audience[0] ?? '' }),
          })}`,
        };
  check(`admin routes have ${scenario.adminAuth === 'token' ? 'no gateway authorizer' : 'the JWT authorizer'}`, (authorizer === undefined) === (scenario.adminAuth === 'token'), authorizer);
  const anonymous = await gateway.request('GET', `${base}/api/scores`);
  check('the admin API refuses a caller without credentials', anonymous.status === 401, anonymous);
  const scores = json(await gateway.request('GET', `${base}/api/scores?touchpoint=purchase`, { headers: adminHeaders }));
  const purchase = (scores.scores as Array<{ responses: number }> | undefined)?.[0];
  check('the admin API reads the score of the three answers', purchase?.responses === 3, scores);
  const ranged = json(await gateway.request('GET', `${base}/api/scores?touchpoint=purchase&from=2020-01-01&period=month`, { headers: adminHeaders }));
  check('and for a date range', Array.isArray(ranged.scores), ranged);
  for (const path of ['/api/responses?touchpoint=purchase', '/api/alerts', `/api/customers/export?customer=${encodeURIComponent(SMS_CUSTOMER)}`]) {
    const res = await gateway.request('GET', `${base}${path}`, { headers: adminHeaders });
    check(`GET ${path.split('?')[0]} answers 200`, res.status === 200, res.body.slice(0, 300));
  }

  // --- send-test, STOP, erase --------------------------------------------------------------------------
  for (const to of [TEST_PHONE, TEST_EMAIL]) {
    const res = await gateway.request('POST', `${base}/api/send-test`, {
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ to, touchpoint: 'purchase' }),
    });
    const out = json(res);
    const message = sent(to).at(-1);
    check(`send-test to ${to.includes('@') ? 'an email address' : 'a phone'} answers 200 and sends`, res.status === 200 && out.outcome === 'sent' && Boolean(message), out);
    const urls = [message?.statusCallbackUrl, ...(message?.html ? ratingLinksOf(message.html) : [])].filter(Boolean);
    if (urls.length > 0) check('its links and callbacks point at the deployed API', urls.every((u) => String(u).startsWith(base)), urls);
  }
  const testMail = sent(TEST_EMAIL).at(-1);
  const bounced = await invoke<{ processed: number }>('ses-feedback', {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: stack.deployment.topicOf(containers.get('ses-feedback')?.fn.logicalId ?? ''),
          Message: JSON.stringify({
            eventType: 'Bounce',
            mail: { messageId: testMail?.id, destination: [TEST_EMAIL], tags: { surveyId: [testMail?.surveyId] } },
            bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: TEST_EMAIL }] },
          }),
          Timestamp: clock.now.toISOString(),
        },
      },
    ],
  });
  check('a hard bounce suppresses the address', bounced.processed === 1, bounced);
  const stop = await reply(SMS_CUSTOMER, 'STOP');
  const exported = json(await gateway.request('GET', `${base}/api/customers/export?customer=${encodeURIComponent(SMS_CUSTOMER)}`, { headers: adminHeaders }));
  check('STOP opts the number out and is confirmed once', stop.replies.length <= 1 && JSON.stringify(exported).includes('"smsOptedOut":true'), { stop, exported: JSON.stringify(exported).slice(0, 400) });
  const erase = await gateway.request('POST', `${base}/api/customers/erase`, {
    headers: { ...adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ customer: SMS_CUSTOMER }),
  });
  const afterErase = json(await gateway.request('GET', `${base}/api/customers/export?customer=${encodeURIComponent(SMS_CUSTOMER)}`, { headers: adminHeaders }));
  check('erase answers 200 and the customer export is empty after it', erase.status === 200 && (afterErase.surveys as unknown[] | undefined)?.length === 0, { erase: erase.body, afterErase: JSON.stringify(afterErase).slice(0, 400) });
  await stack.poller.drain();
  check('no stream batch failed', stack.poller.deadLetters.length === 0, stack.poller.deadLetters);
}
