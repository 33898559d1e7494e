import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Env } from '../config.ts';
import { AuthError } from '../errors.ts';

/** `token`: checked here. `cognito` / `jwt`: an API Gateway JWT authorizer checked the token. */
export type AdminAuthMode = Env['ADMIN_AUTH_MODE'];

/** Who called an admin route, for audit fields; never a credential. */
export type AdminCaller = { via: 'token' } | { via: 'jwt'; subject: string; username: string | undefined };

export interface AdminAuthSettings {
  readonly mode: AdminAuthMode;
  /** TOUCHPOINT_ADMIN_TOKEN; used only in token mode (where config loading guarantees it). */
  readonly adminToken: string | undefined;
}

/**
 * Authenticates an admin request.
 *
 * - `token` (local runtime, CLI, `-c adminAuth=token`): `Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>`,
 *   compared in constant time.
 * - `cognito` / `jwt`: API Gateway's JWT authorizer has already verified signature, issuer, audience
 *   and expiry, and passes the claims in `requestContext.authorizer.jwt.claims`. Clients cannot set
 *   that field, so its absence means the route lost its authorizer: refuse (defence in depth). In
 *   cognito mode only access tokens are accepted; an ID token of the same client would also pass the
 *   gateway (its `aud` is the client id) but is meant for the client, not for APIs.
 */
export function assertAdmin(event: APIGatewayProxyEventV2, settings: AdminAuthSettings): AdminCaller {
  if (settings.mode === 'token') {
    assertAdminToken(event, settings.adminToken);
    return { via: 'token' };
  }
  const claims = gatewayClaims(event);
  if (!claims) {
    throw new AuthError('missing verified JWT claims: the admin routes must sit behind the JWT authorizer');
  }
  if (settings.mode === 'cognito' && claims.token_use !== 'access') {
    throw new AuthError('send the Cognito access token (AccessToken), not the ID token');
  }
  const subject = typeof claims.sub === 'string' ? claims.sub : '';
  if (!subject) throw new AuthError('the verified JWT has no subject');
  const username = claims.username ?? claims['cognito:username'];
  return { via: 'jwt', subject, username: typeof username === 'string' ? username : undefined };
}

function gatewayClaims(event: APIGatewayProxyEventV2): Record<string, unknown> | undefined {
  const context = event.requestContext as { authorizer?: { jwt?: { claims?: unknown } } };
  const claims = context.authorizer?.jwt?.claims;
  return claims && typeof claims === 'object' && Object.keys(claims).length > 0
    ? (claims as Record<string, unknown>)
    : undefined;
}

function assertAdminToken(event: APIGatewayProxyEventV2, adminToken: string | undefined): void {
  if (!adminToken) throw new AuthError('admin token auth is not configured');
  const header = event.headers?.authorization ?? event.headers?.Authorization;
  if (!header) throw new AuthError('missing Authorization header (expected "Bearer <admin token>")');
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!match?.[1]) throw new AuthError('Authorization header must be "Bearer <admin token>"');
  // Compare digests so the comparison is constant-time whatever the lengths.
  const given = createHash('sha256').update(match[1]).digest();
  const expected = createHash('sha256').update(adminToken).digest();
  if (!timingSafeEqual(given, expected)) throw new AuthError('invalid admin token');
}
