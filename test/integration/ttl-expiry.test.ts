import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import type { SurveyResponse } from '../../shared/domain/survey.ts';
import { applyScoreBatch } from '../../shared/usecases/apply-scores.ts';
import { startTestRuntime } from '../support/runtime.ts';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/ttl-Responses/stream/2026';

function record(
  eventName: DynamoDBRecord['eventName'],
  seq: number,
  r: SurveyResponse,
  image: 'new' | 'old',
): DynamoDBRecord {
  return {
    eventID: `ttl-${seq}`,
    eventName,
    eventSourceARN: ARN,
    dynamodb: {
      SequenceNumber: String(seq).padStart(21, '0'),
      ...(image === 'new' ? { NewImage: marshall(r) as never } : { OldImage: marshall(r) as never }),
    },
    // What a TTL deletion looks like: a REMOVE made by the DynamoDB service.
    ...(eventName === 'REMOVE' && {
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    }),
  };
}

describe('raw data expiry never changes historical scores', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('ignores REMOVE records (TTL expiry, and DynamoDB Local 3.3 reporting them as UNKNOWN_TO_SDK_VERSION)', async () => {
    const r: SurveyResponse = {
      surveyId: 'sv_ttl_1',
      touchpoint: 'delivery',
      metric: DEFAULT_METRICS.nps,
      score: 9,
      channel: 'sms',
      customerId: 'c',
      answeredAt: '2025-01-10T10:00:00.000Z',
    };
    await applyScoreBatch(rt.deps, [record('INSERT', 1, r, 'new')]);
    const before = await rt.deps.aggregates.get('delivery', 'ALL');
    expect(before?.['n|all']).toBe(1);
    const report = await applyScoreBatch(rt.deps, [
      record('REMOVE', 2, r, 'old'),
      { ...record('REMOVE', 3, r, 'old'), eventName: 'UNKNOWN_TO_SDK_VERSION' as never },
    ]);
    expect(report.ignored).toBe(2);
    expect(await rt.deps.aggregates.get('delivery', 'ALL')).toMatchObject({ 'n|all': 1, 'v|all|9': 1 });
    expect(await rt.deps.aggregates.get('delivery', 'M#2025-01')).toMatchObject({ 'n|all': 1 });
  });
});
