// CDK entry point (`cdk.json` runs it with tsx): two stacks, parameters from `-c key=value`.
import { App } from 'aws-cdk-lib';
import { buildTouchpointApp } from './touchpoint-app.ts';

const app = new App();
buildTouchpointApp(app);
app.synth();
