import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { parseDeployConfig, readDeployConfig } from '../../infra/config.ts';
import { buildTouchpointApp } from '../../infra/touchpoint-app.ts';

describe('parseDeployConfig', () => {
  it('refuses to build a stack without its senders, listing the context it needs', () => {
    let message = '';
    try {
      parseDeployConfig({});
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toMatch(/-c twilioFrom: twilioFrom is required: .*-c demo=true/);
    expect(message).toMatch(/-c sesFrom: sesFrom is required: .*-c demo=true/);
    expect(() => parseDeployConfig({ twilioFrom: '+12015550123' })).toThrow(
      /-c sesFrom: sesFrom is required/,
    );
  });

  it('takes the senders it is given, and fictional ones only with -c demo=true', () => {
    expect(parseDeployConfig({ twilioFrom: '+12015550123', sesFrom: 'cx@example.org' })).toMatchObject({
      twilioFrom: '+12015550123',
      sesFrom: 'cx@example.org',
      demo: false,
    });
    expect(parseDeployConfig({ demo: 'true', sesFrom: 'cx@example.org' })).toMatchObject({
      twilioFrom: '+12015550100',
      sesFrom: 'cx@example.org',
    });
    expect(() => parseDeployConfig({ demo: 'false' })).toThrow(/twilioFrom is required/);
  });

  it('fills fictional, synth-safe defaults with -c demo=true', () => {
    const config = parseDeployConfig({ demo: true });

    expect(config).toMatchObject({
      twilioFrom: '+12015550100',
      sesFrom: 'surveys@example.com',
      smsProvider: 'twilio',
      reportingTimeZone: 'UTC',
      adminAuth: 'cognito',
      logLevel: 'INFO',
      logRetentionDays: 30,
      tickReservedConcurrency: true,
    });
    expect(config.alertEmail).toBeUndefined();
    expect(config.kmsKeyArn).toBeUndefined();
  });

  it('rejects a phone number that is not E.164, naming the flag', () => {
    expect(() => parseDeployConfig({ twilioFrom: '201-555-0123' })).toThrow(
      /-c twilioFrom: twilioFrom must be an E\.164 number .*\(got "201-555-0123"\)/,
    );
  });

  it('lists every bad flag at once', () => {
    let message = '';
    try {
      parseDeployConfig({
        sesFrom: 'not-an-email',
        smsProvider: 'pigeon',
        reportingTimeZone: 'Mars/Olympus',
      });
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('sesFrom must be an email address');
    expect(message).toContain('smsProvider must be "twilio" or "sns"');
    expect(message).toContain('reportingTimeZone must be an IANA time zone');
  });

  it('requires an issuer and an audience for the JWT authorizer', () => {
    expect(() => parseDeployConfig({ adminAuth: 'jwt' })).toThrow(/jwtIssuer is required with adminAuth=jwt/);
    expect(() => parseDeployConfig({ adminAuth: 'jwt', jwtIssuer: 'https://login.example.com' })).toThrow(
      /jwtAudience is required with adminAuth=jwt/,
    );
  });

  it('offers cognito (default), jwt and token admin authentication, and nothing else', () => {
    expect(parseDeployConfig({ demo: true, adminAuth: 'token' }).adminAuth).toBe('token');
    expect(() => parseDeployConfig({ adminAuth: 'iam' })).toThrow(
      /-c adminAuth: adminAuth must be "cognito", "jwt" or "token" \(got "iam"\)/,
    );
  });

  it('refuses an OIDC issuer without adminAuth=jwt instead of silently ignoring it', () => {
    expect(() => parseDeployConfig({ jwtIssuer: 'https://login.example.com' })).toThrow(
      /jwtIssuer is only used with adminAuth=jwt/,
    );
  });

  it('splits a comma-separated audience list', () => {
    const config = parseDeployConfig({
      demo: true,
      adminAuth: 'jwt',
      jwtIssuer: 'https://login.example.com',
      jwtAudience: 'dashboard, cli',
    });

    expect(config.jwtAudience).toEqual(['dashboard', 'cli']);
  });

  it('coerces string context values from -c into numbers and booleans', () => {
    const config = parseDeployConfig({
      demo: 'true',
      logRetentionDays: '90',
      apiRateLimit: '25',
      tickReservedConcurrency: 'false',
    });

    expect(config.logRetentionDays).toBe(90);
    expect(config.apiRateLimit).toBe(25);
    expect(config.tickReservedConcurrency).toBe(false);
  });

  it('accepts only retention periods CloudWatch Logs offers', () => {
    expect(() => parseDeployConfig({ logRetentionDays: '31' })).toThrow(
      /logRetentionDays must be one of 1, 3, 5/,
    );
  });

  it('accepts only KMS key ARNs for kmsKeyArn', () => {
    expect(() => parseDeployConfig({ kmsKeyArn: 'alias/touchpoint' })).toThrow(
      /kmsKeyArn must be a KMS key ARN/,
    );
    expect(
      parseDeployConfig({
        demo: true,
        kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555',
      }).kmsKeyArn,
    ).toBe('arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555');
  });

  it('requires https for a custom public base URL', () => {
    expect(() => parseDeployConfig({ publicBaseUrl: 'http://surveys.example.com' })).toThrow(
      /publicBaseUrl must be an https URL/,
    );
  });
});

describe('readDeployConfig', () => {
  it('treats an empty -c value as unset so the default applies', () => {
    const app = new App({
      context: { demo: 'true', smsProvider: '', reportingTimeZone: 'America/New_York' },
    });

    const config = readDeployConfig(app.node);

    expect(config.smsProvider).toBe('twilio');
    expect(config.reportingTimeZone).toBe('America/New_York');
  });
});

describe('buildTouchpointApp environment', () => {
  const keyArn = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';

  it('refuses a KMS key from another region than the deployment', () => {
    const app = new App({ context: { demo: true, kmsKeyArn: keyArn, 'aws:cdk:bundling-stacks': [] } });

    expect(() => buildTouchpointApp(app, { CDK_DEFAULT_REGION: 'us-east-1' })).toThrow(
      /kmsKeyArn: the key is in eu-west-1 but the deployment region is us-east-1/,
    );
  });

  it('fails synthesis on an invalid survey rules file, naming the field', () => {
    const app = new App({ context: { demo: true, 'aws:cdk:bundling-stacks': [] } });
    const rules = JSON.parse(readFileSync('touchpoints.config.json', 'utf8'));
    rules.touchpoints.delivery.delayMinutes = 0;

    expect(() => buildTouchpointApp(app, {}, rules)).toThrow(
      /touchpoints\.delivery\.delayMinutes: must be between 1 and 43200/,
    );
    expect(app.node.children).toHaveLength(0);
  });

  it('fails synthesis without the senders unless -c demo=true, before building anything', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });

    expect(() => buildTouchpointApp(app, {})).toThrow(
      /Invalid Touchpoint deploy context:\n {2}-c twilioFrom: twilioFrom is required[^\n]*\n {2}-c sesFrom: sesFrom is required/,
    );
    expect(app.node.children).toHaveLength(0);
  });

  it('stays environment-agnostic without CDK_DEFAULT_* so synth needs no credentials', () => {
    const app = new App({ context: { demo: true, 'aws:cdk:bundling-stacks': [] } });

    const { stateful, stateless } = buildTouchpointApp(app, {});

    expect(stateful.resolve(stateful.region)).toEqual({ Ref: 'AWS::Region' });
    expect(stateless.resolve(stateless.account)).toEqual({ Ref: 'AWS::AccountId' });
  });
});
