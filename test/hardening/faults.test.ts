/**
 * Faults behind the gateway: Lambda handlers that throw, hang, exit or return garbage, and the
 * DynamoDB store going away. Every client gets AWS's error frame byte for byte (reference §5.3,
 * §5.4), and the emulator keeps serving. The plain-function cases are in test/emulator/robustness.test.ts;
 * these go through real Lambda worker environments.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { nextMessage, openClient, stopAll } from '../support/emulator-harness.ts';

const stacks: LocalStack[] = [];
afterEach(async () => {
  await stopAll();
  await Promise.all(stacks.splice(0).map((stack) => stack.close()));
});

async function start(config: string): Promise<{ stack: LocalStack; wsUrl: string }> {
  const stack = await startLocalStack({ config, stage: 'local', port: 0, hotReload: false });
  stacks.push(stack);
  return { stack, wsUrl: `ws://127.0.0.1:${new URL(stack.emulator.webSocketUrl).port}/local` };
}

const FAULTS = 'test/fixtures/faults/serverless.yml';

/** §5.4: the exact bytes, with this connection's id and some AWS-shaped request id. */
function internalServerError(connectionId: string): RegExp {
  const id = connectionId.replace(/[-=]/g, '\\$&');
  return new RegExp(`^\\{"message": "Internal server error", "connectionId":"${id}", "requestId":"[\\w-]{15}="\\}$`);
}

/** Opens a client and learns its connection id: the one that was not open before. */
async function clientWithId(stack: LocalStack, wsUrl: string): Promise<{ client: WebSocket; connectionId: string }> {
  const before = new Set(stack.emulator.openConnectionIds());
  const client = await openClient(wsUrl);
  const connectionId = stack.emulator.openConnectionIds().find((id) => !before.has(id));
  if (!connectionId) throw new Error('no new connection id');
  return { client, connectionId };
}

/** Opens clients one at a time, so that each one's id is known for sure. */
async function clientsWithIds(stack: LocalStack, wsUrl: string, count: number): Promise<{ client: WebSocket; connectionId: string }[]> {
  const clients = [];
  for (let i = 0; i < count; i++) clients.push(await clientWithId(stack, wsUrl));
  return clients;
}

/** Queues everything a client receives. */
function inbox(client: WebSocket): string[] {
  const received: string[] = [];
  client.on('message', (data: Buffer) => received.push(data.toString('utf8')));
  return received;
}

const FAILING_MESSAGES = [
  { action: 'throws', kind: 'error' },
  { action: 'throws', kind: 'string' },
  { action: 'throws', kind: 'null' },
  { action: 'throws', kind: 'sync' },
  { action: 'garbage', kind: 'string' },
  { action: 'garbage', kind: 'number' },
  { action: 'garbage', kind: 'array' },
  { action: 'garbage', kind: 'extra-keys' },
  { action: 'garbage', kind: 'null' },
  { action: 'garbage', kind: 'bigint' },
  { action: 'garbage', kind: 'circular' },
  { action: 'exits' },
  { action: 'hangs' },
];

describe('failing Lambda handlers', () => {
  it('answers every kind of failure with the Internal server error frame, byte for byte, and the connection stays open', async () => {
    const { stack, wsUrl } = await start(FAULTS);
    const { client, connectionId } = await clientWithId(stack, wsUrl);
    for (const message of FAILING_MESSAGES) {
      client.send(JSON.stringify(message));
      expect(await nextMessage(client), JSON.stringify(message)).toMatch(internalServerError(connectionId));
      client.send('{"action":"echo","after":' + JSON.stringify(message) + '}');
      expect(await nextMessage(client)).toBe('{"action":"echo","after":' + JSON.stringify(message) + '}');
    }
  });

  it('serves every client correctly while others make handlers throw, hang, exit and return garbage at the same time', async () => {
    const { stack, wsUrl } = await start(FAULTS);
    const clients = await clientsWithIds(stack, wsUrl, 8);
    const inboxes = clients.map(({ client }) => inbox(client));
    clients.forEach(({ client }, i) => {
      for (const message of FAILING_MESSAGES) {
        client.send(JSON.stringify(message));
        client.send(JSON.stringify({ action: 'echo', client: i, after: message }));
      }
    });
    const expected = FAILING_MESSAGES.length * 2;
    await expect.poll(() => inboxes.every((received) => received.length >= expected), { timeout: 20_000 }).toBe(true);
    clients.forEach(({ connectionId }, i) => {
      const received = inboxes[i] as string[];
      expect(received).toHaveLength(expected);
      const errors = received.filter((text) => text.startsWith('{"message"'));
      const echoes = received.filter((text) => text.startsWith('{"action":"echo"'));
      expect(errors).toHaveLength(FAILING_MESSAGES.length);
      for (const frame of errors) expect(frame).toMatch(internalServerError(connectionId));
      expect(echoes.sort()).toEqual(FAILING_MESSAGES.map((message) => JSON.stringify({ action: 'echo', client: i, after: message })).sort());
    });
  }, 30_000);

  it('marshals a result as Lambda does: JSON drops functions, so the route response still goes out', async () => {
    const { wsUrl } = await start(FAULTS);
    const client = await openClient(wsUrl);
    client.send('{"action":"garbage","kind":"function"}');
    expect(await nextMessage(client)).toBe('x');
  });

  it('freezes a timer left after the answer; the next invocation thaws it, its throw fails that invocation as on AWS, and a fresh environment answers the one after', async () => {
    const { stack, wsUrl } = await start(FAULTS);
    const client = await openClient(wsUrl);
    client.send('{"action":"crashesLater"}');
    expect(await nextMessage(client)).toBe('answered');
    const crashesLater = stack.functions.find((fn) => fn.definition.name.endsWith('-crashesLater'));
    // Frozen: the 5 ms timer has not run, so the environment is still there.
    await new Promise((wake) => setTimeout(wake, 300));
    expect(crashesLater?.environmentCount).toBe(1);
    client.send('{"action":"crashesLater"}');
    expect(await nextMessage(client)).toContain('Internal server error');
    client.send('{"action":"crashesLater"}');
    expect(await nextMessage(client)).toBe('answered');
  });

  it('does not count a slow module load (the init phase) against the function timeout', async () => {
    const { wsUrl } = await start(FAULTS);
    const client = await openClient(wsUrl);
    client.send('{"action":"slowInit"}');
    expect(await nextMessage(client)).toBe('initialised, then {"action":"slowInit"}');
  });

  it('refuses a handshake with 502 when the $connect Lambda throws or returns garbage, and accepts the next one', async () => {
    const { wsUrl } = await start(FAULTS);
    await expect(openClient(`${wsUrl}?fail=throw`)).rejects.toThrow('HTTP 502');
    await expect(openClient(`${wsUrl}?fail=garbage`)).rejects.toThrow('HTTP 502');
    const client = await openClient(wsUrl);
    client.send('{"action":"echo"}');
    expect(await nextMessage(client)).toBe('{"action":"echo"}');
  });
});

describe('the DynamoDB store unavailable', () => {
  it('gives every client the Internal server error frame, refuses new handshakes with 502, and keeps the gateway up', async () => {
    const { stack, wsUrl } = await start('sample-backend/serverless.yml');
    const clients = await clientsWithIds(stack, wsUrl, 3);
    await stack.dynamoDb.close();

    for (const { client, connectionId } of clients) {
      // `$default` records the event in DynamoDB before it echoes; `time` too before it answers.
      client.send('hello while the store is down');
      expect(await nextMessage(client)).toMatch(internalServerError(connectionId));
      client.send('{"action":"time"}');
      expect(await nextMessage(client)).toMatch(internalServerError(connectionId));
    }
    // `$connect` cannot record the connection, so it fails, and the handshake with it.
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 502');
    const status = await fetch(`http://127.0.0.1:${new URL(wsUrl).port}/_emulator/status`);
    expect(status.status).toBe(200);
    // `$disconnect` fails too; the gateway forgets the connections all the same.
    for (const { client } of clients) client.close();
    await expect.poll(() => stack.emulator.openConnectionIds()).toEqual([]);
  }, 30_000);
});
