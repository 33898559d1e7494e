import { ChannelError } from '../../errors.ts';
import type {
  InboundMessages,
  OutboundCall,
  OutboundSms,
  SendReceipt,
  SmsSender,
  VoiceCaller,
} from '../../ports/index.ts';

/**
 * The four Twilio REST calls we make (create and list Messages and Calls), over fetch. The twilio
 * package's client needs axios, its whole `api` domain and their dependencies: about 550 KB of the
 * bundle even with deep imports, for requests that are one form-encoded POST or GET each. Webhook
 * signatures and TwiML still come from the package (small deep imports).
 */
export class TwilioRest {
  private readonly base: string;
  private readonly authorization: string;

  /** `baseUrl` points the client at a stand-in (local runtime, rehearsal); Twilio's API by default. */
  constructor(
    accountSid: string,
    authToken: string,
    baseUrl = 'https://api.twilio.com',
    private readonly timeoutMs = 10_000,
  ) {
    this.base = `${baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}`;
    this.authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  }

  /** POSTs a form to `Messages` or `Calls`; array values repeat the parameter (Twilio's convention). */
  create(
    resource: 'Messages' | 'Calls',
    params: Record<string, string | string[]>,
  ): Promise<{ sid: string }> {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    return this.call('POST', `${this.base}/${resource}.json`, form.toString()) as Promise<{ sid: string }>;
  }

  /** One page (at most `pageSize`) of `Messages` or `Calls` matching `filter`. */
  async list<T>(
    resource: 'Messages' | 'Calls',
    filter: Record<string, string>,
    pageSize: number,
  ): Promise<T[]> {
    const query = new URLSearchParams({ ...filter, PageSize: String(pageSize) });
    const page = (await this.call('GET', `${this.base}/${resource}.json?${query}`)) as Record<
      string,
      unknown
    >;
    return (page[resource.toLowerCase()] ?? []) as T[];
  }

  /** One resource by its sid (`Messages/{sid}.json`). */
  get<T>(resource: 'Messages' | 'Calls', sid: string): Promise<T> {
    return this.call('GET', `${this.base}/${resource}/${encodeURIComponent(sid)}.json`) as Promise<T>;
  }

  private async call(method: 'GET' | 'POST', url: string, body?: string): Promise<unknown> {
    const response = await fetch(url, {
      method,
      headers: {
        authorization: this.authorization,
        accept: 'application/json',
        ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    if (!response.ok) {
      const e = parsed as { code?: number; message?: string };
      throw new TwilioApiError(e.message ?? `HTTP ${response.status}`, response.status, e.code);
    }
    return parsed;
  }
}

/** An error answer of Twilio's REST API: HTTP status and Twilio's own error code. */
export class TwilioApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(message);
    this.name = 'TwilioApiError';
  }
}

/** Twilio's date filters (`DateSent>`, `StartTime>`): ISO 8601 to the second. */
function twilioDateTime(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

/** Twilio error codes that will fail the same way on every retry. */
const PERMANENT_CODES = new Set([
  21211, // invalid 'To' number
  21214, // 'To' number cannot be reached
  21408, // region not enabled
  21610, // recipient replied STOP
  21612, // cannot route to this number
  21614, // not a mobile number (landline)
  21217, // voice: invalid phone number
]);

/** Maps a Twilio API error (or network failure) to a ChannelError. */
export function toChannelError(error: unknown): ChannelError {
  const e = error as { status?: number; code?: number; message?: string };
  const status = e.status ?? 0;
  const permanent =
    (e.code !== undefined && PERMANENT_CODES.has(e.code)) ||
    (status >= 400 && status < 500 && status !== 429 && status !== 408);
  return new ChannelError(`twilio: ${e.message ?? String(error)}`, permanent, {
    cause: error,
    providerCode: e.code ?? status,
  });
}

export class TwilioSms implements SmsSender {
  readonly channel = 'sms' as const;
  readonly provider = 'twilio';
  constructor(private readonly client: TwilioRest) {}

  async send(message: OutboundSms): Promise<SendReceipt> {
    try {
      const created = await this.client.create('Messages', {
        To: message.to,
        From: message.from,
        Body: message.body,
        ...(message.statusCallbackUrl && { StatusCallback: message.statusCallbackUrl }),
      });
      return { providerMessageId: created.sid };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  /** After a crash mid-send: did a message with this exact body reach this number since `since`? */
  async wasSent(message: OutboundSms, since: Date): Promise<boolean | 'unknown'> {
    try {
      const sent = await this.client.list<{ body?: string }>(
        'Messages',
        { To: message.to, 'DateSent>': twilioDateTime(since) },
        50,
      );
      return sent.some((m) => m.body === message.body);
    } catch {
      return 'unknown';
    }
  }
}

export class TwilioVoice implements VoiceCaller {
  readonly channel = 'voice' as const;
  readonly provider = 'twilio';
  constructor(private readonly client: TwilioRest) {}

  async send(call: OutboundCall): Promise<SendReceipt> {
    try {
      const created = await this.client.create('Calls', {
        To: call.to,
        From: call.from,
        Url: call.twimlUrl,
        Method: 'POST',
        StatusCallback: call.statusCallbackUrl,
        StatusCallbackEvent: ['completed'],
        // Detect answering machines so no survey is left on voicemail (we fall back to SMS).
        MachineDetection: 'Enable',
      });
      return { providerMessageId: created.sid };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  async wasSent(call: OutboundCall, since: Date): Promise<boolean | 'unknown'> {
    try {
      const calls = await this.client.list('Calls', { To: call.to, 'StartTime>': twilioDateTime(since) }, 20);
      return calls.length > 0;
    } catch {
      return 'unknown';
    }
  }
}

/** Inbound messages as Twilio keeps them (its REST API), for the order of keywords. */
export class TwilioInboundMessages implements InboundMessages {
  constructor(private readonly client: TwilioRest) {}

  /** When Twilio received an inbound message; undefined when it cannot be fetched. */
  async receivedAt(messageId: string): Promise<Date | undefined> {
    try {
      const message = await this.client.get<{ date_sent?: string | null; date_created?: string | null }>(
        'Messages',
        messageId,
      );
      // Twilio's REST API gives RFC 2822 dates ("Tue, 10 Mar 2026 14:00:00 +0000").
      const at = Date.parse(message.date_sent ?? message.date_created ?? '');
      return Number.isNaN(at) ? undefined : new Date(at);
    } catch {
      return undefined;
    }
  }
}
