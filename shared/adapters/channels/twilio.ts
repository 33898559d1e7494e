import BaseTwilio from 'twilio/lib/base/BaseTwilio.js';
import Api from 'twilio/lib/rest/Api.js';
import { ChannelError } from '../../errors.ts';
import type { OutboundCall, OutboundSms, SendReceipt, SmsSender, VoiceCaller } from '../../ports/index.ts';
import { redirectingTwilioHttpClient } from './twilio-http.ts';

/**
 * The Twilio client with only the REST domain we call (`api`: Messages and Calls). `twilio()` wires
 * every Twilio product into the bundle (about 3.7 MB minified); this keeps it under 1 MB, which
 * shortens cold starts of the three functions that send.
 */
class TwilioClient extends BaseTwilio.Client {
  private domain: Api | undefined;
  get messages() {
    return this.api.v2010.account.messages;
  }
  get calls() {
    return this.api.v2010.account.calls;
  }
  private get api(): Api {
    this.domain ??= new Api(this as never);
    return this.domain;
  }
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

export function createTwilioClient(accountSid: string, authToken: string, apiBaseUrl?: string): TwilioClient {
  return new TwilioClient(accountSid, authToken, {
    autoRetry: false,
    ...(apiBaseUrl && { httpClient: redirectingTwilioHttpClient(apiBaseUrl) as never }),
  });
}

/** Maps a Twilio RestException (or network failure) to a ChannelError. */
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
  constructor(private readonly client: TwilioClient) {}

  async send(message: OutboundSms): Promise<SendReceipt> {
    try {
      const created = await this.client.messages.create({
        to: message.to,
        from: message.from,
        body: message.body,
        ...(message.statusCallbackUrl && { statusCallback: message.statusCallbackUrl }),
      });
      return { providerMessageId: created.sid };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  /** When Twilio received an inbound message; undefined when it cannot be fetched. */
  async receivedAt(messageId: string): Promise<Date | undefined> {
    try {
      const message = await this.client.messages(messageId).fetch();
      return message.dateSent ?? message.dateCreated ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** After a crash mid-send: did a message with this exact body reach this number since `since`? */
  async wasSent(message: OutboundSms, since: Date): Promise<boolean | 'unknown'> {
    try {
      const sent = await this.client.messages.list({ to: message.to, dateSentAfter: since, limit: 50 });
      return sent.some((m) => m.body === message.body);
    } catch {
      return 'unknown';
    }
  }
}

export class TwilioVoice implements VoiceCaller {
  readonly channel = 'voice' as const;
  readonly provider = 'twilio';
  constructor(private readonly client: TwilioClient) {}

  async send(call: OutboundCall): Promise<SendReceipt> {
    try {
      const created = await this.client.calls.create({
        to: call.to,
        from: call.from,
        url: call.twimlUrl,
        method: 'POST',
        statusCallback: call.statusCallbackUrl,
        statusCallbackEvent: ['completed'],
        // Detect answering machines so no survey is left on voicemail (we fall back to SMS).
        machineDetection: 'Enable',
      });
      return { providerMessageId: created.sid };
    } catch (error) {
      throw toChannelError(error);
    }
  }

  async wasSent(call: OutboundCall, since: Date): Promise<boolean | 'unknown'> {
    try {
      const calls = await this.client.calls.list({ to: call.to, startTimeAfter: since, limit: 20 });
      return calls.length > 0;
    } catch {
      return 'unknown';
    }
  }
}
