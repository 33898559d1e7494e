import type { Env } from '../config.ts';
import type { AdminAuthMode } from './admin-auth.ts';
import { type HttpResponse, json } from './api.ts';
import { serveDashboardFile } from './static-files.ts';

/**
 * What the dashboard needs to know before anyone signs in: how to sign in. Public (served at
 * `GET /config.json` without credentials), so it holds identifiers only, never a secret.
 */
export interface DashboardConfig {
  readonly auth: AdminAuthMode;
  /** Region of the Cognito user pool (cognito mode), else null. */
  readonly region: string | null;
  /** App client id of the admin user pool (cognito mode), else null. */
  readonly userPoolClientId: string | null;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function dashboardConfig(env: Env): DashboardConfig {
  const cognito = env.ADMIN_AUTH_MODE === 'cognito';
  const region = cognito && env.AWS_REGION && REGION.test(env.AWS_REGION) ? env.AWS_REGION : null;
  const userPoolClientId = (cognito && env.ADMIN_USER_POOL_CLIENT_ID) || null;
  return { auth: env.ADMIN_AUTH_MODE, region, userPoolClientId };
}

/** The Cognito user pools API endpoint the dashboard signs in against. */
export function cognitoEndpoint(region: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/`;
}

/**
 * The page's Content-Security-Policy: `base` (from the static file server) with `connect-src`
 * widened to the Cognito endpoint in cognito mode only; other modes talk to this origin alone.
 */
export function dashboardCsp(base: string, config: DashboardConfig): string {
  if (config.auth !== 'cognito' || !config.region) return base;
  const endpoint = cognitoEndpoint(config.region);
  return /connect-src [^;]*/.test(base)
    ? base.replace(/connect-src ([^;]*)/, `connect-src $1 ${endpoint}`)
    : `${base}; connect-src 'self' ${endpoint}`;
}

/** `GET /` and `GET /{asset}`: the page's files, plus the generated `config.json`. */
export function serveDashboard(asset: string | undefined, config: DashboardConfig): HttpResponse {
  if (asset === 'config.json') {
    return json(200, config, { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  }
  const response = serveDashboardFile(asset);
  const csp = response.headers?.['content-security-policy'];
  if (typeof csp !== 'string') return response;
  return {
    ...response,
    headers: { ...response.headers, 'content-security-policy': dashboardCsp(csp, config) },
  };
}
