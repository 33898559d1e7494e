import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { Clock } from '../shared/ports/index.ts';

/**
 * Local stand-ins for the providers Touchpoint talks to: Twilio's REST API (Messages, Calls),
 * SES v2 (SendEmail) and SNS (Publish). The production adapters run their real client
 * libraries against this server, which records what would have been sent (the outbox).
 * It can inject faults (5xx/429) and refuse fictional "invalid" numbers, like a real provider.
 */

export interface OutboxEntry {
  id: string;
  channel: 'sms' | 'email' | 'voice' | 'alert';
  provider: 'twilio' | 'sns' | 'ses' | 'local';
  to: string;
  from?: string;
  text?: string;
  subject?: string;
  html?: string;
  headers?: Record<string, string>;
  twimlUrl?: string;
  statusCallbackUrl?: string;
  surveyId?: string;
  /** `send` for provider API sends, `reply` for TwiML replies to an inbound message. */
  kind: 'send' | 'reply' | 'alert';
  time: string;
  machineDetection?: string;
}

export interface FaultPlan {
  /** Share (0..1) of provider API calls answered with a transient error. */
  transientRate: number;
  /** Status codes used for transient errors. */
  statuses: number[];
}

/** Numbers that the sandbox Twilio rejects as invalid (permanent error 21211), for tests. */
export const SANDBOX_INVALID_PREFIX = '+1201555019';
/** Numbers that the sandbox Twilio marks as landlines (send fails with 21614). */
export const SANDBOX_LANDLINE_PREFIX = '+1201555018';

/** A message a customer sent to one of our numbers, as Twilio keeps it (GET Messages/{sid}.json). */
export interface InboundSms {
  sid: string;
  from: string;
  to: string;
  body: string;
  /** When Twilio received it. */
  at: string;
}

export class ProviderSandbox {
  private server: Server | undefined;
  private entries: OutboxEntry[] = [];
  private readonly inbound = new Map<string, InboundSms>();
  faults: FaultPlan = { transientRate: 0, statuses: [500, 503, 429] };
  /** Numbers on the SNS SMS opt-out list (`CheckIfPhoneNumberIsOptedOut` answers true). */
  readonly snsOptedOut = new Set<string>();
  /** Counters for resilience reports. */
  readonly stats = { calls: 0, faultsInjected: 0, permanentErrors: 0 };
  url = '';

  constructor(
    private readonly clock: Clock,
    private readonly options: {
      accountSid: string;
      authToken: string;
      outboxFile?: string;
      random?: () => number;
    },
  ) {
    if (options.outboxFile && existsSync(options.outboxFile)) {
      this.entries = readFileSync(options.outboxFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as OutboxEntry);
    }
  }

  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  outbox(): OutboxEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * A customer texts one of our numbers: Twilio keeps the message (with the time it arrived) before
   * it calls the webhook. A sid already known keeps its first time, as a replayed request would.
   * Returns the MessageSid.
   */
  receiveSms(message: { sid?: string; from: string; to: string; body: string; at?: Date }): string {
    const sid = message.sid || `SM${randomBytes(16).toString('hex')}`;
    if (!this.inbound.has(sid))
      this.inbound.set(sid, {
        sid,
        from: message.from,
        to: message.to,
        body: message.body,
        at: (message.at ?? this.clock.now()).toISOString(),
      });
    return sid;
  }

  /** Records a message that did not go through a provider API (TwiML replies, local alerts). */
  record(entry: Omit<OutboxEntry, 'id' | 'time'>): OutboxEntry {
    const full: OutboxEntry = {
      ...entry,
      id: `ob_${randomBytes(8).toString('hex')}`,
      time: this.clock.now().toISOString(),
    };
    this.entries.push(full);
    if (this.options.outboxFile) {
      mkdirSync(dirname(this.options.outboxFile), { recursive: true });
      appendFileSync(this.options.outboxFile, `${JSON.stringify(full)}\n`);
    }
    return full;
  }

  private injectFault(res: ServerResponse, style: 'twilio' | 'aws' | 'aws-query'): boolean {
    this.stats.calls++;
    const random = this.options.random ?? Math.random;
    if (this.faults.transientRate <= 0 || random() >= this.faults.transientRate) return false;
    this.stats.faultsInjected++;
    const status = this.faults.statuses[Math.floor(random() * this.faults.statuses.length)] ?? 500;
    const awsCode = status === 429 ? 'Throttling' : 'InternalFailure';
    if (style === 'aws-query') {
      // SNS's Query protocol: errors are XML, as the SDK expects.
      res.writeHead(status, { 'content-type': 'text/xml' });
      res.end(
        `<ErrorResponse><Error><Type>${status === 429 ? 'Sender' : 'Receiver'}</Type><Code>${awsCode}</Code><Message>sandbox: injected fault</Message></Error><RequestId>sandbox</RequestId></ErrorResponse>`,
      );
    } else if (style === 'twilio') {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ code: status === 429 ? 20429 : 20500, message: 'sandbox: injected fault', status }),
      );
    } else {
      res.writeHead(status, {
        'content-type': 'application/json',
        'x-amzn-errortype': status === 429 ? 'TooManyRequestsException' : 'InternalFailure',
      });
      res.end(
        JSON.stringify({
          __type: status === 429 ? 'TooManyRequestsException' : 'InternalFailure',
          message: 'sandbox: injected fault',
        }),
      );
    }
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    const message = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/Messages\/([^/]+)\.json$/);
    if (message && req.method === 'GET') {
      if (!this.authorized(req, message[1] ?? '')) return unauthorized(res);
      return this.fetchInbound(message[2] ?? '', res);
    }
    const twilio = url.pathname.match(/^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/);
    if (twilio) {
      if (!this.authorized(req, twilio[1] ?? '')) return unauthorized(res);
      if (req.method === 'GET') return this.listTwilio(url, twilio[2] === 'Calls' ? 'voice' : 'sms', res);
      if (this.injectFault(res, 'twilio')) return;
      const form = new URLSearchParams(body);
      return twilio[2] === 'Messages' ? this.twilioMessage(form, res) : this.twilioCall(form, res);
    }
    if (req.method === 'POST' && url.pathname === '/v2/email/outbound-emails') {
      if (this.injectFault(res, 'aws')) return;
      return this.sesSend(JSON.parse(body || '{}'), res);
    }
    if (req.method === 'POST' && url.pathname === '/') {
      const json = String(req.headers['content-type'] ?? '').includes('json');
      const action = json
        ? String(req.headers['x-amz-target'] ?? '')
            .split('.')
            .pop()
        : new URLSearchParams(body).get('Action');
      if (action === 'CheckIfPhoneNumberIsOptedOut') return this.snsOptOutCheck(json, body, res);
      if (this.injectFault(res, json ? 'aws' : 'aws-query')) return;
      return this.snsPublish(req, body, res);
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `sandbox: no route ${req.method} ${url.pathname}` }));
  }

  private authorized(req: IncomingMessage, accountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    const expected = `Basic ${Buffer.from(`${this.options.accountSid}:${this.options.authToken}`).toString('base64')}`;
    return accountSid === this.options.accountSid && header === expected;
  }

  private twilioError(res: ServerResponse, status: number, code: number, message: string): void {
    this.stats.permanentErrors++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }),
    );
  }

  private twilioMessage(form: URLSearchParams, res: ServerResponse): void {
    const to = form.get('To') ?? '';
    if (to.startsWith(SANDBOX_INVALID_PREFIX)) {
      this.twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      return;
    }
    if (to.startsWith(SANDBOX_LANDLINE_PREFIX)) {
      this.twilioError(res, 400, 21614, `'To' number ${to} is not a valid mobile number`);
      return;
    }
    const statusCallbackUrl = form.get('StatusCallback') ?? undefined;
    const entry = this.record({
      channel: 'sms',
      provider: 'twilio',
      kind: 'send',
      to,
      from: form.get('From') ?? undefined,
      text: form.get('Body') ?? '',
      statusCallbackUrl,
      surveyId: surveyIdFromUrl(statusCallbackUrl),
    });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: `SM${entry.id.slice(3).padEnd(32, '0')}`,
        status: 'queued',
        to,
        from: entry.from,
        body: entry.text,
        date_created: new Date(entry.time).toUTCString(),
        num_segments: '1',
        direction: 'outbound-api',
        account_sid: this.options.accountSid,
      }),
    );
  }

  private twilioCall(form: URLSearchParams, res: ServerResponse): void {
    const to = form.get('To') ?? '';
    if (to.startsWith(SANDBOX_INVALID_PREFIX)) {
      this.twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      return;
    }
    const twimlUrl = form.get('Url') ?? undefined;
    const entry = this.record({
      channel: 'voice',
      provider: 'twilio',
      kind: 'send',
      to,
      from: form.get('From') ?? undefined,
      twimlUrl,
      statusCallbackUrl: form.get('StatusCallback') ?? undefined,
      surveyId: surveyIdFromUrl(twimlUrl),
      machineDetection: form.get('MachineDetection') ?? undefined,
    });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: `CA${entry.id.slice(3).padEnd(32, '0')}`,
        status: 'queued',
        to,
        from: entry.from,
        direction: 'outbound-api',
      }),
    );
  }

  /** `GET Messages/{sid}.json` of an inbound message: when it arrived (keyword ordering). */
  private fetchInbound(sid: string, res: ServerResponse): void {
    const found = this.inbound.get(sid);
    if (!found) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ code: 20404, message: `The requested resource ${sid} was not found`, status: 404 }),
      );
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        sid: found.sid,
        account_sid: this.options.accountSid,
        from: found.from,
        to: found.to,
        body: found.body,
        direction: 'inbound',
        status: 'received',
        date_created: new Date(found.at).toUTCString(),
        date_sent: new Date(found.at).toUTCString(),
      }),
    );
  }

  /** `GET Messages.json?To=...&DateSent>=...` as used by the crash-recovery check. */
  private listTwilio(url: URL, channel: 'sms' | 'voice', res: ServerResponse): void {
    const to = url.searchParams.get('To');
    const since = url.searchParams.get('DateSent>') ?? url.searchParams.get('StartTime>');
    const items = this.entries.filter(
      (e) =>
        e.channel === channel &&
        e.kind === 'send' &&
        (!to || e.to === to) &&
        (!since || afterOrAt(e.time, since)),
    );
    const key = channel === 'sms' ? 'messages' : 'calls';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        [key]: items.map((e) => ({
          sid: e.id,
          to: e.to,
          from: e.from,
          body: e.text,
          status: 'sent',
          date_created: new Date(e.time).toUTCString(),
        })),
        next_page_uri: null,
        page: 0,
        page_size: items.length,
      }),
    );
  }

  private sesSend(input: SesSendEmailInput, res: ServerResponse): void {
    const simple = input.Content?.Simple;
    const to = input.Destination?.ToAddresses?.[0] ?? '';
    if (to.endsWith('@bounce.example.com')) {
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
      res.end(JSON.stringify({ __type: 'MessageRejected', message: 'sandbox: address rejected' }));
      this.stats.permanentErrors++;
      return;
    }
    const headers = Object.fromEntries((simple?.Headers ?? []).map((h) => [h.Name, h.Value]));
    const entry = this.record({
      channel: 'email',
      provider: 'ses',
      kind: 'send',
      to,
      from: input.FromEmailAddress,
      subject: simple?.Subject?.Data,
      html: simple?.Body?.Html?.Data,
      text: simple?.Body?.Text?.Data,
      headers,
      surveyId: input.EmailTags?.find((t) => t.Name === 'surveyId')?.Value,
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ MessageId: entry.id }));
  }

  private snsOptOutCheck(json: boolean, body: string, res: ServerResponse): void {
    const phone = json
      ? String((JSON.parse(body || '{}') as { phoneNumber?: string }).phoneNumber ?? '')
      : (new URLSearchParams(body).get('phoneNumber') ?? '');
    const optedOut = this.snsOptedOut.has(phone);
    if (json) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ isOptedOut: optedOut }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<CheckIfPhoneNumberIsOptedOutResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><CheckIfPhoneNumberIsOptedOutResult><isOptedOut>${optedOut}</isOptedOut></CheckIfPhoneNumberIsOptedOutResult><ResponseMetadata><RequestId>sandbox</RequestId></ResponseMetadata></CheckIfPhoneNumberIsOptedOutResponse>`,
    );
  }

  private snsPublish(req: IncomingMessage, body: string, res: ServerResponse): void {
    const jsonProtocol = String(req.headers['content-type'] ?? '').includes('json');
    const params: Record<string, string> = jsonProtocol
      ? flattenSnsJson(JSON.parse(body || '{}'))
      : Object.fromEntries(new URLSearchParams(body));
    const surveyId = Object.entries(params).find(([k, v]) => k.endsWith('.Name') && v === 'surveyId')?.[0];
    const surveyValue = surveyId ? params[surveyId.replace('.Name', '.Value.StringValue')] : undefined;
    const isSms = Boolean(params.PhoneNumber);
    const entry = this.record({
      channel: isSms ? 'sms' : 'alert',
      provider: 'sns',
      kind: isSms ? 'send' : 'alert',
      to: params.PhoneNumber ?? params.TopicArn ?? '',
      text: params.Message,
      subject: params.Subject,
      surveyId: surveyValue,
    });
    if (jsonProtocol) {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ MessageId: entry.id }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${entry.id}</MessageId></PublishResult><ResponseMetadata><RequestId>${entry.id}</RequestId></ResponseMetadata></PublishResponse>`,
    );
  }
}

/** Twilio's answer to a request with the wrong account or credentials. */
function unauthorized(res: ServerResponse): void {
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
}

interface SesSendEmailInput {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: {
    Simple?: {
      Subject?: { Data?: string };
      Body?: { Html?: { Data?: string }; Text?: { Data?: string } };
      Headers?: Array<{ Name: string; Value: string }>;
    };
  };
  EmailTags?: Array<{ Name: string; Value: string }>;
}

/** SNS JSON protocol → the query protocol's flat names the rest of the code reads. */
function flattenSnsJson(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string') out[k] = v;
  const attrs = (input.MessageAttributes ?? {}) as Record<string, { StringValue?: string }>;
  Object.entries(attrs).forEach(([name, value], i) => {
    out[`MessageAttributes.entry.${i + 1}.Name`] = name;
    out[`MessageAttributes.entry.${i + 1}.Value.StringValue`] = value.StringValue ?? '';
  });
  return out;
}

/** Twilio's `DateSent>` / `StartTime>` take a date or a date-time: "on or after" that. */
function afterOrAt(time: string, since: string): boolean {
  return since.includes('T') ? Date.parse(time) >= Date.parse(since) : time.slice(0, 10) >= since;
}

function surveyIdFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).searchParams.get('surveyId') ?? undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
