import { connect as tcpConnect } from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { closeOf, nextMessage, openClient, route, startEmulator, stopAll, type Started } from '../support/emulator-harness.ts';

afterEach(stopAll);

// Whatever a client or a handler does, the emulator keeps serving everyone else.
async function stillServes({ wsUrl }: Started): Promise<void> {
  const client = await openClient(wsUrl);
  client.send('{"action":"echo","text":"still here"}');
  expect(await nextMessage(client)).toBe('{"action":"echo","text":"still here"}');
  client.close();
}

const echo = route((event) => ({ statusCode: 200, body: event.body }), true);

/** Sends raw bytes over TCP and returns what came back before the server closed or 2 s passed. */
async function rawExchange(port: number, bytes: Buffer | string): Promise<string> {
  const socket = tcpConnect(port, '127.0.0.1');
  await once(socket, 'connect');
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.write(bytes);
  await Promise.race([once(socket, 'close'), new Promise((resolve) => setTimeout(resolve, 2000))]);
  socket.destroy();
  return received;
}

describe('bad input never takes the emulator down', () => {
  it('answers garbage instead of HTTP with 400', async () => {
    const started = await startEmulator({ routes: { echo } });
    expect(await rawExchange(started.port, '\x00\x01\x02 not http at all\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    await stillServes(started);
  });

  it('closes a connection that sends an unmasked frame with 1002', async () => {
    const started = await startEmulator({ routes: { echo } });
    const handshake =
      'GET /local HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';
    // A client frame must be masked; this one is not.
    const reply = await rawExchange(started.port, Buffer.concat([Buffer.from(handshake), Buffer.from([0x81, 0x02, 0x68, 0x69])]));
    expect(reply).toMatch(/^HTTP\/1\.1 101/);
    expect(reply).toContain('\x88'); // a close frame came back
    await stillServes(started);
  });

  it('closes a connection that sends text that is not UTF-8 with 1007', async () => {
    const started = await startEmulator({ routes: { echo } });
    const client = await openClient(started.wsUrl);
    client.send(Buffer.from([0xc3, 0x28]), { binary: false });
    expect((await closeOf(client)).code).toBe(1007);
    await stillServes(started);
  });

  it('routes broken JSON to $default, or answers Forbidden without one', async () => {
    const started = await startEmulator({ routes: { echo } });
    const client = await openClient(started.wsUrl);
    client.send('{"action":');
    expect(await nextMessage(client)).toMatch(/^\{"message": "Forbidden"/);
    await stillServes(started);
  });

  it('answers malformed management requests without falling over', async () => {
    const started = await startEmulator({ routes: { echo } });
    const answers = await Promise.all([
      fetch(`${started.httpUrl}/@connections/%E0%A4%A`, { method: 'POST', body: 'x' }),
      fetch(`${started.httpUrl}/@connections/`, { method: 'POST', body: 'x' }),
      fetch(`${started.httpUrl}/@connections/abc`, { method: 'PUT', body: 'x' }),
      fetch(`${started.httpUrl}/@connections/abc/extra`, { method: 'POST', body: 'x' }),
      fetch(`http://127.0.0.1:${started.port}/_emulator/nothing`),
      fetch(`http://127.0.0.1:${started.port}/_emulator/status`, { method: 'DELETE' }),
    ]);
    expect(answers.map((response) => response.status)).toEqual([403, 403, 403, 403, 404, 405]);
    await stillServes(started);
  });

  it('keeps serving while a handler hangs past the integration timeout', async () => {
    const started = await startEmulator({
      integrationTimeoutMs: 200,
      routes: { echo, hang: { twoWay: false, handler: () => new Promise(() => {}) } },
    });
    const client = await openClient(started.wsUrl);
    client.send('{"action":"hang"}');
    await stillServes(started);
    expect(await nextMessage(client)).toMatch(/^\{"message": "Endpoint request timed out"/);
  });

  it('keeps serving when $connect throws, and when a handler rejects with something that is not an Error', async () => {
    const started = await startEmulator({
      routes: {
        echo,
        $connect: route((event) => {
          if (event.queryStringParameters?.fail) throw new Error('refused');
          return { statusCode: 200 };
        }),
        odd: { twoWay: false, handler: () => Promise.reject('a string, not an Error') },
      },
    });
    await expect(openClient(`${started.wsUrl}?fail=1`)).rejects.toThrow('HTTP 502');
    const client = await openClient(started.wsUrl);
    client.send('{"action":"odd"}');
    expect(await nextMessage(client)).toMatch(/^\{"message": "Internal server error"/);
    await stillServes(started);
  });

  it('survives many clients vanishing at once without a close frame', async () => {
    const started = await startEmulator({ routes: { echo, $disconnect: route(() => ({ statusCode: 200 })) } });
    const clients = await Promise.all(Array.from({ length: 50 }, () => openClient(started.wsUrl)));
    for (const client of clients) client.terminate();
    await expect.poll(() => started.events.filter((e) => e.requestContext.eventType === 'DISCONNECT').length).toBe(50);
    expect(started.emulator.openConnectionIds()).toEqual([]);
    await stillServes(started);
    expect(clients.every((client) => client.readyState === WebSocket.CLOSED)).toBe(true);
  });
});
