import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../../local/dynamodb-local.ts';
import { ensureNode24 } from '../../scripts/node24.ts';
import { PARKED_LOG } from './admin.ts';
import { deployScenario, type Scenario, type Stack } from './deploy.ts';
import { compareGrants } from './grants.ts';
import { InvocationError } from './lambda.ts';
import { driveLoop } from './loop.ts';

/**
 * `npm run rehearse`: the deploy rehearsal (docs/deploy.md, "Rehearse a deploy"). For each admin
 * sign-in mode and SMS provider: synthesize with the context docs/deploy.md gives, start every
 * bundle of cdk.out in Node 24 with the template's environment and the secret filled as the docs
 * say, drive the whole loop through them, and check every AWS call against the function's
 * synthesized IAM policy (no call without its grant, no grant without a call). Prints one line per
 * check and `N passed, N failed`; exits 1 on any failure. `--keep` keeps the work folder (logs).
 */
export const SCENARIOS: Scenario[] = [
  { name: 'cognito-twilio', adminAuth: 'cognito', smsProvider: 'twilio' },
  { name: 'jwt-sns', adminAuth: 'jwt', smsProvider: 'sns' },
  { name: 'token-twilio', adminAuth: 'token', smsProvider: 'twilio' },
  { name: 'cognito-sns', adminAuth: 'cognito', smsProvider: 'sns' },
];

interface Result {
  scenario: string;
  name: string;
  ok: boolean;
  detail?: unknown;
}

async function main(): Promise<void> {
  const started = performance.now();
  const keep = process.argv.includes('--keep');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const workDir = join(tmpdir(), `touchpoint-rehearsal-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const node24 = ensureNode24((line) => console.log(line));
  const db = await startDynamoDbLocal();
  const results: Result[] = [];
  const imports: Record<string, Record<string, number>> = {};
  try {
    for (const scenario of SCENARIOS.filter((s) => !only || s.name === only)) {
      const t = performance.now();
      const check = (name: string, ok: boolean, detail?: unknown) => {
        results.push({ scenario: scenario.name, name, ok, ...(ok ? {} : { detail }) });
        console.log(
          `${ok ? 'ok  ' : 'FAIL'} [${scenario.name}] ${name}${ok ? '' : `\n     ${JSON.stringify(detail)?.slice(0, 1500)}`}`,
        );
      };
      let stack: Stack | undefined;
      try {
        stack = await deployScenario({
          scenario,
          node24,
          dynamoEndpoint: db.endpoint,
          workDir,
          log: (line) => console.log(`     [${scenario.name}] ${line}`),
        });
        check(`every function of the template loads in Node 24 (${stack.containers.size})`, true);
        imports[scenario.name] = Object.fromEntries(
          [...stack.containers].map(([n, c]) => [n, Math.round(c.importMs)]),
        );
        await driveLoop(stack, check);
        if (process.argv.includes('--record-only')) {
          const seen = new Set(
            stack.aws.calls.map(
              (c) =>
                `${c.fn} ${c.action} ${c.resource.replace(/^.*:(table|identity|configuration-set)\//, '$1/')}`,
            ),
          );
          console.log([...seen].sort().join('\n'));
        }
        for (const [name, container] of stack.containers) {
          const report = compareGrants(
            stack.deployment,
            container.fn,
            stack.deployment.policyOf(container.fn.roleLogicalId),
            stack.aws.calls,
          );
          check(`${name}: every AWS call it made is granted`, report.denied.length === 0, report.denied);
          check(`${name}: every grant is used by a call`, report.unused.length === 0, report.unused);
          // The one survey the loop breaks on purpose is parked with an error line; nothing else may be.
          const errors = container.logs.filter(
            (l) => l.includes('"level":"ERROR"') && !l.includes(PARKED_LOG),
          );
          check(`${name}: logged no error`, errors.length === 0, errors.slice(0, 3));
        }
      } catch (error) {
        check(
          'the rehearsal ran to the end',
          false,
          error instanceof InvocationError ? error.remote : String((error as Error).stack ?? error),
        );
      } finally {
        await stack?.stop();
        console.log(`[${scenario.name}] ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await db.stop();
    if (!keep) rmSync(workDir, { recursive: true, force: true });
  }
  const failed = results.filter((r) => !r.ok).length;
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  writeFileSync(
    join(tmpdir(), 'touchpoint-rehearsal.json'),
    JSON.stringify({ seconds, imports, results }, null, 2),
  );
  console.log(`rehearsal: ${seconds} s, Node 24 import ms per function: ${JSON.stringify(imports)}`);
  if (keep) console.log(`work folder kept: ${workDir}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
