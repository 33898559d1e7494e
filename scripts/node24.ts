import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Node 24, the Lambda runtime of every function (nodejs24.x), for running the bundles the way
 * Lambda does. Installed from the npm registry, where the official Linux binaries are published as
 * `node-linux-<arch>` packages, into a cache folder outside the repository; nothing is downloaded
 * from anywhere else. `npx tsx scripts/node24.ts` prints the binary's path (installing it first).
 */
export const NODE24_VERSION = '24.22.3';

/** The registry's sha512 of the x64 tarball we tested with; other architectures rely on npm's own check. */
const INTEGRITY: Record<string, string> = {
  x64: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
};

function cacheDir(): string {
  const base =
    process.env.TOUCHPOINT_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'touchpoint');
  return join(base, `node-v${NODE24_VERSION}-linux-${process.arch}`);
}

/** Path of the Node 24 binary, installed on first use (about 50 MB from the registry, a few seconds). */
export function ensureNode24(log: (line: string) => void = () => undefined): string {
  if (process.platform !== 'linux' || !['x64', 'arm64'].includes(process.arch))
    throw new Error(
      `Node 24 from the npm registry is set up for Linux x64/arm64 only, not ${process.platform}-${process.arch}`,
    );
  const dir = cacheDir();
  const node = join(dir, 'bin', 'node');
  if (existsSync(node)) return node;
  const spec = `node-linux-${process.arch}@${NODE24_VERSION}`;
  log(`installing ${spec} from the npm registry into ${dir}`);
  mkdirSync(join(dir, '..'), { recursive: true });
  const work = mkdtempSync(join(dir, '..', '.node24-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    ) as Array<{ filename: string; integrity: string }>;
    const tarball = packed[0];
    if (!tarball) throw new Error(`npm pack ${spec} produced no tarball`);
    const expected = INTEGRITY[process.arch];
    if (expected && tarball.integrity !== expected)
      throw new Error(`${spec}: integrity ${tarball.integrity} is not the pinned ${expected}`);
    execFileSync('tar', ['xzf', join(work, tarball.filename), '-C', work, 'package/bin/node']);
    mkdirSync(join(dir, 'bin'), { recursive: true });
    renameSync(join(work, 'package', 'bin', 'node'), node);
    chmodSync(node, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${NODE24_VERSION}`) throw new Error(`${node} reports ${version}`);
  return node;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(ensureNode24((line) => console.error(line)));
}
