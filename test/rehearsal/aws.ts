import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AuthorizedCall, allowingStatement } from './iam.ts';
import { ACCOUNT, type PolicyStatement, REGION } from './template.ts';

/**
 * The AWS endpoints the bundles reach through `AWS_ENDPOINT_URL_<SERVICE>`: DynamoDB (forwarded to
 * DynamoDB Local), Secrets Manager (answered here), SNS and SES v2 (forwarded to the provider
 * sandbox, which records what would have been sent). Each function signs with its own access key,
 * as each Lambda role has its own credentials, so every call is attributed to a function, recorded,
 * and checked against that function's synthesized IAM policy: a call the policy does not allow is
 * refused with AccessDenied, as AWS would.
 */
export interface RecordedCall extends AuthorizedCall {
  fn: string;
  service: string;
  allowed: boolean;
}

export interface Caller {
  fn: string;
  statements: readonly PolicyStatement[];
}

export interface StandInOptions {
  dynamoEndpoint: string;
  /** SNS and SES v2 go to the provider sandbox. */
  sandboxUrl: string;
  /** Secret ARN -> SecretString. */
  secrets: Map<string, string>;
  /** Access key id -> the function signing with it. */
  callers: Map<string, Caller>;
  /** The key DynamoDB Local sees (it keeps a separate database per access key). */
  dynamoAccessKey: string;
  /** false: record what the policy would refuse but let it through (to list what code calls). */
  enforce: boolean;
}

const tableArn = (table: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}`;

/** The calls IAM authorizes for one DynamoDB request (a transaction or batch: one per item). */
export function dynamoCalls(operation: string, body: Record<string, unknown>): AuthorizedCall[] {
  const on = (action: string, table: unknown, index?: unknown): AuthorizedCall => ({
    action: `dynamodb:${action}`,
    resource: `${tableArn(String(table))}${index ? `/index/${String(index)}` : ''}`,
  });
  switch (operation) {
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((body.RequestItems as object) ?? {}).map((t) => on(operation, t));
    case 'TransactWriteItems':
      return ((body.TransactItems as Array<Record<string, { TableName: string }>>) ?? []).map((item) => {
        const [kind, spec] = Object.entries(item)[0] ?? ['?', { TableName: '?' }];
        const action = kind === 'ConditionCheck' ? 'ConditionCheckItem' : `${kind}Item`;
        return on(action, spec.TableName);
      });
    case 'TransactGetItems':
      return ((body.TransactItems as Array<{ Get: { TableName: string } }>) ?? []).map((i) =>
        on('GetItem', i.Get.TableName),
      );
    default:
      return [on(operation, body.TableName, body.IndexName)];
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class AwsStandIns {
  readonly calls: RecordedCall[] = [];
  private server: Server | undefined;
  url = '';

  constructor(private readonly options: StandInOptions) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: String(error) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const auth = String(req.headers.authorization ?? '');
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
    const caller = scope?.[1] ? this.options.callers.get(scope[1]) : undefined;
    if (!scope || !caller) {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ __type: 'UnrecognizedClientException', message: 'unknown credentials' }));
      return;
    }
    const service = scope[3] ?? '';
    const target = String(req.headers['x-amz-target'] ?? '');
    const json = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    const form = () => Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    let calls: AuthorizedCall[];
    if (service === 'dynamodb') calls = dynamoCalls(target.split('.').pop() ?? '', json());
    else if (service === 'secretsmanager')
      calls = [{ action: `secretsmanager:${target.split('.').pop()}`, resource: String(json().SecretId) }];
    else if (service === 'sns') {
      const params = target ? json() : form();
      const action = target ? target.split('.').pop() : String(params.Action);
      // Publishing to a phone number (and the opt-out check) has no resource but "*".
      const resource = String(params.TopicArn ?? params.TargetArn ?? '*');
      calls = [{ action: `sns:${action}`, resource }];
    } else if (service === 'ses' && req.url === '/v2/email/outbound-emails') {
      calls = this.sesCalls(json());
    } else calls = [{ action: `${service}:${req.method} ${req.url}`, resource: '*' }];

    const allowed = calls.map((call) => {
      // SES authorizes the sender identity: the address's own, or its domain's.
      const alternatives =
        call.action === 'ses:SendEmail' && call.resource.includes(':identity/')
          ? sesIdentityAlternatives(call)
          : [call];
      const ok = alternatives.some((c) => allowingStatement(caller.statements, c) !== undefined);
      this.calls.push({ ...call, fn: caller.fn, service, allowed: ok });
      return ok;
    });
    if (this.options.enforce && !allowed.every(Boolean)) return this.deny(res, service, caller.fn, calls);

    if (service === 'dynamodb') return this.forward(this.options.dynamoEndpoint, req, body, res, true);
    if (service === 'secretsmanager') return this.secret(json(), res);
    return this.forward(this.options.sandboxUrl, req, body, res, false);
  }

  private sesCalls(input: Record<string, unknown>): AuthorizedCall[] {
    const from = String(input.FromEmailAddress ?? '');
    const context = { 'ses:FromAddress': from };
    const calls: AuthorizedCall[] = [
      { action: 'ses:SendEmail', resource: `arn:aws:ses:${REGION}:${ACCOUNT}:identity/${from}`, context },
    ];
    if (input.ConfigurationSetName)
      calls.push({
        action: 'ses:SendEmail',
        resource: `arn:aws:ses:${REGION}:${ACCOUNT}:configuration-set/${String(input.ConfigurationSetName)}`,
        context,
      });
    return calls;
  }

  private secret(input: Record<string, unknown>, res: ServerResponse): void {
    const id = String(input.SecretId ?? '');
    const value = this.options.secrets.get(id);
    if (value === undefined) {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ __type: 'ResourceNotFoundException', Message: `no secret ${id}` }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(
      JSON.stringify({
        ARN: id,
        Name: id.split(':').pop(),
        SecretString: value,
        VersionId: '00000000-0000-0000-0000-000000000001',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 1_700_000_000,
      }),
    );
  }

  private deny(res: ServerResponse, service: string, fn: string, calls: AuthorizedCall[]): void {
    const message = `rehearsal: ${fn} is not authorized to perform ${calls.map((c) => `${c.action} on ${c.resource}`).join(', ')}`;
    if (service === 'sns') {
      res.writeHead(403, {
        'content-type': 'application/json',
        'x-amzn-query-error': 'AuthorizationError;Sender',
      });
      res.end(JSON.stringify({ __type: 'AuthorizationError', message }));
      return;
    }
    res.writeHead(service === 'ses' ? 403 : 400, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-errortype': 'AccessDeniedException',
    });
    res.end(JSON.stringify({ __type: 'com.amazon.coral.service#AccessDeniedException', message }));
  }

  private async forward(
    base: string,
    req: IncomingMessage,
    body: Buffer,
    res: ServerResponse,
    dynamo: boolean,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || ['host', 'connection', 'content-length', 'transfer-encoding'].includes(k))
        continue;
      headers[k] = Array.isArray(v) ? v.join(',') : v;
    }
    // DynamoDB Local keeps one database per access key: every function must see the same tables.
    if (dynamo && headers.authorization)
      headers.authorization = headers.authorization.replace(
        /Credential=[^/]+\//,
        `Credential=${this.options.dynamoAccessKey}/`,
      );
    const out = await fetch(`${base}${req.url ?? '/'}`, {
      method: req.method ?? 'POST',
      headers,
      ...(req.method !== 'GET' && req.method !== 'HEAD' && { body }),
    });
    const responseHeaders: Record<string, string> = {};
    out.headers.forEach((value, key) => {
      if (
        !['content-length', 'transfer-encoding', 'connection', 'content-encoding', 'keep-alive'].includes(key)
      )
        responseHeaders[key] = value;
    });
    const payload = Buffer.from(await out.arrayBuffer());
    res.writeHead(out.status, { ...responseHeaders, 'content-length': String(payload.length) });
    res.end(payload);
  }
}

/** SendEmail on an address identity is also allowed by a grant on its domain's identity. */
function sesIdentityAlternatives(call: AuthorizedCall): AuthorizedCall[] {
  const address = call.resource.split(':identity/')[1] ?? '';
  const domain = address.slice(address.indexOf('@') + 1);
  return [call, { ...call, resource: call.resource.replace(`:identity/${address}`, `:identity/${domain}`) }];
}
