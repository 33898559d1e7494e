import { buildDeps, type Channels, type Deps } from './deps.ts';

/**
 * Wraps a handler factory so its dependencies (config, secrets, clients) are built once per cold
 * start, on the first invocation, and a bad configuration fails that invocation loudly. `channels`
 * are the senders this function uses (none by default): see shared/runtime/senders.ts.
 */
export function lazyHandler<E, R>(
  create: (deps: Deps) => (event: E) => Promise<R>,
  channels: Channels = {},
): (event: E) => Promise<R> {
  let ready: Promise<(event: E) => Promise<R>> | undefined;
  return async (event: E) => {
    ready ??= buildDeps(process.env, {}, channels).then(create);
    try {
      return await (await ready)(event);
    } catch (error) {
      // A failed cold start must not poison the container forever.
      if (
        !(await ready.then(
          () => true,
          () => false,
        ))
      )
        ready = undefined;
      throw error;
    }
  };
}
