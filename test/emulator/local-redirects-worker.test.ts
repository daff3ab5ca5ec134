import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LambdaFunction } from '../../emulator/lambda-function.ts';

// What a redirected request looks like when it arrives: the real SDKs in a real Lambda worker, and a
// plain HTTP server on port 0 standing where the emulator would be, recording each request.
let folder: string;
let server: Server;
let port: number;
const received: IncomingMessage[] = [];
const functions: LambdaFunction[] = [];

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'redirects-'));
  await writeFile(join(folder, 'v3.mjs'), `import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
export const handler = async ({ endpoint }) => {
  await new ApiGatewayManagementApiClient({ endpoint, maxAttempts: 1 }).send(new PostToConnectionCommand({ ConnectionId: 'abc=', Data: 'hi' }));
  return 'sent';
};\n`);
  await writeFile(join(folder, 'v2.cjs'), `const { ApiGatewayManagementApi } = require('aws-sdk');
exports.handler = async ({ endpoint }) => {
  await new ApiGatewayManagementApi({ endpoint, maxRetries: 0 }).postToConnection({ ConnectionId: 'abc=', Data: 'hi' }).promise();
  return 'sent';
};\n`);
  server = createServer((req, res) => {
    received.push(req);
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await Promise.all(functions.splice(0).map((fn) => fn.stop()));
  server?.close();
  await rm(folder, { recursive: true, force: true });
});

function run(file: string, runtime: string, endpoint: string): Promise<unknown> {
  const fn = new LambdaFunction(
    { name: file, handlerModule: join(folder, file), handlerExport: 'handler', runtime, timeoutSeconds: 10, memorySize: 128,
      environment: { AWS_REGION: 'ap-northeast-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' } },
    { localEndpoints: () => ({ emulatorPort: port, apiId: 'k3x9q2m7pa', region: 'ap-northeast-1' }), onLog: () => {} },
  );
  functions.push(fn);
  return fn.invoke({ endpoint }, 'r1');
}

describe('a redirected @connections call', () => {
  it.each([
    ['v3', 'v3.mjs', 'nodejs22.x'],
    ['v2', 'v2.cjs', 'nodejs16.x'],
  ])('keeps the path and the signed Host header of this API (SDK %s)', async (_sdk, file, runtime) => {
    received.length = 0;
    expect(await run(file, runtime, 'https://k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com/dev')).toBe('sent');
    const [request] = received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/dev/@connections/abc%3D');
    expect(request?.headers.host).toBe('k3x9q2m7pa.execute-api.ap-northeast-1.amazonaws.com');
    // SigV4 signed that Host; the emulator checks no signature, so changing only the socket is enough.
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/ap-northeast-1\/execute-api\/aws4_request, SignedHeaders=[^ ]*host[^ ]*, Signature=[0-9a-f]{64}$/);
  });
});
