import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeployedFunction } from './template.ts';

const HOST = fileURLToPath(new URL('./lambda-host.mjs', import.meta.url));

export class InvocationError extends Error {
  constructor(
    readonly fn: string,
    readonly remote: { name?: string; message: string; stack?: string },
  ) {
    super(`${fn} failed: ${remote.name ?? 'Error'}: ${remote.message}`);
    this.name = 'InvocationError';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * One warm Lambda container of a function: a Node 24 process that imported the bundle and takes
 * one invocation at a time. Its stdout/stderr (the function's logs) go to `<logDir>/<name>.log`.
 */
export class LambdaContainer {
  private readonly pending = new Map<string, Pending>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly logs: string[] = [];

  private constructor(
    readonly fn: DeployedFunction,
    private readonly child: ChildProcess,
    readonly importMs: number,
    private readonly log: WriteStream,
  ) {
    child.on('message', (raw) => {
      const message = raw as {
        type: string;
        id: string;
        ok: boolean;
        value: unknown;
        error: InvocationError['remote'];
      };
      const waiting = this.pending.get(message.id);
      if (message.type !== 'result' || !waiting) return;
      this.pending.delete(message.id);
      if (message.ok) waiting.resolve(message.value);
      else waiting.reject(new InvocationError(fn.name, message.error));
    });
    child.on('exit', (code) => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`${fn.name} exited (${code})`));
      this.pending.clear();
    });
  }

  /** Starts the container with exactly `env` (the template's variables plus the runtime's). */
  static start(
    node: string,
    fn: DeployedFunction,
    env: Record<string, string>,
    logDir: string,
  ): Promise<LambdaContainer> {
    const [file, exported] = fn.handler.split('.');
    const log = createWriteStream(join(logDir, `${fn.name}.log`), { flags: 'a' });
    const child = fork(HOST, [join(fn.assetDir, `${file}.mjs`), exported ?? 'handler'], {
      execPath: node,
      execArgv: [],
      env,
      cwd: fn.assetDir,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    const lines: string[] = [];
    const capture = (chunk: Buffer) => {
      log.write(chunk);
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    };
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    return new Promise((resolve, reject) => {
      child.once('message', (raw) => {
        const message = raw as {
          type: string;
          importMs: number;
          error?: { message: string; stack?: string };
        };
        if (message.type === 'ready') {
          const container = new LambdaContainer(fn, child, message.importMs, log);
          container.logs.push(...lines);
          child.stdout?.off('data', capture);
          child.stderr?.off('data', capture);
          const keep = (chunk: Buffer) => {
            log.write(chunk);
            container.logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          };
          child.stdout?.on('data', keep);
          child.stderr?.on('data', keep);
          resolve(container);
        } else
          reject(new Error(`${fn.name} did not load: ${message.error?.stack ?? message.error?.message}`));
      });
      child.once('exit', (code) =>
        reject(new Error(`${fn.name} exited while loading (${code}): ${lines.join('\n')}`)),
      );
    });
  }

  /** Invokes the handler with `event` at virtual time `now`; one invocation at a time, like Lambda. */
  invoke<T = unknown>(event: unknown, now: Date): Promise<T> {
    const run = () =>
      new Promise<T>((resolve, reject) => {
        const id = randomUUID();
        this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        this.child.send({
          type: 'invoke',
          id,
          event,
          nowMs: now.getTime(),
          timeoutMs: this.fn.timeoutSeconds * 1000,
        });
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    await new Promise((resolve) => this.log.end(resolve));
  }
}
