import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEmulator, type Emulator, type RouteDefinition } from '../../emulator/emulator.ts';
import type { WebSocketEvent } from '../../emulator/events.ts';

// The emulator core with routes as plain functions: no workers, no DynamoDB.
let emulator: Emulator | undefined;
const clients: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await emulator?.close();
  emulator = undefined;
});

function route(handler: (event: WebSocketEvent) => unknown, twoWay = false): RouteDefinition {
  return { twoWay, handler: async (event) => handler(event) };
}

async function start(routes: Record<string, RouteDefinition>): Promise<number> {
  emulator = createEmulator({ routes, port: 0, stage: 'local' });
  return (await emulator.listen()).port;
}

function open(port: number, protocols?: string[]): Promise<WebSocket> {
  const client = new WebSocket(`ws://127.0.0.1:${port}/local`, protocols);
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve(client));
    client.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    client.once('error', reject);
  });
}

async function nextMessage(client: WebSocket): Promise<string> {
  const [data] = (await once(client, 'message')) as [Buffer];
  return data.toString('utf8');
}

describe('the $connect handshake', () => {
  it('completes the handshake when $connect returns 200', async () => {
    const port = await start({ $connect: route(() => ({ statusCode: 200 })) });
    const client = await open(port);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('accepts a result without statusCode, as AWS does', async () => {
    const port = await start({ $connect: route(() => ({})) });
    await expect(open(port)).resolves.toBeInstanceOf(WebSocket);
  });

  it('rejects the handshake with the status $connect returned', async () => {
    const port = await start({ $connect: route(() => ({ statusCode: 401 })) });
    await expect(open(port)).rejects.toThrow('HTTP 401');
  });

  it('rejects the handshake with 502 when $connect throws', async () => {
    const port = await start({ $connect: route(() => { throw new Error('boom'); }) });
    await expect(open(port)).rejects.toThrow('HTTP 502');
  });

  it('gives the $connect event the query string, and no body', async () => {
    const events: WebSocketEvent[] = [];
    const port = await start({ $connect: route((event) => { events.push(event); return { statusCode: 200 }; }) });
    const client = new WebSocket(`ws://127.0.0.1:${port}/local?room=lobby`);
    clients.push(client);
    await once(client, 'open');
    const [event] = events;
    expect(event?.queryStringParameters).toEqual({ room: 'lobby' });
    expect(event?.requestContext.eventType).toBe('CONNECT');
    expect(event?.body).toBeUndefined();
    expect(event?.headers).not.toHaveProperty('Upgrade');
  });

  it('uses only the subprotocol $connect returned', async () => {
    const port = await start({
      $connect: route(() => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v2' } })),
    });
    const client = await open(port, ['chat.v1', 'chat.v2']);
    expect(client.protocol).toBe('chat.v2');
  });
});

describe('messages', () => {
  it('answers with a Forbidden frame when nothing matches and there is no $default', async () => {
    const port = await start({ sendmessage: route(() => ({ statusCode: 200 })) });
    const client = await open(port);
    client.send('{"action":"other"}');
    expect(await nextMessage(client)).toMatch(/^\{"message": "Forbidden", "connectionId":"[\w-]{15}=", "requestId":"[\w-]{15}="\}$/);
  });

  it('sends nothing back from a one-way route, whatever the handler returns', async () => {
    const port = await start({
      $default: route(() => ({ statusCode: 200, body: 'ignored' })),
      probe: route(() => ({ statusCode: 200, body: 'probe reply' }), true),
    });
    const client = await open(port);
    client.send('hello');
    client.send('{"action":"probe"}');
    // Messages arrive in order, so if the one-way reply had been sent it would come first.
    expect(await nextMessage(client)).toBe('probe reply');
  });

  it('sends an Internal server error frame when the handler throws, and keeps the connection open', async () => {
    const port = await start({ $default: route(() => { throw new Error('boom'); }) });
    const client = await open(port);
    client.send('hello');
    expect(await nextMessage(client)).toMatch(/^\{"message": "Internal server error", "connectionId":"/);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('sends an Internal server error frame for a malformed proxy result', async () => {
    const port = await start({ $default: route(() => ({ statusCode: 200, Data: 'x' })) });
    const client = await open(port);
    client.send('hello');
    expect(await nextMessage(client)).toMatch(/^\{"message": "Internal server error"/);
  });

  it('closes with 1003 on a binary frame', async () => {
    const port = await start({ $default: route(() => ({ statusCode: 200 })) });
    const client = await open(port);
    client.send(Buffer.from([1, 2, 3]));
    const [code] = (await once(client, 'close')) as [number];
    expect(code).toBe(1003);
  });

  it('closes with 1009 "Message too big" above 128 KB', async () => {
    const port = await start({ $default: route(() => ({ statusCode: 200 })) });
    const client = await open(port);
    client.send('x'.repeat(128 * 1024 + 1));
    const [code, reason] = (await once(client, 'close')) as [number, Buffer];
    expect([code, reason.toString()]).toEqual([1009, 'Message too big']);
  });
});

describe('$disconnect', () => {
  it('reports the close code and reason the client sent', async () => {
    let resolveEvent: (event: WebSocketEvent) => void = () => {};
    const disconnected = new Promise<WebSocketEvent>((resolve) => { resolveEvent = resolve; });
    const port = await start({ $disconnect: route((event) => { resolveEvent(event); return { statusCode: 200 }; }) });
    const client = await open(port);
    client.close(4000, 'bye');
    const event = await disconnected;
    expect(event.requestContext).toMatchObject({ eventType: 'DISCONNECT', disconnectStatusCode: 4000, disconnectReason: 'bye' });
    expect(event.headers).toEqual({ Host: `127.0.0.1:${port}`, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' });
  });

  it('reports 1005 with AWS\'s reason when the close frame has no code', async () => {
    let resolveEvent: (event: WebSocketEvent) => void = () => {};
    const disconnected = new Promise<WebSocketEvent>((resolve) => { resolveEvent = resolve; });
    const port = await start({ $disconnect: route((event) => { resolveEvent(event); return { statusCode: 200 }; }) });
    const client = await open(port);
    client.close();
    expect((await disconnected).requestContext).toMatchObject({
      disconnectStatusCode: 1005,
      disconnectReason: 'Client-side close frame status not set',
    });
  });
});

describe('the @connections API', () => {
  async function connectedClient(): Promise<{ port: number; client: WebSocket; connectionId: string }> {
    let connectionId = '';
    const port = await start({ $connect: route((event) => { connectionId = event.requestContext.connectionId; return { statusCode: 200 }; }) });
    const client = await open(port);
    return { port, client, connectionId };
  }

  it('posts to an open connection, with @ and = encoded or not', async () => {
    const { port, client, connectionId } = await connectedClient();
    const encoded = `http://127.0.0.1:${port}/local/%40connections/${encodeURIComponent(connectionId)}`;
    const received = nextMessage(client);
    const response = await fetch(encoded, { method: 'POST', body: 'pushed' });
    expect(response.status).toBe(200);
    expect(await received).toBe('pushed');
  });

  it('answers 410 GoneException with an empty body for an unknown id', async () => {
    const port = await start({});
    const response = await fetch(`http://127.0.0.1:${port}/local/@connections/AAAAAAAAAAACAAA=`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(410);
    expect(response.headers.get('x-amzn-errortype')).toBe('GoneException');
    expect(await response.text()).toBe('');
  });

  it('answers 413 above 131072 bytes', async () => {
    const { port, connectionId } = await connectedClient();
    const response = await fetch(`http://127.0.0.1:${port}/local/@connections/${connectionId}`, { method: 'POST', body: 'x'.repeat(131073) });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-amzn-errortype')).toBe('PayloadTooLargeException');
  });

  it('describes a connection with GET', async () => {
    const { port, connectionId } = await connectedClient();
    const response = await fetch(`http://127.0.0.1:${port}/local/@connections/${connectionId}`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['connectedAt', 'identity', 'lastActiveAt']);
    expect(body.identity).toEqual({ sourceIp: '127.0.0.1', userAgent: null });
  });

  it('closes a connection with DELETE, after which POST answers 410', async () => {
    const { port, client, connectionId } = await connectedClient();
    const url = `http://127.0.0.1:${port}/local/@connections/${connectionId}`;
    const closed = once(client, 'close');
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
    const [code] = (await closed) as [number];
    expect(code).toBe(1000);
    expect((await fetch(url, { method: 'POST', body: 'late' })).status).toBe(410);
  });

  it('answers a plain GET on the WebSocket URL with 426', async () => {
    const port = await start({});
    expect((await fetch(`http://127.0.0.1:${port}/local`)).status).toBe(426);
  });
});
