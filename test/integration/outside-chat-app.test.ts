import { once } from 'node:events';
import { DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';
import { eventually } from '../support/emulator-harness.ts';
import { readInspectorFeed } from '../support/inspector-feed.ts';

// AWS's aws-samples/simple-websockets-chat-app, unmodified (test/fixtures/outside/...): its SAM
// template.yaml as `npm run emulator -- --template` reads it, its handlers, real clients and dynalite.
let stack: LocalStack;
let port: number;
let table: DynamoDBClient;
const TABLE = 'simplechat_connections';

beforeAll(async () => {
  stack = await startLocalStack({ template: 'test/fixtures/outside/aws-samples-simple-websockets-chat-app/template.yaml', port: 0, hotReload: false });
  port = Number(new URL(stack.emulator.webSocketUrl).port);
  table = new DynamoDBClient({ endpoint: stack.dynamoDb.endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  table?.destroy();
  await stack?.close();
});

async function storedIds(): Promise<string[]> {
  const { Items = [] } = await table.send(new ScanCommand({ TableName: TABLE }));
  return Items.map((item) => item.connectionId?.S as string).sort();
}

/** A connected client that keeps what it receives, and its connection id from the table. */
async function connect() {
  const before = new Set(await storedIds());
  const socket = new WebSocket(`ws://127.0.0.1:${port}/Prod`);
  const inbox: string[] = [];
  socket.on('message', (data: Buffer) => inbox.push(data.toString('utf8')));
  await once(socket, 'open');
  // onconnect stores the id before the handshake completes.
  const id = (await storedIds()).find((stored) => !before.has(stored)) as string;
  return { socket, inbox, id };
}

describe('aws-samples/simple-websockets-chat-app on the emulator', () => {
  it('sends a message to every connected client through https://{apiId}.execute-api.{AWS_REGION}.amazonaws.com/{stage}', async () => {
    const [alice, bob] = [await connect(), await connect()];
    expect(await storedIds()).toEqual([alice.id, bob.id].sort());
    alice.socket.send('{"action":"sendmessage", "data":"hello world"}');
    await eventually(() => alice.inbox.length === 1 && bob.inbox.length === 1);
    expect([alice.inbox, bob.inbox]).toEqual([['hello world'], ['hello world']]);
    alice.socket.close();
    bob.socket.close();
    // ondisconnect deletes each id.
    await expect.poll(storedIds).toEqual([]);
  });

  it('meets a stale connection with a 410, still reaches the others, and deletes nothing, as its code does on AWS with the SDK v3', async () => {
    // A connection whose $disconnect never came (it is best effort): its row outlives it.
    const stale = 'R1kmxc2VNjMCFIA=';
    await table.send(new PutItemCommand({ TableName: TABLE, Item: { connectionId: { S: stale } } }));
    const [alice, bob] = [await connect(), await connect()];
    const feed = await readInspectorFeed(port);
    alice.socket.send('{"action":"sendmessage", "data":"anyone there?"}');
    await eventually(() => alice.inbox.length === 1 && bob.inbox.length === 1);
    expect([alice.inbox, bob.inbox]).toEqual([['anyone there?'], ['anyone there?']]);
    await eventually(() => feed.entries.some((entry) => entry.type === 'result' && entry.routeKey === 'sendmessage'));
    feed.stop();
    expect(feed.entries.filter((entry) => entry.type === 'management').map((entry) => [entry.connectionId, entry.status]).sort())
      .toEqual([[alice.id, 200], [bob.id, 200], [stale, 410]].sort());
    // Its 410 branch tests `e.statusCode`, which SDK v3 errors do not have (v3 puts it in
    // `$metadata.httpStatusCode`), so the GoneException is rethrown and the handler answers 500. Had
    // the branch run, it would have deleted the sender's id rather than the stale one.
    const result = feed.entries.find((entry) => entry.type === 'result' && entry.routeKey === 'sendmessage') as { result?: { statusCode: number; body: string } };
    expect(result.result?.statusCode).toBe(500);
    expect(result.result?.body.split('\n')[0]).toBe('GoneException: UnknownError');
    expect(await storedIds()).toEqual([alice.id, bob.id, stale].sort());
    alice.socket.close();
    bob.socket.close();
    await expect.poll(storedIds).toEqual([stale]);
  });
});
