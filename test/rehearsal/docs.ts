import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * What docs/deploy.md tells an admin to type, read from the document itself, so the rehearsal
 * deploys with the same context and fills the secret the same way: a change to either that the
 * other does not follow fails the rehearsal.
 */
const DEPLOY_MD = fileURLToPath(new URL('../../docs/deploy.md', import.meta.url));

export type AdminAuth = 'cognito' | 'jwt' | 'token';
export type SmsProvider = 'twilio' | 'sns';

function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) =>
    (m[1] ?? '').replace(/\\\n\s*/g, ' '),
  );
}

function flags(text: string): Record<string, string> {
  return Object.fromEntries(
    [...text.matchAll(/-c ([A-Za-z]+)=(\S+?)["\s]/g)].map((m) => [m[1] ?? '', m[2] ?? '']),
  );
}

/** The `-c` flags of `$CTX` (section 2), then those of the block that deploys `adminAuth` / `smsProvider`. */
export function docsContext(
  adminAuth: AdminAuth,
  smsProvider: SmsProvider,
  markdown = readFileSync(DEPLOY_MD, 'utf8'),
): Record<string, string> {
  const blocks = codeBlocks(markdown);
  const ctxBlock = blocks.find((b) => /^CTX="/m.test(b));
  const ctx = /^CTX="([^"]*)"/m.exec(ctxBlock ?? '')?.[1];
  if (!ctx) throw new Error('docs/deploy.md: no CTX="..." example to deploy with');
  const context = flags(`${ctx} `);
  for (const [key, value] of [
    ['adminAuth', adminAuth],
    ['smsProvider', smsProvider],
  ] as const) {
    // Without the flag, the stack's default applies (infra/config.ts).
    if ((context[key] ?? { adminAuth: 'cognito', smsProvider: 'twilio' }[key]) === value) continue;
    const block = blocks.find((b) => b.includes(`$CTX -c ${key}=${value}`));
    if (!block) throw new Error(`docs/deploy.md: no deploy command with "$CTX -c ${key}=${value}"`);
    Object.assign(context, flags(`${block} `));
  }
  return context;
}

/** A fictional value for a placeholder of the secret template (`<AC... from the Twilio console>`...). */
function placeholderValue(key: string): string {
  if (key === 'TWILIO_ACCOUNT_SID') return `AC${randomBytes(16).toString('hex')}`;
  return `rehearsal-${key.toLowerCase().replaceAll('_', '-')}-${randomBytes(8).toString('hex')}`;
}

/** Expands the shell the docs use inside the JSON: `$(openssl rand -hex N)` and `$VARIABLE`. */
function expand(value: string, variables: Record<string, string>): string {
  return value
    .replace(/\$\(openssl rand -hex (\d+)\)/g, (_m, n: string) => randomBytes(Number(n)).toString('hex'))
    .replace(/\$([A-Z_]+)/g, (_m, name: string) => {
      const v = variables[name];
      if (v === undefined)
        throw new Error(`docs/deploy.md: the secret uses $${name}, which the steps before never set`);
      return v;
    });
}

/**
 * The secret exactly as section 4 has the admin put it: the heredoc JSON of `put-secret-value`,
 * placeholders filled with fictional values, plus the token line in token mode. `generated` holds
 * the keys the stack generated (LINK_SIGNING_KEY), which the docs read back first.
 */
export function docsSecret(
  adminAuth: AdminAuth,
  generated: Record<string, string>,
  markdown = readFileSync(DEPLOY_MD, 'utf8'),
): Record<string, string> {
  const template = /put-secret-value[\s\S]*?<<JSON\n([\s\S]*?)\nJSON\n/.exec(markdown)?.[1];
  if (!template) throw new Error('docs/deploy.md: no put-secret-value <<JSON ... JSON block');
  const secret: Record<string, string> = {};
  const lines = template.split('\n');
  if (adminAuth === 'token') {
    const tokenLine = codeBlocks(markdown)
      .flatMap((b) => b.split('\n'))
      .find((l) => l.includes('"TOUCHPOINT_ADMIN_TOKEN":'));
    if (!tokenLine) throw new Error('docs/deploy.md: no "TOUCHPOINT_ADMIN_TOKEN" line for adminAuth=token');
    lines.push(tokenLine);
  }
  for (const line of lines) {
    const m = /^\s*"([A-Z_]+)":\s*"(.*)",?\s*$/.exec(line);
    if (!m?.[1]) continue;
    const raw = m[2] ?? '';
    secret[m[1]] = /^<.*>$/.test(raw) ? placeholderValue(m[1]) : expand(raw, generated);
  }
  return secret;
}
