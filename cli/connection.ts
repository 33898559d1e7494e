import { readFileSync } from 'node:fs';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Where the admin API is and how to sign in to it. Precedence: flags, then environment, then the
 * `cdk deploy --outputs-file` JSON, then the stack's outputs read from CloudFormation, then the
 * local runtime. Credentials follow the stack's `AdminAuthMode`: token mode reads the admin token
 * from the stack's secret, cognito mode signs in with the admin's username and password (and TOTP
 * code), jwt mode needs a token from your identity provider.
 */
export interface Connection {
  endpoint: string;
  token: string;
  /** Where the endpoint came from, for error messages. */
  source: 'flag' | 'env' | 'outputs-file' | 'stack' | 'local';
}

export interface ConnectionOptions {
  endpoint?: string;
  token?: string;
  stack?: string;
  outputsFile?: string;
  region?: string;
  username?: string;
}

/** Bad flags or files: exit 2. */
export class CliUsageError extends Error {}
/** Cannot reach AWS or the stack does not exist: exit 3. */
export class CliConnectionError extends Error {}
/** Signing in failed: exit 1. */
export class CliAuthError extends Error {}

export type Outputs = Record<string, string>;

/** Reads what a user types without echoing it (passwords, codes); undefined without a terminal. */
export type Prompt = (question: string, hidden: boolean) => Promise<string | undefined>;

const STATELESS = /-Stateless$/;

/** Outputs of one Touchpoint deployment from `cdk deploy --all --outputs-file <file>`. */
export function outputsFromFile(path: string, stack?: string): Outputs {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--outputs-file ${path}: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object')
    throw new CliUsageError(`--outputs-file ${path}: not a JSON object`);
  const stacks = parsed as Record<string, Outputs>;
  const names = Object.keys(stacks);
  const prefix = stack ?? stackPrefixOf(names, path);
  const found = [`${prefix}-Stateless`, `${prefix}-Stateful`].filter((n) => stacks[n]);
  if (!found.includes(`${prefix}-Stateless`)) {
    throw new CliUsageError(
      `--outputs-file ${path}: no stack ${prefix}-Stateless (has: ${names.join(', ') || 'none'})`,
    );
  }
  return Object.assign({}, ...found.map((n) => stacks[n]));
}

function stackPrefixOf(names: string[], path: string): string {
  const apps = names.filter((n) => STATELESS.test(n)).map((n) => n.replace(STATELESS, ''));
  if (apps.length === 1 && apps[0]) return apps[0];
  throw new CliUsageError(
    apps.length === 0
      ? `--outputs-file ${path}: no Touchpoint stack in it (expected <prefix>-Stateless)`
      : `--outputs-file ${path}: several Touchpoint deployments (${apps.join(', ')}); pick one with --stack`,
  );
}

/** Outputs of `<prefix>-Stateless` and `<prefix>-Stateful` from CloudFormation. */
export async function outputsFromStack(prefix: string, region: string | undefined): Promise<Outputs> {
  const client = new CloudFormationClient({ ...(region && { region }), maxAttempts: 2 });
  const read = async (name: string) => {
    try {
      const out = await client.send(new DescribeStacksCommand({ StackName: name }));
      const outputs = out.Stacks?.[0]?.Outputs ?? [];
      return Object.fromEntries(outputs.map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
    } catch (error) {
      throw awsError(error, `stack ${name}`, region);
    }
  };
  // Both are read at once, but a missing stateless stack (where the API is) is the error to report.
  const [stateless, stateful] = await Promise.allSettled([
    read(`${prefix}-Stateless`),
    read(`${prefix}-Stateful`),
  ]);
  if (stateless.status === 'rejected') throw stateless.reason;
  if (stateful.status === 'rejected') throw stateful.reason;
  return { ...stateful.value, ...stateless.value };
}

/** Maps an AWS SDK failure to the CLI's error kinds (exit 3 unreachable/missing, 1 refused). */
export function awsError(error: unknown, what: string, region: string | undefined): Error {
  const e = error as { name?: string; message?: string };
  const message = e.message ?? String(error);
  if (e.name === 'CredentialsProviderError' || /credential/i.test(message))
    return new CliConnectionError(
      `no AWS credentials to read ${what} (${message}); set AWS_PROFILE or pass --endpoint and --token`,
    );
  if (/does not exist|ResourceNotFound/i.test(`${e.name} ${message}`))
    return new CliConnectionError(`${what} not found${region ? ` in ${region}` : ''}: ${message}`);
  if (e.name === 'AccessDeniedException' || /not authorized|AccessDenied/i.test(message))
    return new CliAuthError(`not allowed to read ${what}: ${message}`);
  return new CliConnectionError(`cannot read ${what}: ${message}`);
}

/** The admin token kept in the stack's secret (token mode). */
async function tokenFromSecret(secretArn: string): Promise<string> {
  const region = secretArn.split(':')[3];
  const client = new SecretsManagerClient({ ...(region && { region }), maxAttempts: 2 });
  let text: string | undefined;
  try {
    text = (await client.send(new GetSecretValueCommand({ SecretId: secretArn }))).SecretString;
  } catch (error) {
    throw awsError(error, `secret ${secretArn}`, region);
  }
  let token: unknown;
  try {
    token = (JSON.parse(text ?? '{}') as Record<string, unknown>).TOUCHPOINT_ADMIN_TOKEN;
  } catch {
    throw new CliAuthError(`secret ${secretArn} is not JSON`);
  }
  if (typeof token !== 'string' || !token)
    throw new CliAuthError(`secret ${secretArn} has no TOUCHPOINT_ADMIN_TOKEN`);
  return token;
}

/** Cognito sign-in with username and password (USER_PASSWORD_AUTH), and a TOTP code when asked. */
async function tokenFromCognito(
  outputs: Outputs,
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  prompt: Prompt,
): Promise<string> {
  const clientId = outputs.AdminUserPoolClientId;
  const poolId = outputs.AdminUserPoolId;
  if (!clientId) throw new CliUsageError('the stack outputs have no AdminUserPoolClientId');
  const region = poolId?.split('_')[0] ?? options.region;
  const username = options.username ?? env.TOUCHPOINT_ADMIN_USERNAME;
  if (!username) throw new CliUsageError('cognito sign-in: pass --username or set TOUCHPOINT_ADMIN_USERNAME');
  const password = env.TOUCHPOINT_ADMIN_PASSWORD ?? (await prompt(`Password for ${username}: `, true));
  if (!password)
    throw new CliUsageError('cognito sign-in: set TOUCHPOINT_ADMIN_PASSWORD (no terminal to ask on)');
  const client = new CognitoIdentityProviderClient({ ...(region && { region }), maxAttempts: 2 });
  let out: InitiateAuthCommandOutput;
  try {
    out = await client.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
  } catch (error) {
    const e = error as { name?: string; message?: string };
    if (e.name === 'NotAuthorizedException' || e.name === 'UserNotFoundException')
      throw new CliAuthError(`sign-in refused for ${username}: ${e.message ?? e.name}`);
    throw awsError(error, 'the admin user pool', region);
  }
  if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
    throw new CliAuthError(`${username} must set a new password first: sign in once on the dashboard`);
  }
  if (out.ChallengeName === 'MFA_SETUP') {
    throw new CliAuthError(
      `${username} has no authenticator yet: sign in once on the dashboard to set one up`,
    );
  }
  if (out.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
    const code = env.TOUCHPOINT_ADMIN_MFA_CODE ?? (await prompt('Authenticator code: ', false));
    if (!code)
      throw new CliUsageError('cognito sign-in: set TOUCHPOINT_ADMIN_MFA_CODE (no terminal to ask on)');
    try {
      out = await client.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          ClientId: clientId,
          Session: out.Session,
          ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code.trim() },
        }),
      );
    } catch (error) {
      const e = error as { name?: string; message?: string };
      throw new CliAuthError(`authenticator code refused: ${e.message ?? e.name}`);
    }
  } else if (out.ChallengeName) {
    throw new CliAuthError(
      `sign-in needs ${out.ChallengeName}, which the CLI does not handle; use the dashboard`,
    );
  }
  const token = out.AuthenticationResult?.AccessToken;
  if (!token) throw new CliAuthError('sign-in returned no access token');
  return token;
}

/**
 * The deployed stack's outputs when the options point at one (outputs file or stack name) and no
 * explicit endpoint overrides it; undefined for the local runtime or an explicit endpoint.
 */
export async function stackOutputs(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
): Promise<{ outputs: Outputs; source: 'outputs-file' | 'stack'; region: string | undefined } | undefined> {
  if (options.endpoint ?? env.TOUCHPOINT_URL) return undefined;
  const outputsFile = options.outputsFile ?? env.TOUCHPOINT_OUTPUTS_FILE;
  const stack = options.stack ?? env.TOUCHPOINT_STACK;
  if (!outputsFile && !stack) return undefined;
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const outputs = outputsFile
    ? outputsFromFile(outputsFile, stack)
    : await outputsFromStack(stack ?? '', region);
  // An outputs file carries no region; the stack's ARNs do.
  const arnRegion = Object.values(outputs)
    .map((v) => /^arn:aws[\w-]*:[\w-]+:([a-z0-9-]+):/.exec(v)?.[1])
    .find(Boolean);
  return { outputs, source: outputsFile ? 'outputs-file' : 'stack', region: region ?? arnRegion };
}

/** Resolves endpoint and token by the documented precedence. */
export async function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  local: { endpoint: string; token: string },
  prompt: Prompt,
): Promise<Connection> {
  const flagOrEnvToken = options.token ?? env.TOUCHPOINT_ADMIN_TOKEN;
  const explicit = options.endpoint ?? env.TOUCHPOINT_URL;
  if (explicit) {
    return {
      endpoint: explicit.replace(/\/$/, ''),
      token: flagOrEnvToken ?? '',
      source: options.endpoint ? 'flag' : 'env',
    };
  }
  const stack = await stackOutputs(options, env);
  if (!stack) {
    return { endpoint: local.endpoint, token: flagOrEnvToken ?? local.token, source: 'local' };
  }
  const { outputs, source } = stack;
  const endpoint = outputs.ApiUrl?.replace(/\/$/, '');
  if (!endpoint) throw new CliUsageError(`the ${source} has no ApiUrl output`);
  if (flagOrEnvToken) return { endpoint, token: flagOrEnvToken, source };
  const mode = outputs.AdminAuthMode ?? 'token';
  if (mode === 'cognito')
    return { endpoint, token: await tokenFromCognito(outputs, options, env, prompt), source };
  if (mode === 'jwt') {
    throw new CliUsageError(
      'this stack checks admins with your OIDC provider (adminAuth=jwt): pass --token <access token> or set TOUCHPOINT_ADMIN_TOKEN',
    );
  }
  if (!outputs.SecretArn) throw new CliUsageError(`the ${source} has no SecretArn output; pass --token`);
  return { endpoint, token: await tokenFromSecret(outputs.SecretArn), source };
}
