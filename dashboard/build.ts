// Builds the dashboard into one servable folder: the page and stylesheet from dashboard/public and
// dashboard/src bundled by esbuild into one ES module, app.js. `npm start`, the test suite's
// global setup and the CDK app (infra/app.ts) call it; `npx tsx dashboard/build.ts [dir]` does
// by hand. Offline: esbuild is a local devDependency.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const DASHBOARD = join(REPO_ROOT, 'dashboard');

/** Where the built dashboard goes (gitignored); the local runtime serves it, the CDK asset copies it. */
export const DASHBOARD_DIST = join(DASHBOARD, 'dist');

/** The hand-written files served as they are. */
const STATIC_FILES = ['index.html', 'app.css'];

/**
 * Replaces `file` in one step (write a temporary file, then rename): test workers and a synth
 * running at the same time may build at once, and a reader never sees half a file.
 */
function replaceFile(file: string, content: Uint8Array): void {
  if (existsSync(file) && Buffer.from(content).equals(readFileSync(file))) return;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Builds the dashboard into `outDir` (default dashboard/dist). Throws with esbuild's errors. */
export async function buildDashboard(outDir: string = DASHBOARD_DIST): Promise<void> {
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(DASHBOARD, 'src/main.ts')],
    tsconfig: join(DASHBOARD, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Top-level await; every browser since 2022.
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: '// Built from dashboard/src by dashboard/build.ts: edit the TypeScript, not this file.' },
    outfile: join(outDir, 'app.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Server modules are imported for their types only; bundling one would ship server code.
  const foreign = Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('dashboard/src/'));
  if (foreign.length > 0)
    throw new Error(`the dashboard bundle may only contain dashboard/src, but imports ${foreign.join(', ')}`);
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) replaceFile(file.path, file.contents);
  for (const name of STATIC_FILES)
    replaceFile(join(outDir, name), readFileSync(join(DASHBOARD, 'public', name)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = process.argv[2] ?? DASHBOARD_DIST;
  await buildDashboard(outDir);
  console.log(`dashboard built in ${relative(process.cwd(), outDir) || '.'}`);
}
