import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HttpResponse } from './api.ts';

/**
 * Serves the dashboard's built files. Only names in the folder's top level with known extensions
 * are served (no path traversal). The folder is `dashboard/dist`, built by dashboard/build.ts: in
 * the source tree (local runtime) or copied next to the Lambda bundle by the CDK bundling hook.
 */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  json: 'application/json; charset=utf-8',
};

const candidates = ['../../dashboard/dist/', './dashboard/dist/', '../dashboard/dist/'].map((rel) =>
  fileURLToPath(new URL(rel, import.meta.url)),
);
const cache = new Map<string, Buffer | null>();

function read(name: string): Buffer | null {
  if (cache.has(name)) return cache.get(name) ?? null;
  const dir = candidates.find((d) => existsSync(`${d}${name}`));
  const content = dir ? readFileSync(`${dir}${name}`) : null;
  cache.set(name, content);
  return content;
}

export function serveDashboardFile(asset: string | undefined): HttpResponse {
  const name = asset && asset.length > 0 ? asset : 'index.html';
  const ext = /^[A-Za-z0-9._-]+\.([a-z0-9]+)$/.exec(name)?.[1];
  const type = ext ? TYPES[ext] : undefined;
  const content = type && !name.startsWith('.') ? read(name) : null;
  if (!type || !content) {
    return {
      statusCode: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: `no such file: ${name}` }),
    };
  }
  const binary = !type.startsWith('text/') && !type.includes('json') && !type.includes('svg');
  return {
    statusCode: 200,
    headers: {
      'content-type': type,
      'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
      'x-content-type-options': 'nosniff',
      ...(name === 'index.html' && {
        'content-security-policy':
          "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        'referrer-policy': 'no-referrer',
      }),
    },
    body: binary ? content.toString('base64') : content.toString('utf8'),
    isBase64Encoded: binary,
  };
}
