import { afterEach, describe, expect, it } from 'vitest';
import { closeOf, ID_PATTERN, openClient, route, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

const REQUEST_TIME = /^\d{2}\/(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

async function lifecycle(query = '') {
  const ok = route(() => ({ statusCode: 200 }));
  const started = await startEmulator({ routes: { $connect: ok, $disconnect: ok, $default: ok } });
  const client = await openClient(started.wsUrl + query, undefined, { headers: { 'User-Agent': 'conformance-test/1.0', Origin: 'http://localhost:4321' } });
  client.send('{"hello":"world"}');
  await expect.poll(() => started.events.length).toBe(2);
  client.close(1000, 'bye');
  await closeOf(client);
  await expect.poll(() => started.events.length).toBe(3);
  const [connect, message, disconnect] = started.events;
  return { ...started, connect: connect!, message: message!, disconnect: disconnect! };
}

describe('§3 Lambda proxy event shapes', () => {
  it('§3.1 gives each event type its routeKey and eventType', async () => {
    const { connect, message, disconnect } = await lifecycle();
    expect([connect, message, disconnect].map((e) => [e.requestContext.routeKey, e.requestContext.eventType])).toEqual([
      ['$connect', 'CONNECT'],
      ['$default', 'MESSAGE'],
      ['$disconnect', 'DISCONNECT'],
    ]);
  });

  it('§3.1 keeps connectionId and connectedAt constant, and gives every event a new requestId', async () => {
    const { connect, message, disconnect } = await lifecycle();
    const contexts = [connect, message, disconnect].map((e) => e.requestContext);
    expect(new Set(contexts.map((c) => c.connectionId)).size).toBe(1);
    expect(new Set(contexts.map((c) => c.connectedAt)).size).toBe(1);
    expect(new Set(contexts.map((c) => c.requestId)).size).toBe(3);
    for (const context of contexts) {
      expect(context.connectionId).toMatch(ID_PATTERN);
      expect(context.requestId).toMatch(ID_PATTERN);
      expect(context.extendedRequestId).toBe(context.requestId);
      expect(context.requestTime).toMatch(REQUEST_TIME);
      expect(context.messageDirection).toBe('IN');
      expect(context.stage).toBe('local');
      expect(context.apiId).toMatch(/^[a-z0-9]{10}$/);
      expect(context.identity).toEqual({ userAgent: 'conformance-test/1.0', sourceIp: '127.0.0.1' });
    }
    expect(contexts[0]!.requestTimeEpoch - contexts[0]!.connectedAt).toBeLessThanOrEqual(1);
  });

  it('§3.1 puts messageId on MESSAGE events only', async () => {
    const { connect, message, disconnect } = await lifecycle();
    expect(message.requestContext.messageId).toMatch(ID_PATTERN);
    expect(connect.requestContext).not.toHaveProperty('messageId');
    expect(disconnect.requestContext).not.toHaveProperty('messageId');
  });

  it('§3.1 gives $connect the handshake headers without Connection and Upgrade', async () => {
    const { connect, port } = await lifecycle();
    expect(connect.headers).toMatchObject({
      Host: `127.0.0.1:${port}`,
      'User-Agent': 'conformance-test/1.0',
      Origin: 'http://localhost:4321',
      'Sec-WebSocket-Version': '13',
      'X-Forwarded-For': '127.0.0.1',
    });
    expect(connect.headers?.['X-Amzn-Trace-Id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Object.keys(connect.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('upgrade');
    expect(Object.keys(connect.headers ?? {}).map((name) => name.toLowerCase())).not.toContain('connection');
    expect(connect.multiValueHeaders?.['User-Agent']).toEqual(['conformance-test/1.0']);
    expect(connect).not.toHaveProperty('body');
  });

  it('§3.1 gives MESSAGE events the body and no headers', async () => {
    const { message } = await lifecycle();
    expect(message.body).toBe('{"hello":"world"}');
    expect(message.isBase64Encoded).toBe(false);
    expect(message).not.toHaveProperty('headers');
    expect(message).not.toHaveProperty('multiValueHeaders');
  });

  it('§3.1 §2.3 gives $disconnect the fixed header set and the close code and reason', async () => {
    const { disconnect, port } = await lifecycle();
    expect(disconnect.headers).toEqual({ Host: `127.0.0.1:${port}`, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' });
    expect(disconnect.requestContext).toMatchObject({ disconnectStatusCode: 1000, disconnectReason: 'bye' });
    expect(disconnect).not.toHaveProperty('body');
  });

  it('§3.1 includes query string parameters only when the URL had them', async () => {
    const withQuery = await lifecycle('?room=lobby&tag=a&tag=b');
    expect(withQuery.connect.queryStringParameters).toEqual({ room: 'lobby', tag: 'b' });
    expect(withQuery.connect.multiValueQueryStringParameters).toEqual({ room: ['lobby'], tag: ['a', 'b'] });
    expect(withQuery.message).not.toHaveProperty('queryStringParameters');
    await stopAll();
    const without = await lifecycle();
    expect(without.connect).not.toHaveProperty('queryStringParameters');
  });

  it('§2.3 reports 1005 and AWS\'s reason when the close frame carries no code', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $disconnect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.close();
    await expect.poll(() => events[0]?.requestContext).toMatchObject({
      disconnectStatusCode: 1005,
      disconnectReason: 'Client-side close frame status not set',
    });
  });

  it('§2.3 reports 1006 when the client vanishes without a close frame (UNCONFIRMED on AWS)', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $disconnect: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.terminate();
    await expect.poll(() => events[0]?.requestContext).toMatchObject({ disconnectStatusCode: 1006, disconnectReason: '' });
  });
});
