import { TwilioInboundMessages, TwilioRest } from '../adapters/channels/twilio.ts';
import type { Env, Secrets } from '../config.ts';
import type { InboundMessages } from '../ports/index.ts';
import type { ChannelFactory } from './deps.ts';

/** Twilio's REST API with this deployment's credentials (the sandbox locally). */
export const twilioOf = (env: Env, secrets: Secrets) =>
  new TwilioRest(secrets.TWILIO_ACCOUNT_SID, secrets.TWILIO_AUTH_TOKEN, env.TWILIO_API_BASE_URL);

/**
 * Twilio's record of the messages it delivered to our webhook (their times order keywords). Its
 * own module, so twilio-webhook, which sends nothing, bundles no SES or SNS client.
 */
export const twilioInboundMessages: ChannelFactory<InboundMessages> = (env, secrets) =>
  new TwilioInboundMessages(twilioOf(env, secrets));
