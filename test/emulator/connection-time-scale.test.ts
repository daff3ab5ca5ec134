import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTION_TIME_SCALE_PARAMETER, takeConnectionTimeScale } from '../../emulator/connection-time-scale.ts';
import { closeOf, openClient, route, startEmulator, stopAll } from '../support/emulator-harness.ts';

afterEach(stopAll);

const IDLE_MS = 10 * 60 * 1000;
const MAX_MS = 2 * 60 * 60 * 1000;

describe('takeConnectionTimeScale', () => {
  it.each([
    ['/local', '/local', undefined],
    ['/local?', '/local?', undefined],
    ['/local?room=lobby', '/local?room=lobby', undefined],
    ['/local?x-emulator-time-scale=60', '/local', 60],
    ['/local?x-emulator-time-scale=1.5', '/local', 1.5],
    ['/local?room=a%20b&x-emulator-time-scale=600&tag=x+y', '/local?room=a%20b&tag=x+y', 600],
    ['/local?x-emulator-time-scale=60&room=lobby', '/local?room=lobby', 60],
    ['/local?x%2Demulator%2Dtime%2Dscale=60', '/local', 60],
  ])('reads %s as %s at time scale %s', (target, url, timeScale) => {
    expect(takeConnectionTimeScale(target)).toEqual({ ok: true, url, timeScale });
  });

  it.each([
    ['/local?x-emulator-time-scale=0', 'x-emulator-time-scale must be a number from 1 to 100000, got "0"'],
    ['/local?x-emulator-time-scale=0.5', 'x-emulator-time-scale must be a number from 1 to 100000, got "0.5"'],
    ['/local?x-emulator-time-scale=fast', 'x-emulator-time-scale must be a number from 1 to 100000, got "fast"'],
    ['/local?x-emulator-time-scale=', 'x-emulator-time-scale must be a number from 1 to 100000, got ""'],
    ['/local?x-emulator-time-scale=1e9', 'x-emulator-time-scale must be a number from 1 to 100000, got "1e9"'],
    ['/local?x-emulator-time-scale=2&x-emulator-time-scale=3', 'x-emulator-time-scale was given 2 times; give it once'],
  ])('refuses %s', (target, problem) => {
    expect(takeConnectionTimeScale(target)).toEqual({ ok: false, problem });
  });
});

describe('the x-emulator-time-scale handshake parameter (emulator-only)', () => {
  it('warps the idle timeout of that connection only, and closes it with 1001 "Going away"', async () => {
    const { wsUrl } = await startEmulator({ routes: {} });
    const plain = await openClient(wsUrl);
    const warped = await openClient(`${wsUrl}?${CONNECTION_TIME_SCALE_PARAMETER}=6000`);
    const started = Date.now();
    expect(await closeOf(warped)).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS / 6000 - 5);
    // AWS's 10 minutes still hold for the connection that did not ask.
    expect(plain.readyState).toBe(plain.OPEN);
  });

  it('warps the 2-hour limit too, which messages do not extend', async () => {
    // 2000 leaves the keep-alive 225 ms of slack under the 300 ms idle timeout on a busy machine.
    const { wsUrl } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(`${wsUrl}?${CONNECTION_TIME_SCALE_PARAMETER}=2000`);
    const started = Date.now();
    const keepAlive = setInterval(() => client.send('{"action":"ping"}'), IDLE_MS / 2000 / 4);
    try {
      expect(await closeOf(client)).toEqual({ code: 1001, reason: 'Going away' });
    } finally {
      clearInterval(keepAlive);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(MAX_MS / 2000 - 5);
  });

  it('replaces the --time-scale the emulator started with, for that connection', async () => {
    const { wsUrl } = await startEmulator({ timeScale: 6000, routes: {} });
    const started = Date.now();
    const slower = await openClient(`${wsUrl}?${CONNECTION_TIME_SCALE_PARAMETER}=1200`);
    expect(await closeOf(slower)).toEqual({ code: 1001, reason: 'Going away' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(IDLE_MS / 1200 - 5);
  });

  it('never reaches the $connect event, and leaves the other query parameters exactly as sent', async () => {
    const ok = route(() => ({ statusCode: 200 }));
    const { wsUrl, events } = await startEmulator({ routes: { $connect: ok, $default: ok, $disconnect: ok } });
    const client = await openClient(`${wsUrl}?room=lobby&${CONNECTION_TIME_SCALE_PARAMETER}=600&tag=a&tag=b`);
    client.send('hello');
    await expect.poll(() => events.length).toBe(2);
    client.close(1000);
    await closeOf(client);
    await expect.poll(() => events.length).toBe(3);
    const [connect] = events;
    expect(connect?.queryStringParameters).toEqual({ room: 'lobby', tag: 'b' });
    expect(connect?.multiValueQueryStringParameters).toEqual({ room: ['lobby'], tag: ['a', 'b'] });
    expect(JSON.stringify(events)).not.toContain(CONNECTION_TIME_SCALE_PARAMETER);
  });

  it('gives $connect no query string keys at all when it was the only parameter', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    await openClient(`${wsUrl}?${CONNECTION_TIME_SCALE_PARAMETER}=60`);
    expect(events[0]).not.toHaveProperty('queryStringParameters');
    expect(events[0]).not.toHaveProperty('multiValueQueryStringParameters');
    expect(JSON.stringify(events[0])).not.toContain(CONNECTION_TIME_SCALE_PARAMETER);
  });

  it('refuses a bad value with 400 before $connect runs, and logs why', async () => {
    const { wsUrl, events, logs } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    await expect(openClient(`${wsUrl}?${CONNECTION_TIME_SCALE_PARAMETER}=0`)).rejects.toThrow('HTTP 400');
    expect(events).toHaveLength(0);
    expect(logs).toContain('handshake refused with 400: x-emulator-time-scale must be a number from 1 to 100000, got "0"');
  });

  it('is named in /_emulator/status, whose timers stay AWS\'s own', async () => {
    const { port } = await startEmulator({ routes: {} });
    const status = (await (await fetch(`http://127.0.0.1:${port}/_emulator/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({
      timeScale: 1,
      idleTimeoutMs: IDLE_MS,
      maxConnectionMs: MAX_MS,
      connectionTimeScaleParameter: 'x-emulator-time-scale',
      maxConnectionTimeScale: 100000,
    });
  });
});
