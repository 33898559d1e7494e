import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { createHandler as adminApi } from '../functions/admin-api.ts';
import { createHandler as dispatchTick } from '../functions/dispatch-tick.ts';
import { createHandler as emailLink } from '../functions/email-link.ts';
import { createHandler as ingestWebhook } from '../functions/ingest-webhook.ts';
import { createHandler as scoreStream } from '../functions/score-stream.ts';
import { createHandler as twilioWebhook } from '../functions/twilio-webhook.ts';
import { SesEmail, SnsAlerts, SnsSms } from '../shared/adapters/channels/aws.ts';
import { VirtualClock } from '../shared/adapters/clock.ts';
import type { UsageMeter } from '../shared/adapters/dynamo/usage.ts';
import type { TouchpointConfig } from '../shared/domain/touchpoints.ts';
import { ensureTables, tableNamesFor } from '../shared/infra/create-tables.ts';
import { buildDeps, type Deps } from '../shared/runtime/deps.ts';
import { surveyChannels } from '../shared/runtime/senders.ts';
import { twilioInboundMessages } from '../shared/runtime/twilio-rest.ts';
import type { DispatchReport } from '../shared/usecases/dispatch.ts';
import { recomputeAggregates } from '../shared/usecases/recompute.ts';
import { type DynamoDbLocal, startDynamoDbLocal } from './dynamodb-local.ts';
import { localEnv } from './env.ts';
import { type HttpHandler, LocalGateway, type LocalResponse, type LocalRoute } from './gateway.ts';
import { REPO_ROOT } from './repo-root.ts';
import { ProviderSandbox } from './sandbox.ts';
import { postTwilio, sendEvent, sendSms, twimlMessages } from './simulator.ts';
import { StreamPoller } from './stream-poller.ts';

export { REPO_ROOT };
export const LOCAL_ALERT_TOPIC = 'arn:aws:sns:us-east-1:000000000000:touchpoint-alerts-local';

export interface RuntimeOptions {
  /** Use this DynamoDB endpoint instead of starting DynamoDB Local. */
  dynamoEndpoint?: string;
  /** Folder for DynamoDB Local data; omitted = in memory. */
  dataDir?: string;
  tablePrefix?: string;
  port?: number;
  host?: string;
  env?: Record<string, string | undefined>;
  /** Start the background dispatch tick and stream poller (npm start). Tests drive them by hand. */
  background?: boolean;
  /** Where the virtual clock offset and outbox persist between restarts. */
  stateDir?: string;
  meter?: UsageMeter;
  clockStart?: Date;
  /**
   * Turn on TTL expiry (default). Tests run on a virtual clock set in the past while DynamoDB
   * Local expires items by the real clock, so they turn it off.
   */
  ttl?: boolean;
  /** A touchpoint config instead of the shipped touchpoints.config.json (tests). */
  config?: TouchpointConfig;
}

export interface LocalRuntime {
  url: string;
  port: number;
  clock: VirtualClock;
  sandbox: ProviderSandbox;
  poller: StreamPoller;
  deps: Deps;
  dynamo: DynamoDBClient;
  /** The DynamoDB (Local) endpoint the runtime uses; another runtime can share it. */
  dynamoEndpoint: string;
  /** The DynamoDB Local process when this runtime started it. */
  dynamoPid: number | undefined;
  /** Runs one dispatch tick (what the EventBridge schedule does every minute in AWS). */
  tick(): Promise<DispatchReport>;
  /** Delivers every pending stream record to the score consumer. */
  drainStreams(): Promise<number>;
  /** Moves virtual time, then ticks and drains (what `POST /dev/clock` does). */
  advance(input: {
    advanceSeconds?: number;
    now?: string;
    /** To the earliest scheduled survey's due time (no move when none is due later). */
    toNextDue?: true;
  }): Promise<{ now: string; dispatch: DispatchReport; records: number }>;
  stop(): Promise<void>;
}

const ClockInput = z
  .object({
    advanceSeconds: z
      .number()
      .int()
      .min(0)
      .max(366 * 24 * 3600)
      .optional(),
    now: z.iso.datetime({ offset: true }).optional(),
    toNextDue: z.literal(true).optional(),
  })
  .strict()
  .refine((v) => [v.advanceSeconds, v.now, v.toNextDue].filter((x) => x !== undefined).length === 1, {
    message:
      'give exactly one of advanceSeconds (seconds to move forward), now (ISO time) or toNextDue (true: to when the next survey is due)',
  });

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Why a request to a local dev route (`/dev/*`: move the clock, send signed webhooks, read the
 * outbox) is refused, or undefined to serve it. These routes need no token, so a web page the
 * developer visits must not reach them: a browser marks a cross-site request with
 * `Sec-Fetch-Site` and `Origin` (a `text/plain` form POST needs no CORS preflight), and a DNS
 * rebinding attack shows up as a Host that is not this machine. curl, scripts and the dashboard
 * (same origin) send neither header or the right ones.
 */
export function crossSiteRefusal(req: IncomingMessage, boundHost: string): string | undefined {
  const site = req.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none')
    return `dev routes accept same-origin requests only (Sec-Fetch-Site: ${site})`;
  const hostHeader = req.headers.host ?? '';
  const hostname = hostHeader.replace(/:\d+$/, '');
  if (!LOOPBACK_NAMES.has(hostname) && hostname !== boundHost)
    return `dev routes answer only for this machine (Host: ${hostHeader})`;
  const origin = req.headers.origin;
  if (origin && origin !== `http://${hostHeader}`)
    return `dev routes accept same-origin requests only (Origin: ${origin})`;
  return undefined;
}

function jsonResponse(status: number, body: unknown): LocalResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  };
}

export async function startLocalRuntime(options: RuntimeOptions = {}): Promise<LocalRuntime> {
  const source = { ...localEnv(REPO_ROOT), ...(options.env ?? {}) };
  const db: DynamoDbLocal | undefined = options.dynamoEndpoint
    ? undefined
    : await startDynamoDbLocal({ ...(options.dataDir && { dbPath: options.dataDir }) });
  // A start that fails half-way (a secret too short, a port in use) stops what it started, the Java
  // process of DynamoDB Local first of all, instead of leaving it running without its parent.
  const undo: Array<() => unknown> = [];
  if (db) undo.push(() => db.stop());
  try {
    return await startServices(options, source, db, undo);
  } catch (error) {
    for (const step of undo.reverse()) await Promise.resolve(step()).catch(() => undefined);
    throw error;
  }
}

/** Everything but DynamoDB Local; each part it starts is registered in `undo` as it comes up. */
async function startServices(
  options: RuntimeOptions,
  source: Record<string, string | undefined>,
  db: DynamoDbLocal | undefined,
  undo: Array<() => unknown>,
): Promise<LocalRuntime> {
  const endpoint = options.dynamoEndpoint ?? db?.endpoint ?? '';
  const awsLocal = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  };
  const dynamo = new DynamoDBClient({ ...awsLocal, maxAttempts: 5 });
  undo.push(() => dynamo.destroy());
  const names = tableNamesFor(options.tablePrefix ?? 'touchpoint');
  const createdTables = await ensureTables(dynamo, names, { ttl: options.ttl ?? true });

  const clock = new VirtualClock();
  const clockFile = options.stateDir ? join(options.stateDir, 'clock.json') : undefined;
  if (clockFile && existsSync(clockFile))
    clock.set(new Date(JSON.parse(readFileSync(clockFile, 'utf8')).now));
  if (options.clockStart) clock.set(options.clockStart);
  const saveClock = () => {
    if (!clockFile) return;
    mkdirSync(dirname(clockFile), { recursive: true });
    writeFileSync(clockFile, JSON.stringify({ now: clock.now().toISOString() }));
  };

  const sandbox = new ProviderSandbox(clock, {
    accountSid: source.TWILIO_ACCOUNT_SID ?? '',
    authToken: source.TWILIO_AUTH_TOKEN ?? '',
    ...(options.stateDir && { outboxFile: join(options.stateDir, 'outbox.jsonl') }),
  });
  const sandboxUrl = await sandbox.start();
  undo.push(() => sandbox.stop());
  const port = options.port ?? Number(source.PORT ?? 3000);
  const host = options.host ?? '127.0.0.1';

  const sandboxAws = {
    endpoint: sandboxUrl,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  };
  // The gateway's port is only known after listen() when port 0 is asked for, so the public URL
  // (links, callbacks) is filled in once the server is up; handlers read it lazily.
  const envSource: Record<string, string | undefined> = {
    ...source,
    EVENTS_TABLE: names.events,
    SURVEYS_TABLE: names.surveys,
    CUSTOMERS_TABLE: names.customers,
    RESPONSES_TABLE: names.responses,
    AGGREGATES_TABLE: names.aggregates,
    TWILIO_API_BASE_URL: sandboxUrl,
    ALERT_TOPIC_ARN: LOCAL_ALERT_TOPIC,
    PUBLIC_BASE_URL: `http://${host}:${port || 3000}`,
  };
  const deps = await buildDeps(
    envSource,
    {
      clock,
      ...(options.config && { config: options.config }),
      dynamo,
      ...(options.meter && { meter: options.meter }),
      email: new SesEmail(new SESv2Client(sandboxAws)),
      alerts: new SnsAlerts(LOCAL_ALERT_TOPIC, new SNSClient(sandboxAws)),
      ...(source.SMS_PROVIDER === 'sns' && {
        sms: new SnsSms(new SNSClient(sandboxAws), source.SNS_ORIGINATION_NUMBER),
      }),
    },
    { ...surveyChannels, inbound: twilioInboundMessages },
  );
  // Data kept (in .touchpoint/) from a version that stored customer state in the Surveys table moves
  // over at start (again after an interrupted move); a Surveys table created just now holds none.
  if (!createdTables.has('Surveys')) {
    const moved = await deps.surveys.moveLegacyCustomerState();
    if (moved.moved + moved.merged + moved.kept > 0)
      console.log(`moved customer state to ${names.customers}: ${JSON.stringify(moved)}`);
  }

  const streamHandler = scoreStream(deps);
  const poller = new StreamPoller(
    dynamo,
    new DynamoDBStreamsClient(awsLocal),
    [names.responses, names.surveys],
    streamHandler,
    {
      ...(options.stateDir && {
        checkpointFile: join(options.stateDir, `checkpoints-${options.tablePrefix ?? 'touchpoint'}.json`),
      }),
    },
  );
  await poller.init();
  undo.push(() => poller.stop());
  const dispatcher = dispatchTick(deps);
  let ticking: Promise<DispatchReport> | undefined;
  const tick = async (): Promise<DispatchReport> => {
    // One tick at a time, like the reserved-concurrency-1 scheduled Lambda.
    while (ticking) await ticking.catch(() => undefined);
    ticking = dispatcher();
    try {
      return await ticking;
    } finally {
      ticking = undefined;
    }
  };

  const advance: LocalRuntime['advance'] = async (input) => {
    // Quiet hours in the customer's zone can put the first send many hours out: this goes right there.
    const next = input.toNextDue ? await deps.surveys.nextDueAt() : undefined;
    if (input.now) clock.set(new Date(input.now));
    else if (next) clock.set(new Date(Math.max(Date.parse(next), clock.now().getTime())));
    else clock.advance(input.advanceSeconds ?? 0);
    saveClock();
    const dispatch = await tick();
    const records = await poller.drain();
    return { now: clock.now().toISOString(), dispatch, records };
  };

  const devRoutes: LocalRoute = async (req: IncomingMessage, body: Buffer, url: URL) => {
    if (!url.pathname.startsWith('/dev/')) return undefined;
    const refused = crossSiteRefusal(req, host);
    if (refused) return jsonResponse(403, { error: refused });
    if (url.pathname === '/dev/outbox' && req.method === 'GET') {
      const q = url.searchParams;
      const entries = sandbox
        .outbox()
        .filter(
          (e) =>
            (!q.get('surveyId') || e.surveyId === q.get('surveyId')) &&
            (!q.get('to') || e.to === q.get('to')) &&
            (!q.get('channel') || e.channel === q.get('channel')),
        );
      return jsonResponse(200, { now: clock.now().toISOString(), count: entries.length, messages: entries });
    }
    if (url.pathname === '/dev/recompute' && req.method === 'POST') {
      await poller.drain();
      return jsonResponse(200, await recomputeAggregates(deps));
    }
    if (url.pathname === '/dev/clock' && req.method === 'GET')
      return jsonResponse(200, { now: clock.now().toISOString() });
    if (url.pathname === '/dev/clock' && req.method === 'POST') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}');
      } catch (error) {
        return jsonResponse(400, { error: `malformed JSON: ${(error as Error).message}` });
      }
      const input = ClockInput.safeParse(parsed);
      if (!input.success) {
        return jsonResponse(400, {
          error: input.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
      }
      if (input.data.now && Date.parse(input.data.now) < clock.now().getTime() - 1000) {
        return jsonResponse(422, {
          error: 'now: the clock only moves forward (use a time after the current virtual time)',
        });
      }
      return jsonResponse(200, await advance(input.data));
    }
    if (url.pathname.startsWith('/dev/simulate/') && req.method === 'POST') {
      let input: unknown;
      try {
        input = JSON.parse(body.toString('utf8') || '{}');
      } catch (error) {
        return jsonResponse(400, { error: `malformed JSON: ${(error as Error).message}` });
      }
      return simulate(url.pathname.slice('/dev/simulate/'.length), input);
    }
    return jsonResponse(404, { error: `no dev route ${req.method} ${url.pathname}` });
  };

  /** The dashboard's customer simulator: same signed webhooks a platform or Twilio would send. */
  const simulate = async (kind: string, input: unknown): Promise<LocalResponse> => {
    const base = deps.env.PUBLIC_BASE_URL ?? '';
    if (kind === 'event') {
      const parsed = SimEvent.safeParse(input);
      if (!parsed.success)
        return jsonResponse(400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
      const event = sampleEvent(parsed.data, clock.now());
      const res = await sendEvent(base, event, deps.secrets.TOUCHPOINT_WEBHOOK_SECRET, clock.now());
      return jsonResponse(res.status, res.json ?? { body: res.body });
    }
    if (kind === 'sms') {
      const parsed = SimSms.safeParse(input);
      if (!parsed.success)
        return jsonResponse(400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
      const res = await sendSms(
        base,
        { from: parsed.data.from, to: deps.env.TWILIO_FROM, body: parsed.data.body },
        deps.secrets.TWILIO_AUTH_TOKEN,
      );
      return jsonResponse(200, { status: res.status, replies: twimlMessages(res.body) });
    }
    if (kind === 'keypad') {
      const parsed = SimKeypad.safeParse(input);
      if (!parsed.success)
        return jsonResponse(400, {
          error: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        });
      const survey = await deps.surveys.get(parsed.data.surveyId);
      if (!survey) return jsonResponse(404, { error: `no survey ${parsed.data.surveyId}` });
      const step = parsed.data.step ?? 'answer';
      const res = await postTwilio(
        `${base}/twilio/voice?surveyId=${encodeURIComponent(survey.surveyId)}&step=${step}`,
        {
          CallSid: `CA${survey.surveyId.slice(3).padEnd(32, '0').slice(0, 32)}`,
          From: deps.env.TWILIO_FROM,
          To: survey.phone ?? '',
          Digits: parsed.data.digits,
          AccountSid: deps.secrets.TWILIO_ACCOUNT_SID,
        },
        deps.secrets.TWILIO_AUTH_TOKEN,
      );
      return jsonResponse(200, { status: res.status, twiml: res.body });
    }
    return jsonResponse(404, { error: `no simulator ${kind}; use event, sms or keypad` });
  };

  const httpHandlers = {
    'ingest-webhook': ingestWebhook(deps),
    'twilio-webhook': twilioWebhook(deps),
    'email-link': emailLink(deps),
    'admin-api': adminApi(deps),
  } as Record<string, HttpHandler>;
  const gateway = new LocalGateway(httpHandlers as never, [devRoutes]);
  gateway.onRequest = (route, event) => {
    // Twilio holds every inbound message (with its arrival time) before it calls the webhook.
    if (route.path !== '/twilio/sms') return;
    const form = new URLSearchParams(
      Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8'),
    );
    const sid = form.get('MessageSid');
    if (sid)
      sandbox.receiveSms({
        sid,
        from: form.get('From') ?? '',
        to: form.get('To') ?? '',
        body: form.get('Body') ?? '',
      });
  };
  gateway.onResponse = (route, event, result) => {
    // TwiML replies are messages to the customer too: show them in the outbox.
    if (route.path !== '/twilio/sms' || typeof result.body !== 'string') return;
    const form = new URLSearchParams(
      Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8'),
    );
    for (const m of result.body.matchAll(/<Message>([\s\S]*?)<\/Message>/g)) {
      sandbox.record({
        channel: 'sms',
        provider: 'twilio',
        kind: 'reply',
        to: form.get('From') ?? '',
        from: form.get('To') ?? undefined,
        text: unescapeXml(m[1] ?? ''),
      });
    }
  };
  const boundPort = await gateway.listen(port, host);
  undo.push(() => gateway.close());
  const url = `http://${host}:${boundPort}`;
  if (boundPort !== port) deps.env.PUBLIC_BASE_URL = url;

  let timer: NodeJS.Timeout | undefined;
  if (options.background) {
    poller.start();
    timer = setInterval(() => {
      tick().catch((error: unknown) => console.error('dispatch tick failed:', (error as Error).message));
    }, 1000);
  }

  return {
    url,
    port: boundPort,
    clock,
    sandbox,
    poller,
    deps,
    dynamo,
    dynamoEndpoint: endpoint,
    dynamoPid: db?.pid,
    tick,
    drainStreams: () => poller.drain(),
    advance,
    async stop() {
      if (timer) clearInterval(timer);
      await poller.stop();
      await gateway.close();
      await sandbox.stop();
      saveClock();
      dynamo.destroy();
      await db?.stop();
    },
  };
}

const SimEvent = z
  .object({
    type: z.enum(['purchase', 'delivery', 'ticket_closed']),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be E.164, e.g. +12015550123')
      .optional(),
    email: z.email().optional(),
    name: z.string().max(100).optional(),
    locale: z.string().max(35).optional(),
    timeZone: z.string().max(64).optional(),
    preferredChannel: z.enum(['sms', 'email', 'voice']).optional(),
  })
  .strict()
  .refine((v) => v.phone || v.email, { message: 'give a phone or an email' });
const SimSms = z
  .object({ from: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164'), body: z.string().max(1600) })
  .strict();
const SimKeypad = z
  .object({ surveyId: z.string().min(1), digits: z.string().max(10), step: z.string().max(20).optional() })
  .strict();

/** A canonical event for the simulator, with fictional ids and the virtual time. */
function sampleEvent(input: z.infer<typeof SimEvent>, now: Date): Record<string, unknown> {
  const id = `${now.getTime().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  return {
    eventId: `sim-${input.type}-${id}`,
    type: input.type,
    occurredAt: now.toISOString(),
    source: 'simulator',
    customer: {
      id: `sim-${input.phone ?? input.email}`,
      name: input.name ?? 'Sam Example',
      ...(input.phone && { phone: input.phone }),
      ...(input.email && { email: input.email }),
      locale: input.locale ?? 'en-US',
      timeZone: input.timeZone ?? 'America/New_York',
    },
    context:
      input.type === 'ticket_closed'
        ? {
            ticketId: `T-${id}`,
            agent: 'Alex',
            ticketCreatedAt: new Date(now.getTime() - 3 * 3600_000).toISOString(),
          }
        : {
            orderId: `O-${id}`,
            amount: 42.5,
            currency: 'USD',
            orderCreatedAt: new Date(now.getTime() - 3 * 86400_000).toISOString(),
          },
    ...(input.preferredChannel && { preferredChannel: input.preferredChannel }),
  };
}

function unescapeXml(s: string): string {
  return s
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}
