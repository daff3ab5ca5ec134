import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, nextMessage, openClient, route, startEmulator, stopAll } from '../support/emulator-harness.ts';

// The tutorial's widgets post to @connections from the page, so the emulator answers loopback
// (and --allow-origin) pages with CORS. AWS's endpoint needs SigV4 and is not called from browsers.

afterEach(stopAll);

const site = 'http://127.0.0.1:4321';

async function connected(allowedOrigins: string[] = []) {
  const started = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) }, allowedOrigins });
  const client = await openClient(started.wsUrl);
  const connectionId = started.events[0]?.requestContext.connectionId ?? '';
  const url = `${started.httpUrl}/@connections/${encodeURIComponent(connectionId)}`;
  return { ...started, client, connectionId, url };
}

describe('CORS on the @connections API', () => {
  it('lets a loopback page read a 200 PostToConnection', async () => {
    const { client, url } = await connected();
    const received = nextMessage(client);
    const response = await fetch(url, { method: 'POST', headers: { Origin: site, 'Content-Type': 'text/plain' }, body: 'from the page' });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(response.headers.get('vary')).toBe('Origin');
    expect(await received).toBe('from the page');
  });

  it('exposes x-amzn-ErrorType, so the page can tell a 410 is a GoneException', async () => {
    const { client, url } = await connected();
    client.close(1000);
    await closeOf(client);
    const response = await fetch(url, { method: 'POST', headers: { Origin: 'http://localhost:4321' }, body: 'too late' });
    expect(response.status).toBe(410);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
    expect(response.headers.get('access-control-expose-headers')).toBe('x-amzn-ErrorType');
    expect(response.headers.get('x-amzn-errortype')).toBe('GoneException');
    expect(await response.text()).toBe('');
  });

  it('answers a preflight from a loopback page with 204, and does not count it as an @connections call', async () => {
    const { emulator, url, logs } = await connected();
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: site, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(site);
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, GET, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(logs.some((line) => line.startsWith('@connections'))).toBe(false);
    expect(emulator.metering.report(Date.now()).totals.messagesOut).toBe(0);
  });

  it('answers an --allow-origin page too', async () => {
    const { url } = await connected(['https://tutorial.example']);
    const response = await fetch(url, { headers: { Origin: 'https://tutorial.example' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://tutorial.example');
  });

  it('gives other sites no CORS headers, and their preflight the usual 403', async () => {
    const { client, url } = await connected();
    const received = nextMessage(client);
    const post = await fetch(url, { method: 'POST', headers: { Origin: 'https://evil.example' }, body: 'x' });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-expose-headers')).toBeNull();
    // The page cannot read the answer, but the request still goes through, as any HTTP client's would.
    expect(await received).toBe('x');
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds nothing for clients that send no Origin, such as the SDK and the CLI', async () => {
    const { url } = await connected();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBeNull();
  });
});
