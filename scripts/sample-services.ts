/** The sample's two Serverless services, and what the deploy scripts read from their files. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The main one, and the authentication lesson's API, in the order they are deployed. */
export const SAMPLE_SERVICES = [
  { api: 'sample', config: 'serverless.yml', what: 'the sample backend' },
  { api: 'auth', config: 'serverless.auth.yml', what: "the authentication lesson's API" },
] as const;

export interface ServiceDefinition {
  /** `service:` */
  name: string;
  functionNames: string[];
}

export function readServiceDefinition(config: string): ServiceDefinition {
  const file = parse(readFileSync(resolve('sample-backend', config), 'utf8')) as { service: string; functions: Record<string, unknown> };
  return { name: file.service, functionNames: Object.keys(file.functions) };
}

/** The CloudFormation stack the framework deploys a service's stage as. */
export function stackName(config: string, stage: string): string {
  return `${readServiceDefinition(config).name}-${stage}`;
}
