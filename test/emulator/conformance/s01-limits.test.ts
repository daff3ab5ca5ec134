import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, nextMessage, openClient, route, sendFragmented, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

const KB = 1024;

describe('§1 frame and message limits', () => {
  it('§1 closes with 1009 "Message too big" on a single frame above 32 KB', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.send('x'.repeat(32 * KB + 1));
    expect(await closeOf(client)).toEqual({ code: 1009, reason: 'Message too big' });
    expect(events.filter((e) => e.requestContext.eventType === 'MESSAGE')).toHaveLength(0);
  });

  it('§1 accepts a frame of exactly 32 KB', async () => {
    const { wsUrl } = await startEmulator({ routes: { $default: route((e) => ({ statusCode: 200, body: String(e.body?.length) }), true) } });
    const client = await openClient(wsUrl);
    client.send('x'.repeat(32 * KB));
    expect(await nextMessage(client)).toBe(String(32 * KB));
  });

  it('§1 accepts a 100 KB message sent as 32 KB frames', async () => {
    const { wsUrl } = await startEmulator({ routes: { $default: route((e) => ({ statusCode: 200, body: String(e.body?.length) }), true) } });
    const client = await openClient(wsUrl);
    const reply = nextMessage(client);
    await sendFragmented(client, 'y'.repeat(100 * KB), 32 * KB);
    expect(await reply).toBe(String(100 * KB));
  });

  it('§1 closes with 1009 "Message too big" on a message above 128 KB, even in 32 KB frames', async () => {
    const { wsUrl } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    const closed = closeOf(client);
    await sendFragmented(client, 'z'.repeat(128 * KB + 1), 32 * KB).catch(() => {});
    expect(await closed).toEqual({ code: 1009, reason: 'Message too big' });
  });

  it('§7 closes with 1003 on a binary frame', async () => {
    const { wsUrl } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.send(Buffer.from([1, 2, 3]));
    expect((await closeOf(client)).code).toBe(1003);
  });

  it('§2.3 reports a gateway close to $disconnect with the code and reason it sent', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $disconnect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.send('x'.repeat(40 * KB));
    await closeOf(client);
    await expect.poll(() => events[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1009, disconnectReason: 'Message too big' });
  });
});
