import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { parseEnv, type Secrets } from '../../shared/config.ts';
import { ConfigError } from '../../shared/errors.ts';
import { buildDeps } from '../../shared/runtime/deps.ts';

/**
 * A function is told only the tables it may use. Using a store (or the part of one) whose table it
 * was not given fails before any DynamoDB call, with a ConfigError naming the variable.
 */
const BASE_ENV = { TWILIO_FROM: '+12015550100', SES_FROM: 'surveys@example.com' };
const secrets = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'test-twilio-token',
} as Secrets;
// Pointed at a closed port: reaching the network at all would fail differently.
const dynamo = new DynamoDBClient({
  endpoint: 'http://127.0.0.1:9',
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  maxAttempts: 1,
});

const depsWith = (tables: Record<string, string>) =>
  buildDeps({}, { env: parseEnv({ ...BASE_ENV, ...tables }), secrets, dynamo });

describe('table wiring', () => {
  it('names CUSTOMERS_TABLE when customer state is used without it', async () => {
    const deps = await depsWith({ SURVEYS_TABLE: 'Surveys' });
    expect(deps.surveys.table).toBe('Surveys');
    await expect(deps.surveys.getConsent('+12015550101')).rejects.toThrow(ConfigError);
    await expect(deps.surveys.getConsent('+12015550101')).rejects.toThrow(/missing CUSTOMERS_TABLE/);
    await expect(deps.surveys.planningState(['+12015550101'], [])).rejects.toThrow(/missing CUSTOMERS_TABLE/);
  });

  it('names SURVEYS_TABLE when surveys are used without it', async () => {
    const deps = await depsWith({ CUSTOMERS_TABLE: 'Customers' });
    expect(() => deps.surveys.get('sv_1')).toThrow(/missing SURVEYS_TABLE/);
  });

  it('uses both tables when both are given', async () => {
    const deps = await depsWith({ SURVEYS_TABLE: 'Surveys', CUSTOMERS_TABLE: 'Customers' });
    expect({ surveys: deps.surveys.table, customers: deps.surveys.customersTable }).toEqual({
      surveys: 'Surveys',
      customers: 'Customers',
    });
  });
});
