import { describe, expect, it } from 'vitest';
import { dynamoCalls, type RecordedCall } from './aws.ts';
import { compareGrants } from './grants.ts';
import { allowingStatement } from './iam.ts';
import type { Deployment, PolicyStatement } from './template.ts';

/**
 * The rehearsal's own checks can fail: a call without its grant is refused, and a grant no call
 * used is reported. (`npm run rehearse` applies them to every bundle; these pin the checker.)
 */
const TABLE = 'arn:aws:dynamodb:us-east-1:111122223333:table/Surveys';
const allow = (
  Action: string[],
  Resource: string[],
  Condition?: PolicyStatement['Condition'],
): PolicyStatement => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...(Condition && { Condition }),
});
/** A deployment without stream mappings or failure queues: no grant is the platform's. */
const bare = {
  template: () => ({ Resources: {} }),
  resources: () => [],
} as unknown as Deployment;
const call = (action: string, resource: string, allowed = true): RecordedCall => ({
  fn: 'ingest-webhook',
  service: 'dynamodb',
  action,
  resource,
  allowed,
});

describe('rehearsal IAM checks', () => {
  it('authorizes each item of a transaction and each table of a batch as its own action', () => {
    expect(
      dynamoCalls('TransactWriteItems', {
        TransactItems: [
          { Put: { TableName: 'Surveys' } },
          { Update: { TableName: 'Customers' } },
          { ConditionCheck: { TableName: 'Surveys' } },
        ],
      }).map((c) => c.action),
    ).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem']);
    expect(dynamoCalls('Query', { TableName: 'Surveys', IndexName: 'gsi2' })).toEqual([
      { action: 'dynamodb:Query', resource: `${TABLE}/index/gsi2` },
    ]);
  });

  it('allows a call only with a matching action, resource and condition', () => {
    const statements = [
      allow(['dynamodb:GetItem'], [TABLE]),
      allow(['ses:SendEmail'], ['arn:aws:ses:*:*:identity/example.com'], {
        StringEquals: { 'ses:FromAddress': 'surveys@example.com' },
      }),
    ];
    expect(allowingStatement(statements, { action: 'dynamodb:GetItem', resource: TABLE })).toBeDefined();
    expect(
      allowingStatement(statements, { action: 'dynamodb:Query', resource: `${TABLE}/index/gsi2` }),
    ).toBeUndefined();
    const email = { action: 'ses:SendEmail', resource: 'arn:aws:ses:us-east-1:1:identity/example.com' };
    expect(
      allowingStatement(statements, { ...email, context: { 'ses:FromAddress': 'surveys@example.com' } }),
    ).toBeDefined();
    expect(
      allowingStatement(statements, { ...email, context: { 'ses:FromAddress': 'other@example.com' } }),
    ).toBeUndefined();
  });

  it('reports a call without its grant and a grant without a call', () => {
    const statements = [allow(['dynamodb:GetItem', 'dynamodb:PutItem'], [TABLE])];
    const calls = [call('dynamodb:GetItem', TABLE), call('dynamodb:Scan', TABLE, false)];

    const report = compareGrants(bare, { name: 'ingest-webhook', logicalId: 'Fn' }, statements, calls);

    expect(report.denied.map((c) => c.action)).toEqual(['dynamodb:Scan']);
    expect(report.unused).toEqual([{ action: 'dynamodb:PutItem', resource: TABLE }]);
  });

  it('counts the Lambda service grants (logs, X-Ray) as used, but no other grant without a feature', () => {
    const statements = [
      allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments'], ['*']),
      allow(['dynamodb:GetRecords'], [`${TABLE}/stream/x`]),
    ];
    const report = compareGrants(bare, { name: 'ingest-webhook', logicalId: 'Fn' }, statements, []);
    expect(report.unused).toEqual([{ action: 'dynamodb:GetRecords', resource: `${TABLE}/stream/x` }]);
  });
});
