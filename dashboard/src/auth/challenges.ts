// The Cognito sign-in of adminAuth=cognito: InitiateAuth with USER_PASSWORD_AUTH, then the
// challenges an admin meets: NEW_PASSWORD_REQUIRED (first sign-in with the temporary password),
// MFA_SETUP (register an authenticator app) and SOFTWARE_TOKEN_MFA (the one-time code). The
// ACCESS token is what the admin API accepts; the ID and refresh tokens are not kept.
import type { InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import { element, input, say, show } from '../dom.ts';
import { CognitoError, cognito } from './cognito.ts';
import { session } from './session.ts';

/** The challenges the challenge form can answer. */
const ANSWERABLE = ['NEW_PASSWORD_REQUIRED', 'MFA_SETUP', 'SOFTWARE_TOKEN_MFA'] as const;
type Answerable = (typeof ANSWERABLE)[number];

/** The sign-in in progress: Cognito's session and the user name challenges must repeat. */
let pending: { challenge?: string; session?: string; username?: string } | null = null;

/** Forgets the sign-in in progress (after an error the admin starts again). */
export function abandonSignIn(): void {
  pending = null;
}

/** The challenge the form is waiting on, if any. */
function awaited(): Answerable | undefined {
  return ANSWERABLE.find((c) => c === pending?.challenge);
}

export function isAwaitingChallenge(): boolean {
  return awaited() !== undefined;
}

type ChallengeFields = 'new-password-fields' | 'mfa-setup-fields' | 'mfa-code-fields';

function showChallenge(title: string, fields: readonly ChallengeFields[]): void {
  show('sign-in-form', false);
  show('challenge-form', true);
  say('challenge-title', title);
  for (const id of ['new-password-fields', 'mfa-setup-fields', 'mfa-code-fields'] as const)
    show(id, fields.includes(id));
  say('challenge-error', '');
  input('new-password').value = '';
  input('mfa-code').value = '';
  input(fields.includes('new-password-fields') ? 'new-password' : 'mfa-code').focus();
}

function respond(challenge: string, responses: Record<string, string>) {
  return cognito('RespondToAuthChallenge', {
    ChallengeName: challenge,
    ClientId: session.config.userPoolClientId,
    Session: pending?.session,
    ChallengeResponses: { USERNAME: pending?.username, ...responses },
  });
}

/**
 * Moves the sign-in along after an InitiateAuth / RespondToAuthChallenge answer: the access token
 * once Cognito issues one, else undefined with the next challenge shown.
 */
async function advance(result: InitiateAuthResponse): Promise<string | undefined> {
  const accessToken = result.AuthenticationResult?.AccessToken;
  if (accessToken) {
    pending = null;
    show('challenge-form', false);
    return accessToken;
  }
  const username = result.ChallengeParameters?.USER_ID_FOR_SRP ?? pending?.username;
  const step = { challenge: result.ChallengeName, session: result.Session, username };
  pending = step;
  switch (result.ChallengeName) {
    case 'NEW_PASSWORD_REQUIRED':
      showChallenge('Choose a new password', ['new-password-fields']);
      return undefined;
    case 'MFA_SETUP': {
      const setup = await cognito('AssociateSoftwareToken', { Session: step.session });
      step.session = setup.Session;
      const secret = setup.SecretCode ?? '';
      say('mfa-secret', secret.replace(/(.{4})/g, '$1 ').trim());
      const label = encodeURIComponent(`Touchpoint:${username}`);
      element('mfa-uri', HTMLAnchorElement).href =
        `otpauth://totp/${label}?secret=${secret}&issuer=Touchpoint`;
      showChallenge('Set up your authenticator app', ['mfa-setup-fields', 'mfa-code-fields']);
      return undefined;
    }
    case 'SOFTWARE_TOKEN_MFA':
      showChallenge('Enter your one-time code', ['mfa-code-fields']);
      return undefined;
    case 'SELECT_MFA_TYPE':
      return advance(await respond('SELECT_MFA_TYPE', { ANSWER: 'SOFTWARE_TOKEN_MFA' }));
    default:
      pending = null;
      throw new CognitoError('UnsupportedChallenge', `Unsupported sign-in step ${result.ChallengeName}.`);
  }
}

/** Starts a sign-in with username and password: the access token, or undefined at a challenge. */
export async function startCognitoSignIn(username: string, password: string): Promise<string | undefined> {
  pending = { username };
  const result = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: session.config.userPoolClientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  input('password').value = '';
  return advance(result);
}

/** Answers the challenge shown with the form's fields: the access token, or undefined at the next one. */
export async function answerChallenge(): Promise<string | undefined> {
  const code = input('mfa-code').value.trim();
  switch (awaited()) {
    case 'NEW_PASSWORD_REQUIRED':
      return advance(await respond('NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: input('new-password').value }));
    case 'MFA_SETUP': {
      const verified = await cognito('VerifySoftwareToken', {
        Session: pending?.session,
        UserCode: code,
        FriendlyDeviceName: 'Touchpoint dashboard',
      });
      if (verified.Status !== 'SUCCESS') throw new CognitoError('CodeMismatchException', 'code rejected');
      if (pending) pending.session = verified.Session;
      return advance(await respond('MFA_SETUP', {}));
    }
    case 'SOFTWARE_TOKEN_MFA':
      return advance(await respond('SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code }));
    default:
      throw new CognitoError('NoSignIn', 'No sign-in is waiting for this answer.');
  }
}
