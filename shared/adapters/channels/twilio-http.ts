/**
 * An `httpClient` for the twilio library that sends its requests with fetch to another base URL.
 * The library's own request building, auth and error handling still run; only the host changes.
 * Used to point the real client at the local provider sandbox.
 */
interface TwilioRequestOptions {
  method: string;
  uri: string;
  username?: string;
  password?: string;
  authStrategy?: { getAuthString(): Promise<string>; requiresAuthentication(): boolean };
  headers?: Record<string, string>;
  params?: Record<string, unknown>;
  data?: Record<string, unknown>;
  timeout?: number;
}

function encode(values: Record<string, unknown> | undefined): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null) continue;
    for (const v of Array.isArray(value) ? value : [value]) out.append(key, String(v));
  }
  return out;
}

export function redirectingTwilioHttpClient(baseUrl: string) {
  return {
    async request(opts: TwilioRequestOptions) {
      const target = new URL(opts.uri);
      const base = new URL(baseUrl);
      target.protocol = base.protocol;
      target.host = base.host;
      const query = encode(opts.params);
      for (const [k, v] of query) target.searchParams.append(k, v);
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.username && opts.password) {
        headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
      } else if (opts.authStrategy?.requiresAuthentication()) {
        headers.Authorization = await opts.authStrategy.getAuthString();
      }
      const method = opts.method.toUpperCase();
      const response = await fetch(target, {
        method,
        headers,
        ...(method === 'POST' && { body: encode(opts.data).toString() }),
        signal: AbortSignal.timeout(opts.timeout ?? 10_000),
      });
      return {
        statusCode: response.status,
        body: await response.text(),
        headers: Object.fromEntries(response.headers),
      };
    },
  };
}
