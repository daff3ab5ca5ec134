import { once } from 'node:events';
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';

// A real `ws` client → the emulator → the sample's real handlers in Lambda workers → dynalite,
// and the replies back through @connections, as `npm start` runs them.
const CONNECTIONS_TABLE = 'apigw-websocket-tutorial-local-connections';
let stack: LocalStack;
let wsUrl: string;
let table: DynamoDBDocumentClient;
let management: ApiGatewayManagementApiClient;

beforeAll(async () => {
  stack = await startLocalStack({ config: 'sample-backend/serverless.yml', stage: 'local', port: 0, hotReload: false });
  const port = Number(new URL(stack.emulator.webSocketUrl).port);
  wsUrl = `ws://127.0.0.1:${port}/local`;
  const region = stack.service.region;
  table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoDb.endpoint, region, credentials: LOCAL_CREDENTIALS }));
  management = new ApiGatewayManagementApiClient({ endpoint: `http://127.0.0.1:${port}/local`, region, credentials: LOCAL_CREDENTIALS });
});

afterAll(async () => {
  table?.destroy();
  management?.destroy();
  await stack?.close();
});

/** A connected client that queues what it receives, so no message is missed between awaits. */
async function connect(protocols?: string[]) {
  const socket = new WebSocket(wsUrl, protocols);
  const inbox: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data: Buffer) => {
    inbox.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    for (const wake of waiters.splice(0)) wake();
  });
  await once(socket, 'open');
  return {
    socket,
    send: (message: unknown) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    /** The next message not read yet. */
    async next(): Promise<Record<string, unknown>> {
      while (inbox.length === 0) await new Promise<void>((resolve) => waiters.push(resolve));
      return inbox.shift() as Record<string, unknown>;
    },
    async whoami(): Promise<string> {
      socket.send('{"action":"whoami"}');
      return (await this.next()).connectionId as string;
    },
    close: () => socket.close(1000),
  };
}

async function storedConnection(connectionId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.send(new GetCommand({ TableName: CONNECTIONS_TABLE, Key: { connectionId } }));
  return Item;
}

describe('the sample backend on the emulator', () => {
  it('$connect stores the connection with a TTL past the 2-hour limit; $disconnect deletes it', async () => {
    const client = await connect();
    const id = await client.whoami();
    const row = await storedConnection(id);
    expect(row).toMatchObject({ connectionId: id, sourceIp: '127.0.0.1' });
    expect(Number(row?.expiresAt) - Math.floor(Number(row?.connectedAt) / 1000)).toBe(2 * 60 * 60 + 10 * 60);
    client.close();
    await expect.poll(() => storedConnection(id)).toBeUndefined();
  });

  it('$connect accepts the subprotocol it speaks and refuses others with 400', async () => {
    const ok = await connect(['something-else', 'apigw-tutorial.v1']);
    expect(ok.socket.protocol).toBe('apigw-tutorial.v1');
    ok.close();
    const refused = new WebSocket(wsUrl, ['chat.v9']);
    refused.on('error', () => {}); // the refused handshake also reports an error; the status is what matters
    const [, response] = (await once(refused, 'unexpected-response')) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(400);
    refused.terminate();
  });

  it('$default echoes through @connections with the connectionId, routeKey, time and why $default was used', async () => {
    const client = await connect();
    const id = await client.whoami();
    client.send('hello');
    expect(await client.next()).toMatchObject({ type: 'echo', echo: 'hello', connectionId: id, routeKey: '$default', why: expect.stringContaining('not JSON') });
    client.send({ action: 'nope' });
    expect((await client.next()).why).toBe('No route is named "nope", so API Gateway used $default.');
    client.close();
  });

  it('whoami tells the client its own connectionId', async () => {
    const client = await connect();
    const reply = await (client.send({ action: 'whoami' }), client.next());
    expect(reply).toMatchObject({ type: 'whoami', sourceIp: '127.0.0.1' });
    expect(reply.connectionId).toMatch(/^[\w-]{15}=$/);
    expect(stack.emulator.openConnectionIds()).toContain(reply.connectionId);
    client.close();
  });

  it('broadcast reaches every connection and reports to the sender', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const aId = await a.whoami();
    a.send({ action: 'broadcast', message: 'hi all' });
    const toB = await b.next();
    expect(toB).toMatchObject({ type: 'broadcast', from: aId, message: 'hi all' });
    const [first, second] = [await a.next(), await a.next()];
    const result = [first, second].find((m) => m.type === 'broadcast-result');
    expect(result).toMatchObject({ removedStale: [], failed: [] });
    expect(result?.sent).toBeGreaterThanOrEqual(2);
    a.close();
    b.close();
  });

  it('broadcast deletes a stale connection on GoneException, never the sender\'s', async () => {
    const stale = 'StaleStaleSCxx=';
    await table.send(new PutCommand({ TableName: CONNECTIONS_TABLE, Item: { connectionId: stale, connectedAt: 0, sourceIp: '0.0.0.0', expiresAt: 0 } }));
    const sender = await connect();
    const senderId = await sender.whoami();
    sender.send({ action: 'broadcast', message: 'anyone?' });
    let result: Record<string, unknown> | undefined;
    while (!result) {
      const message = await sender.next();
      if (message.type === 'broadcast-result') result = message;
    }
    // Rows of clients that closed in earlier tests may be cleaned up too, if their $disconnect is still on its way.
    expect(result.removedStale).toContain(stale);
    expect(result.removedStale).not.toContain(senderId);
    expect(await storedConnection(stale)).toBeUndefined();
    expect(await storedConnection(senderId)).toBeDefined();
    sender.close();
  });

  it('broadcast limits each connection to 5 per minute', async () => {
    const client = await connect();
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      client.send({ action: 'broadcast', message: `n${i}` });
      for (;;) {
        const message = await client.next();
        if (message.type === 'broadcast-result' || message.type === 'error') {
          outcomes.push(message.type === 'error' ? String(message.error) : 'ok');
          break;
        }
      }
    }
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'This connection may broadcast 5 times per 60 seconds; wait a little.']);
    client.close();
  });

  it.each([
    [{ action: 'broadcast' }, 'broadcast needs a "message" string, for example {"action":"broadcast","message":"hi"}.'],
    [{ action: 'broadcast', message: 42 }, 'broadcast needs a "message" string, for example {"action":"broadcast","message":"hi"}.'],
    [{ action: 'broadcast', message: 'x'.repeat(1001) }, 'A broadcast message may be at most 1000 characters; this one has 1001.'],
    [{ action: 'broadcast', message: 'y', pad: 'z'.repeat(9000) }, 'The message is 9045 bytes; this backend accepts at most 8192.'],
  ])('answers a bad broadcast with a clear error and no stack trace (%#)', async (message, error) => {
    const client = await connect();
    client.send(message);
    expect(await client.next()).toEqual({ type: 'error', routeKey: 'broadcast', error });
    client.close();
  });

  it('push sends several messages after a pause, without being asked again', async () => {
    const client = await connect();
    const asked = Date.now();
    client.send({ action: 'push' });
    const pushes = [await client.next(), await client.next(), await client.next()];
    expect(pushes.map((m) => [m.type, m.n, m.of])).toEqual([['push', 1, 3], ['push', 2, 3], ['push', 3, 3]]);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(1400);
    client.close();
  });

  it('inspect returns the Lambda events this connection caused, starting with $connect', async () => {
    const client = await connect();
    await client.whoami();
    client.send({ action: 'inspect' });
    const { type, events } = (await client.next()) as { type: string; events: { requestContext: { routeKey: string; eventType: string } }[] };
    expect(type).toBe('inspect');
    expect(events.map((e) => e.requestContext.routeKey)).toEqual(['$connect', 'whoami', 'inspect']);
    expect(events[0]?.requestContext.eventType).toBe('CONNECT');
    client.close();
  });

  it('ping sends nothing back, and time answers through its route response', async () => {
    const client = await connect();
    client.send({ action: 'ping' });
    client.send({ action: 'time' });
    expect(await client.next()).toMatchObject({ type: 'time', via: 'route response' });
    client.close();
  });

  it('lets the AWS SDK post to and describe a connection, and raises GoneException once it is closed', async () => {
    const client = await connect();
    const id = await client.whoami();
    await management.send(new PostToConnectionCommand({ ConnectionId: id, Data: JSON.stringify({ type: 'from-sdk' }) }));
    expect(await client.next()).toEqual({ type: 'from-sdk' });
    expect((await management.send(new GetConnectionCommand({ ConnectionId: id }))).Identity?.SourceIp).toBe('127.0.0.1');
    client.socket.close();
    await once(client.socket, 'close');
    await expect(management.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'late' }))).rejects.toBeInstanceOf(GoneException);
  });
});
