import { afterEach, describe, expect, it } from 'vitest';
import type { AuthorizerEvent } from '../../../emulator/authorizer.ts';
import type { ConnectAuthorizerDefinition } from '../../../emulator/emulator.ts';
import { eventually, nextMessage, openClient, route, startEmulator, stopAll } from '../../support/emulator-harness.ts';

afterEach(stopAll);

/** An authorizer that records its input and answers with `answer(event)`. */
function authorizer(answer: (event: AuthorizerEvent) => unknown, identitySource = ['route.request.querystring.token']) {
  const seen: AuthorizerEvent[] = [];
  const definition: ConnectAuthorizerDefinition = {
    identitySource,
    handler: async (event) => {
      seen.push(event as AuthorizerEvent);
      return answer(event as AuthorizerEvent);
    },
  };
  return { definition, seen };
}

/** The usual policy a REQUEST authorizer returns. */
function policy(effect: 'Allow' | 'Deny', resource: string, extra: Record<string, unknown> = {}) {
  return {
    principalId: 'reader-1',
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] },
    ...extra,
  };
}

const echoAuthorizer = {
  // A two-way route that returns what requestContext.authorizer held for this connection.
  whoami: route((event) => ({ statusCode: 200, body: JSON.stringify(event.requestContext.authorizer ?? null) }), true),
};

describe('§4 a Lambda REQUEST authorizer on $connect', () => {
  it('§4 refuses with 401, without invoking the authorizer, when an identity source is missing', async () => {
    const auth = authorizer((event) => policy('Allow', event.methodArn));
    const { wsUrl, events, logs } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) }, connectAuthorizer: auth.definition });
    await expect(openClient(wsUrl)).rejects.toThrow('HTTP 401');
    await expect(openClient(`${wsUrl}?token=`)).rejects.toThrow('HTTP 401');
    expect(auth.seen).toHaveLength(0);
    expect(events).toHaveLength(0);
    expect(logs).toContain('handshake refused with 401: identity source route.request.querystring.token is missing or empty');
  });

  it('§4 reads header identity sources case-insensitively', async () => {
    const auth = authorizer((event) => policy('Allow', event.methodArn), ['route.request.header.Auth']);
    const { wsUrl } = await startEmulator({ routes: {}, connectAuthorizer: auth.definition });
    await openClient(wsUrl, undefined, { headers: { auth: 'secret' } });
    expect(auth.seen[0]?.headers?.auth).toBe('secret');
  });

  it('§3.5 gives the authorizer its REQUEST input: type, methodArn, headers with Connection and Upgrade, query, stageVariables', async () => {
    const auth = authorizer((event) => policy('Allow', event.methodArn));
    const { wsUrl, emulator } = await startEmulator({ routes: {}, connectAuthorizer: auth.definition, apiId: 'abcdef1234', region: 'ap-northeast-1', accountId: '123456789012' });
    await openClient(`${wsUrl}?token=abc&room=lobby`, undefined, { headers: { 'User-Agent': 'authorizer-test/1.0' } });
    const event = auth.seen[0]!;
    expect(emulator.settings.stage).toBe('local');
    expect(event.type).toBe('REQUEST');
    expect(event.methodArn).toBe('arn:aws:execute-api:ap-northeast-1:123456789012:abcdef1234/local/$connect');
    expect(event.headers?.Connection).toBe('Upgrade');
    expect(event.headers?.Upgrade).toBe('websocket');
    expect(event.headers?.['content-length']).toBe('0');
    expect(event.multiValueHeaders?.Upgrade).toEqual(['websocket']);
    expect(event.queryStringParameters).toEqual({ token: 'abc', room: 'lobby' });
    expect(event.multiValueQueryStringParameters).toEqual({ token: ['abc'], room: ['lobby'] });
    expect(event.stageVariables).toEqual({});
    expect(event.requestContext.routeKey).toBe('$connect');
    expect(event.requestContext.eventType).toBe('CONNECT');
    // The authorizer's identity is only the source IP (§3.5).
    expect(event.requestContext.identity).toEqual({ sourceIp: '127.0.0.1' });
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('§3.1 hands principalId and the context, as strings, to $connect and every later event', async () => {
    const auth = authorizer((event) => policy('Allow', event.methodArn, { context: { name: 'Ann', level: 3, admin: false } }));
    const { wsUrl, events } = await startEmulator({
      routes: { $connect: route(() => ({ statusCode: 200 })), $disconnect: route(() => ({ statusCode: 200 })), ...echoAuthorizer },
      connectAuthorizer: auth.definition,
    });
    const client = await openClient(`${wsUrl}?token=abc`);
    const expected = { name: 'Ann', level: '3', admin: 'false', principalId: 'reader-1' };
    expect(events[0]?.requestContext.authorizer).toEqual(expected);
    client.send(JSON.stringify({ action: 'whoami' }));
    expect(JSON.parse(await nextMessage(client))).toEqual(expected);
    client.close();
    const disconnect = await eventually(() => events.find((event) => event.requestContext.eventType === 'DISCONNECT'));
    expect(disconnect.requestContext.authorizer).toEqual(expected);
  });

  it('§4 accepts a policy whose Resource has wildcards, and Statement as one object', async () => {
    const auth = authorizer(() => ({
      principalId: 'p',
      policyDocument: { Version: '2012-10-17', Statement: { Action: 'execute-api:*', Effect: 'Allow', Resource: 'arn:aws:execute-api:*:*:*/local/*' } },
    }));
    const { wsUrl } = await startEmulator({ routes: {}, connectAuthorizer: auth.definition });
    await expect(openClient(`${wsUrl}?token=abc`)).resolves.toBeDefined();
  });

  it.each([
    ['an explicit Deny', (arn: string) => policy('Deny', arn)],
    ['an Allow for another route', (arn: string) => policy('Allow', arn.replace('$connect', '$default'))],
    ['a Deny beside an Allow', (arn: string) => ({
      principalId: 'p',
      policyDocument: { Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: arn }, { Action: 'execute-api:Invoke', Effect: 'Deny', Resource: '*' }] },
    })],
  ])('§4 refuses with 403 and never runs $connect for %s', async (_name, answer) => {
    const auth = authorizer((event) => answer(event.methodArn));
    const { wsUrl, events } = await startEmulator({ routes: { $connect: route(() => ({ statusCode: 200 })) }, connectAuthorizer: auth.definition });
    await expect(openClient(`${wsUrl}?token=abc`)).rejects.toThrow('HTTP 403');
    expect(auth.seen).toHaveLength(1);
    expect(events).toHaveLength(0);
  });

  it('§4 refuses with 401 when the authorizer throws "Unauthorized"', async () => {
    const auth = authorizer(() => {
      throw new Error('Unauthorized');
    });
    const { wsUrl } = await startEmulator({ routes: {}, connectAuthorizer: auth.definition });
    await expect(openClient(`${wsUrl}?token=wrong`)).rejects.toThrow('HTTP 401');
  });

  it.each([
    ['throws another error', () => {
      throw new Error('database down');
    }],
    ['returns no policy', () => ({ principalId: 'p' })],
    ['returns null', () => null],
    ['puts an object in its context', (event: AuthorizerEvent) => policy('Allow', event.methodArn, { context: { nested: { a: 1 } } })],
  ])('§4 refuses with 500 when the authorizer %s', async (_name, answer) => {
    const auth = authorizer(answer);
    const { wsUrl } = await startEmulator({ routes: {}, connectAuthorizer: auth.definition });
    await expect(openClient(`${wsUrl}?token=abc`)).rejects.toThrow('HTTP 500');
  });

  it('§4 keeps serving after a refused handshake', async () => {
    const auth = authorizer((event) => (event.queryStringParameters?.token === 'good' ? policy('Allow', event.methodArn) : policy('Deny', event.methodArn)));
    const { wsUrl } = await startEmulator({ routes: echoAuthorizer, connectAuthorizer: auth.definition });
    await expect(openClient(`${wsUrl}?token=bad`)).rejects.toThrow('HTTP 403');
    const client = await openClient(`${wsUrl}?token=good`);
    client.send(JSON.stringify({ action: 'whoami' }));
    expect(JSON.parse(await nextMessage(client))).toEqual({ principalId: 'reader-1' });
  });
});
