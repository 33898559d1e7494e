import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { functionAccess } from '../../shared/infra/access.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * Size budget per function bundle (minified); today's largest is about 0.8 MB (bench/report.md,
 * "Bundles"). Going past it means a Twilio client, all of zod (`import { z }`), a second SDK copy or
 * an unminified dependency crept in.
 */
const MAX_BUNDLE_BYTES = 1024 * 1024;

const outdir = mkdtempSync(join(tmpdir(), 'touchpoint-synth-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** Only what the CLI needs: no AWS credentials, no region, no metadata endpoint, no telemetry. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key]) env[key] = process.env[key];
  return { ...env, CDK_DISABLE_CLI_TELEMETRY: '1', AWS_EC2_METADATA_DISABLED: 'true', CI: 'true' };
}

describe('cdk synth (the real CLI, with esbuild bundling)', () => {
  it('synthesizes both stacks offline without credentials', { timeout: 120_000 }, () => {
    // Real-looking fictional senders, as docs/deploy.md passes them (synth refuses to guess them).
    const context = ['-c', 'twilioFrom=+12015550123', '-c', 'sesFrom=surveys@example.com'];
    const result = spawnSync(
      join(ROOT, 'node_modules/.bin/cdk'),
      ['synth', '--quiet', '--output', outdir, ...context],
      {
        cwd: ROOT,
        env: offlineEnv(),
        encoding: 'utf8',
        timeout: 110_000,
      },
    );

    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr.slice(-4000) }).toEqual({
      status: 0,
      stderr: '',
    });
    const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates.sort()).toEqual([
      'Touchpoint-Stateful.template.json',
      'Touchpoint-Stateless.template.json',
    ]);
  });

  it('bundles every function as a small ESM file without source maps that defines require for CommonJS dependencies', () => {
    const template = JSON.parse(readFileSync(join(outdir, 'Touchpoint-Stateless.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const functions = Object.entries(template.Resources).filter(
      ([, r]) => r.Type === 'AWS::Lambda::Function',
    );
    // Ours, and the provider aws-cdk-lib's Trigger brings to run migrate-customers inside a deploy.
    const ours = functions.filter(([id]) => !id.startsWith('AWSCDKTriggerCustomResourceProvider'));
    expect(functions.length - ours.length).toBe(1);
    const assetDirs = ours.map(([, r]) => r.Metadata?.['aws:asset:path'] ?? '');

    expect(assetDirs).toHaveLength(9);
    for (const dir of assetDirs) {
      const file = join(outdir, dir, 'index.mjs');
      const head = readFileSync(file, 'utf8').slice(0, 200);

      expect(head).toContain('createRequire');
      expect({ dir, small: statSync(file).size < MAX_BUNDLE_BYTES }).toEqual({ dir, small: true });
      expect(readdirSync(join(outdir, dir)).filter((f) => f.endsWith('.map'))).toEqual([]);
    }
  });

  it('leaves the Twilio and SES clients out of every bundle of a function that does not send (twilio-webhook only reads Twilio)', () => {
    const template = JSON.parse(readFileSync(join(outdir, 'Touchpoint-Stateless.template.json'), 'utf8')) as {
      Resources: Record<string, { Type: string; Metadata?: Record<string, string> }>;
    };
    const access = functionAccess();
    const checked: string[] = [];
    for (const r of Object.values(template.Resources)) {
      const construct = /^[^/]+\/([A-Za-z]+)\/Function\/Resource$/.exec(
        r.Metadata?.['aws:cdk:path'] ?? '',
      )?.[1];
      if (r.Type !== 'AWS::Lambda::Function' || !construct) continue;
      const name = construct.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() as FunctionName;
      const code = readFileSync(join(outdir, r.Metadata?.['aws:asset:path'] ?? '', 'index.mjs'), 'utf8');
      const sends = Boolean(access[name].sms || access[name].email);
      // twilio-webhook sends nothing, but asks Twilio's REST API when an inbound keyword was sent.
      const readsTwilio = sends || name === 'twilio-webhook';
      expect({ name, twilioRest: code.includes('api.twilio.com') }).toEqual({
        name,
        twilioRest: readsTwilio,
      });
      expect({ name, ses: code.includes('/v2/email/outbound-emails') }).toEqual({ name, ses: sends });
      checked.push(name);
    }
    expect(checked).toHaveLength(9);
  });

  it('ships the built dashboard (page, stylesheet, one bundled script) in the admin function only', () => {
    const withDashboard = readdirSync(outdir).filter((dir) => existsSync(join(outdir, dir, 'dashboard')));
    expect(withDashboard).toHaveLength(1);
    const shipped = join(outdir, withDashboard[0] ?? '', 'dashboard/dist');

    expect(readdirSync(shipped).sort()).toEqual(['app.css', 'app.js', 'index.html']);
    // The build of the current sources: the same bytes as the suite's own build (global setup).
    expect(readFileSync(join(shipped, 'app.js'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'dashboard/dist/app.js'), 'utf8'),
    );
    expect(readFileSync(join(shipped, 'index.html'), 'utf8')).toContain(
      '<script type="module" src="app.js">',
    );
  });
});
