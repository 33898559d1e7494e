/**
 * Typed errors of Touchpoint. Handlers map them to HTTP status codes by `instanceof`
 * (see `shared/http/errors-to-http.ts`); nothing else should pick status codes.
 */
export class TouchpointError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Missing or invalid configuration; thrown at cold start so a bad deploy fails fast. */
export class ConfigError extends TouchpointError {}

/** A webhook or callback whose signature is missing, wrong or stale (HTTP 401/403). */
export class SignatureError extends TouchpointError {}

/** Admin credentials missing or wrong (HTTP 401). */
export class AuthError extends TouchpointError {}

/** Input that cannot be parsed or fails its schema (HTTP 400 or 422). */
export class ValidationError extends TouchpointError {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 422 = 422,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A referenced thing does not exist (HTTP 404). */
export class NotFoundError extends TouchpointError {}

/** A channel provider refused or failed a send. `permanent` errors are never retried. */
export class ChannelError extends TouchpointError {
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown; providerCode?: string | number },
  ) {
    super(message, options);
    this.providerCode = options?.providerCode;
  }
  readonly providerCode: string | number | undefined;
}
