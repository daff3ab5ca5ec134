import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynaliteEngine } from '../../emulator/dynalite-engine.ts';
import type { InPageRequestTarget } from '../../emulator/in-page-sdk-handler.ts';
import type { InPageResponse } from '../../emulator/in-page-transport.ts';
import { LambdaFunction } from '../../emulator/lambda-function.ts';
import { serveRequests } from '../../emulator/port-requests.ts';
import { freePort } from '../../bench/support/child-server.ts';

// The real SDK v3 in a real Lambda worker, given ports instead of servers: nothing listens on the
// endpoints' port, so a call that arrives went over the port (over HTTP it would be refused).
let folder: string;
let closedPort: number;
/** Where nothing listens either: the local DynamoDB's endpoint. */
let closedStorePort: number;
const functions: LambdaFunction[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'direct-'));
  closedPort = await freePort();
  closedStorePort = await freePort();
  await writeFile(join(folder, 'store.mjs'), `import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
const client = DynamoDBDocumentClient.from(new DynamoDBClient({ maxAttempts: 1 }));
export const handler = async () => {
  await client.send(new CreateTableCommand({ TableName: 'things', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] }));
  await client.send(new PutCommand({ TableName: 'things', Item: { id: 'a', n: 1 } }));
  const missing = await client.send(new PutCommand({ TableName: 'no-such-table', Item: { id: 'a' } })).catch((error) => error.name);
  return { item: (await client.send(new GetCommand({ TableName: 'things', Key: { id: 'a' } }))).Item, missing };
};\n`);
  await writeFile(join(folder, 'post.mjs'), `import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
export const handler = async ({ endpoint, id }) => {
  const client = new ApiGatewayManagementApiClient({ endpoint, maxAttempts: 1 });
  return client.send(new PostToConnectionCommand({ ConnectionId: id, Data: 'hi' })).then(() => 'sent', (error) => error.name);
};\n`);
});

afterAll(async () => {
  await Promise.all(functions.splice(0).map((fn) => fn.stop()));
  await rm(folder, { recursive: true, force: true });
});

function lambda(file: string, targets: { management: InPageRequestTarget; dynamoDb: InPageRequestTarget }): LambdaFunction {
  const fn = new LambdaFunction(
    { name: file, handlerModule: join(folder, file), handlerExport: 'handler', runtime: 'nodejs22.x', timeoutSeconds: 10, memorySize: 128,
      environment: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', AWS_ENDPOINT_URL_DYNAMODB: `http://127.0.0.1:${closedStorePort}` } },
    {
      localEndpoints: () => ({ emulatorPort: closedPort, apiId: 'k3x9q2m7pa', region: 'us-east-1', dynamoDbEndpoint: `http://127.0.0.1:${closedStorePort}` }),
      onLog: () => {},
      openDirectPorts: () => {
        const management = new MessageChannel();
        const dynamoDb = new MessageChannel();
        serveRequests(management.port1, targets.management);
        serveRequests(dynamoDb.port1, targets.dynamoDb);
        return { forWorker: { management: management.port2, dynamoDb: dynamoDb.port2 }, close: () => (management.port1.close(), dynamoDb.port1.close()) };
      },
    },
  );
  functions.push(fn);
  return fn;
}

const noManagement: InPageRequestTarget = { request: () => Promise.reject(new Error('not this one')) };

describe('SDK calls over ports (direct-sdk-transport.ts)', () => {
  it("reach dynalite's engine with the SDK's own serialising, parsing and error types", async () => {
    const fn = lambda('store.mjs', { management: noManagement, dynamoDb: createDynaliteEngine() });
    expect(await fn.invoke({}, 'r1')).toEqual({ item: { id: 'a', n: 1 }, missing: 'ResourceNotFoundException' });
  });

  it('reach @connections by path, with the 410 a closed connection gets', async () => {
    const calls: string[] = [];
    const management: InPageRequestTarget = {
      async request(method, target, init): Promise<InPageResponse> {
        calls.push(`${method} ${target} ${String(init?.body)}`);
        return target.endsWith('/gone%3D') ? { status: 410, headers: { 'x-amzn-ErrorType': 'GoneException' }, body: '' } : { status: 200, headers: {}, body: '' };
      },
    };
    const fn = lambda('post.mjs', { management, dynamoDb: createDynaliteEngine() });
    const endpoint = 'https://k3x9q2m7pa.execute-api.us-east-1.amazonaws.com/local';
    expect(await fn.invoke({ endpoint, id: 'open=' }, 'r1')).toBe('sent');
    expect(await fn.invoke({ endpoint, id: 'gone=' }, 'r2')).toBe('GoneException');
    expect(await fn.invoke({ endpoint: `http://localhost:${closedPort}/local`, id: 'open=' }, 'r3')).toBe('sent');
    expect(calls).toEqual(['POST /local/@connections/open%3D hi', 'POST /local/@connections/gone%3D hi', 'POST /local/@connections/open%3D hi']);
  });

  it('leave other hosts to the network, as before', async () => {
    const fn = lambda('post.mjs', { management: noManagement, dynamoDb: createDynaliteEngine() });
    // Another port on loopback: not this emulator, so the SDK's own HTTP handler takes it, and nothing listens there.
    const elsewhere = await freePort();
    const answer = await fn.invoke({ endpoint: `http://127.0.0.1:${elsewhere}/local`, id: 'x=' }, 'r1');
    expect(answer).toMatch(/ECONNREFUSED|Error/);
  });
});
