// The sign-in form in its three modes: the admin token (local), a pasted OIDC access token (jwt)
// or Amazon Cognito's username, password and challenges (cognito, the AWS default).
import { AuthError, checkToken } from '../api.ts';
import { $, input, messageOf, onSubmit, say, show } from '../dom.ts';
import { abandonSignIn, answerChallenge, isAwaitingChallenge, startCognitoSignIn } from './challenges.ts';
import { cognitoMessage, isSessionEnded } from './cognito.ts';
import { forgetToken, keepToken, loadConfig, session } from './session.ts';

/** What the page does once the API accepted the session (set by startSignIn). */
let onSignedIn: () => Promise<void> = async () => undefined;

/** Shows the sign-in form for the configured mode (token, pasted OIDC token or Cognito). */
function showSignInForm(): void {
  const cognito = session.config.auth === 'cognito';
  show('token-fields', !cognito);
  show('cognito-fields', cognito);
  show('token-hint', session.config.auth === 'jwt');
  say('token-label', session.config.auth === 'jwt' ? 'Access token' : 'Admin token');
  show('sign-in-form', true);
  show('challenge-form', false);
  say('challenge-error', '');
  input(cognito ? 'username' : 'token').focus();
}

/** Forgets the token and goes back to the sign-in form, with `message` as the reason. */
export function signOut(message = ''): void {
  forgetToken();
  $('app').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  say('sign-in-error', message);
  input('password').value = '';
  showSignInForm();
}

/** Signs in with `token` if the API accepts it; else back to the form saying why. */
async function signIn(token: string): Promise<void> {
  session.token = token;
  try {
    await checkToken();
  } catch (error) {
    return signOut(error instanceof AuthError ? error.message : `Cannot reach the API: ${messageOf(error)}`);
  }
  keepToken();
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  await onSignedIn();
}

/**
 * Wires the sign-in and sign-out controls, reads how admins sign in here, shows the form, and
 * signs in again with the tab's kept token. `signedIn` runs after every accepted sign-in.
 */
export async function startSignIn(signedIn: () => Promise<void>): Promise<void> {
  onSignedIn = signedIn;
  onSubmit('sign-in-form', async () => {
    say('sign-in-error', '');
    if (session.config.auth !== 'cognito') return signIn(input('token').value.trim());
    try {
      const token = await startCognitoSignIn(input('username').value.trim(), input('password').value);
      if (token) await signIn(token);
    } catch (error) {
      abandonSignIn();
      showSignInForm();
      say('sign-in-error', cognitoMessage(error));
    }
  });
  onSubmit('challenge-form', async () => {
    if (!isAwaitingChallenge()) return signOut('Please sign in again.');
    try {
      const token = await answerChallenge();
      if (token) await signIn(token);
    } catch (error) {
      say('challenge-error', cognitoMessage(error));
      // Cognito ends the session after a wrong answer to some challenges; start over then.
      if (isSessionEnded(error)) {
        showSignInForm();
        say('sign-in-error', cognitoMessage(error));
      }
    }
  });
  $('sign-out').addEventListener('click', () => signOut());
  await loadConfig();
  if (session.config.auth === 'cognito' && (!session.config.region || !session.config.userPoolClientId))
    say('sign-in-error', 'The dashboard is misconfigured: no Cognito user pool client.');
  showSignInForm();
  if (session.token) await signIn(session.token);
}
