import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` with an invalid touchpoints.config.json: one line naming the bad field and exit 1, not
 * a stack trace. Runs the real start script in a copy of the repo whose config is broken.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const copy = mkdtempSync(join(tmpdir(), 'touchpoint-start-'));

describe('npm start with an invalid config', () => {
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('says which field is wrong and exits 1 without a stack trace', () => {
    for (const dir of ['local', 'shared', 'functions', 'events', 'dashboard'])
      cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
    for (const file of ['package.json', 'tsconfig.json']) cpSync(join(ROOT, file), join(copy, file));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    const config = JSON.parse(readFileSync(join(ROOT, 'touchpoints.config.json'), 'utf8'));
    config.fatigueWindowDays = -3;
    writeFileSync(join(copy, 'touchpoints.config.json'), JSON.stringify(config));

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts', '--in-memory'], {
      cwd: copy,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PORT: '0' },
    });

    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Touchpoint did not start: invalid touchpoint config: fatigueWindowDays: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
