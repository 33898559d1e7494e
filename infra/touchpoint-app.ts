import { type Environment, type Stage, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadTouchpointConfig } from '../shared/domain/touchpoints.ts';
import shippedTouchpoints from '../touchpoints.config.json' with { type: 'json' };
import { type DeployConfig, readDeployConfig } from './config.ts';
import { StatefulStack } from './stateful/stateful-stack.ts';
import { StatelessStack } from './stateless/stateless-stack.ts';

export interface TouchpointApp {
  readonly config: DeployConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * The account/region of the CLI's credentials when it has them, else environment-agnostic: synth
 * never looks anything up, so it works offline and without credentials.
 */
function environmentFrom(source: NodeJS.ProcessEnv, config: DeployConfig): Environment | undefined {
  const account = source.CDK_DEFAULT_ACCOUNT;
  // A customer-managed key pins the region: tables must be encrypted by a key in their own region.
  const keyRegion = config.kmsKeyArn?.split(':')[3];
  if (keyRegion && source.CDK_DEFAULT_REGION && keyRegion !== source.CDK_DEFAULT_REGION) {
    throw new Error(
      `Invalid Touchpoint deploy context:\n  -c kmsKeyArn: the key is in ${keyRegion} but the deployment region is ${source.CDK_DEFAULT_REGION}`,
    );
  }
  const region = keyRegion ?? source.CDK_DEFAULT_REGION;
  if (!account && !region) return undefined;
  return { ...(account && { account }), ...(region && { region }) };
}

/**
 * Adds the Touchpoint stacks to `app` (an App, or a Stage of a pipeline), configured from its context, with the cdk-nag
 * AwsSolutions checks registered (synthesis fails on any unacknowledged finding).
 * `touchpoints` is the survey rules file bundled with the functions (touchpoints.config.json).
 */
export function buildTouchpointApp(
  app: Stage,
  source: NodeJS.ProcessEnv = process.env,
  touchpoints: unknown = shippedTouchpoints,
): TouchpointApp {
  // The functions validate the rules at cold start; an invalid file must fail synth instead,
  // with the same message naming the field, rather than every function after a deploy.
  const rules = loadTouchpointConfig(touchpoints);
  const config = readDeployConfig(app.node);
  const env = environmentFrom(source, config);
  const prefix = config.stage ? `Touchpoint-${config.stage}` : 'Touchpoint';
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    config,
    env,
    description: 'Touchpoint data: tables, secret, topics, SES configuration set, event bus (retained)',
    terminationProtection: true,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    config,
    touchpoints: rules,
    stateful,
    env,
    description: 'Touchpoint code: functions, HTTP API, schedule, stream consumers, alarms, dashboard',
  });
  stateless.addStackDependency(stateful);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { config, stateful, stateless };
}
