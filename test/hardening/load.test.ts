/**
 * Load: many connections sending at once through the sample backend, as `npm start` runs it. No
 * message is lost or duplicated, the gateway invokes each connection's messages in the order they
 * were sent, and every row leaves the connection table once everyone has gone, including clients
 * whose sockets were destroyed without a close frame. `npm run soak` runs the same for longer.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { readInspectorFeed, type FeedReader } from '../support/inspector-feed.ts';
import { leave, LEAVING_WAYS, type LeavingWay } from '../support/leaving.ts';

const CLIENTS = 100;
const MESSAGES_EACH = 20;
const CONNECTIONS_TABLE = 'apigw-websocket-tutorial-local-connections';

let stack: LocalStack;
let wsUrl: string;
let port: number;
let table: DynamoDBDocumentClient;

beforeAll(async () => {
  stack = await startLocalStack({ config: 'sample-backend/serverless.yml', stage: 'local', port: 0, hotReload: false });
  port = Number(new URL(stack.emulator.webSocketUrl).port);
  wsUrl = `ws://127.0.0.1:${port}/local`;
  table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoDb.endpoint, region: stack.service.region, credentials: LOCAL_CREDENTIALS }));
});

afterAll(async () => {
  table?.destroy();
  await stack?.close();
});

async function storedConnections(): Promise<number> {
  const { Count } = await table.send(new ScanCommand({ TableName: CONNECTIONS_TABLE, Select: 'COUNT' }));
  return Count ?? 0;
}

interface Client {
  socket: WebSocket;
  /** Bodies of the echoes received, in arrival order. */
  echoes: string[];
  /** Connection ids the echoes named: all must be this client's own. */
  echoedIds: Set<string>;
}

async function connect(): Promise<Client> {
  const socket = new WebSocket(wsUrl);
  const client: Client = { socket, echoes: [], echoedIds: new Set() };
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString('utf8')) as { type: string; echo: string; connectionId: string };
    if (reply.type === 'echo') {
      client.echoes.push(reply.echo);
      client.echoedIds.add(reply.connectionId);
    }
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return client;
}

/** Invocations of `route` per connection, in the order the gateway made them. */
function invokedBodies(feed: FeedReader, route: string): Map<string, string[]> {
  const bodies = new Map<string, string[]>();
  for (const entry of feed.entries) {
    if (entry.type !== 'invoke' || entry.routeKey !== route) continue;
    const list = bodies.get(entry.connectionId) ?? [];
    list.push((entry.event as { body: string }).body);
    bodies.set(entry.connectionId, list);
  }
  return bodies;
}

describe(`${CLIENTS} connections × ${MESSAGES_EACH} messages through the sample's $default echo`, () => {
  it('delivers every message exactly once, invokes in the order sent, and leaves no row behind however clients leave', async () => {
    const feed = await readInspectorFeed(port);
    try {
      const clients: Client[] = [];
      // At most 20 handshakes in flight, well inside the 500-per-second quota.
      for (let i = 0; i < CLIENTS; i += 20) clients.push(...(await Promise.all(Array.from({ length: Math.min(20, CLIENTS - i) }, connect))));
      await expect.poll(storedConnections, { timeout: 20_000 }).toBe(CLIENTS);

      const sent = clients.map((_, i) => Array.from({ length: MESSAGES_EACH }, (_, j) => `client ${i} message ${j}`));
      // Every client sends all its messages at once, without waiting for the echoes.
      clients.forEach((client, i) => sent[i]?.forEach((body) => client.socket.send(body)));
      await expect.poll(() => clients.every((client) => client.echoes.length >= MESSAGES_EACH), { timeout: 60_000, interval: 100 }).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 200));

      const invoked = invokedBodies(feed, '$default');
      clients.forEach((client, i) => {
        // Exactly once: the same set, no duplicates. Echoes may overtake each other (AWS does not serialise invocations).
        expect([...client.echoes].sort()).toEqual([...(sent[i] as string[])].sort());
        expect(client.echoedIds.size).toBe(1);
        const [connectionId] = client.echoedIds as Set<string>;
        // The gateway invoked them in the order the client sent them.
        expect(invoked.get(connectionId as string)).toEqual(sent[i]);
      });

      const ways: LeavingWay[] = clients.map((_, i) => LEAVING_WAYS[i % LEAVING_WAYS.length] as LeavingWay);
      clients.forEach((client, i) => leave(client.socket, ways[i] as LeavingWay));
      await expect.poll(() => stack.emulator.openConnectionIds().length, { timeout: 20_000 }).toBe(0);
      // `$disconnect` deleted every row, the vanished clients' too.
      await expect.poll(storedConnections, { timeout: 30_000, interval: 200 }).toBe(0);
      const closes = feed.entries.filter((entry) => entry.type === 'close');
      expect(closes).toHaveLength(CLIENTS);
      const codes = closes.map((entry) => (entry.type === 'close' ? entry.code : 0));
      expect(codes.filter((code) => code === 1006)).toHaveLength(ways.filter((way) => way === 'destroy' || way === 'destroy-mid-message').length);
    } finally {
      feed.stop();
    }
  }, 120_000);
});
