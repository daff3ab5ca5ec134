import { DynamoDBClient, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';
import { ID_PATTERN } from '../support/emulator-harness.ts';
import { runOutsideProject, type OutsideProject } from '../support/outside-project.ts';

// Five public Serverless Framework WebSocket projects (test/fixtures/outside/*/ORIGIN.md), each run
// unmodified from its own configuration and driven as its README says. With the three in
// outside-chat-app, outside-hyiromori and outside-websocket-authorizers, this is the eight-project walk.

describe('theo-dean/serverless-websocket-example: a DynamoDB stream pushes each change of a row to its connection', () => {
  let project: OutsideProject;
  beforeAll(async () => {
    project = await runOutsideProject('theo-dean-serverless-websocket-example', { config: 'serverless.yml' });
  }, 40_000);
  afterAll(async () => project?.stop());

  it('serves provider.stage (test), and its WebsocketsApi from resources', async () => {
    expect(project.stage).toBe('test');
    await project.waitForOutput(/Serving serverless-websockets-example \(3 functions\)/);
  });

  it('sends the row $connect wrote, then every update "npm run be" makes, through the stream and @connections', async () => {
    const client = await project.connect('?requestId=r-1');
    // The INSERT's record runs sendMessage, which reads the row and posts it to the connection.
    expect(await client.nth(1)).toMatchObject({ requestId: { S: 'r-1' }, connectionId: { S: expect.stringMatching(ID_PATTERN) }, products: { M: {} } });
    // What `npm run be r-1` does (exampleBE.ts), with the SDK pointed at the local DynamoDB the emulator prints.
    const endpoint = (await project.waitForOutput(/Local DynamoDB +(http:\/\/\S+)/))[1] as string;
    const dynamo = new DynamoDBClient({ endpoint, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS });
    try {
      for (const code of [17, 42]) {
        await dynamo.send(
          new UpdateItemCommand({
            TableName: 'serverless-websockets-example-connections-table-test',
            Key: { requestId: { S: 'r-1' } },
            UpdateExpression: 'SET products.#productCode = :product',
            ExpressionAttributeNames: { '#productCode': String(code) },
            ExpressionAttributeValues: { ':product': { S: JSON.stringify({ productCode: code, blah: 'blah' }) } },
          }),
        );
      }
    } finally {
      dynamo.destroy();
    }
    expect(await client.nth(2)).toMatchObject({ products: { M: { 17: { S: '{"productCode":17,"blah":"blah"}' } } } });
    expect(await client.nth(3)).toMatchObject({ products: { M: { 17: expect.anything(), 42: { S: '{"productCode":42,"blah":"blah"}' } } } });
    expect(project.output()).toMatch(/stream serverless-websockets-example-connections-table-test → serverless-websockets-example-test-sendMessage: 1 record handled in \d+ ms/);
  }, 30_000);

  it('fails its $disconnect as it would on AWS: its Key is a plain string, not in DynamoDB\'s attribute-value form', async () => {
    const client = await project.connect('?requestId=r-2');
    await client.nth(1);
    await client.close();
    await project.waitForOutput(/\$disconnect \S+ failed after \d+ ms: SerializationException/);
  }, 20_000);
});

describe('RafalWilinski/serverless-websockets-chat: a 2019 TypeScript chat (v1 service form, serverless-websockets-plugin, webpack)', () => {
  let project: OutsideProject;
  beforeAll(async () => {
    project = await runOutsideProject('rafalwilinski-serverless-websockets-chat', { config: 'backend/serverless.yml' });
  }, 40_000);
  afterAll(async () => project?.stop());

  it('reads service: { name }, routeKey, and its tables from resources: - ${file(./infra/dynamodb.yml)}, GSI included', async () => {
    await project.waitForOutput(/Serving serverless-websockets-chat \(4 functions\)/);
    const tables = (await (await fetch(`http://127.0.0.1:${project.port}/_emulator/tables`)).json()) as { tables: string[] };
    expect(tables.tables.sort()).toEqual(['chat-connections-dev', 'chat-messages-dev']);
  });

  it('chats as its React client does: rename gets the last messages, a message reaches every connection', async () => {
    const alice = await project.connect();
    const bob = await project.connect();
    alice.send({ action: 'rename', nickname: 'alice' });
    expect(await alice.nth(1)).toEqual({ action: 'messages', messages: [] });
    alice.send({ action: 'message', body: 'hello', author: 'alice' });
    // onConnect broadcast the connection count first; find the chat message among what arrived.
    const chat = { action: 'message', body: 'hello', author: 'alice' };
    await expect.poll(() => bob.inbox, { timeout: 10_000 }).toContainEqual(chat);
    await expect.poll(() => alice.inbox, { timeout: 10_000 }).toContainEqual(chat);
    const carol = await project.connect();
    carol.send({ action: 'rename', nickname: 'carol' });
    // The message was stored: the next rename gets it back among the last 20, as the client shows history.
    await expect.poll(() => carol.inbox.find((message) => (message as { action?: string }).action === 'messages'), { timeout: 10_000 }).toMatchObject({
      messages: [expect.objectContaining({ body: JSON.stringify(chat) })],
    });
  }, 30_000);
});

describe('neverendingqs/serverless-websocket-example: an authorizer on X-Forwarded-Proto, a table without TableName, and a broadcast by `sls invoke`', () => {
  let project: OutsideProject;
  beforeAll(async () => {
    project = await runOutsideProject('neverendingqs-serverless-websocket-example', { config: 'serverless.yml' });
  }, 40_000);
  afterAll(async () => project?.stop());

  it('lets a client connect: the identity source is a header API Gateway adds itself', async () => {
    const client = await project.connect();
    client.send({ action: 'routeA', text: 'to A' });
    client.send('no route');
    await expect.poll(() => project.output(), { timeout: 10_000 }).toMatch(/routeA \S+ handled in \d+ ms/);
    await expect.poll(() => project.output(), { timeout: 10_000 }).toMatch(/\$default \S+ handled in \d+ ms/);
    await client.close();
  }, 20_000);

  it('"npm run broadcast" (sls invoke --function broadcast --data ...) reaches every connected client', async () => {
    const [one, two] = [await project.connect(), await project.connect()];
    const invoked = await project.invoke(['--function', 'broadcast', '--data', '{ "body": "Hello from server" }']);
    expect(invoked.code).toBe(0);
    expect(await one.nth(1)).toBe('Hello from server');
    expect(await two.nth(1)).toBe('Hello from server');
    // Its connections table has no TableName: CloudFormation's kind of name, which Ref gives the code.
    const tables = (await (await fetch(`http://127.0.0.1:${project.port}/_emulator/tables`)).json()) as { tables: string[] };
    expect(tables.tables).toEqual(['websocket-example-dev-ConnectionsTable']);
  }, 30_000);

  it('says what is wrong with an invoke of a function that does not exist', async () => {
    const invoked = await project.invoke(['nope', '--data', '{}']);
    expect(invoked.code).toBe(1);
    expect(invoked.output).toContain('No function "nope". The functions are: authorizer, broadcast, websocket.');
  });
});

describe('mikaelvesavuori/aws-serverless-websockets-example: TypeScript with webpack, the SDK v3 from its own dependencies on nodejs16.x', () => {
  let project: OutsideProject;
  beforeAll(async () => {
    project = await runOutsideProject('mikaelvesavuori-aws-serverless-websockets-example', {
      config: 'serverless.yml',
      installed: ['@aws-sdk/client-apigatewaymanagementapi', '@aws-sdk/client-dynamodb'],
    });
  }, 40_000);
  afterAll(async () => project?.stop());

  it('serves its stage, shared, and answers sendMessage with the data, as its README says', async () => {
    expect(project.stage).toBe('shared');
    const client = await project.connect();
    client.send('{ "action": "sendMessage", "data": "Hello World!" }');
    expect(await client.nth(1)).toBe('Hello World!');
  }, 20_000);

  it('without its npm install, fails as a deployment without the packages would, naming them', async () => {
    const bare = await runOutsideProject('mikaelvesavuori-aws-serverless-websockets-example', { config: 'serverless.yml' });
    try {
      // A $connect that throws is a 502 on AWS (the behaviour reference, §4).
      await expect(bare.connect()).rejects.toThrow('HTTP 502');
      await bare.waitForOutput(/Could not resolve "@aws-sdk\/client-dynamodb"/);
    } finally {
      await bare.stop();
    }
  }, 40_000);
});

describe('dedentete/serverless-websocket-chat: serverless.ts from the aws-nodejs-typescript template, with path aliases and serverless-esbuild', () => {
  let project: OutsideProject;
  beforeAll(async () => {
    project = await runOutsideProject('dedentete-serverless-websocket-chat', { config: 'api/serverless.ts' });
  }, 40_000);
  afterAll(async () => project?.stop());

  it('evaluates serverless.ts: handler paths built from process.cwd(), @functions/* from tsconfig paths', async () => {
    await project.waitForOutput(/Serving serverless-websocket-chat-api \(4 functions\)/);
  });

  it('sends a message to every other connection, and answers an unknown action', async () => {
    const [alice, bob] = [await project.connect(), await project.connect()];
    alice.send({ action: 'sendmessage', message: 'こんにちは' });
    expect(await bob.nth(1)).toBe('こんにちは');
    alice.send('plain text');
    expect(await alice.nth(1)).toBe('not defined action...');
    // Its connection rows, as onConnect stored them.
    const endpoint = (await project.waitForOutput(/Local DynamoDB +(http:\/\/\S+)/))[1] as string;
    const dynamo = new DynamoDBClient({ endpoint, region: 'ap-northeast-1', credentials: LOCAL_CREDENTIALS });
    try {
      const { Items } = await dynamo.send(new ScanCommand({ TableName: 'serverlessWebsocketChatConnectionsTable' }));
      expect(Items).toHaveLength(2);
    } finally {
      dynamo.destroy();
    }
  }, 20_000);
});
