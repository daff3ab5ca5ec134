import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { nextMessage, openClient, stopAll } from '../support/emulator-harness.ts';

// The Serverless Framework's own $connect authorizer example, code no one here wrote
// (test/fixtures/outside/..., ORIGIN.md there), run as its README says. From a folder of its own
// outside this project, so that `require('aws-sdk')` finds only what its runtime would provide.
const FIXTURE = resolve('test/fixtures/outside/serverless-examples-aws-node-websockets-authorizers');
let folder: string;
let stack: LocalStack | undefined;
let logs: string[];

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'websocket-authorizers-'));
  await cp(FIXTURE, folder, { recursive: true });
  logs = [];
});

afterEach(async () => {
  await stopAll();
  await stack?.close();
  stack = undefined;
  await rm(folder, { recursive: true, force: true });
});

async function start(file: string): Promise<string> {
  stack = await startLocalStack({ config: join(folder, file), port: 0, hotReload: false, log: (line) => logs.push(line) });
  return stack.emulator.webSocketUrl;
}

describe('serverless/examples aws-node-websockets-authorizers, unmodified', () => {
  it('as first written (nodejs12.x): refused without an Auth header, and chats with one', async () => {
    const url = await start('serverless.2019.yml');
    expect(url).toMatch(/\/dev$/);
    await expect(openClient(url)).rejects.toThrow('HTTP 401');
    expect(logs).toContain('handshake refused with 401: identity source route.request.header.Auth is missing or empty');
    const client = await openClient(url, undefined, { headers: { Auth: 'secret' } });
    client.send('hello');
    expect(await nextMessage(client)).toBe('default route received: hello');
  });

  it('as it is now (nodejs18.x, still requiring aws-sdk v2): refused with 500 once the header is there, as on AWS, and the log says why', async () => {
    const url = await start('serverless.yml');
    await expect(openClient(url)).rejects.toThrow('HTTP 401');
    await expect(openClient(url, undefined, { headers: { Auth: 'secret' } })).rejects.toThrow('HTTP 500');
    const failure = logs.find((line) => line.includes('$connect authorizer') && line.includes("Cannot find module 'aws-sdk'"));
    expect(failure).toContain('nodejs18.x and later runtimes include the AWS SDK v3 (@aws-sdk/*) only');
  });
});
