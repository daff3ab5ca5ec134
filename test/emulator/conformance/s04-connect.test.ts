import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openClient, route, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

describe('§4 $connect semantics', () => {
  it('§4 completes the handshake when $connect returns 200', async () => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    expect((await openClient(wsUrl)).readyState).toBe(WebSocket.OPEN);
  });

  it('§4 accepts every handshake when there is no $connect route', async () => {
    const { wsUrl } = await startEmulator({ routes: {} });
    expect((await openClient(wsUrl)).readyState).toBe(WebSocket.OPEN);
  });

  it('§4 accepts a result without statusCode', async () => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => ({})) } });
    expect((await openClient(wsUrl)).readyState).toBe(WebSocket.OPEN);
  });

  it.each([301, 401, 403, 501])('§4 rejects the handshake with the %i $connect returned', async (status) => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: status })) } });
    await expect(openClient(wsUrl)).rejects.toThrow(`HTTP ${status}`);
  });

  it('§4 rejects the handshake with 502 when $connect throws', async () => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => { throw new Error('boom'); }) } });
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 502');
  });

  it('§4 rejects the handshake with 502 when $connect returns null', async () => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => null) } });
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 502');
  });

  it('§4 answers a plain GET on the stage URL with 426', async () => {
    const { httpUrl } = await startEmulator({ routes: {} });
    expect((await fetch(httpUrl)).status).toBe(426);
  });

  it('§4 holds the handshake until $connect finishes, and @connections answers 410 meanwhile', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    let seenId = '';
    const { wsUrl, httpUrl } = await startEmulator({
      routes: { $connect: { twoWay: false, handler: async (event) => { seenId = event.requestContext.connectionId; await held; return { statusCode: 200 }; } } },
    });
    const opening = openClient(wsUrl);
    await expect.poll(() => seenId).not.toBe('');
    const during = await fetch(`${httpUrl}/@connections/${encodeURIComponent(seenId)}`, { method: 'POST', body: 'too early' });
    expect(during.status).toBe(410);
    release();
    const client = await opening;
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('§4 sends only the subprotocol $connect returned', async () => {
    const { wsUrl } = await startEmulator({
      routes: { $connect: route(() => ({ statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v2' } })) },
    });
    expect((await openClient(wsUrl, ['chat.v1', 'chat.v2'])).protocol).toBe('chat.v2');
  });

  it('§4 sends no subprotocol when $connect returns none, so a client that asked for one fails', async () => {
    const { wsUrl } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    await expect(openClient(wsUrl, ['chat.v1'])).rejects.toThrow('Server sent no subprotocol');
  });

  it('§4 drops the body and other headers of the $connect response', async () => {
    const { wsUrl } = await startEmulator({
      routes: { $connect: route(() => ({ statusCode: 200, body: 'welcome', headers: { 'X-Custom': 'x' } })) },
    });
    const client = await openClient(wsUrl);
    const received: string[] = [];
    client.on('message', (data: Buffer) => received.push(data.toString()));
    client.send('{"action":"nothing"}'); // Forbidden frame: proves the socket works and 'welcome' never came first
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toContain('"Forbidden"');
  });

  it('§1 refuses handshakes above the connect rate with 429', async () => {
    const { wsUrl } = await startEmulator({ routes: {}, maxConnectsPerSecond: 2 });
    await openClient(wsUrl);
    await openClient(wsUrl);
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 429');
  });

  it('refuses a handshake on another path with 403', async () => {
    const { port } = await startEmulator({ routes: {} });
    await expect(openClient(`ws://127.0.0.1:${port}/other`)).rejects.toThrow('HTTP 403');
  });
});
