import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, startLocalRuntime } from '../local/runtime.ts';
import { runResilience } from './resilience.ts';

/**
 * `npm run soak [-- --minutes N]`: the whole loop for N minutes (default 5) under 30% transient
 * provider faults, duplicate and out-of-order webhooks, skewed signature clocks and refused
 * numbers (see bench/resilience.ts). At the end every survey must have been sent exactly once and
 * every answer must be in the scores. Writes bench/soak.json (the bench report shows the latest)
 * and exits 1 on any loss or duplicate. Traffic stays on loopback.
 */
const minutesArg = process.argv.indexOf('--minutes');
const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 5;

async function main(): Promise<void> {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes must be a positive number');
  const rt = await startLocalRuntime({
    port: 0,
    background: false,
    tablePrefix: `soak${Date.now()}`,
    clockStart: new Date('2026-03-10T14:00:00Z'),
    ttl: false,
  });
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  try {
    const summary = await runResilience(
      rt,
      () => Date.now() < deadline,
      (line) => process.stderr.write(`\r${line}`),
    );
    process.stderr.write('\n');
    const result = {
      finishedAt: new Date().toISOString(),
      minutes,
      realSeconds: Math.round((Date.now() - started) / 1000),
      ...summary,
    };
    writeFileSync(join(REPO_ROOT, 'bench/soak.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result));
    if (!summary.ok) process.exitCode = 1;
  } finally {
    await rt.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
