import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startLocalStack, type LocalStack } from '../../emulator/local-stack.ts';

// Real AWS SDK v3 and v2 clients inside the real Lambda workers, finding @connections and DynamoDB
// in every way real services do (test/fixtures/management-endpoints), against real sockets.
let stack: LocalStack;
let port: number;
let apiId: string;

beforeAll(async () => {
  // No --stage: the file's `${opt:stage, 'dev'}` gives dev, as `npm run emulator` now does.
  stack = await startLocalStack({ config: 'test/fixtures/management-endpoints/serverless.yml', port: 0, hotReload: false });
  port = Number(new URL(stack.emulator.webSocketUrl).port);
  const status = (await (await fetch(`http://127.0.0.1:${port}/_emulator/status`)).json()) as { apiId: string };
  apiId = status.apiId;
});

afterAll(async () => {
  await stack?.close();
});

/** Sends one request to the `sdk` route and collects what comes back: the post (if any), then the route response. */
async function ask(sdk: 'v3' | 'v2', request: Record<string, unknown>): Promise<{ posted?: Record<string, unknown>; answer: Record<string, unknown> }> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/dev`);
  await once(socket, 'open');
  const received: Record<string, unknown>[] = [];
  const answered = new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      received.push(message);
      if (!('posted' in message)) resolve();
    });
  });
  socket.send(JSON.stringify({ action: sdk, ...request }));
  await answered;
  socket.close();
  const posted = received.find((message) => 'posted' in message);
  return { ...(posted ? { posted } : {}), answer: received.find((message) => !('posted' in message)) as Record<string, unknown> };
}

const region = 'ap-northeast-1';

describe.each(['v3', 'v2'] as const)('a handler using the AWS SDK %s', (sdk) => {
  it.each([
    ['https://{domainName}/{stage}', 'domainName', () => `https://127.0.0.1:${port}/dev`],
    ['https://{apiId}.execute-api.{AWS_REGION}.amazonaws.com/{stage}', 'apiId', () => `https://${apiId}.execute-api.${region}.amazonaws.com/dev`],
    ['an environment variable from Fn::Join with ${sls:stage}', 'JOIN_ENDPOINT', () => `https://${apiId}.execute-api.${region}.amazonaws.com/dev`],
    ['an environment variable from !Join with AWS::URLSuffix and ${self:provider.stage}', 'JOIN_ENDPOINT_SELF_STAGE', () => `https://${apiId}.execute-api.${region}.amazonaws.com/dev`],
    ['an environment variable from Fn::Sub', 'SUB_ENDPOINT', () => `https://${apiId}.execute-api.${region}.amazonaws.com/dev`],
    ['an environment variable from !Sub without https://', 'noScheme', () => `https://${apiId}.execute-api.${region}.amazonaws.com/dev`],
  ])('reaches @connections through %s', async (_form, via, endpoint) => {
    const { posted, answer } = await ask(sdk, { via });
    expect(posted).toEqual({ posted: via, endpoint: endpoint() });
    expect(answer).toEqual({ done: via });
  });

  it('sends another API id to the network, which fails there as it would on a machine without one', async () => {
    const { posted, answer } = await ask(sdk, { via: 'otherApiId' });
    expect(posted).toBeUndefined();
    const host = `zzzzzzzzzz.execute-api.${region}.amazonaws.com`;
    expect(answer).toEqual(
      sdk === 'v3'
        ? { failed: 'otherApiId', name: 'Error', code: 'ENOTFOUND', message: `getaddrinfo ENOTFOUND ${host}` }
        : { failed: 'otherApiId', name: 'UnknownEndpoint', code: 'UnknownEndpoint', message: `Inaccessible host: \`${host}' at port \`undefined'. This service may not be available in the \`${region}' region.` },
    );
  });

  it('sends this API id in another Region to the network', async () => {
    const { answer } = await ask(sdk, { via: 'otherRegion' });
    expect(answer).toMatchObject({ failed: 'otherRegion', code: sdk === 'v3' ? 'ENOTFOUND' : 'UnknownEndpoint' });
  });

  it.each([
    ['the function\'s Region from AWS_REGION', undefined],
    ['an explicit Region and no endpoint', region],
  ])('reaches the local DynamoDB with a client given %s', async (_how, clientRegion) => {
    const { answer } = await ask(sdk, { via: 'dynamodb', ...(clientRegion ? { region: clientRegion } : {}) });
    expect(answer).toEqual({ stored: sdk });
  });
});

it('sends the AWS SDK v2 to the network for DynamoDB in another Region', async () => {
  const { answer } = await ask('v2', { via: 'dynamodb', region: 'us-east-1' });
  expect(answer).toEqual({
    failed: 'dynamodb',
    name: 'UnknownEndpoint',
    code: 'UnknownEndpoint',
    message: "Inaccessible host: `dynamodb.us-east-1.amazonaws.com' at port `undefined'. This service may not be available in the `us-east-1' region.",
  });
});
