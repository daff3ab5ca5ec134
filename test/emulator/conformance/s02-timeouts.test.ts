import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, nextMessage, openClient, route, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

/** Repeats `action` every `everyMs` until the client is closed; returns how long that took. */
async function msUntilClosed(client: Awaited<ReturnType<typeof openClient>>, everyMs: number, action: () => void): Promise<number> {
  const started = Date.now();
  const timer = setInterval(action, everyMs);
  try {
    expect(await closeOf(client)).toEqual({ code: 1001, reason: 'Going away' });
  } finally {
    clearInterval(timer);
  }
  return Date.now() - started;
}

// A time scale of 6000 makes the 10-minute idle timeout 100 ms and the 2-hour limit 1.2 s.
const SCALE = 6000;
const IDLE_MS = (10 * 60 * 1000) / SCALE;
const MAX_MS = (2 * 60 * 60 * 1000) / SCALE;

describe('§2 idle timeout and maximum duration', () => {
  it('§2.2 closes an idle connection with 1001 "Going away", then runs $disconnect with the same', async () => {
    const { wsUrl, events } = await startEmulator({ timeScale: SCALE, routes: { $disconnect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    const started = Date.now();
    expect(await closeOf(client)).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS - 5);
    await expect.poll(() => events[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1001, disconnectReason: 'Going away' });
  });

  it('§2.1 keeps a connection that sends messages, until the 2-hour limit closes it anyway', async () => {
    const { wsUrl } = await startEmulator({ timeScale: SCALE, routes: { $default: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    expect(await msUntilClosed(client, IDLE_MS / 4, () => client.send('{"action":"ping"}'))).toBeGreaterThanOrEqual(MAX_MS - 5);
  });

  it('§2.1 counts messages from the server as activity too', async () => {
    const { wsUrl, httpUrl, events } = await startEmulator({ timeScale: SCALE, routes: { $connect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    const id = encodeURIComponent(events[0]?.requestContext.connectionId ?? '');
    const push = () => void fetch(`${httpUrl}/@connections/${id}`, { method: 'POST', body: 'keep' }).catch(() => {});
    expect(await msUntilClosed(client, IDLE_MS / 4, push)).toBeGreaterThanOrEqual(MAX_MS - 5);
  });

  it('§2.1 does not let ping frames reset the idle timer by default (UNCONFIRMED on AWS)', async () => {
    const { wsUrl } = await startEmulator({ timeScale: SCALE, routes: {} });
    const client = await openClient(wsUrl);
    expect(await msUntilClosed(client, IDLE_MS / 4, () => client.ping())).toBeLessThan(MAX_MS);
  });

  it('§2.1 lets ping frames reset the idle timer when the switch is on', async () => {
    const { wsUrl } = await startEmulator({ timeScale: SCALE, pingResetsIdleTimer: true, routes: {} });
    const client = await openClient(wsUrl);
    expect(await msUntilClosed(client, IDLE_MS / 4, () => client.ping())).toBeGreaterThanOrEqual(MAX_MS - 5);
  });

  it('§8 answers a ping with a pong, and the Lambda never sees either', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200, body: 'after' }), true) } });
    const client = await openClient(wsUrl);
    const pong = new Promise<void>((resolve) => client.once('pong', () => resolve()));
    client.ping('are you there');
    await pong;
    client.send('x');
    expect(await nextMessage(client)).toBe('after');
    expect(events).toHaveLength(1);
  });
});
