import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionName } from '../../shared/infra/routes.ts';

/**
 * The synthesized templates as an admin's `cdk deploy` would hand them to CloudFormation, with the
 * intrinsics resolved the way CloudFormation would resolve them, except that every physical
 * resource is a local stand-in (tables in DynamoDB Local, a fake API domain, fake ARNs).
 */
export const REGION = 'us-east-1';
export const ACCOUNT = '111122223333';
export const API_ID = 'rehearsal01';
export const API_DOMAIN = `${API_ID}.execute-api.${REGION}.amazonaws.com`;

type Json = unknown;
export interface CfnResource {
  Type: string;
  Properties?: Record<string, Json>;
  Metadata?: Record<string, Json>;
  DependsOn?: string | string[];
}
interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: Json }>;
}

export type StackKind = 'stateful' | 'stateless';

/** One Lambda function of the stack, as the template defines it. */
export interface DeployedFunction {
  name: FunctionName;
  logicalId: string;
  /** The bundle folder in cdk.out (index.mjs and copied assets). */
  assetDir: string;
  handler: string;
  environment: Record<string, string>;
  roleLogicalId: string;
  timeoutSeconds: number;
  memoryMb: number;
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** `IngestWebhook` (construct id) -> `ingest-webhook`. */
function kebab(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

export class Deployment {
  readonly stateful: CfnTemplate;
  readonly stateless: CfnTemplate;
  /** Physical names the rehearsal chose for table logical ids (its DynamoDB Local tables). */
  readonly tableNames = new Map<string, string>();

  constructor(
    readonly dir: string,
    readonly prefix: string,
    private readonly stackPrefix = 'Touchpoint',
  ) {
    this.stateful = this.read(`${stackPrefix}-Stateful`);
    this.stateless = this.read(`${stackPrefix}-Stateless`);
    for (const [id, r] of Object.entries(this.stateful.Resources))
      if (r.Type === 'AWS::DynamoDB::GlobalTable') this.tableNames.set(id, `${prefix}-${id}`);
  }

  private read(stack: string): CfnTemplate {
    return JSON.parse(readFileSync(join(this.dir, `${stack}.template.json`), 'utf8')) as CfnTemplate;
  }

  template(stack: StackKind): CfnTemplate {
    return stack === 'stateful' ? this.stateful : this.stateless;
  }

  resources(stack: StackKind, type: string): Array<[string, CfnResource]> {
    return Object.entries(this.template(stack).Resources).filter(([, r]) => r.Type === type);
  }

  /** Resolves CloudFormation intrinsics in `value` (Ref, GetAtt, Join, Select, Split, GetStackOutput). */
  resolve(value: Json, stack: StackKind): Json {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v, stack));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, Json>);
    const [key, arg] = entries[0] ?? [];
    if (entries.length !== 1 || !key)
      return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v, stack)]));
    switch (key) {
      case 'Ref':
        return this.ref(String(arg), stack);
      case 'Fn::GetAtt': {
        const [id, attr] = arg as [string, string];
        return this.getAtt(id, attr, stack);
      }
      case 'Fn::Join': {
        const [sep, parts] = arg as [string, Json[]];
        return (this.resolve(parts, stack) as Json[]).map(String).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = arg as [number, Json];
        return (this.resolve(list, stack) as Json[])[Number(this.resolve(index, stack))];
      }
      case 'Fn::Split': {
        const [sep, source] = arg as [string, Json];
        return String(this.resolve(source, stack)).split(sep);
      }
      case 'Fn::GetStackOutput': {
        const { StackName, OutputName } = arg as { StackName: Json; OutputName: string };
        const name = String(this.resolve(StackName, stack));
        const target: StackKind = name.endsWith('-Stateful') ? 'stateful' : 'stateless';
        const output = this.template(target).Outputs?.[OutputName];
        if (!output) throw new Error(`no output ${OutputName} in ${name}`);
        return this.resolve(output.Value, target);
      }
      default:
        if (key.startsWith('Fn::')) throw new Error(`the rehearsal cannot resolve ${key}`);
        return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v, stack)]));
    }
  }

  resolveString(value: Json, stack: StackKind): string {
    const out = this.resolve(value, stack);
    if (typeof out !== 'string' && typeof out !== 'number')
      throw new Error(`not a string: ${JSON.stringify(value)}`);
    return String(out);
  }

  private ref(id: string, stack: StackKind): string {
    switch (id) {
      case 'AWS::Region':
        return REGION;
      case 'AWS::AccountId':
        return ACCOUNT;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return `${this.stackPrefix}-${stack === 'stateful' ? 'Stateful' : 'Stateless'}`;
    }
    const r = this.template(stack).Resources[id];
    if (!r) throw new Error(`no resource ${id} in the ${stack} template`);
    switch (r.Type) {
      case 'AWS::DynamoDB::GlobalTable':
        return this.tableNames.get(id) ?? id;
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbCdEf`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${REGION}:${ACCOUNT}:${this.prefix}-${id}`;
      case 'AWS::SQS::Queue':
        return `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${this.prefix}-${id}`;
      case 'AWS::ApiGatewayV2::Api':
        return API_ID;
      case 'AWS::Cognito::UserPool':
        return `${REGION}_Rehearsal`;
      case 'AWS::Cognito::UserPoolClient':
        return 'rehearsal0dashboard0client';
      default:
        return `${this.prefix}-${id}`;
    }
  }

  private getAtt(id: string, attr: string, stack: StackKind): string {
    const r = this.template(stack).Resources[id];
    if (!r) throw new Error(`no resource ${id} in the ${stack} template`);
    const name = this.ref(id, stack);
    const service = r.Type.split('::')[1]?.toLowerCase() ?? 'unknown';
    if (r.Type === 'AWS::DynamoDB::GlobalTable') {
      const arn = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`;
      return attr === 'StreamArn' ? `${arn}/stream/rehearsal` : arn;
    }
    if (attr !== 'Arn') return `${name}.${attr}`;
    switch (r.Type) {
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${REGION}:${ACCOUNT}:${this.prefix}-${id}`;
      case 'AWS::Logs::LogGroup':
        return `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:*`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${ACCOUNT}:role/${name}`;
      case 'AWS::Events::EventBus':
        return `arn:aws:events:${REGION}:${ACCOUNT}:event-bus/${name}`;
      case 'AWS::Cognito::UserPool':
        return `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${name}`;
      default:
        return `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
    }
  }

  /** Every function of the stateless stack that Touchpoint defines (not the trigger's provider). */
  functions(): Map<FunctionName, DeployedFunction> {
    const out = new Map<FunctionName, DeployedFunction>();
    for (const [logicalId, r] of this.resources('stateless', 'AWS::Lambda::Function')) {
      const path = String(r.Metadata?.['aws:cdk:path'] ?? '');
      const match = /^[^/]+\/([A-Za-z]+)\/Function\/Resource$/.exec(path);
      if (!match?.[1]) continue;
      const p = r.Properties ?? {};
      const env = (p.Environment as { Variables?: Record<string, Json> } | undefined)?.Variables ?? {};
      const role = p.Role as { 'Fn::GetAtt': [string, string] };
      out.set(kebab(match[1]) as FunctionName, {
        name: kebab(match[1]) as FunctionName,
        logicalId,
        assetDir: join(this.dir, String(r.Metadata?.['aws:asset:path'])),
        handler: String(p.Handler),
        environment: Object.fromEntries(
          Object.entries(env).map(([k, v]) => [k, this.resolveString(v, 'stateless')]),
        ),
        roleLogicalId: role['Fn::GetAtt'][0],
        timeoutSeconds: Number(p.Timeout ?? 3),
        memoryMb: Number(p.MemorySize ?? 128),
      });
    }
    return out;
  }

  /** The topic a function is subscribed to (its trigger), resolved; throws if it has none. */
  topicOf(fnLogicalId: string): string {
    for (const [, r] of this.resources('stateless', 'AWS::SNS::Subscription')) {
      if (JSON.stringify(r.Properties?.Endpoint).includes(`"${fnLogicalId}"`))
        return this.resolveString(r.Properties?.TopicArn, 'stateless');
    }
    throw new Error(`no SNS subscription delivers to ${fnLogicalId}`);
  }

  /** The resolved statements of every policy attached to a role. */
  policyOf(roleLogicalId: string): PolicyStatement[] {
    const statements: PolicyStatement[] = [];
    for (const [, r] of this.resources('stateless', 'AWS::IAM::Policy')) {
      const roles = JSON.stringify(r.Properties?.Roles ?? []);
      if (!roles.includes(`"${roleLogicalId}"`)) continue;
      const doc = this.resolve(r.Properties?.PolicyDocument, 'stateless') as {
        Statement: Array<
          { Effect: 'Allow' | 'Deny'; Action: string | string[]; Resource: string | string[] } & Pick<
            PolicyStatement,
            'Condition'
          >
        >;
      };
      for (const s of doc.Statement)
        statements.push({
          Effect: s.Effect,
          Action: Array.isArray(s.Action) ? s.Action : [s.Action],
          Resource: Array.isArray(s.Resource) ? s.Resource : [s.Resource],
          ...(s.Condition && { Condition: s.Condition }),
        });
    }
    const role = this.template('stateless').Resources[roleLogicalId];
    if ((role?.Properties?.ManagedPolicyArns as unknown[] | undefined)?.length)
      throw new Error(`${roleLogicalId} has managed policies: the rehearsal only reads inline policies`);
    return statements;
  }
}
