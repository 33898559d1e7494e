import { beforeAll, describe, expect, it } from 'vitest';
import { functionAccess, type TableUse } from '../../shared/infra/access.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import { TABLES } from '../../shared/infra/tables.ts';
import {
  actionsOf,
  type BuiltApp,
  buildApp,
  fnOf,
  logicalId,
  resourcesOf,
  resourcesOfType,
  statementsOf,
  tableLogicalIds,
} from './build-app.ts';

/**
 * The policies are built from shared/infra/access.ts, the list of what each function's code calls
 * (the deploy rehearsal, `npm run rehearse`, runs the bundles and fails on a call without its grant
 * or a grant no call used). These tests pin the synthesized policies to that list.
 */
const ACCESS = functionAccess();

let base: BuiltApp;
let sns: BuiltApp;
beforeAll(() => {
  base = buildApp();
  sns = buildApp({ smsProvider: 'sns', snsOriginationNumber: '+12015550124' });
});

/** The DynamoDB item actions a function may perform, per table or index ARN (by logical id). */
function dynamoGrants(built: BuiltApp, name: FunctionName): Record<string, string[]> {
  const ids = tableLogicalIds(built);
  const out: Record<string, string[]> = {};
  for (const s of statementsOf(built, name)) {
    const item = actionsOf(s).filter(
      (a) => a.startsWith('dynamodb:') && !/Stream|Records|ShardIterator/.test(a),
    );
    if (item.length === 0) continue;
    for (const r of resourcesOf(s)) {
      const text = JSON.stringify(r);
      const table = Object.entries(ids).find(([, id]) => text.includes(id))?.[0] ?? text;
      const index = /\/index\/([A-Za-z0-9]+)/.exec(text)?.[1];
      const key = index ? `${table}/${index}` : table;
      out[key] = [...new Set([...(out[key] ?? []), ...item])].sort();
    }
  }
  return out;
}

function expectedGrants(name: FunctionName): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [table, use] of Object.entries(ACCESS[name].tables) as Array<[string, TableUse]>) {
    if (use.actions.length > 0) out[table] = use.actions.map((a) => `dynamodb:${a}`).sort();
    for (const [index, actions] of Object.entries(use.indexes ?? {}))
      out[`${table}/${index}`] = actions.map((a) => `dynamodb:${a}`).sort();
  }
  return out;
}

describe('IAM grants: what each function calls, no more', () => {
  it('grants each function exactly the DynamoDB actions its access entry lists, per table and index', () => {
    for (const built of [base, sns]) {
      for (const name of Object.keys(built.stateless.functions) as FunctionName[]) {
        expect({ name, grants: dynamoGrants(built, name) }).toEqual({ name, grants: expectedGrants(name) });
      }
    }
  });

  it('lets no function read a table it never reads (twilio-webhook and Events, score-stream and Responses)', () => {
    expect(Object.keys(dynamoGrants(base, 'twilio-webhook'))).not.toContain('Events');
    expect(Object.keys(dynamoGrants(base, 'score-stream'))).not.toContain('Responses');
    const broad = ['dynamodb:Scan', 'dynamodb:BatchWriteItem'];
    const scanners = (Object.keys(base.stateless.functions) as FunctionName[]).filter((n) =>
      Object.values(dynamoGrants(base, n)).some((actions) => actions.some((a) => broad.includes(a))),
    );
    // Export and erase scan for a customer's items; the deploy-time move scans for old ones.
    expect(scanners.sort()).toEqual(['admin-api', 'migrate-customers']);
  });

  it('gives every index grant a real index of the table', () => {
    const declared = new Set(TABLES.flatMap((t) => t.globalIndexes.map((g) => `${t.id}/${g.name}`)));
    for (const name of Object.keys(base.stateless.functions) as FunctionName[])
      for (const key of Object.keys(dynamoGrants(base, name)).filter((k) => k.includes('/')))
        expect(declared.has(key)).toBe(true);
  });

  it('grants GetSecretValue on the secret only, and nothing of it to migrate-customers', () => {
    for (const name of Object.keys(base.stateless.functions) as FunctionName[]) {
      const secretActions = statementsOf(base, name)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('secretsmanager:'));
      expect({ name, secretActions }).toEqual({
        name,
        secretActions: name === 'migrate-customers' ? [] : ['secretsmanager:GetSecretValue'],
      });
    }
  });

  it('lets exactly the SMS senders publish to phone numbers with -c smsProvider=sns', () => {
    const publishers = (built: BuiltApp) =>
      (Object.keys(built.stateless.functions) as FunctionName[]).filter((n) =>
        statementsOf(built, n).some((s) => actionsOf(s).includes('sns:CheckIfPhoneNumberIsOptedOut')),
      );
    expect(publishers(base)).toEqual([]);
    expect(publishers(sns).sort()).toEqual(['admin-api', 'dispatch-tick', 'sms-inbound']);
    const functions = resourcesOfType(sns.statelessTemplate, 'AWS::Lambda::Function');
    for (const name of publishers(sns)) {
      const env = functions[logicalId(sns.stateless, fnOf(sns, name).fn)]?.Properties.Environment;
      expect(JSON.stringify(env)).toContain('"SNS_ORIGINATION_NUMBER":"+12015550124"');
    }
  });
});

describe('two-way SMS through End User Messaging (-c smsProvider=sns)', () => {
  it('creates the inbound topic only with SNS, publishable by End User Messaging of this account', () => {
    base.statefulTemplate.resourceCountIs('AWS::SNS::Topic', 2);
    expect(base.stateless.functions['sms-inbound']).toBeUndefined();
    const topicId = logicalId(sns.stateful, sns.stateful.inboundSmsTopic as never);
    const policies = Object.values(resourcesOfType(sns.statefulTemplate, 'AWS::SNS::TopicPolicy')).filter(
      (p) => JSON.stringify(p.Properties.Topics).includes(topicId),
    );
    const statements = JSON.stringify(policies.map((p) => p.Properties.PolicyDocument));
    expect(statements).toContain('"Service":"sms-voice.amazonaws.com"');
    expect(statements).toContain('"aws:SourceAccount"');
    sns.statefulTemplate.hasOutput('InboundSmsTopicArn', { Value: { Ref: topicId } });
  });

  it('subscribes sms-inbound to it, with retries and a failure queue like the other asynchronous functions', () => {
    const fnId = logicalId(sns.stateless, fnOf(sns, 'sms-inbound').fn);
    const topicId = logicalId(sns.stateful, sns.stateful.inboundSmsTopic as never);
    const subscription = Object.values(resourcesOfType(sns.statelessTemplate, 'AWS::SNS::Subscription')).find(
      (s) => JSON.stringify(s.Properties.Endpoint).includes(fnId),
    );
    expect(JSON.stringify(subscription?.Properties.TopicArn)).toContain(topicId);
    expect(fnOf(sns, 'sms-inbound').failureQueue).toBeDefined();
  });

  it('refuses an origination number without smsProvider=sns, and SNS without one (unless demo)', () => {
    expect(() => buildApp({ snsOriginationNumber: '+12015550124' })).toThrow(
      /snsOriginationNumber is only used with smsProvider=sns/,
    );
    expect(() =>
      buildApp({ demo: false, twilioFrom: '+12015550123', sesFrom: 'a@example.com', smsProvider: 'sns' }),
    ).toThrow(/snsOriginationNumber is required with smsProvider=sns/);
  });
});
