import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { ensureNode24 } from '../scripts/node24.ts';
import { functionAccess } from '../shared/infra/access.ts';
import type { FunctionName } from '../shared/infra/routes.ts';
import { synthesize } from '../test/rehearsal/deploy.ts';
import { Deployment } from '../test/rehearsal/template.ts';

/**
 * The "Bundles" section of the benchmark (`npm run bench -- --only bundles`): every function's
 * bundle as `cdk synth` writes it to cdk.out (with -c smsProvider=sns, so sms-inbound is there too),
 * its size, its zip size, and how long a fresh Node 20 and Node 24 process takes to `import()` it
 * (median of 5), which is the part of a Lambda cold start the bundle decides.
 */
export interface BundleRow {
  fn: FunctionName;
  /** Sends surveys or replies (SMS, email, voice): the only functions that load Twilio, SES or SNS SMS. */
  sends: boolean;
  bundleKb: number;
  assetKb: number;
  zipKb: number;
  importMsNode20: number;
  importMsNode24: number;
}

export interface BundleReport {
  node24: string;
  runs: number;
  rows: BundleRow[];
}

const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds a fresh `node` process spends in `import()` of the bundle, with the function's environment. */
function importMs(node: string, file: string, env: Record<string, string>): number {
  const out = spawnSync(
    node,
    [
      '--input-type=module',
      '-e',
      `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); console.log(performance.now() - t);`,
    ],
    { env: { ...env, PATH: process.env.PATH ?? '', AWS_REGION: 'us-east-1' }, encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`import of ${file} failed: ${out.stderr}`);
  return Number(out.stdout.trim());
}

/** Bytes of the asset as Lambda's zip would hold it (deflate of each file, plus headers). */
function zipBytes(dir: string): { total: number; zip: number } {
  let total = 0;
  let zip = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    total += bytes.length;
    zip += deflateRawSync(bytes).length + 76 + 2 * name.length;
  }
  return { total, zip };
}

export async function measureBundles(log: (line: string) => void): Promise<BundleReport> {
  const node24 = ensureNode24(log);
  const outdir = mkdtempSync(join(tmpdir(), 'touchpoint-bundles-'));
  try {
    log('bundles: cdk synth (sns, so every function is there) ...');
    synthesize(outdir, { demo: 'true', smsProvider: 'sns' });
    const access = functionAccess();
    const rows: BundleRow[] = [];
    for (const fn of new Deployment(outdir, 'bench').functions().values()) {
      const file = join(fn.assetDir, 'index.mjs');
      const env = Object.fromEntries(Object.entries(fn.environment).filter(([k]) => k === 'NODE_OPTIONS'));
      const times = (node: string) => median(Array.from({ length: RUNS }, () => importMs(node, file, env)));
      const { total, zip } = zipBytes(fn.assetDir);
      rows.push({
        fn: fn.name,
        sends: Boolean(access[fn.name].sms || access[fn.name].email),
        bundleKb: Math.round(statSync(file).size / 1024),
        assetKb: Math.round(total / 1024),
        zipKb: Math.round(zip / 1024),
        importMsNode20: Math.round(times(process.execPath)),
        importMsNode24: Math.round(times(node24)),
      });
      log(`bundles: ${fn.name} measured`);
    }
    rows.sort((a, b) => a.fn.localeCompare(b.fn));
    return { node24: spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim(), runs: RUNS, rows };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The markdown of the section. */
export function bundleLines(r: BundleReport): string[] {
  const quiet = r.rows.filter((x) => !x.sends);
  return [
    '## Bundles',
    '',
    `Each function's bundle from \`cdk synth\` (minified ESM, no source maps), and the median of ${r.runs} fresh processes importing it (Node ${process.versions.node} and ${r.node24}, Lambda's runtime). Goal: no bundle over 1 MB, import under 200 ms for functions that do not send.`,
    '',
    '| function | sends | bundle KB | asset KB | zip KB | import ms, Node 20 | import ms, Node 24 |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.rows.map(
      (x) =>
        `| ${x.fn} | ${x.sends ? 'yes' : 'no'} | ${x.bundleKb} | ${x.assetKb} | ${x.zipKb} | ${x.importMsNode20} | ${x.importMsNode24} |`,
    ),
    '',
    `Largest bundle ${Math.max(...r.rows.map((x) => x.bundleKb))} KB; functions that do not send import in at most ${Math.max(...quiet.map((x) => Math.max(x.importMsNode20, x.importMsNode24)))} ms. The admin API sends only test surveys: their clients load on the first one (shared/runtime/lazy-channels.ts).`,
    '',
  ];
}
