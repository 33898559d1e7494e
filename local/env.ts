import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Parses a dotenv-style file (KEY=value lines, # comments). */
export function parseDotenv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m?.[1] || line.trimStart().startsWith('#')) continue;
    out[m[1]] = (m[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Local settings: `.env.example` defaults, overridden by `.env`, overridden by the process env. */
export function localEnv(
  root: string,
  processEnv: Record<string, string | undefined> = process.env,
): Record<string, string | undefined> {
  const read = (name: string) =>
    existsSync(join(root, name)) ? parseDotenv(readFileSync(join(root, name), 'utf8')) : {};
  return { ...read('.env.example'), ...read('.env'), ...processEnv };
}
