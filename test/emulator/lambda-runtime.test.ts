import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { closeOf, eventually, nextMessage, openClient } from '../support/emulator-harness.ts';

// The fixture service in test/fixtures/handler-styles, run by the emulator as `npm run emulator` would.
const FIXTURE = 'test/fixtures/handler-styles';
let stack: LocalStack;
let wsUrl: string;
const logs: string[] = [];

beforeAll(async () => {
  process.env.FIXTURE_GREETING = 'bonjour';
  stack = await startLocalStack({ config: `${FIXTURE}/serverless.yml`, stage: 'local', port: 0, hotReload: false, log: (line) => logs.push(line) });
  wsUrl = `ws://127.0.0.1:${new URL(stack.emulator.webSocketUrl).port}/local`;
});

afterAll(async () => {
  delete process.env.FIXTURE_GREETING;
  await stack?.close();
});

async function ask(action: string, extra: Record<string, unknown> = {}): Promise<string> {
  const client = await openClient(wsUrl);
  client.send(JSON.stringify({ action, ...extra }));
  const reply = await nextMessage(client);
  client.close();
  return reply;
}

describe('Lambda-like execution', () => {
  it('runs an ES module with an async handler, giving it context and its environment', async () => {
    const reply = JSON.parse(await ask('esm')) as Record<string, unknown>;
    expect(reply).toMatchObject({
      style: 'esm',
      routeKey: 'esm',
      functionName: 'handler-styles-local-esm',
      env: { GREETING: 'bonjour', TABLE: 'handler-styles-local-items', SHARED: 'provider', AWS_REGION: 'eu-west-1' },
    });
    expect(reply.remainingMs).toBeGreaterThan(2000);
    expect(reply.remainingMs).toBeLessThanOrEqual(3000);
  });

  it('runs a TypeScript handler, with function environment overriding the provider\'s', async () => {
    expect(JSON.parse(await ask('typed'))).toEqual({ style: 'typescript', routeKey: 'typed', shared: 'function' });
  });

  it('runs a CommonJS handler written in the callback style', async () => {
    expect(JSON.parse(await ask('cjs'))).toEqual({ style: 'commonjs-callback' });
  });

  it('keeps module state warm within a function and invisible to another function', async () => {
    expect([await ask('countA'), await ask('countA'), await ask('countB'), await ask('countA')]).toEqual(['1', '2', '1', '3']);
  });

  it('gives each concurrent invocation its own execution environment', async () => {
    const clients = await Promise.all([openClient(wsUrl), openClient(wsUrl)]);
    const replies = Promise.all(clients.map(nextMessage));
    for (const client of clients) client.send('{"action":"sleep","ms":300}');
    expect(await replies).toEqual(['slept 300', 'slept 300']);
    const slow = stack.functions.find((fn) => fn.definition.name === 'handler-styles-local-slow');
    expect(slow?.environmentCount).toBe(2);
  });

  it('stops a handler at its configured timeout and answers Internal server error', async () => {
    expect(await ask('sleep', { ms: 2000 })).toMatch(/^\{"message": "Internal server error"/);
    expect(logs.some((line) => line.includes('FunctionTimeoutError: Task timed out after 1.00 seconds'))).toBe(true);
  });

  it('stops a handler stuck in a synchronous loop, and the function works again afterwards', async () => {
    expect(await ask('spin')).toMatch(/^\{"message": "Internal server error"/);
    expect(await ask('esm')).toContain('"style":"esm"');
  });

  it('survives a handler that exits the process, and starts a fresh environment next time', async () => {
    expect(await ask('crash')).toMatch(/^\{"message": "Internal server error"/);
    expect(await ask('crash')).toMatch(/^\{"message": "Internal server error"/);
    expect(logs.some((line) => line.includes('Runtime.ExitError'))).toBe(true);
  });

  it('shows handler console output with the function name and Lambda request id', async () => {
    const requestId = await ask('log');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs).toContain(`[handler-styles-local-logger] ${requestId} hello from handler-styles-local-logger`);
    expect(logs).toContain(`[handler-styles-local-logger] ${requestId} ERROR something to worry about`);
  });

  it('deletes items whose TTL has passed from the local DynamoDB', async () => {
    const { DynamoDBClient, PutItemCommand, GetItemCommand } = await import('@aws-sdk/client-dynamodb');
    const client = new DynamoDBClient({ endpoint: stack.dynamoDb.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'l', secretAccessKey: 'l' } });
    const TableName = 'handler-styles-local-items';
    const past = String(Math.floor(Date.now() / 1000) - 10);
    const future = String(Math.floor(Date.now() / 1000) + 3600);
    await client.send(new PutItemCommand({ TableName, Item: { id: { S: 'old' }, expiresAt: { N: past } } }));
    await client.send(new PutItemCommand({ TableName, Item: { id: { S: 'new' }, expiresAt: { N: future } } }));
    expect(await stack.dynamoDb.sweepExpired()).toBe(1);
    expect((await client.send(new GetItemCommand({ TableName, Key: { id: { S: 'old' } } }))).Item).toBeUndefined();
    expect((await client.send(new GetItemCommand({ TableName, Key: { id: { S: 'new' } } }))).Item).toBeDefined();
    client.destroy();
  });
});

describe('hot reload', () => {
  it('runs edited handler code on the next invocation without dropping open connections', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'emulator-reload-'));
    await cp(FIXTURE, folder, { recursive: true });
    const reloadStack = await startLocalStack({ config: join(folder, 'serverless.yml'), stage: 'local', port: 0 });
    try {
      const url = `ws://127.0.0.1:${new URL(reloadStack.emulator.webSocketUrl).port}/local`;
      const client = await openClient(url);
      client.send('{"action":"typed"}');
      expect(await nextMessage(client)).toContain('"style":"typescript"');

      const file = join(folder, 'handlers/typed.ts');
      await writeFile(file, (await readFile(file, 'utf8')).replace("style: 'typescript'", "style: 'edited'"));
      await eventually(async () => {
        client.send('{"action":"typed"}');
        return (await nextMessage(client)).includes('"style":"edited"');
      });
      expect(client.readyState).toBe(client.OPEN);
      client.close();
      await closeOf(client);
    } finally {
      await reloadStack.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
