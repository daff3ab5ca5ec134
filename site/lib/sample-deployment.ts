/**
 * What `npm run deploy:sample` creates, read at build time from the two serverless.yml files that
 * deploy it, so that the deploy lesson's figures (runtime, throttling, log retention, memory)
 * follow the files instead of being typed beside them.
 */
import { parse } from 'yaml';
import sampleYml from '../../sample-backend/serverless.yml?raw';
import authYml from '../../sample-backend/serverless.auth.yml?raw';
import { asRecord } from './sample-routes.ts';

export interface DeploymentFacts {
  /** `nodejs24.x` */
  runtime: string;
  /** "Node.js 24", as the Lambda console names the runtime. */
  runtimeName: string;
  /** DefaultRouteSettings: what each route of the stage may take on its own. */
  throttle: { ratePerSecond: number; burst: number };
  logRetentionDays: number;
  /** The provider's memory size in MB; a function may set its own. */
  memoryMb: number;
  functionCount: number;
}

export function deploymentFacts(text: string): DeploymentFacts {
  const doc = asRecord(parse(text));
  const provider = asRecord(doc.provider);
  const stage = asRecord(asRecord(asRecord(doc.resources).extensions).WebsocketsDeploymentStage);
  const routeSettings = asRecord(asRecord(stage.Properties).DefaultRouteSettings);
  const runtime = String(provider.runtime);
  const version = /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
  if (!version) throw new Error(`provider.runtime "${runtime}" is not a Node.js runtime`);
  return {
    runtime,
    runtimeName: `Node.js ${version}`,
    throttle: { ratePerSecond: Number(routeSettings.ThrottlingRateLimit), burst: Number(routeSettings.ThrottlingBurstLimit) },
    logRetentionDays: Number(provider.logRetentionInDays),
    memoryMb: Number(provider.memorySize),
    functionCount: Object.keys(asRecord(doc.functions)).length,
  };
}

export const SAMPLE_DEPLOYMENT = deploymentFacts(sampleYml);
export const AUTH_DEPLOYMENT = deploymentFacts(authYml);

