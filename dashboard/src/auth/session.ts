import type { DashboardConfig } from '../../../shared/http/dashboard-config.ts';

const TOKEN_KEY = 'touchpoint-token';

/**
 * The signed-in state of this tab: how admins sign in here (from `GET /config.json`; older APIs
 * without it use the admin token) and the bearer token the API accepts. The token is kept in
 * sessionStorage, so it lasts as long as the tab.
 */
export const session: { config: DashboardConfig; token: string } = {
  config: { auth: 'token', region: null, userPoolClientId: null },
  token: sessionStorage.getItem(TOKEN_KEY) ?? '',
};

export function keepToken(): void {
  sessionStorage.setItem(TOKEN_KEY, session.token);
}

export function forgetToken(): void {
  session.token = '';
  sessionStorage.removeItem(TOKEN_KEY);
}

/** Reads `GET /config.json` into the session; keeps the token sign-in if it cannot. */
export async function loadConfig(): Promise<void> {
  try {
    const res = await fetch('/config.json', { cache: 'no-store' });
    if (res.ok) session.config = { ...session.config, ...((await res.json()) as Partial<DashboardConfig>) };
  } catch {
    // Keep the token sign-in: the API predates /config.json or is unreachable (reported on sign-in).
  }
}

/** What a 401 means in each sign-in mode. */
const REJECTED: Record<DashboardConfig['auth'], string> = {
  token: 'The admin token was not accepted.',
  jwt: 'The access token was not accepted or has expired. Paste a fresh one.',
  cognito: 'Your sign-in was not accepted or has expired. Please sign in again.',
};

export function rejectedMessage(): string {
  // config.json is read as is: a mode this page does not know gets the plain token wording.
  return REJECTED[session.config.auth] ?? REJECTED.token;
}
