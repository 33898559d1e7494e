// The rehearsal's stand-in for the Lambda runtime: runs in Node 24 (the function's runtime), imports
// one bundle from cdk.out with import() exactly as Lambda loads `index.handler`, then invokes it with
// the events the parent sends over IPC. Plain JavaScript: it runs before and beside the bundle, with
// no loader of its own.
import net from 'node:net';
import { pathToFileURL } from 'node:url';

const [bundleFile, handlerName = 'handler'] = process.argv.slice(2);

// Nothing may leave this machine: any connection but to loopback fails (the AWS and Twilio stand-ins
// are on 127.0.0.1), so a client that ignored its endpoint variable would show up as an error.
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = first && typeof first === 'object' ? first : { port: first, host: args[1] };
  if (!options.path && !LOOPBACK.has(options.host ?? 'localhost')) {
    process.nextTick(() => this.destroy(new Error(`rehearsal: blocked a connection to ${options.host}`)));
    return this;
  }
  return connect.apply(this, args);
};

// Virtual time: the parent moves the clock (a survey is due hours after its event). The bundle reads
// Date as usual; only its origin is shifted.
const RealDate = Date;
let offsetMs = 0;
class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = ShiftedDate;

const started = performance.now();
let handler;
try {
  const mod = await import(pathToFileURL(bundleFile).href);
  handler = mod[handlerName];
  if (typeof handler !== 'function') throw new Error(`${bundleFile} exports no function ${handlerName}`);
  process.send({ type: 'ready', importMs: performance.now() - started });
} catch (error) {
  process.send({ type: 'failed', error: { name: error.name, message: error.message, stack: error.stack } });
  process.exit(1);
}

const deadlineFor = (timeoutMs) => RealDate.now() + timeoutMs;
process.on('message', async (message) => {
  if (message.type !== 'invoke') return;
  offsetMs = message.nowMs - RealDate.now();
  const deadline = deadlineFor(message.timeoutMs);
  const context = {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: '$LATEST',
    awsRequestId: message.id,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    getRemainingTimeInMillis: () => Math.max(0, deadline - RealDate.now()),
  };
  const t = performance.now();
  try {
    const value = await handler(message.event, context);
    process.send({
      type: 'result',
      id: message.id,
      ok: true,
      value: value ?? null,
      ms: performance.now() - t,
    });
  } catch (error) {
    process.send({
      type: 'result',
      id: message.id,
      ok: false,
      error: { name: error?.name, message: error?.message ?? String(error), stack: error?.stack },
      ms: performance.now() - t,
    });
  }
});
