import { readFileSync } from 'node:fs';
import { App, type CfnElement, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import type { AppFunction } from '../../infra/constructs/app-function.ts';
import { buildTouchpointApp, type TouchpointApp } from '../../infra/touchpoint-app.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import { TABLES, type TableDefinition } from '../../shared/infra/tables.ts';

/** The context `cdk synth` gets from cdk.json (feature flags), so tests see the same templates. */
const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

export interface BuiltApp extends TouchpointApp {
  app: App;
  statefulTemplate: Template;
  statelessTemplate: Template;
}

/**
 * Builds the app in-process without bundling (fast) and without CDK_DEFAULT_* from the shell,
 * with the fictional senders of `-c demo=true` unless `context` names its own.
 */
export function buildApp(context: Record<string, unknown> = {}): BuiltApp {
  const app = new App({
    context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [], demo: true, ...context },
  });
  const built = buildTouchpointApp(app, {});
  return {
    app,
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

/** Logical id of a construct's CloudFormation resource (L2 -> its default child). */
export function logicalId(stack: Stack, construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return stack.resolve(element.logicalId) as string;
}

export type CfnResource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

export function resourcesOfType(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

export function resource(template: Template, id: string): CfnResource {
  const found = (template.toJSON() as { Resources: Record<string, CfnResource> }).Resources[id];
  if (!found) throw new Error(`no resource ${id} in template`);
  return found;
}

/** A statement of a synthesized IAM policy. */
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

export const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
export const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);

/** A function of the deployment (`sms-inbound` exists only with -c smsProvider=sns). */
export function fnOf(built: BuiltApp, name: FunctionName): AppFunction {
  const fn = built.stateless.functions[name];
  if (!fn) throw new Error(`${name} is not part of this deployment`);
  return fn;
}

export function statementsOf(built: BuiltApp, name: FunctionName): Statement[] {
  const roleId = logicalId(built.stateless, fnOf(built, name).role);
  const policies = Object.values(resourcesOfType(built.statelessTemplate, 'AWS::IAM::Policy')).filter((p) =>
    JSON.stringify(p.Properties.Roles).includes(`"${roleId}"`),
  );
  return policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

export function tableLogicalIds(built: BuiltApp): Record<TableDefinition['id'], string> {
  return Object.fromEntries(
    TABLES.map((def) => [def.id, logicalId(built.stateful, built.stateful.tables[def.id].table)]),
  ) as Record<TableDefinition['id'], string>;
}
