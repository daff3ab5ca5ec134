import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerlessConfig } from '../../emulator/serverless-config.ts';

const FIXTURE = resolve('test/fixtures/handler-styles/serverless.yml');
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function writeService(yaml: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'serverless-config-'));
  folders.push(folder);
  const file = join(folder, 'serverless.yml');
  await writeFile(file, yaml);
  return file;
}

describe('loadServerlessConfig', () => {
  it('reads functions, routes, two-way routes, environment and tables with their TTL', () => {
    const config = loadServerlessConfig(FIXTURE, { stage: 'local', env: { FIXTURE_GREETING: 'hi' } });
    expect(config).toMatchObject({ service: 'handler-styles', stage: 'local', region: 'eu-west-1', routeSelectionExpression: '$request.body.action' });
    const typed = config.functions.find((fn) => fn.key === 'typed');
    expect(typed).toMatchObject({
      name: 'handler-styles-local-typed',
      handlerModule: resolve('test/fixtures/handler-styles/handlers/typed.ts'),
      handlerExport: 'handler',
      timeoutSeconds: 3,
      environment: { GREETING: 'hi', TABLE: 'handler-styles-local-items', SHARED: 'function' },
      routes: [{ routeKey: 'typed', twoWay: true }],
    });
    expect(config.functions.find((fn) => fn.key === 'default')?.routes).toEqual([{ routeKey: '$default', twoWay: false }]);
    expect(config.functions.find((fn) => fn.key === 'slow')?.timeoutSeconds).toBe(1);
    expect(config.tables).toEqual([
      {
        logicalId: 'ItemsTable',
        TableName: 'handler-styles-local-items',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveAttribute: 'expiresAt',
      },
    ]);
  });

  it('falls back to provider.stage, then dev, as the Serverless Framework does', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  stage: beta\nfunctions: {}\n');
    expect(loadServerlessConfig(file).stage).toBe('beta');
    const bare = await writeService('service: s\nprovider:\n  name: aws\nfunctions: {}\n');
    expect(loadServerlessConfig(bare).stage).toBe('dev');
  });

  it('names the key and the file when a variable cannot be resolved', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    KEY: ${env:NOT_SET_ANYWHERE}\nfunctions: {}\n');
    expect(() => loadServerlessConfig(file, { env: {} })).toThrow(`Cannot resolve "\${env:NOT_SET_ANYWHERE}" at "provider.environment.KEY" in ${file}`);
  });

  it('names the function when its handler file does not exist', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\nfunctions:\n  ghost:\n    handler: nowhere/ghost.handler\n');
    expect(() => loadServerlessConfig(file)).toThrow(`functions.ghost.handler in ${file} points to`);
  });

  it('says so when an environment value is a CloudFormation function it cannot evaluate', async () => {
    const file = await writeService('service: s\nprovider:\n  name: aws\n  environment:\n    ARN: { "Fn::GetAtt": [Thing, Arn] }\nfunctions: {}\n');
    expect(() => loadServerlessConfig(file)).toThrow('provider.environment.ARN in');
  });

  it('says which file is missing', () => {
    expect(() => loadServerlessConfig('does/not/exist.yml')).toThrow(`No serverless.yml at ${resolve('does/not/exist.yml')}`);
  });
});
