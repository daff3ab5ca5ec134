import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PayloadTooLargeException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, nextMessage, openClient, route, startEmulator, stopAll, type Started } from '../../support/emulator-harness.ts';

afterEach(stopAll);

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

async function connected(): Promise<Started & { client: Awaited<ReturnType<typeof openClient>>; connectionId: string; sdk: ApiGatewayManagementApiClient }> {
  const started = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })), $disconnect: route(() => ({ statusCode: 200 })) } });
  const client = await openClient(started.wsUrl, undefined, { headers: { 'User-Agent': 'sdk-test' } });
  const connectionId = started.events[0]?.requestContext.connectionId ?? '';
  const sdk = new ApiGatewayManagementApiClient({ endpoint: started.httpUrl, region: 'us-east-1', credentials, ...started.sdkTransport });
  return { ...started, client, connectionId, sdk };
}

describe('§6 the @connections management API', () => {
  it('§6.2 PostToConnection with the AWS SDK reaches the client as a text frame', async () => {
    const { client, connectionId, sdk } = await connected();
    const received = nextMessage(client);
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'from the SDK' }));
    expect(await received).toBe('from the SDK');
  });

  it('§6.2 GetConnection returns connectedAt, identity and lastActiveAt', async () => {
    const { connectionId, sdk } = await connected();
    const description = await sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    expect(description.ConnectedAt).toBeInstanceOf(Date);
    expect(description.LastActiveAt).toBeInstanceOf(Date);
    expect(description.Identity).toEqual({ SourceIp: '127.0.0.1', UserAgent: 'sdk-test' });
  });

  it('§6.2 §2.3 DeleteConnection closes with 1000, and $disconnect reports "Connection Closed Normally"', async () => {
    const { client, connectionId, sdk, events } = await connected();
    const closed = closeOf(client);
    await sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    expect((await closed).code).toBe(1000);
    await expect.poll(() => events[1]?.requestContext).toMatchObject({ disconnectStatusCode: 1000, disconnectReason: 'Connection Closed Normally' });
  });

  it('§6.2 raises GoneException for an unknown id and for a closed one', async () => {
    const { client, connectionId, sdk } = await connected();
    await expect(sdk.send(new PostToConnectionCommand({ ConnectionId: 'AAAAAAAAAAACAAA=', Data: 'x' }))).rejects.toBeInstanceOf(GoneException);
    client.close();
    await closeOf(client);
    await expect(sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x' }))).rejects.toBeInstanceOf(GoneException);
    await expect(sdk.send(new GetConnectionCommand({ ConnectionId: connectionId }))).rejects.toBeInstanceOf(GoneException);
    await expect(sdk.send(new DeleteConnectionCommand({ ConnectionId: connectionId }))).rejects.toBeInstanceOf(GoneException);
  });

  it('§6.2 answers 410 with an empty body and x-amzn-ErrorType: GoneException', async () => {
    const { httpUrl } = await connected();
    const response = await fetch(`${httpUrl}/@connections/AAAAAAAAAAACAAA%3D`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(410);
    expect(response.headers.get('x-amzn-errortype')).toBe('GoneException');
    expect(await response.text()).toBe('');
  });

  it('§6.2 raises PayloadTooLargeException (413) above 131072 bytes and accepts exactly 131072', async () => {
    const { client, connectionId, sdk } = await connected();
    await expect(sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x'.repeat(131073) }))).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    const received = nextMessage(client);
    await sdk.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'y'.repeat(131072) }));
    expect((await received).length).toBe(131072);
  });

  it('§6.1 accepts @ and = percent-encoded in the path', async () => {
    const { client, connectionId, httpUrl } = await connected();
    const received = nextMessage(client);
    const response = await fetch(`${httpUrl}/%40connections/${connectionId.replace('=', '%3D')}`, { method: 'POST', body: 'encoded' });
    expect(response.status).toBe(200);
    expect(await received).toBe('encoded');
  });

  it('§6.2 sends bytes that are not UTF-8 as a binary frame', async () => {
    const { client, connectionId, httpUrl } = await connected();
    const received = new Promise<{ data: Buffer; isBinary: boolean }>((resolve) => client.once('message', (data: Buffer, isBinary) => resolve({ data, isBinary })));
    await fetch(`${httpUrl}/@connections/${encodeURIComponent(connectionId)}`, { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x00]) });
    expect(await received).toEqual({ data: Buffer.from([0xff, 0xfe, 0x00]), isBinary: true });
  });

  it('answers other paths with 403 Forbidden', async () => {
    const { httpUrl } = await connected();
    const response = await fetch(`${httpUrl}/nothing-here`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ message: 'Forbidden' });
  });
});
