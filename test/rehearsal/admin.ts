import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { OutboxEntry } from '../../local/sandbox.ts';
import { ratingLinksOf } from '../../local/simulator.ts';
import { dueSortKey } from '../../shared/adapters/dynamo/survey-store.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import type { Stack } from './deploy.ts';
import { type Check, eventBridgeEvent, SMS_CUSTOMER, snsEvent, TEST_EMAIL, TEST_PHONE } from './events.ts';
import { fakeJwt, jsonOf as json } from './gateway.ts';

/** What the second half of the loop needs from the first. */
export interface AdminContext {
  stack: Stack;
  check: Check;
  base: string;
  invoke: <T>(fn: FunctionName, event: unknown) => Promise<T>;
  sent: (to: string) => OutboxEntry[];
  reply: (from: string, body: string) => Promise<{ outcome: unknown; replies: unknown[] }>;
  topicOf: (fn: FunctionName) => string;
}

/**
 * The second half of the loop: stream records into the score consumer, alerts, the admin API in the
 * scenario's sign-in mode (scores, responses, alerts, export), send-test, a hard bounce, STOP, erase.
 */
export async function driveAdmin(ctx: AdminContext): Promise<void> {
  const { stack, check, base, invoke, sent, reply, topicOf } = ctx;
  const { gateway, secret, sandbox, clock, scenario } = stack;
  const schedule = () => eventBridgeEvent('aws.events', 'Scheduled Event', {}, clock.now);
  // --- Stream records into the score consumer, then the admin API reads the score -------------------
  const records = await stack.poller.drain();
  check(
    'the stream records reach the bundled score consumer without failures',
    records > 0 && stack.poller.deadLetters.length === 0,
    { records, dead: stack.poller.deadLetters.length },
  );
  const published = () => sandbox.outbox().filter((e) => e.kind === 'alert').length;
  const beforeSweep = published();
  check('the score consumer publishes the detractor alert of the IVR answer', beforeSweep >= 1, beforeSweep);
  clock.now = new Date(clock.now.getTime() + 5 * 60_000);
  const sweep = await invoke<{ alertsRetried: number }>('dispatch-tick', schedule());
  check(
    'the next tick publishes the alert the topic refused',
    sweep.alertsRetried >= 1 && published() > beforeSweep,
    { sweep, published: published() },
  );
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
  check(
    `admin routes have ${scenario.adminAuth === 'token' ? 'no gateway authorizer' : 'the JWT authorizer'}`,
    (authorizer === undefined) === (scenario.adminAuth === 'token'),
    authorizer,
  );
  const anonymous = await gateway.request('GET', `${base}/api/scores`);
  check('the admin API refuses a caller without credentials', anonymous.status === 401, anonymous);
  const scores = json(
    await gateway.request('GET', `${base}/api/scores?touchpoint=purchase`, { headers: adminHeaders }),
  );
  const purchase = (scores.scores as Array<{ responses: number }> | undefined)?.[0];
  check('the admin API reads the score of the three answers', purchase?.responses === 3, scores);
  const ranged = json(
    await gateway.request('GET', `${base}/api/scores?touchpoint=purchase&from=2020-01-01&period=month`, {
      headers: adminHeaders,
    }),
  );
  check('and for a date range', Array.isArray(ranged.scores), ranged);
  for (const path of [
    '/api/responses?touchpoint=purchase',
    '/api/alerts',
    `/api/customers/export?customer=${encodeURIComponent(SMS_CUSTOMER)}`,
  ]) {
    const res = await gateway.request('GET', `${base}${path}`, { headers: adminHeaders });
    check(`GET ${path.split('?')[0]} answers 200`, res.status === 200, res.body.slice(0, 300));
  }
  await driveParking(ctx, adminHeaders, schedule);

  // --- send-test, STOP, erase --------------------------------------------------------------------------
  for (const to of [TEST_PHONE, TEST_EMAIL]) {
    const res = await gateway.request('POST', `${base}/api/send-test`, {
      headers: { ...adminHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({ to, touchpoint: 'purchase' }),
    });
    const out = json(res);
    const message = sent(to).at(-1);
    check(
      `send-test to ${to.includes('@') ? 'an email address' : 'a phone'} answers 200 and sends`,
      res.status === 200 && out.outcome === 'sent' && Boolean(message),
      out,
    );
    const urls = [message?.statusCallbackUrl, ...(message?.html ? ratingLinksOf(message.html) : [])].filter(
      Boolean,
    );
    if (urls.length > 0)
      check(
        'its links and callbacks point at the deployed API',
        urls.every((u) => String(u).startsWith(base)),
        urls,
      );
  }
  const testMail = sent(TEST_EMAIL).at(-1);
  const bounced = await invoke<{ processed: number }>(
    'ses-feedback',
    snsEvent(
      topicOf('ses-feedback'),
      {
        eventType: 'Bounce',
        mail: {
          messageId: testMail?.id,
          destination: [TEST_EMAIL],
          tags: { surveyId: [testMail?.surveyId] },
        },
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: TEST_EMAIL }] },
      },
      clock.now,
    ),
  );
  check('a hard bounce suppresses the address', bounced.processed === 1, bounced);
  const stop = await reply(SMS_CUSTOMER, 'STOP');
  const exportOf = async (customer: string) =>
    json(
      await gateway.request('GET', `${base}/api/customers/export?customer=${encodeURIComponent(customer)}`, {
        headers: adminHeaders,
      }),
    );
  const exported = await exportOf(SMS_CUSTOMER);
  check(
    'STOP opts the number out and is confirmed once',
    stop.replies.length <= 1 && JSON.stringify(exported).includes('"smsOptedOut":true'),
    { stop, exported: JSON.stringify(exported).slice(0, 400) },
  );
  const erase = await gateway.request('POST', `${base}/api/customers/erase`, {
    headers: { ...adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ customer: SMS_CUSTOMER }),
  });
  const afterErase = await exportOf(SMS_CUSTOMER);
  check(
    'erase answers 200 and the customer export is empty after it',
    erase.status === 200 && (afterErase.surveys as unknown[] | undefined)?.length === 0,
    { erase: erase.body, afterErase: JSON.stringify(afterErase).slice(0, 400) },
  );
  await stack.poller.drain();
  check('no stream batch failed', stack.poller.deadLetters.length === 0, stack.poller.deadLetters);
}

/** The tick's log line when it parks a survey (expected once, for the broken survey below). */
export const PARKED_LOG = 'survey parked after repeated dispatch errors';

/**
 * A survey the tick cannot process (a record without its metric, as a bug or an older version could
 * leave) is retried with backoff, then parked, while the tick goes on; an admin lists it and puts it
 * back. Proves the tick's read of a failing survey and the admin routes' index reads are granted.
 */
async function driveParking(
  ctx: AdminContext,
  adminHeaders: Record<string, string>,
  schedule: () => unknown,
): Promise<void> {
  const { stack, check, base, invoke } = ctx;
  const { gateway, clock } = stack;
  const surveysTable = [...stack.deployment.tableNames].find(([id]) => id.startsWith('Surveys'))?.[1];
  const surveyId = `sv_rehearsal_broken_${clock.now.getTime()}`;
  const dueAt = clock.now.toISOString();
  await stack.dynamo.send(
    new PutItemCommand({
      TableName: surveysTable,
      Item: marshall({
        pk: `SURVEY#${surveyId}`,
        sk: 'SURVEY',
        gsi1pk: 'DUE',
        gsi1sk: dueSortKey(dueAt, surveyId),
        surveyId,
        touchpoint: 'ticket_closed',
        eventId: `broken-${surveyId}`,
        eventType: 'ticket_closed',
        source: 'rehearsal',
        customerId: 'c-broken',
        email: 'broken@example.com',
        language: 'en',
        status: 'scheduled',
        createdAt: dueAt,
        dueAt,
        expiresAt: new Date(clock.now.getTime() + 7 * 86_400_000).toISOString(),
        channelPlan: ['email'],
        attempts: [],
        decisions: [],
        followUp: false,
        context: {},
      }),
    }),
  );
  let parked = 0;
  let errors = 0;
  for (let i = 0; i < 6 && parked === 0; i++) {
    clock.now = new Date(clock.now.getTime() + 61 * 60_000);
    const tick = await invoke<{ errors?: number; parked?: number }>('dispatch-tick', schedule());
    errors += tick.errors ?? 0;
    parked += tick.parked ?? 0;
  }
  check('a survey the tick cannot process is retried, then parked', parked === 1 && errors >= 4, {
    errors,
    parked,
  });
  const listed = json(await gateway.request('GET', `${base}/api/surveys/parked`, { headers: adminHeaders }));
  const items = (listed.items as Array<{ surveyId: string }> | undefined) ?? [];
  check(
    'GET /api/surveys/parked lists it',
    items.some((s) => s.surveyId === surveyId),
    listed,
  );
  const requeue = await gateway.request('POST', `${base}/api/surveys/requeue`, {
    headers: { ...adminHeaders, 'content-type': 'application/json' },
    body: JSON.stringify({ surveyIds: [surveyId] }),
  });
  check('POST /api/surveys/requeue puts it back', requeue.status === 200, requeue.body.slice(0, 300));
}
