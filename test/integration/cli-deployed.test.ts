import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent, sendSms } from '../../local/simulator.ts';
import { ADMIN_TOKEN, OUR_NUMBER, startTestRuntime } from '../support/runtime.ts';

/**
 * The CLI against a "deployed" stack: the admin API is the real local runtime; CloudFormation,
 * Secrets Manager and Cognito (which this machine cannot reach) are small local stand-ins speaking
 * their wire protocols, and the real AWS SDK clients are pointed at them with the standard
 * AWS_ENDPOINT_URL_<SERVICE> variables. Only the admin token opens the local API, so each way of
 * finding credentials must end with exactly that token to succeed.
 */
const run = promisify(execFile);
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:touchpoint-AbCdEf';

interface Seen {
  target: string;
  body: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
  });
}

/** One local endpoint for the three services, told apart by protocol (Query form vs JSON target). */
function fakeAws(stacks: Record<string, Record<string, string>>, seen: Seen[]): Server {
  return createServer(async (req, res) => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    seen.push({ target: target || new URLSearchParams(body).get('Action') || '', body });
    if (!target) {
      // CloudFormation, AWS Query protocol.
      const name = new URLSearchParams(body).get('StackName') ?? '';
      const outputs = stacks[name];
      res.setHeader('content-type', 'text/xml');
      if (!outputs) {
        res.statusCode = 400;
        res.end(
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
        );
        return;
      }
      const members = Object.entries(outputs)
        .map(([k, v]) => `<member><OutputKey>${k}</OutputKey><OutputValue>${v}</OutputValue></member>`)
        .join('');
      res.end(
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:us-east-1:111122223333:stack/${name}/1</StackId><CreationTime>2026-11-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
      return;
    }
    res.setHeader('content-type', 'application/x-amz-json-1.1');
    const input = JSON.parse(body || '{}') as {
      SecretId?: string;
      Session?: string;
      AuthParameters?: { USERNAME?: string; PASSWORD?: string };
      ChallengeResponses?: { SOFTWARE_TOKEN_MFA_CODE?: string };
    };
    if (target === 'secretsmanager.GetSecretValue') {
      res.end(
        JSON.stringify({
          ARN: input.SecretId,
          Name: 'touchpoint',
          SecretString: JSON.stringify({ TOUCHPOINT_ADMIN_TOKEN: ADMIN_TOKEN }),
        }),
      );
      return;
    }
    if (target === 'AWSCognitoIdentityProviderService.InitiateAuth') {
      const { USERNAME, PASSWORD } = input.AuthParameters ?? {};
      if (USERNAME === 'ada' && PASSWORD === 'correct horse battery') {
        res.end(
          JSON.stringify({
            ChallengeName: 'SOFTWARE_TOKEN_MFA',
            Session: 'session-1',
            ChallengeParameters: {},
          }),
        );
      } else if (USERNAME === 'new' && PASSWORD === 'temporary') {
        res.end(
          JSON.stringify({ ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's', ChallengeParameters: {} }),
        );
      } else {
        res.statusCode = 400;
        res.setHeader('x-amzn-errortype', 'NotAuthorizedException');
        res.end(
          JSON.stringify({ __type: 'NotAuthorizedException', message: 'Incorrect username or password.' }),
        );
      }
      return;
    }
    if (target === 'AWSCognitoIdentityProviderService.RespondToAuthChallenge') {
      if (input.Session === 'session-1' && input.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE === '123456') {
        // The stand-in issues the one token the local API accepts as the "access token".
        res.end(JSON.stringify({ AuthenticationResult: { AccessToken: ADMIN_TOKEN, TokenType: 'Bearer' } }));
      } else {
        res.statusCode = 400;
        res.setHeader('x-amzn-errortype', 'CodeMismatchException');
        res.end(
          JSON.stringify({ __type: 'CodeMismatchException', message: 'Invalid code received for user' }),
        );
      }
      return;
    }
    res.statusCode = 400;
    res.end(JSON.stringify({ __type: 'UnknownOperationException', message: target }));
  });
}

// Every CLI call starts a Node process that loads TypeScript through tsx: allow for a loaded machine.
describe('admin CLI against a deployed stack (outputs file, CloudFormation, secret, Cognito)', {
  timeout: 90_000,
}, () => {
  let rt: LocalRuntime;
  let aws: Server;
  let awsUrl: string;
  let dir: string;
  const seen: Seen[] = [];
  const stacks: Record<string, Record<string, string>> = {};

  async function cli(args: string[], env: Record<string, string> = {}) {
    try {
      const { stdout, stderr } = await run('node', ['bin/touchpoint.mjs', ...args], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dir,
          NODE_NO_WARNINGS: '1',
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'fake-secret-for-the-local-stand-in',
          AWS_REGION: 'us-east-1',
          AWS_ENDPOINT_URL_CLOUDFORMATION: awsUrl,
          AWS_ENDPOINT_URL_SECRETS_MANAGER: awsUrl,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: awsUrl,
          ...env,
        },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  beforeAll(async () => {
    rt = await startTestRuntime();
    dir = mkdtempSync(join(tmpdir(), 'touchpoint-cli-'));
    aws = fakeAws(stacks, seen);
    await new Promise<void>((resolve) => aws.listen(0, '127.0.0.1', resolve));
    awsUrl = `http://127.0.0.1:${(aws.address() as AddressInfo).port}`;
    stacks['Touchpoint-Stateless'] = { ApiUrl: `${rt.url}/`, AdminAuthMode: 'token' };
    stacks['Touchpoint-Stateful'] = { SecretArn: SECRET_ARN };
    stacks['Touchpoint-prod-Stateless'] = { ApiUrl: `${rt.url}/`, AdminAuthMode: 'cognito' };
    stacks['Touchpoint-prod-Stateful'] = {
      SecretArn: SECRET_ARN,
      AdminUserPoolId: 'us-east-1_Example',
      AdminUserPoolClientId: 'exampleclientid',
    };
    stacks['Touchpoint-sso-Stateless'] = { ApiUrl: `${rt.url}/`, AdminAuthMode: 'jwt' };
    stacks['Touchpoint-sso-Stateful'] = { SecretArn: SECRET_ARN };
  });
  afterAll(async () => {
    await rt?.stop();
    await new Promise((resolve) => aws?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads endpoint and secret from a cdk outputs file, with the admin token from Secrets Manager', async () => {
    const file = join(dir, 'cdk-outputs.json');
    writeFileSync(
      file,
      JSON.stringify({
        'Touchpoint-Stateful': stacks['Touchpoint-Stateful'],
        'Touchpoint-Stateless': stacks['Touchpoint-Stateless'],
      }),
    );
    seen.length = 0;
    const res = await cli(['scores', '--json', '--outputs-file', file]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toHaveProperty('scores');
    expect(seen.map((s) => s.target)).toEqual(['secretsmanager.GetSecretValue']);
    expect(JSON.parse(seen[0]?.body ?? '{}')).toEqual({ SecretId: SECRET_ARN });
  });

  it('reads the outputs from CloudFormation with --stack, the env variable, and a stage prefix', async () => {
    seen.length = 0;
    expect((await cli(['scores', '--json', '--stack', 'Touchpoint'])).code).toBe(0);
    expect(seen.map((s) => s.target).sort()).toEqual([
      'DescribeStacks',
      'DescribeStacks',
      'secretsmanager.GetSecretValue',
    ]);
    const names = seen
      .filter((s) => s.target === 'DescribeStacks')
      .map((s) => new URLSearchParams(s.body).get('StackName'));
    expect(names.sort()).toEqual(['Touchpoint-Stateful', 'Touchpoint-Stateless']);
    expect((await cli(['scores', '--json'], { TOUCHPOINT_STACK: 'Touchpoint' })).code).toBe(0);
  });

  it('signs in to the Cognito user pool with username, password and authenticator code', async () => {
    seen.length = 0;
    const res = await cli(['scores', '--json', '--stack', 'Touchpoint-prod', '--username', 'ada'], {
      TOUCHPOINT_ADMIN_PASSWORD: 'correct horse battery',
      TOUCHPOINT_ADMIN_MFA_CODE: '123456',
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const initiate = seen.find((s) => s.target.endsWith('InitiateAuth'));
    expect(JSON.parse(initiate?.body ?? '{}')).toMatchObject({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'exampleclientid',
      AuthParameters: { USERNAME: 'ada' },
    });
    // The password goes to Cognito only: never printed.
    expect(`${res.stdout}${res.stderr}`).not.toContain('correct horse battery');
  });

  it('exits 1 with a clear message when the sign-in is refused or needs the dashboard first', async () => {
    const wrong = await cli(['scores', '--stack', 'Touchpoint-prod', '--username', 'ada'], {
      TOUCHPOINT_ADMIN_PASSWORD: 'wrong password',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('sign-in refused for ada: Incorrect username or password.');
    const badCode = await cli(['scores', '--stack', 'Touchpoint-prod', '--username', 'ada'], {
      TOUCHPOINT_ADMIN_PASSWORD: 'correct horse battery',
      TOUCHPOINT_ADMIN_MFA_CODE: '000000',
    });
    expect(badCode.code).toBe(1);
    expect(badCode.stderr).toContain('authenticator code refused');
    const fresh = await cli(['scores', '--stack', 'Touchpoint-prod', '--username', 'new'], {
      TOUCHPOINT_ADMIN_PASSWORD: 'temporary',
    });
    expect(fresh.code).toBe(1);
    expect(fresh.stderr).toContain('must set a new password first: sign in once on the dashboard');
  });

  it('exits 2 when cognito sign-in lacks a username or password, and in jwt mode without a token', async () => {
    const noUser = await cli(['scores', '--stack', 'Touchpoint-prod']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toContain('pass --username or set TOUCHPOINT_ADMIN_USERNAME');
    const noPassword = await cli(['scores', '--stack', 'Touchpoint-prod', '--username', 'ada']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('set TOUCHPOINT_ADMIN_PASSWORD');
    const jwt = await cli(['scores', '--stack', 'Touchpoint-sso']);
    expect(jwt.code).toBe(2);
    expect(jwt.stderr).toContain('pass --token <access token>');
    expect((await cli(['scores', '--json', '--stack', 'Touchpoint-sso', '--token', ADMIN_TOKEN])).code).toBe(
      0,
    );
  });

  it('exits 3 when the stack does not exist or AWS cannot be reached', async () => {
    const missing = await cli(['scores', '--stack', 'Nope']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('stack Nope-Stateless not found in us-east-1');
    const unreachable = await cli(['scores', '--stack', 'Touchpoint'], {
      AWS_ENDPOINT_URL_CLOUDFORMATION: 'http://127.0.0.1:9',
    });
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toContain('cannot read stack Touchpoint-');
  });

  it('lets flags beat env, env beat the outputs file, and names a bad outputs file (exit 2)', async () => {
    const file = join(dir, 'other-outputs.json');
    writeFileSync(file, JSON.stringify({ 'Touchpoint-Stateless': { ApiUrl: 'http://127.0.0.1:9/' } }));
    // The file points nowhere; the flag wins and no AWS call is made for a token given on the command line.
    seen.length = 0;
    const flagged = await cli([
      'scores',
      '--json',
      '--outputs-file',
      file,
      '--endpoint',
      rt.url,
      '--token',
      ADMIN_TOKEN,
    ]);
    expect(flagged.code).toBe(0);
    expect(seen).toEqual([]);
    const envWins = await cli(['scores', '--json', '--outputs-file', file], {
      TOUCHPOINT_URL: rt.url,
      TOUCHPOINT_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    expect(envWins.code).toBe(0);
    const viaFile = await cli(['scores', '--outputs-file', file, '--token', ADMIN_TOKEN]);
    expect(viaFile.code).toBe(3);
    writeFileSync(file, '{"not json');
    const bad = await cli(['scores', '--outputs-file', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`--outputs-file ${file}:`);
  });

  it('recomputes a deployed stack against its tables with AWS credentials, without signing in', async () => {
    // A reply stored in the "deployed" tables (the local runtime's, on DynamoDB Local).
    const sample = JSON.parse(readFileSync('events/canonical/purchase-sms.json', 'utf8'));
    const phone = '+12015550176';
    await sendEvent(
      rt.url,
      {
        ...sample,
        eventId: 'deployed-recompute',
        occurredAt: rt.clock.now().toISOString(),
        customer: { ...sample.customer, id: 'deployed-recompute', phone, email: 'deployed@example.com' },
        context: { orderId: 'DEPLOYED-1' },
      },
      'local-generic-webhook-secret',
      rt.clock.now(),
    );
    await rt.advance({ advanceSeconds: 3700 });
    await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: '6' }, 'local-twilio-auth-token');
    await rt.drainStreams();
    const { updatedAt: _at, ...live } = (await rt.deps.aggregates.get('purchase', 'ALL')) ?? {};
    expect(live['n|all']).toBeGreaterThan(0);
    await rt.dynamo.send(
      new DeleteItemCommand({
        TableName: rt.deps.aggregates.table,
        Key: { pk: { S: 'purchase' }, sk: { S: 'ALL' } },
      }),
    );
    const tables = {
      ResponsesTableName: rt.deps.responses.table,
      SurveysTableName: rt.deps.surveys.table,
      AggregatesTableName: rt.deps.aggregates.table,
    };
    const file = join(dir, 'cdk-outputs-recompute.json');
    writeFileSync(
      file,
      JSON.stringify({
        'Touchpoint-prod-Stateful': { ...stacks['Touchpoint-prod-Stateful'], ...tables },
        'Touchpoint-prod-Stateless': stacks['Touchpoint-prod-Stateless'],
      }),
    );
    seen.length = 0;
    const res = await cli(['recompute', '--outputs-file', file], {
      AWS_ENDPOINT_URL_DYNAMODB: rt.dynamoEndpoint,
      // DynamoDB Local keeps tables per access key: use the runtime's.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).items).toBeGreaterThan(0);
    // Cognito mode, yet no sign-in and no secret: a recompute needs only the tables.
    expect(seen).toHaveLength(0);
    const { updatedAt: _again, ...restored } = (await rt.deps.aggregates.get('purchase', 'ALL')) ?? {};
    expect(restored).toEqual(live);

    writeFileSync(file, JSON.stringify({ 'Touchpoint-Stateless': stacks['Touchpoint-Stateless'] }));
    const missing = await cli(['recompute', '--outputs-file', file]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no ResponsesTableName, SurveysTableName, AggregatesTableName');
  });
  it("moves an earlier version's customer state into the Customers table of a deployed stack", async () => {
    const phone = '+12035550177';
    await rt.dynamo.send(
      new PutItemCommand({
        TableName: rt.deps.surveys.table,
        Item: marshall({
          pk: `CONTACT#${phone}`,
          sk: 'CONSENT',
          contact: phone,
          smsOptedOut: true,
          updatedAt: '2026-03-01T00:00:00Z',
        }),
      }),
    );
    const file = join(dir, 'cdk-outputs-migrate.json');
    writeFileSync(
      file,
      JSON.stringify({
        'Touchpoint-prod-Stateful': {
          ...stacks['Touchpoint-prod-Stateful'],
          SurveysTableName: rt.deps.surveys.table,
          CustomersTableName: rt.deps.surveys.customersTable,
        },
        'Touchpoint-prod-Stateless': stacks['Touchpoint-prod-Stateless'],
      }),
    );
    const dynamoAccess = {
      AWS_ENDPOINT_URL_DYNAMODB: rt.dynamoEndpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    const res = await cli(['migrate-customers', '--outputs-file', file], dynamoAccess);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ moved: 1, merged: 0, kept: 0 });
    expect((await rt.deps.surveys.getConsent(phone))?.smsOptedOut).toBe(true);
    expect(
      JSON.parse((await cli(['migrate-customers', '--outputs-file', file], dynamoAccess)).stdout),
    ).toEqual({
      moved: 0,
      merged: 0,
      kept: 0,
    });

    const local = await cli(['migrate-customers']);
    expect(local.code).toBe(2);
    expect(local.stderr).toContain('migrate-customers works on a deployed stack');
  });
});
