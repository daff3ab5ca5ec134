import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { loadServerlessConfig } from '../../emulator/serverless-config.ts';
import { nextMessage, openClient, stopAll } from '../support/emulator-harness.ts';

const folders: string[] = [];
const stacks: LocalStack[] = [];

afterEach(async () => {
  await stopAll();
  await Promise.all(stacks.splice(0).map((stack) => stack.close()));
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A service folder with one handler file and the given `functions:` YAML. */
async function service(functionsYaml: string): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'serverless-authorizer-'));
  folders.push(folder);
  await writeFile(join(folder, 'handler.mjs'), 'export const auth = async () => ({}); export const connect = async () => ({});\n');
  const file = join(folder, 'serverless.yml');
  await writeFile(file, `service: s\nprovider:\n  name: aws\n  stage: dev\nfunctions:\n${functionsYaml}`);
  return file;
}

const AUTH_FUNCTION = '  auth:\n    handler: handler.auth\n';

describe('a $connect authorizer in serverless.yml', () => {
  it.each([
    ['a function name', 'authorizer: auth', ['route.request.header.Auth']],
    ['an ARN of one of its functions', 'authorizer: arn:aws:lambda:us-east-1:123456789012:function:s-dev-auth', ['route.request.header.Auth']],
    ['{ name, identitySource }', 'authorizer: { name: auth, identitySource: [route.request.querystring.token, route.request.header.X-Key] }', ['route.request.querystring.token', 'route.request.header.X-Key']],
    ['{ arn }', 'authorizer: { arn: "arn:aws:lambda:us-east-1:123456789012:function:s-dev-auth" }', ['route.request.header.Auth']],
  ])('reads %s, with the Serverless Framework\'s default identity source when none is given', async (_form, setting, identitySource) => {
    const file = await service(`${AUTH_FUNCTION}  connect:\n    handler: handler.connect\n    events:\n      - websocket: { route: $connect, ${setting} }\n`);
    expect(loadServerlessConfig(file).connectAuthorizer).toEqual({ functionKey: 'auth', identitySource });
  });

  it.each([
    ['on another route', 'websocket: { route: $default, authorizer: auth }', 'API Gateway allows an authorizer only on the $connect route, not on $default'],
    ['naming no function of the service', 'websocket: { route: $connect, authorizer: nobody }', 'names the function "nobody", but there is no functions.nobody'],
    ['with an ARN of another service', 'websocket: { route: $connect, authorizer: "arn:aws:lambda:us-east-1:1:function:other" }', 'which is not a function of this service'],
    ['with an identity source it cannot read', 'websocket: { route: $connect, authorizer: { name: auth, identitySource: [method.request.header.Auth] } }', 'identity source "method.request.header.Auth" is not route.request.header.<Name> or route.request.querystring.<name>'],
  ])('is refused %s, with the key that says so', async (_case, websocket, message) => {
    const file = await service(`${AUTH_FUNCTION}  connect:\n    handler: handler.connect\n    events:\n      - ${websocket}\n`);
    expect(() => loadServerlessConfig(file)).toThrow(message);
  });
});

describe('a service with a $connect authorizer, on the emulator', () => {
  async function start(): Promise<string> {
    const stack = await startLocalStack({ config: 'test/fixtures/authorizer-service/serverless.yml', port: 0, hotReload: false });
    stacks.push(stack);
    return stack.emulator.webSocketUrl;
  }

  it('refuses with 401 without a token and with an unknown one, and with 403 for a denied one', async () => {
    const url = await start();
    await expect(openClient(url)).rejects.toThrow('HTTP 401');
    await expect(openClient(`${url}?token=guess`)).rejects.toThrow('HTTP 401');
    await expect(openClient(`${url}?token=deny-me`)).rejects.toThrow('HTTP 403');
  });

  it('connects with the right token, and every later event carries the identity', async () => {
    const url = await start();
    const client = await openClient(`${url}?token=let-me-in`);
    client.send('who am I?');
    expect(JSON.parse(await nextMessage(client))).toEqual({ name: 'Ann', plan: 'free', seats: '2', principalId: 'reader-42' });
  });
});
