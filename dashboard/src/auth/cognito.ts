// Amazon Cognito's user pools API, called directly with fetch (no SDK in the page, no hosted UI).
// The SDK's types describe the same JSON, so they are imported for the shapes only.
import type {
  AssociateSoftwareTokenResponse,
  InitiateAuthResponse,
  RespondToAuthChallengeResponse,
  VerifySoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { messageOf } from '../dom.ts';
import { session } from './session.ts';

/** What each call of the sign-in answers. */
export interface CognitoResponses {
  InitiateAuth: InitiateAuthResponse;
  RespondToAuthChallenge: RespondToAuthChallengeResponse;
  AssociateSoftwareToken: AssociateSoftwareTokenResponse;
  VerifySoftwareToken: VerifySoftwareTokenResponse;
}

/** An error answer of Cognito, by its exception name (`NotAuthorizedException` ...). */
export class CognitoError extends Error {
  override name = 'CognitoError';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/** One call of the user pools API in this deployment's region. */
export async function cognito<A extends keyof CognitoResponses>(
  action: A,
  body: Record<string, unknown>,
): Promise<CognitoResponses[A]> {
  let res: Response;
  try {
    res = await fetch(`https://cognito-idp.${session.config.region}.amazonaws.com/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
      },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new CognitoError('NetworkError', `Cannot reach Amazon Cognito: ${messageOf(error)}`);
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const raw = String(data.__type ?? res.headers.get('x-amzn-errortype') ?? 'Error');
    const type = raw.split('#').pop()?.split(':')[0] ?? 'Error';
    const message = data.message ?? data.Message ?? `Cognito ${action} failed (${res.status})`;
    throw new CognitoError(type, String(message));
  }
  return data as CognitoResponses[A];
}

// NotAuthorizedException keeps Cognito's own message: a wrong password, a disabled user, too many
// attempts or a sign-in blocked by threat protection each say so.
const WRONG_CODE = 'That code is not right. Enter the current code from your authenticator app.';
const TOO_MANY = 'Too many attempts. Wait a minute and try again.';
const MESSAGES: Readonly<Record<string, string>> = {
  UserNotFoundException: 'Incorrect username or password.',
  PasswordResetRequiredException: 'Your password must be reset: ask an administrator for a temporary one.',
  CodeMismatchException: WRONG_CODE,
  EnableSoftwareTokenMFAException: WRONG_CODE,
  ExpiredCodeException: 'That code has expired. Enter the current one.',
  TooManyRequestsException: TOO_MANY,
  LimitExceededException: TOO_MANY,
};

/** Cognito ends a sign-in session after a few minutes or some wrong answers. */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof CognitoError && /session/i.test(error.message);
}

/** What an admin reads for an error of the sign-in. */
export function cognitoMessage(error: unknown): string {
  if (!(error instanceof CognitoError)) return messageOf(error);
  if (error.type === 'InvalidPasswordException') return error.message;
  // A session older than a few minutes cannot answer its challenge any more.
  if (error.type === 'NotAuthorizedException' && isSessionEnded(error))
    return 'This sign-in session has ended. Please start again.';
  return MESSAGES[error.type] ?? error.message;
}
