import { once } from 'node:events';
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';

// A real `ws` client → the emulator → the sample's real handlers in Lambda workers → dynalite,
// and the echo back through @connections, as `npm start` runs them.
let stack: LocalStack;
let port: number;
let table: DynamoDBDocumentClient;
let management: ApiGatewayManagementApiClient;

beforeAll(async () => {
  stack = await startLocalStack({ config: 'sample-backend/serverless.yml', port: 0, stage: 'local' });
  port = Number(new URL(stack.emulator.webSocketUrl).port);
  const region = stack.service.region;
  table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.dynamoDb.endpoint, region, credentials: LOCAL_CREDENTIALS }));
  management = new ApiGatewayManagementApiClient({
    endpoint: `http://127.0.0.1:${port}/local`,
    region,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  table?.destroy();
  management?.destroy();
  await stack?.close();
});

async function connect(): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/local`);
  await once(client, 'open');
  return client;
}

async function nextMessage(client: WebSocket): Promise<string> {
  const [data] = (await once(client, 'message')) as [Buffer];
  return data.toString('utf8');
}

async function storedConnection(connectionId: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.send(new GetCommand({ TableName: 'apigw-websocket-tutorial-local-connections', Key: { connectionId } }));
  return Item;
}

/** Polls until `check` holds; tests wait for a state, never for a fixed time. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the sample backend on the emulator', () => {
  it('echoes a message back through @connections and keeps the connection in DynamoDB while it is open', async () => {
    const client = await connect();
    client.send('hello');
    const echo = JSON.parse(await nextMessage(client)) as Record<string, string>;
    expect(echo).toMatchObject({ echo: 'hello', routeKey: '$default' });
    expect(echo.connectionId).toMatch(/^[\w-]{15}=$/);
    expect(Date.parse(echo.receivedAt ?? '')).not.toBeNaN();

    const row = await storedConnection(echo.connectionId ?? '');
    expect(row).toMatchObject({ connectionId: echo.connectionId, sourceIp: '127.0.0.1' });
    expect(typeof row?.connectedAt).toBe('number');

    client.close(1000, 'done');
    await eventually(async () => (await storedConnection(echo.connectionId ?? '')) === undefined);
  });

  it('lets the AWS SDK post to and describe a connection, and raises GoneException once it is closed', async () => {
    const client = await connect();
    client.send('who am i');
    const { connectionId } = JSON.parse(await nextMessage(client)) as { connectionId: string };

    const pushed = nextMessage(client);
    await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the server' }));
    expect(await pushed).toBe('from the server');

    const described = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(described.ConnectedAt).toBeInstanceOf(Date);
    expect(described.Identity?.SourceIp).toBe('127.0.0.1');

    client.close();
    await once(client, 'close');
    await expect(management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'too late' }))).rejects.toBeInstanceOf(
      GoneException,
    );
  });

  it('keeps each connection apart: every client gets only its own echo', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    const replies = Promise.all([nextMessage(a!), nextMessage(b!)]);
    a!.send('from a');
    b!.send('from b');
    const [toA, toB] = (await replies).map((text) => (JSON.parse(text) as { echo: string }).echo);
    expect([toA, toB]).toEqual(['from a', 'from b']);
    a!.close();
    b!.close();
  });
});
