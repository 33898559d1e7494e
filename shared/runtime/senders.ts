import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SesEmail, SnsAlerts, SnsSms } from '../adapters/channels/aws.ts';
import { TwilioSms, TwilioVoice } from '../adapters/channels/twilio.ts';
import { ConfigError } from '../errors.ts';
import type { AlertPublisher, EmailSender, SmsSender, VoiceCaller } from '../ports/index.ts';
import type { ChannelFactory, Channels } from './deps.ts';
import { twilioOf } from './twilio-rest.ts';

/**
 * The channel factories. Only the function files that send import this module (directly, or the
 * admin API lazily for its test sends), so the others bundle no Twilio, SES or SNS client.
 */

/** SMS through Amazon SNS from the two-way origination number (replies to inbound SNS messages). */
export const snsSmsSender: ChannelFactory<SmsSender> = (env) =>
  new SnsSms(new SNSClient({ maxAttempts: 1 }), env.SNS_ORIGINATION_NUMBER);

/** SMS through the configured provider (`SMS_PROVIDER`). */
export const smsSender: ChannelFactory<SmsSender> = (env, secrets) =>
  env.SMS_PROVIDER === 'sns' ? snsSmsSender(env, secrets) : new TwilioSms(twilioOf(env, secrets));

export const emailSender: ChannelFactory<EmailSender> = () =>
  new SesEmail(new SESv2Client({ maxAttempts: 1 }));

/** Voice is always Twilio. */
export const voiceCaller: ChannelFactory<VoiceCaller> = (env, secrets) =>
  new TwilioVoice(twilioOf(env, secrets));

/** Closed-loop alerts to the stack's alert topic. */
export const alertPublisher: ChannelFactory<AlertPublisher> = (env) => {
  if (!env.ALERT_TOPIC_ARN) throw new ConfigError('missing ALERT_TOPIC_ARN: this function publishes alerts');
  return new SnsAlerts(env.ALERT_TOPIC_ARN);
};

/** Every survey channel: what the dispatch tick and an admin's test send use. */
export const surveyChannels: Channels = { sms: smsSender, email: emailSender, voice: voiceCaller };
