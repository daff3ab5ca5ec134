import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { LIMITS } from '../../sample-backend/lib/limits.ts';
import { closeOf, eventually, nextMessage, openClient, startEmulator, stopAll } from '../support/emulator-harness.ts';

// `/_emulator/tables`: the local DynamoDB as the sample's handlers see it, for the two-clients widget.
// The real sample backend behind the real emulator, as `npm start` runs it.

const CONNECTIONS_TABLE = 'apigw-websocket-tutorial-local-connections';
const site = 'http://localhost:4321';
let stack: LocalStack;
let origin: string;
let wsUrl: string;

beforeAll(async () => {
  stack = await startLocalStack({ config: 'sample-backend/serverless.yml', stage: 'local', port: 0, hotReload: false });
  const port = Number(new URL(stack.emulator.webSocketUrl).port);
  origin = `http://127.0.0.1:${port}`;
  wsUrl = `ws://127.0.0.1:${port}/local`;
});

afterAll(async () => {
  await stopAll();
  await stack?.close();
});

async function getJson(path: string) {
  const response = await fetch(`${origin}${path}`, { headers: { Origin: site } });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

async function connectionRows(): Promise<Record<string, unknown>[]> {
  const { body } = await getJson(`/_emulator/tables/${CONNECTIONS_TABLE}`);
  return body.items as Record<string, unknown>[];
}

async function whoami(client: Awaited<ReturnType<typeof openClient>>): Promise<string> {
  const reply = nextMessage(client);
  client.send('{"action":"whoami"}');
  return (JSON.parse(await reply) as { connectionId: string }).connectionId;
}

describe('GET /_emulator/tables', () => {
  it('lists the tables from serverless.yml, with CORS for a loopback page', async () => {
    const { response, body } = await getJson('/_emulator/tables');
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(body).toEqual({ tables: [CONNECTIONS_TABLE, 'apigw-websocket-tutorial-local-events'] });
  });

  it('returns the row $connect wrote, and loses it once $disconnect has run', async () => {
    const client = await openClient(wsUrl);
    const connectionId = await whoami(client);
    const { response, body } = await getJson(`/_emulator/tables/${CONNECTIONS_TABLE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.tableName).toBe(CONNECTIONS_TABLE);
    expect(body.truncated).toBe(false);
    const row = (body.items as Record<string, unknown>[]).find((item) => item.connectionId === connectionId);
    expect(row).toMatchObject({ connectionId, sourceIp: '127.0.0.1' });
    expect(typeof row?.connectedAt).toBe('number');
    // Epoch seconds, a little over two hours after connecting: the sample's TTL backstop.
    expect(row?.expiresAt).toBe(Math.floor((row?.connectedAt as number) / 1000) + LIMITS.connectionTtlSeconds);

    client.close(1000);
    await closeOf(client);
    await eventually(async () => !(await connectionRows()).some((item) => item.connectionId === connectionId));
  });

  it('shows every open connection, each as its own row', async () => {
    const a = await openClient(wsUrl);
    const b = await openClient(wsUrl);
    const ids = [await whoami(a), await whoami(b)];
    const rows = await connectionRows();
    expect(rows.map((row) => row.connectionId)).toEqual(expect.arrayContaining(ids));
  });

  it('answers 404 naming the tables for a table that does not exist', async () => {
    const { response, body } = await getJson('/_emulator/tables/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(body).toEqual({
      message: `No table named "nope". The tables are: ${CONNECTIONS_TABLE}, apigw-websocket-tutorial-local-events.`,
    });
  });
});

describe('GET /_emulator/tables without a local DynamoDB', () => {
  afterEach(stopAll);

  it('lists no tables and answers 404 for any table', async () => {
    const { port } = await startEmulator({ routes: {} });
    const list = await fetch(`http://127.0.0.1:${port}/_emulator/tables`);
    expect(await list.json()).toEqual({ tables: [] });
    const table = await fetch(`http://127.0.0.1:${port}/_emulator/tables/anything`);
    expect(table.status).toBe(404);
    expect(await table.json()).toEqual({ message: 'No table named "anything". This emulator runs no local DynamoDB tables.' });
  });
});
