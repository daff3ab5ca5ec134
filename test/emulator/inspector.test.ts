import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEntry } from '../../emulator/inspector.ts';
import { closeOf, eventually, nextMessage, openClient, route, startEmulator, stopAll } from '../support/emulator-harness.ts';

afterEach(stopAll);

/** Reads the inspector feed over HTTP, as the site's EventSource does, collecting entries. */
async function readFeed(port: number, origin = 'http://localhost:4321') {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/_emulator/inspector`, { headers: { Origin: origin }, signal: controller.signal });
  const entries: StampedEntry[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const data = buffer.slice(0, end).split('\n').find((line) => line.startsWith('data: '));
          if (data) entries.push(JSON.parse(data.slice(6)) as StampedEntry);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { response, entries, stop: () => controller.abort() };
}

describe('the inspector feed', () => {
  it('streams the handshake, the route and its reason, the exact Lambda event, the result, what was sent, and the close', async () => {
    const { wsUrl, port, events } = await startEmulator({
      routes: { $connect: route(() => ({ statusCode: 200 })), echo: route((e) => ({ statusCode: 200, body: `got ${e.body}` }), true) },
    });
    const feed = await readFeed(port);
    expect(feed.response.headers.get('content-type')).toContain('text/event-stream');
    expect(feed.response.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');

    const client = await openClient(wsUrl);
    client.send('{"action":"echo"}');
    await nextMessage(client);
    client.close(4001, 'done');
    await closeOf(client);
    const types = await eventually(() => {
      const seen = feed.entries.map((entry) => entry.type);
      return seen.includes('close') && seen;
    });
    feed.stop();

    expect(types).toEqual(['handshake', 'invoke', 'result', 'connected', 'message-in', 'route', 'invoke', 'result', 'message-out', 'close']);
    const byType = (type: string) => feed.entries.filter((entry) => entry.type === type);
    expect(byType('route')[0]).toMatchObject({ expression: '$request.body.action', value: 'echo', routeKey: 'echo', reason: 'matched' });
    expect(byType('invoke')[1]).toMatchObject({ routeKey: 'echo', event: events[1] });
    expect(byType('result')[1]).toMatchObject({ result: { statusCode: 200, body: 'got {"action":"echo"}' } });
    expect(byType('message-out')[0]).toMatchObject({ via: 'route-response', body: 'got {"action":"echo"}' });
    expect(byType('close')[0]).toMatchObject({ code: 4001, reason: 'done', by: 'client' });
  });

  it('replays recent entries to a newcomer', async () => {
    const { wsUrl, port } = await startEmulator({ routes: {} });
    await openClient(wsUrl);
    const feed = await readFeed(port);
    await eventually(() => feed.entries.some((entry) => entry.type === 'connected'));
    feed.stop();
  });

  it('records @connections calls with their status', async () => {
    const { port, httpUrl } = await startEmulator({ routes: {} });
    const feed = await readFeed(port);
    await fetch(`${httpUrl}/@connections/AAAAAAAAAAACAAA=`, { method: 'POST', body: 'x' });
    const entry = await eventually(() => feed.entries.find((e) => e.type === 'management'));
    feed.stop();
    expect(entry).toMatchObject({ connectionId: 'AAAAAAAAAAACAAA=', method: 'POST', status: 410 });
  });
});
