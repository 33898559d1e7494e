import type { Channel } from '../domain/model.ts';
import { ConfigError } from '../errors.ts';
import type { ChannelSender } from '../ports/index.ts';
import type { ChannelFactory, Channels } from './deps.ts';

/**
 * Survey channels whose clients are loaded on first use, from a module imported then. For a
 * function that sends rarely (the admin API's test sends): its cold start does not evaluate the
 * Twilio, SES and SNS adapters, which every other request of it never needs.
 */
export function loadedOnFirstUse(load: () => Promise<Channels>): Channels {
  const lazy =
    <M>(channel: Channel, pick: (c: Channels) => ChannelFactory<ChannelSender<M>> | undefined) =>
    (...args: Parameters<ChannelFactory<unknown>>): ChannelSender<M> => {
      let sender: Promise<ChannelSender<M>> | undefined;
      const get = () => {
        sender ??= load().then((channels) => {
          const factory = pick(channels);
          if (!factory) throw new ConfigError(`this function does not send ${channel}`);
          return factory(...args);
        });
        return sender;
      };
      return {
        channel,
        provider: channel === 'sms' ? args[0].SMS_PROVIDER : channel === 'email' ? 'ses' : 'twilio',
        send: async (message) => (await get()).send(message),
        wasSent: async (message, since) => (await get()).wasSent(message, since),
      };
    };
  return {
    sms: lazy('sms', (c) => c.sms),
    email: lazy('email', (c) => c.email),
    voice: lazy('voice', (c) => c.voice),
  };
}
