import { join } from 'node:path';
import { buildDashboard } from '../dashboard/build.ts';
import { ConfigError } from '../shared/errors.ts';
import { TABLES } from '../shared/infra/tables.ts';
import { JavaMissingError } from './dynamodb-local.ts';
import { localEnv } from './env.ts';
import { REPO_ROOT } from './repo-root.ts';

/**
 * `npm start`: the whole product on this machine — DynamoDB Local (persisted in .touchpoint/),
 * the HTTP routes through a local API Gateway, the stream consumer, the dispatch tick, and
 * sandbox channels that record what would have been sent.
 */
async function main(): Promise<void> {
  // Imported here, not at the top: touchpoints.config.json is validated when the runtime's modules
  // load, and a ConfigError thrown then must reach the friendly message below, not a stack trace.
  const { startLocalRuntime } = await import('./runtime.ts');
  const env = localEnv(REPO_ROOT);
  const inMemory = process.argv.includes('--in-memory') || env.TOUCHPOINT_IN_MEMORY === '1';
  const stateDir = env.TOUCHPOINT_STATE_DIR ?? join(REPO_ROOT, '.touchpoint');
  const port = Number(env.PORT ?? 3000);
  // The dashboard is served from its build: rebuild it from the current sources.
  await buildDashboard();
  const runtime = await startLocalRuntime({
    port,
    background: true,
    ...(!inMemory && { dataDir: join(stateDir, 'dynamodb'), stateDir }),
  });
  const u = runtime.url;
  const token = runtime.deps.secrets.TOUCHPOINT_ADMIN_TOKEN;
  console.log(`
Touchpoint is running locally on ${u}
  data        ${inMemory ? 'in memory (throwaway run)' : `${join(stateDir, 'dynamodb')} (persists; npm start -- --in-memory for a throwaway run)`}
  DynamoDB    DynamoDB Local, tables ${TABLES.map((t) => runtime.deps.env[t.envVar as keyof typeof runtime.deps.env]).join(', ')}
  streams     polling Responses + Surveys streams into the score consumer
  channels    sandbox Twilio / SES / SNS at ${runtime.sandbox.url} (nothing leaves this machine)
  clock       virtual, now ${runtime.clock.now().toISOString()}

Try the whole loop:
  1. Send a purchase:    npx tsx local/simulate.ts event events/canonical/purchase-sms.json
  2. Move time to it:    curl -s -XPOST ${u}/dev/clock -H 'content-type: application/json' -d '{"toNextDue":true}'
  3. See the SMS:        curl -s ${u}/dev/outbox
  4. Reply as customer:  npx tsx local/simulate.ts sms +12015550123 6
  5. See the score:      curl -s ${u}/api/scores -H 'Authorization: Bearer ${token}'
Dashboard: ${u}/   (admin token: ${token})
Press Ctrl+C to stop.`);
  const shutdown = async () => {
    await runtime.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  if (error instanceof JavaMissingError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof ConfigError) {
    console.error(`Touchpoint did not start: ${error.message}`);
    process.exit(1);
  }
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exit(1);
});
