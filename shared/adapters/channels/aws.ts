import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { CheckIfPhoneNumberIsOptedOutCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { ChannelError } from '../../errors.ts';
import type {
  AlertMessage,
  AlertPublisher,
  EmailSender,
  OutboundEmail,
  OutboundSms,
  SendReceipt,
  SmsSender,
} from '../../ports/index.ts';

/** AWS SDK errors that a retry will not fix. */
function isPermanentAws(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (e.name === 'TooManyRequestsException' || e.name === 'ThrottlingException' || status === 429)
    return false;
  return status >= 400 && status < 500;
}

function toChannelError(provider: string, error: unknown): ChannelError {
  const e = error as { name?: string; message?: string };
  return new ChannelError(
    `${provider}: ${e.name ?? 'Error'}: ${e.message ?? String(error)}`,
    isPermanentAws(error),
    {
      cause: error,
      providerCode: e.name,
    },
  );
}

/** Email through SES v2, with the survey id as a message tag (bounce and complaint events carry it back). */
export class SesEmail implements EmailSender {
  readonly channel = 'email' as const;
  readonly provider = 'ses';
  constructor(private readonly client: SESv2Client = new SESv2Client({ maxAttempts: 1 })) {}

  async send(message: OutboundEmail): Promise<SendReceipt> {
    try {
      const out = await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: message.from,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: message.html, Charset: 'UTF-8' },
                Text: { Data: message.text, Charset: 'UTF-8' },
              },
              Headers: Object.entries(message.headers).map(([Name, Value]) => ({ Name, Value })),
            },
          },
          ...(message.configurationSet && { ConfigurationSetName: message.configurationSet }),
          EmailTags: [{ Name: 'surveyId', Value: message.surveyId }],
        }),
      );
      return { providerMessageId: out.MessageId ?? '' };
    } catch (error) {
      throw toChannelError('ses', error);
    }
  }

  /** SES has no lookup by our key: after a crash mid-send we cannot know, so we do not resend. */
  async wasSent(): Promise<'unknown'> {
    return 'unknown';
  }
}

/** The provider's opt-out list has the number: no SMS may go to it (a retry cannot change that). */
export const SNS_OPTED_OUT = 'OptedOut';

/**
 * SMS through Amazon SNS `Publish` to a phone number (transactional), from `originationNumber`
 * when given: the two-way number replies come back on (End User Messaging SMS). A number on the
 * account's opt-out list (a STOP the provider handled, or an operator's entry) is refused before
 * publishing, since SNS accepts a publish to it and then silently drops the message.
 */
export class SnsSms implements SmsSender {
  readonly channel = 'sms' as const;
  readonly provider = 'sns';
  constructor(
    private readonly client: SNSClient = new SNSClient({ maxAttempts: 1 }),
    private readonly originationNumber?: string,
  ) {}

  async send(message: OutboundSms): Promise<SendReceipt> {
    try {
      const listed = await this.client.send(
        new CheckIfPhoneNumberIsOptedOutCommand({ phoneNumber: message.to }),
      );
      if (listed.isOptedOut)
        throw new ChannelError('sns: the number is on the SMS opt-out list', true, {
          providerCode: SNS_OPTED_OUT,
        });
      const out = await this.client.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.body,
          MessageAttributes: {
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(this.originationNumber && {
              'AWS.MM.SMS.OriginationNumber': { DataType: 'String', StringValue: this.originationNumber },
            }),
            surveyId: { DataType: 'String', StringValue: message.surveyId },
          },
        }),
      );
      return { providerMessageId: out.MessageId ?? '' };
    } catch (error) {
      if (error instanceof ChannelError) throw error;
      throw toChannelError('sns', error);
    }
  }

  async wasSent(): Promise<'unknown'> {
    return 'unknown';
  }
}

/** Closed-loop alerts to an SNS topic (email, Chatbot/Slack or a ticket system subscribe to it). */
export class SnsAlerts implements AlertPublisher {
  constructor(
    private readonly topicArn: string,
    private readonly client: SNSClient = new SNSClient({}),
  ) {}

  async publish(alert: AlertMessage): Promise<void> {
    const subject =
      `${alert.kind === 'detractor' ? 'Detractor' : 'Negative comment'}: ${alert.touchpoint} ${alert.score ?? ''}`.trim();
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: subject.slice(0, 99),
        Message: JSON.stringify(alert),
        MessageAttributes: {
          alertId: { DataType: 'String', StringValue: alert.alertId },
          surveyId: { DataType: 'String', StringValue: alert.surveyId },
          kind: { DataType: 'String', StringValue: alert.kind },
        },
      }),
    );
  }
}
