import { readFileSync } from 'node:fs';
import { App, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { busNameOf } from '../../infra/stateful/stateful-stack.ts';
import { buildTouchpointApp } from '../../infra/touchpoint-app.ts';
import { buildApp, resourcesOfType } from './build-app.ts';

/** What docs/deploy.md promises about the template: removal, names, the deployer's policy. */
const policy = JSON.parse(
  readFileSync(new URL('../../docs/cfn-execution-policy.json', import.meta.url), 'utf8'),
) as {
  Statement: Array<{ Action: string[] }>;
};
const allowed = policy.Statement.flatMap((s) => s.Action);

/** The IAM prefix CloudFormation needs to manage a resource type (custom resources invoke Lambda). */
function prefixOf(type: string): string | undefined {
  if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return 'lambda';
  if (type === 'AWS::CDK::Metadata') return undefined;
  const service = type.split('::')[1] ?? '';
  const special: Record<string, string> = {
    ApiGatewayV2: 'apigateway',
    Cognito: 'cognito-idp',
    SecretsManager: 'secretsmanager',
  };
  return special[service] ?? service.toLowerCase();
}

describe('the deployed template, as docs/deploy.md describes it', () => {
  it('removes every stateless log group with the stack, the Trigger provider included', () => {
    const { statelessTemplate } = buildApp();
    const groups = resourcesOfType(statelessTemplate, 'AWS::Logs::LogGroup');
    for (const [id, group] of Object.entries(groups))
      expect({ id, deletion: group.DeletionPolicy }).toEqual({ id, deletion: 'Delete' });
    const provider = Object.entries(resourcesOfType(statelessTemplate, 'AWS::Lambda::Function')).find(
      ([id]) => id.startsWith('AWSCDKTriggerCustomResourceProvider'),
    );
    const logGroup = (provider?.[1].Properties.LoggingConfig as { LogGroup?: { Ref: string } } | undefined)
      ?.LogGroup;
    expect(logGroup?.Ref && groups[logGroup.Ref]).toBeTruthy();
  });

  it('names the event bus after the stack, so copies in one account never collide', () => {
    expect(busNameOf('Touchpoint-Stateful')).toBe('touchpoint');
    expect(busNameOf('Touchpoint-prod-Stateful')).toBe('touchpoint-prod');
    const app = new App({ context: { demo: true, 'aws:cdk:bundling-stacks': [] } });
    const names = ['Dev', 'Prod'].map((stage) => {
      const built = buildTouchpointApp(new Stage(app, stage), {});
      const [bus] = Object.values(Template.fromStack(built.stateful).findResources('AWS::Events::EventBus'));
      return (bus as { Properties: { Name: string } }).Properties.Name;
    });
    expect(names).toEqual(['dev-touchpoint', 'prod-touchpoint']);
  });

  it('gives the narrowed CloudFormation execution policy every service of the templates, and DescribeStacks', () => {
    const variants = [
      buildApp(),
      buildApp({ smsProvider: 'sns', adminAuth: 'token', alertEmail: 'cx@example.com' }),
    ];
    const types = new Set(
      variants
        .flatMap((b) => [b.statefulTemplate, b.statelessTemplate])
        .flatMap((t) =>
          Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type),
        ),
    );
    const missing = [...types].filter((type) => {
      const prefix = prefixOf(type);
      return prefix !== undefined && !allowed.includes(`${prefix}:*`);
    });
    expect(missing).toEqual([]);
    // Fn::GetStackOutput (the weak cross-stack references) makes CloudFormation call DescribeStacks.
    expect(JSON.stringify(variants[0]?.statelessTemplate.toJSON())).toContain('Fn::GetStackOutput');
    expect(allowed).toContain('cloudformation:DescribeStacks');
  });
});
