import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ID_PATTERN, nextMessage, openClient, route, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

const FORBIDDEN = /^\{"message": "Forbidden", "connectionId":"([\w-]{15}=)", "requestId":"([\w-]{15}=)"\}$/;
const INTERNAL = /^\{"message": "Internal server error", "connectionId":"([\w-]{15}=)", "requestId":"([\w-]{15}=)"\}$/;
const TIMED_OUT = /^\{"message": "Endpoint request timed out", "connectionId":"([\w-]{15}=)", "requestId":"([\w-]{15}=)"\}$/;

describe('§5 routing, route responses and error frames', () => {
  it('§5.1 routes by $request.body.action and falls back to $default', async () => {
    const { wsUrl, events } = await startEmulator({
      routes: { $default: route(() => ({ statusCode: 200 })), sendmessage: route(() => ({ statusCode: 200 })) },
    });
    const client = await openClient(wsUrl);
    client.send('{"action":"sendmessage"}');
    client.send('not json');
    client.send('{"action":"unknown"}');
    await expect.poll(() => events.map((e) => e.requestContext.routeKey)).toEqual(['sendmessage', '$default', '$default']);
  });

  it('§5.1 honours a custom route selection expression', async () => {
    const { wsUrl, events } = await startEmulator({
      routeSelectionExpression: '${request.body.service}/${request.body.action}',
      routes: { 'chat/join': route(() => ({ statusCode: 200 })) },
    });
    const client = await openClient(wsUrl);
    client.send('{"service":"chat","action":"join"}');
    await expect.poll(() => events.map((e) => e.requestContext.routeKey)).toEqual(['chat/join']);
  });

  it('§5.1 §5.4 sends the Forbidden frame byte for byte when nothing matches and there is no $default', async () => {
    const { wsUrl } = await startEmulator({ routes: { sendmessage: route(() => ({ statusCode: 200 })) } });
    const client = await openClient(wsUrl);
    client.send('{"action":"other"}');
    const frame = await nextMessage(client);
    expect(frame).toMatch(FORBIDDEN);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('§5.2 sends nothing back from a one-way route, whatever the handler returns', async () => {
    const { wsUrl } = await startEmulator({
      routes: { $default: route(() => ({ statusCode: 200, body: 'ignored' })), probe: route(() => ({ statusCode: 200, body: 'probe reply' }), true) },
    });
    const client = await openClient(wsUrl);
    client.send('hello');
    client.send('{"action":"probe"}');
    // Replies keep their order, so a one-way reply would have arrived first.
    expect(await nextMessage(client)).toBe('probe reply');
  });

  it('§5.2 sends a two-way route\'s body even with a 500 status', async () => {
    const { wsUrl } = await startEmulator({ routes: { $default: route(() => ({ statusCode: 500, body: 'still sent' }), true) } });
    const client = await openClient(wsUrl);
    client.send('x');
    expect(await nextMessage(client)).toBe('still sent');
  });

  it('§5.3 §5.4 sends Internal server error when the handler throws, with the event\'s ids, and stays open', async () => {
    const { wsUrl, events } = await startEmulator({ routes: { $default: route(() => { throw new Error('boom'); }) } });
    const client = await openClient(wsUrl);
    client.send('hello');
    const [, connectionId, requestId] = INTERNAL.exec(await nextMessage(client)) ?? [];
    expect(connectionId).toBe(events[0]?.requestContext.connectionId);
    expect(requestId).toBe(events[0]?.requestContext.requestId);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it.each([
    ['null', null],
    ['a string', 'ok'],
    ['extra keys', { statusCode: 200, ConnectionId: 'x', Data: 'y' }],
  ])('§5.3 sends Internal server error for a malformed proxy result (%s), even on a one-way route', async (_name, result) => {
    const { wsUrl } = await startEmulator({ routes: { $default: route(() => result) } });
    const client = await openClient(wsUrl);
    client.send('hello');
    expect(await nextMessage(client)).toMatch(INTERNAL);
  });

  it('§5.3 §5.4 sends Endpoint request timed out when the integration takes longer than the integration timeout', async () => {
    const { wsUrl } = await startEmulator({
      integrationTimeoutMs: 100,
      routes: { $default: { twoWay: false, handler: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 1000)) } },
    });
    const client = await openClient(wsUrl);
    client.send('slow');
    expect(await nextMessage(client)).toMatch(TIMED_OUT);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });

  it('§3.1 uses AWS-shaped ids in error frames', async () => {
    const { wsUrl } = await startEmulator({ routes: {} });
    const client = await openClient(wsUrl);
    client.send('x');
    const { connectionId, requestId } = JSON.parse(await nextMessage(client)) as Record<string, string>;
    expect(connectionId).toMatch(ID_PATTERN);
    expect(requestId).toMatch(ID_PATTERN);
    expect(connectionId?.[11]).toBe('C');
    expect(requestId?.[11]).toBe('F');
  });
});
