import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HTTP_ROUTES, type HttpFunctionName } from '../shared/infra/routes.ts';

/**
 * A local stand-in for API Gateway HTTP API: turns each request into the payload format 2.0 event
 * API Gateway would send and calls the same Lambda handler the AWS stack deploys.
 */
export type HttpHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Extra local-only routes (`/dev/*`, the dashboard); they never exist in the AWS stack. */
export type LocalRoute = (req: IncomingMessage, body: Buffer, url: URL) => Promise<LocalResponse | undefined>;
export interface LocalResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

/** API Gateway's own payload limit. Handlers enforce the product's smaller webhook limit. */
const API_GATEWAY_MAX_BODY = 10 * 1024 * 1024;

/** Content types API Gateway passes as text; every other body arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/xml'
  );
}

interface CompiledRoute {
  method: string;
  path: string;
  fn: HttpFunctionName;
  pattern: RegExp;
  params: string[];
}

function compile(path: string): { pattern: RegExp; params: string[] } {
  const params: string[] = [];
  const source = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { pattern: new RegExp(`^${source}$`), params };
}

export function buildEvent(
  req: { method: string; url: URL; headers: IncomingMessage['headers']; body: Buffer; sourceIp: string },
  route: { method: string; path: string },
  pathParameters: Record<string, string>,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  }
  headers['x-forwarded-proto'] ??= 'http';
  const query: Record<string, string> = {};
  for (const [k, v] of req.url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const textual = isTextual(headers['content-type']);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: req.url.pathname,
    rawQueryString: req.url.search.replace(/^\?/, ''),
    ...(headers.cookie && { cookies: headers.cookie.split(/;\s*/) }),
    headers,
    ...(Object.keys(query).length > 0 && { queryStringParameters: query }),
    ...(Object.keys(pathParameters).length > 0 && { pathParameters }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: req.method,
        path: req.url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(req.body.length > 0 && {
      body: textual ? req.body.toString('utf8') : req.body.toString('base64'),
    }),
    isBase64Encoded: req.body.length > 0 && !textual,
  };
}

export class LocalGateway {
  private server: Server | undefined;
  private readonly routes: CompiledRoute[];
  /** Called before every product route is handled, e.g. to let the sandbox Twilio keep an inbound SMS. */
  onRequest?: (route: { method: string; path: string }, event: APIGatewayProxyEventV2) => void;
  /** Called after every handled product route, e.g. to record TwiML replies in the outbox. */
  onResponse?: (
    route: { method: string; path: string },
    event: APIGatewayProxyEventV2,
    result: APIGatewayProxyStructuredResultV2,
  ) => void;

  constructor(
    private readonly handlers: Record<HttpFunctionName, HttpHandler>,
    private readonly localRoutes: LocalRoute[] = [],
  ) {
    this.routes = HTTP_ROUTES.map((r) => ({ ...r, ...compile(r.path) }));
  }

  async listen(port: number, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        console.error('gateway error', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal error' }));
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, resolve);
    });
    const address = this.server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const body = await readBody(req, API_GATEWAY_MAX_BODY);
    if (body === 'too_large') {
      res.writeHead(413, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Request Entity Too Large' }));
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const matches = this.routes
      .map((route) => ({ route, match: route.pattern.exec(url.pathname) }))
      .filter((m) => m.match);
    const hit = matches.find((m) => m.route.method === method);
    if (hit?.match) {
      const params = Object.fromEntries(
        hit.route.params.map((name, i) => [name, decodeURIComponent(hit.match?.[i + 1] ?? '')]),
      );
      const event = buildEvent(
        { method, url, headers: req.headers, body, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
        hit.route,
        params,
      );
      this.onRequest?.(hit.route, event);
      const result = await this.handlers[hit.route.fn](event);
      this.onResponse?.(hit.route, event, result);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {})) headers[k] = String(v);
      if (result.cookies?.length) res.setHeader('set-cookie', result.cookies);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(
        result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'),
      );
      return;
    }
    for (const local of this.localRoutes) {
      const out = await local(req, body, url);
      if (out) {
        res.writeHead(out.status, out.headers ?? {});
        res.end(out.body);
        return;
      }
    }
    if (matches.length > 0) {
      res.writeHead(405, {
        'content-type': 'application/json',
        allow: matches.map((m) => m.route.method).join(', '),
      });
      res.end(JSON.stringify({ message: `method ${method} not allowed on ${url.pathname}` }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Not Found' }));
  }
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too_large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
