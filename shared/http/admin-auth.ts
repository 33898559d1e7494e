import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AuthError } from '../errors.ts';

/**
 * Admin routes accept either a JWT already verified by the API Gateway authorizer (AWS) or
 * `Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>` (local runtime, CLI, or token mode in AWS).
 */
export function assertAdmin(event: APIGatewayProxyEventV2, adminToken: string): void {
  const jwt = (event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } }).authorizer?.jwt;
  if (jwt?.claims) return;
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  if (!header) throw new AuthError('missing Authorization header (expected "Bearer <admin token>")');
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError('Authorization header must be "Bearer <admin token>"');
  // Compare digests so the comparison is constant-time whatever the lengths.
  const given = createHash('sha256').update(match[1]).digest();
  const expected = createHash('sha256').update(adminToken).digest();
  if (!timingSafeEqual(given, expected)) throw new AuthError('invalid admin token');
}
