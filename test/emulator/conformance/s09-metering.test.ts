import { afterEach, describe, expect, it } from 'vitest';
import type { UsageReport } from '../../../emulator/metering.ts';
import { closeOf, nextMessage, openClient, route, sendFragmented, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

const KB = 1024;

async function usage(port: number, query = ''): Promise<UsageReport> {
  return (await (await fetch(`http://127.0.0.1:${port}/_emulator/metering${query}`)).json()) as UsageReport;
}

describe('§9 metering', () => {
  it('§9 counts messages both ways in 32 KB units, error frames apart, and connect attempts', async () => {
    const { wsUrl, port, httpUrl, events } = await startEmulator({
      routes: {
        $connect: route(() => ({ statusCode: 200 })),
        echo: route((event) => ({ statusCode: 200, body: event.body }), true),
      },
    });
    const client = await openClient(wsUrl);
    const connectionId = events[0]?.requestContext.connectionId ?? '';

    client.send('{"action":"echo"}'); // 1 unit in, 1 unit out (route response)
    await nextMessage(client);
    const big = JSON.stringify({ action: 'echo', pad: 'x'.repeat(40 * KB) }); // 2 units each way
    const bigReply = nextMessage(client);
    await sendFragmented(client, big, 32 * KB);
    await bigReply;
    const pushed = nextMessage(client);
    await fetch(`${httpUrl}/@connections/${encodeURIComponent(connectionId)}`, { method: 'POST', body: 'push' }); // 1 unit out
    await pushed;
    client.send('{"action":"nope"}'); // 1 unit in, and a Forbidden frame
    await nextMessage(client);

    const report = await usage(port);
    expect(report.totals).toMatchObject({ connectCount: 1, openConnections: 1, messagesIn: 3, messagesOut: 3, billedMessageUnits: 4 + 4, errorFrames: 1 });
    expect(report.connections[0]).toMatchObject({ connectionId, messagesIn: 3, unitsIn: 4, messagesOut: 3, unitsOut: 4, errorFrames: 1 });
  });

  it('§9 counts connection-minutes from connect to close, and keeps closed connections in the report', async () => {
    const { wsUrl, port } = await startEmulator({ routes: {} });
    const client = await openClient(wsUrl);
    client.close();
    await closeOf(client);
    await expect.poll(async () => (await usage(port)).totals.openConnections).toBe(0);
    const report = await usage(port);
    const [only] = report.connections;
    expect(only?.disconnectedAt).toBeGreaterThanOrEqual(only?.connectedAt ?? Infinity);
    expect(report.totals.connectionMinutes).toBeCloseTo(((only?.disconnectedAt ?? 0) - (only?.connectedAt ?? 0)) / 60_000, 6);
  });

  it('reports one connection with ?connectionId=', async () => {
    const { wsUrl, port, events } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) } });
    await openClient(wsUrl);
    await openClient(wsUrl);
    const id = events[1]?.requestContext.connectionId ?? '';
    const report = await usage(port, `?connectionId=${encodeURIComponent(id)}`);
    expect(report.connections.map((c) => c.connectionId)).toEqual([id]);
  });

  it('answers loopback origins with CORS and other origins without', async () => {
    const { port } = await startEmulator({ routes: {}, allowedOrigins: ['https://tutorial.example'] });
    const from = async (origin: string) =>
      (await fetch(`http://127.0.0.1:${port}/_emulator/metering`, { headers: { Origin: origin } })).headers.get('access-control-allow-origin');
    expect(await from('http://localhost:4321')).toBe('http://localhost:4321');
    expect(await from('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(await from('https://tutorial.example')).toBe('https://tutorial.example');
    expect(await from('https://evil.example')).toBeNull();
  });
});
