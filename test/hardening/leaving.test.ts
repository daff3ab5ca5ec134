/**
 * Connections that end badly. Whatever way a client goes, once `$connect` has accepted it the
 * emulator notices and runs `$disconnect` (so the backend can delete its row), and @connections
 * answers 410 for it from the moment it starts to close.
 */
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, route, startEmulator, stopAll, type Started } from '../support/emulator-harness.ts';
import { rawWebSocket } from '../support/fuzz.ts';

afterEach(stopAll);

const disconnects = (started: Started) => started.events.filter((event) => event.requestContext.eventType === 'DISCONNECT');
const connects = (started: Started) => started.events.filter((event) => event.requestContext.eventType === 'CONNECT');

async function openConnections(started: Started): Promise<number> {
  const status = (await (await fetch(`http://127.0.0.1:${started.port}/_emulator/status`)).json()) as { openConnections: number };
  return status.openConnections;
}

/** A `$connect` that waits until the test lets it answer. */
function heldConnect() {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return { release, route: { twoWay: false, handler: async () => (await released, { statusCode: 200 }) } };
}

function rawHandshake(port: number, headers: string): Promise<Socket> {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.once('connect', () => socket.write(`${headers}\r\n`));
  return once(socket, 'connect').then(() => socket);
}

const GOOD_HANDSHAKE = 'GET /local HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

describe('clients that go away', () => {
  for (const [name, leave] of [
    ['destroys its socket', (socket: Socket) => socket.destroy()],
    ['half-closes its socket', (socket: Socket) => socket.end()],
  ] as const) {
    it(`runs $disconnect with 1006 for a client that ${name} while $connect runs`, async () => {
      const connect = heldConnect();
      const started = await startEmulator({ routes: { $connect: connect.route, $disconnect: route(() => ({ statusCode: 200 })) } });
      const socket = await rawHandshake(started.port, GOOD_HANDSHAKE);
      await eventually(() => connects(started).length === 1);
      leave(socket);
      await new Promise((resolve) => setTimeout(resolve, 50));
      connect.release();
      const [event] = await eventually(() => disconnects(started).length === 1 && disconnects(started));
      expect(event?.requestContext).toMatchObject({ disconnectStatusCode: 1006, disconnectReason: '', connectionId: connects(started)[0]?.requestContext.connectionId });
      expect(await openConnections(started)).toBe(0);
    });
  }

  for (const [problem, headers, status] of [
    ['no Sec-WebSocket-Key', GOOD_HANDSHAKE.replace(/Sec-WebSocket-Key:[^\r]*\r\n/, ''), 400],
    ['a malformed Sec-WebSocket-Key', GOOD_HANDSHAKE.replace('dGhlIHNhbXBsZSBub25jZQ==', 'not-a-key'), 400],
    ['an unknown Sec-WebSocket-Version', GOOD_HANDSHAKE.replace('Version: 13', 'Version: 99'), 400],
    ['the POST method', GOOD_HANDSHAKE.replace('GET', 'POST'), 405],
  ] as const) {
    it(`refuses a handshake with ${problem} without running $connect`, async () => {
      const started = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })), $disconnect: route(() => ({ statusCode: 200 })) } });
      const socket = await rawHandshake(started.port, headers);
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
      await once(socket, 'close');
      expect(reply).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(connects(started)).toHaveLength(0);
      expect(await openConnections(started)).toBe(0);
    });
  }

  it('answers 410 to @connections for a connection the gateway is closing, before the client has answered the close', async () => {
    const started = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200 })) } });
    // A raw client: it never answers the gateway's close frame, so the close stays in progress.
    const { socket } = await rawWebSocket(started.port);
    const [connectionId] = await eventually(() => started.emulator.openConnectionIds().length === 1 && started.emulator.openConnectionIds());
    const url = `${started.httpUrl}/@connections/${encodeURIComponent(connectionId as string)}`;
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
    const post = await fetch(url, { method: 'POST', body: 'too late' });
    expect([post.status, post.headers.get('x-amzn-errortype')]).toEqual([410, 'GoneException']);
    expect((await fetch(url)).status).toBe(410);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(410);
    socket.destroy();
  });

});

