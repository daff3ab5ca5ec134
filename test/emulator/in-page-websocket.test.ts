import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocketEvent } from '../../emulator/events.ts';
import { createInPageServer, type InPageServer } from '../../emulator/in-page-transport.ts';
import { InPageWebSocket } from '../../emulator/in-page-websocket.ts';

// The page's stand-in WebSocket on the in-page transport: what lesson code sees, event by event.
const servers: InPageServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

const URL_ = 'ws://in-page.localhost/local';

function echoServer(extra: Parameters<typeof createInPageServer>[0]['routes'] = {}): { server: InPageServer; events: WebSocketEvent[] } {
  const events: WebSocketEvent[] = [];
  const server = createInPageServer({
    stage: 'local',
    routes: {
      $default: { twoWay: true, handler: async (event) => (events.push(event), { statusCode: 200, body: `echo: ${event.body}` }) },
      $disconnect: { twoWay: false, handler: async (event) => (events.push(event), {}) },
      ...extra,
    },
  });
  servers.push(server);
  return { server, events };
}

/** Everything the socket fires, as `type` or `type code reason wasClean` lines, with readyState at each. */
function record(socket: InPageWebSocket): string[] {
  const seen: string[] = [];
  for (const type of ['open', 'message', 'error', 'close']) {
    socket.addEventListener(type, (event) => {
      if (event instanceof CloseEvent) seen.push(`close ${event.code} ${event.reason} ${event.wasClean} (${socket.readyState})`);
      else if (event instanceof MessageEvent) seen.push(`message ${String(event.data)} (${socket.readyState})`);
      else seen.push(`${type} (${socket.readyState})`);
    });
  }
  return seen;
}

describe('InPageWebSocket', () => {
  it('opens, echoes through a two-way route, and closes cleanly with the code the page gave', async () => {
    const { server, events } = echoServer();
    const socket = new InPageWebSocket(server, URL_);
    const seen = record(socket);
    expect(socket.readyState).toBe(InPageWebSocket.CONNECTING);
    expect(() => socket.send('too early')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }));
    await expect.poll(() => socket.readyState).toBe(InPageWebSocket.OPEN);
    socket.send('hello');
    await expect.poll(() => seen.length).toBe(2);
    socket.close(4000, 'done');
    expect(socket.readyState).toBe(InPageWebSocket.CLOSING);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).toEqual(['open (1)', 'message echo: hello (1)', 'close 4000 done true (3)']);
    await expect.poll(() => events.at(-1)?.requestContext.eventType).toBe('DISCONNECT');
    expect(events.at(-1)?.requestContext).toMatchObject({ disconnectStatusCode: 4000, disconnectReason: 'done' });
    // After the close, data is counted and dropped.
    socket.send('late');
    expect(socket.bufferedAmount).toBe(4);
  });

  it('shows a refused handshake as error then close 1006, with no status', async () => {
    const { server } = echoServer({ $connect: { twoWay: false, handler: async () => ({ statusCode: 401 }) } });
    const socket = new InPageWebSocket(server, URL_);
    const seen = record(socket);
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toEqual(['error (3)', 'close 1006  false (3)']);
  });

  it('closes with 1009 "Message too big" when one message is over the 32 KB frame limit', async () => {
    const { server } = echoServer();
    const socket = new InPageWebSocket(server, URL_);
    const seen = record(socket);
    await expect.poll(() => socket.readyState).toBe(InPageWebSocket.OPEN);
    socket.send('x'.repeat(32 * 1024 + 1));
    await expect.poll(() => seen.at(-1)).toBe('close 1009 Message too big true (3)');
  });

  it('fails a handshake whose subprotocol request $connect left unanswered, and takes the one it chose', async () => {
    const { server } = echoServer();
    const unanswered = new InPageWebSocket(server, URL_, ['chat.v1']);
    const seen = record(unanswered);
    await expect.poll(() => seen).toEqual(['error (3)', 'close 1006  false (3)']);

    const { server: choosing } = echoServer({ $connect: { twoWay: false, handler: async () => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v2' } }) } });
    const socket = new InPageWebSocket(choosing, URL_, ['chat.v1', 'chat.v2']);
    await expect.poll(() => socket.readyState).toBe(InPageWebSocket.OPEN);
    expect(socket.protocol).toBe('chat.v2');
  });

  it('checks its arguments as the WHATWG standard says', () => {
    const { server } = echoServer();
    expect(() => new InPageWebSocket(server, 'ftp://x/local')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(() => new InPageWebSocket(server, `${URL_}#part`)).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    expect(() => new InPageWebSocket(server, URL_, ['a', 'a'])).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
    const socket = new InPageWebSocket(server, URL_);
    expect(() => socket.close(1001)).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }));
    expect(() => socket.close(1000, 'é'.repeat(62))).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });

  it('delivers binary frames as a Blob or an ArrayBuffer, as binaryType says', async () => {
    const server = createInPageServer({ stage: 'local', routes: {} });
    servers.push(server);
    const socket = new InPageWebSocket(server, URL_);
    socket.binaryType = 'arraybuffer';
    const received: unknown[] = [];
    socket.onmessage = (event) => received.push(event.data);
    await expect.poll(() => socket.readyState).toBe(InPageWebSocket.OPEN);
    const [connectionId] = server.gateway.openConnectionIds();
    await server.request('POST', `/local/@connections/${encodeURIComponent(connectionId!)}`, { body: new Uint8Array([0xff, 0x00]) });
    await expect.poll(() => received.length).toBe(1);
    expect(new Uint8Array(received[0] as ArrayBuffer)).toEqual(new Uint8Array([0xff, 0x00]));
  });
});
