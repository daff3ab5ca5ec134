/**
 * The CDK app for the sample backend:
 *
 *   npx aws-cdk@2 deploy --app "node --experimental-strip-types sample-backend/cdk/app.ts" -c stage=dev
 *
 * The stack is named like the one serverless.yml deploys, `apigw-websocket-tutorial-<stage>`:
 * deploy one or the other to a stage, not both (their tables would have the same names).
 */
import { App } from 'aws-cdk-lib';
import { SampleStack } from './sample-stack.ts';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
new SampleStack(app, `apigw-websocket-tutorial-${stage}`, { stage, env: { region: process.env.CDK_DEFAULT_REGION } });
app.synth();
