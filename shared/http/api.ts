import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AuthError, NotFoundError, SignatureError, TouchpointError, ValidationError } from '../errors.ts';
import { logger } from '../runtime/log.ts';
import { logMetric, SIGNATURE_REJECTED } from '../runtime/metrics.ts';

/** The parts of an API Gateway HTTP API (v2) request our handlers use, decoded once. */
export interface HttpRequest {
  method: string;
  /** Route key such as `POST /twilio/sms`. */
  routeKey: string;
  /**
   * The path exactly as the caller requested it (`rawPath`): with a named stage's `/<stage>` or a
   * custom domain's base path in front of the route, so a relative link back to it works.
   */
  path: string;
  /** Lowercase header names; repeated headers joined with commas (as API Gateway does). */
  headers: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  pathParams: Record<string, string | undefined>;
  /** The body exactly as sent (base64 bodies decoded), for signature checks. */
  rawBody: string;
  rawBodyBytes: Buffer;
  /** The public URL the caller used, rebuilt for providers that sign it (Twilio). */
  publicUrl: string;
  /** Base URL of the API as the caller saw it (origin, stage or base path), for links we hand out. */
  baseUrl: string;
  sourceIp: string;
}

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };

/** Largest webhook body we accept; above it a 413 (API Gateway itself allows 10 MB). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The URL the caller requested, for providers that sign it (Twilio signs the exact URL it called).
 *
 * HTTP API's `rawPath` is the path as requested: it already holds a named stage (`/prod/twilio/sms`
 * on the execute-api domain) or a custom domain's base path (`/tp/twilio/sms` under the mapping
 * `tp`), and neither on `$default`. So the URL is the request's host plus `rawPath`, never plus the
 * stage again. `PUBLIC_BASE_URL`, when set, names the public origin and base path (a custom domain,
 * or a proxy in front): its path is put in front of `rawPath` only when `rawPath` does not already
 * start with it (a proxy that strips the prefix), so `https://api.example.com/tp` with rawPath
 * `/tp/twilio/sms` stays `https://api.example.com/tp/twilio/sms`.
 */
export function requestUrl(event: APIGatewayProxyEventV2, publicBaseUrl?: string): string {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  if (!publicBaseUrl) {
    const proto = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim() || 'https';
    return `${proto}://${event.requestContext.domainName}${event.rawPath}${query}`;
  }
  const base = new URL(publicBaseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const within = basePath && (event.rawPath === basePath || event.rawPath.startsWith(`${basePath}/`));
  return `${base.origin}${within ? '' : basePath}${event.rawPath}${query}`;
}

/** The request URL without its query and without the route's own path: where the API lives. */
export function apiBaseUrl(url: string, routeKey: string): string {
  const { origin, pathname } = new URL(url);
  const routeSegments = (routeKey.split(' ')[1] ?? '/').split('/').filter(Boolean).length;
  const segments = pathname.split('/').filter(Boolean);
  const kept = segments.slice(0, Math.max(0, segments.length - routeSegments));
  return `${origin}${kept.length ? `/${kept.join('/')}` : ''}`;
}

export function toHttpRequest(event: APIGatewayProxyEventV2, publicBaseUrl?: string): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(event.headers ?? {})) headers[k.toLowerCase()] = v;
  const rawBodyBytes = event.body
    ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
    : Buffer.alloc(0);
  const publicUrl = requestUrl({ ...event, headers }, publicBaseUrl);
  return {
    method: event.requestContext.http.method,
    routeKey: event.routeKey,
    path: event.rawPath,
    headers,
    query: event.queryStringParameters ?? {},
    pathParams: event.pathParameters ?? {},
    rawBody: rawBodyBytes.toString('utf8'),
    rawBodyBytes,
    publicUrl,
    baseUrl: apiBaseUrl(publicUrl, event.routeKey),
    sourceIp: event.requestContext.http.sourceIp,
  };
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** The customer pages' policy: inline styles, forms to this origin, nothing else (no scripts). */
export const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': PAGE_CSP,
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body,
  };
}

export function twiml(body: string, statusCode = 200): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/xml; charset=utf-8' }, body };
}

export function text(
  statusCode: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType }, body };
}

/** Maps typed errors to HTTP; anything unknown is a 500 that reveals nothing internal. */
export function errorToHttp(
  error: unknown,
  log: (e: unknown) => void = (e) => logger.error('request failed', e),
): HttpResponse {
  if (error instanceof ValidationError) return json(error.status, { error: error.message });
  if (error instanceof SignatureError) return json(401, { error: error.message });
  if (error instanceof AuthError) {
    return json(401, { error: error.message }, { 'www-authenticate': 'Bearer realm="touchpoint"' });
  }
  if (error instanceof NotFoundError) return json(404, { error: error.message });
  log(error);
  const id = error instanceof TouchpointError ? error.name : 'InternalError';
  return json(500, { error: 'internal error', type: id });
}

/**
 * Records a refused inbound signature: one warning line with the route and the reason (never the
 * body or a header value), counted as the `SignatureRejected` metric that the stack alarms on. A
 * wrong `PUBLIC_BASE_URL` or a rotated secret would otherwise drop every reply without a trace.
 * `checkedUrl` (Twilio) is the URL the signature was checked against, without its query string.
 */
export function signatureRejected(routeKey: string, error: SignatureError, checkedUrl?: string): void {
  logMetric(
    'WARN',
    'inbound signature rejected',
    { [SIGNATURE_REJECTED]: 1 },
    { route: routeKey, reason: error.message, ...(checkedUrl && { checkedUrl: checkedUrl.split('?')[0] }) },
  );
}

/** Parses a JSON body with the checks every webhook shares: size, content type, syntax. */
export function parseJsonBody(req: HttpRequest): unknown {
  assertBodySize(req);
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ValidationError(`content-type must be application/json, got ${type ?? 'none'}`, 415);
  }
  try {
    return JSON.parse(req.rawBody);
  } catch (error) {
    throw new ValidationError(`malformed JSON: ${(error as Error).message}`, 400, { cause: error });
  }
}

export function assertBodySize(req: HttpRequest): void {
  if (req.rawBodyBytes.length > MAX_BODY_BYTES) {
    throw new ValidationError(
      `body is ${req.rawBodyBytes.length} bytes; the limit is ${MAX_BODY_BYTES}`,
      413,
    );
  }
}

/** Parses an application/x-www-form-urlencoded body (Twilio webhooks, HTML forms). */
export function parseFormBody(req: HttpRequest): Record<string, string> {
  assertBodySize(req);
  const type = req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw new ValidationError(
      `content-type must be application/x-www-form-urlencoded, got ${type ?? 'none'}`,
      415,
    );
  }
  return Object.fromEntries(new URLSearchParams(req.rawBody));
}

export { AuthError, NotFoundError, SignatureError, ValidationError };
