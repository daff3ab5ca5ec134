import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template as CdkTemplate } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocalStack } from '../../emulator/local-stack.ts';
import { SampleStack } from '../../sample-backend/cdk/sample-stack.ts';
import { describeDeployedSample, type Template } from '../support/deployed-sample-assertions.ts';

// The CDK app for the sample, synthesized offline (its handlers bundled by esbuild as `cdk deploy`
// bundles them), held to the same assertions as the serverless.yml deployment.
let template: Template;
let outdir: string;

beforeAll(() => {
  // The cloud assembly and its bundled assets, somewhere this test removes again.
  outdir = mkdtempSync(join(tmpdir(), 'sample-cdk-'));
  // Asset metadata on, as the cdk command line sets it.
  const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
  const stack = new SampleStack(app, 'apigw-websocket-tutorial-ci', { stage: 'ci' });
  template = CdkTemplate.fromStack(stack).toJSON() as Template;
  // What `cdk synth` writes: the template beside the bundled asset folders its metadata names.
  app.synth();
}, 120_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describeDeployedSample('the CDK app', () => template, 'ci');

describe('what only the CDK app has', () => {
  it('bundles each handler as an ES module, index.mjs', () => {
    const functions = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Lambda::Function');
    for (const fn of functions) expect(fn.Properties.Handler).toBe('index.handler');
  });

  it('deletes its tables and logs with the stack, as `serverless remove` does', () => {
    const kept = Object.values(template.Resources).filter(
      (resource) => ['AWS::DynamoDB::Table', 'AWS::Logs::LogGroup'].includes(resource.Type) && (resource as { DeletionPolicy?: string }).DeletionPolicy !== 'Delete',
    );
    expect(kept).toEqual([]);
  });
});

describe("the CDK app's own bundles on the emulator (npm run emulator -- --template cdk.out/<stack>.template.json)", () => {
  it('runs the functions from the asset folders the synthesized template names', async () => {
    const synthesized = join(outdir, 'apigw-websocket-tutorial-ci.template.json');
    const stack = await startLocalStack({ template: synthesized, port: 0 });
    try {
      for (const fn of stack.service.functions) expect(fn.handlerModule).toMatch(new RegExp(`^${outdir}/asset\\.[0-9a-f]{64}/index\\.mjs$`));
      const socket = new WebSocket(`ws://127.0.0.1:${new URL(stack.emulator.webSocketUrl).port}/ci`);
      await once(socket, 'open');
      socket.send('{"action":"whoami"}');
      const [reply] = (await once(socket, 'message')) as [Buffer];
      expect(JSON.parse(reply.toString())).toMatchObject({ type: 'whoami', connectionId: expect.any(String) });
      socket.close(1000);
    } finally {
      await stack.close();
    }
  }, 60_000);

  it('still refuses code it cannot find locally', async () => {
    const withoutMetadata = structuredClone(template);
    for (const resource of Object.values(withoutMetadata.Resources)) delete (resource as { Metadata?: unknown }).Metadata;
    const file = join(outdir, 'without-metadata.template.json');
    writeFileSync(file, JSON.stringify(withoutMetadata));
    await expect(startLocalStack({ template: file, port: 0 })).rejects.toThrow(/points to code elsewhere \(S3, ZipFile or an image\)/);
  });
});
