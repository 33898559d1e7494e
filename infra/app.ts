// CDK entry point (`cdk.json` runs it with tsx): two stacks, parameters from `-c key=value`.
import { App } from 'aws-cdk-lib';
import { buildDashboard } from '../dashboard/build.ts';
import { buildTouchpointApp } from './touchpoint-app.ts';

// The admin function's asset copies the built dashboard: build it from the sources of this synth.
await buildDashboard();
const app = new App();
buildTouchpointApp(app);
app.synth();
