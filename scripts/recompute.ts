import { recomputeProgress } from '../cli/progress.ts';
import { localEnv } from '../local/env.ts';
import { REPO_ROOT } from '../local/runtime.ts';
import { buildDeps } from '../shared/runtime/deps.ts';
import { recomputeAggregates } from '../shared/usecases/recompute.ts';

/**
 * `npm run recompute`: rebuild every score aggregate from the raw responses.
 * - With the table env vars set (EVENTS_TABLE, ...; AWS credentials in the environment), it works
 *   directly against those tables (a deployed stack).
 * - Otherwise it asks the running local runtime (`npm start`) to do it.
 */
async function main(): Promise<void> {
  if (process.env.RESPONSES_TABLE && process.env.AGGREGATES_TABLE) {
    const deps = await buildDeps(process.env);
    const progress = recomputeProgress();
    const result = await recomputeAggregates(deps, progress.update);
    progress.done();
    console.log(JSON.stringify(result));
    return;
  }
  const env = localEnv(REPO_ROOT);
  const url = `http://127.0.0.1:${env.PORT ?? 3000}/dev/recompute`;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => {
    throw new Error(
      `no table env vars set and no local runtime at ${url}: start it with npm start, or set EVENTS_TABLE, SURVEYS_TABLE, RESPONSES_TABLE, AGGREGATES_TABLE`,
    );
  });
  console.log(res.status, await res.text());
  if (!res.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
