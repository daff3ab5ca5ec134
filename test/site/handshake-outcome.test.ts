import { describe, expect, it } from 'vitest';
import type { InspectorEntry, StampedEntry } from '../../emulator/inspector.ts';
import { handshakeOutcome, policyEffect } from '../../site/client/handshake-outcome.ts';

const ORIGIN = 'http://localhost:4321';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const PATH = '/local?token=tutorial-token-alice';

let seq = 0;
function stamp(entry: InspectorEntry, atMs = T0 + 10): StampedEntry {
  return { ...entry, seq: ++seq, at: new Date(atMs).toISOString() } as StampedEntry;
}
const handshake = (connectionId: string, path = PATH, atMs = T0 + 10, origin = ORIGIN) =>
  stamp({ type: 'handshake', connectionId, path, headers: { Origin: origin, 'User-Agent': UA }, offeredSubprotocols: [] }, atMs);
const invokeAuthorizer = (connectionId: string) =>
  stamp({ type: 'invoke', connectionId, routeKey: '$connect authorizer', functionName: 'authorize', requestId: 'r1', event: {} });
const authorizerResult = (connectionId: string, answer: { result?: unknown; error?: { name: string; message: string } }) =>
  stamp({ type: 'result', connectionId, routeKey: '$connect authorizer', requestId: 'r1', durationMs: 3, ...answer });
const refused = (connectionId: string, status: number, reason: string) => stamp({ type: 'handshake-refused', connectionId, status, reason });
const connected = (connectionId: string) => stamp({ type: 'connected', connectionId, subprotocol: undefined });

const attempt = { path: PATH, origin: ORIGIN, userAgent: UA, startedAt: T0 };
const allow = { principalId: 'alice', policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn' }] } };

describe('handshakeOutcome', () => {
  it('reports a refusal API Gateway gave before calling the authorizer', () => {
    const entries = [handshake('a', '/local'), refused('a', 401, 'identity source route.request.querystring.token is missing or empty')];
    expect(handshakeOutcome(entries, { ...attempt, path: '/local' })).toEqual({
      connectionId: 'a', status: 401, reason: 'identity source route.request.querystring.token is missing or empty', authorizer: { ran: false },
    });
  });

  it('reports what the authorizer threw', () => {
    const entries = [handshake('a'), invokeAuthorizer('a'), authorizerResult('a', { error: { name: 'Error', message: 'Unauthorized' } }), refused('a', 401, 'the authorizer answered Unauthorized')];
    expect(handshakeOutcome(entries, attempt)).toMatchObject({ status: 401, authorizer: { ran: true, error: { message: 'Unauthorized' } } });
  });

  it('reports a connection as 101 with the policy the authorizer returned', () => {
    const entries = [handshake('a'), invokeAuthorizer('a'), authorizerResult('a', { result: allow }), connected('a')];
    const outcome = handshakeOutcome(entries, attempt);
    expect(outcome).toMatchObject({ connectionId: 'a', status: 101, reason: null, authorizer: { ran: true, result: allow } });
  });

  it('is null while the handshake has not ended', () => {
    expect(handshakeOutcome([handshake('a'), invokeAuthorizer('a')], attempt)).toBeNull();
    expect(handshakeOutcome([], attempt)).toBeNull();
  });

  it("takes the newest fitting handshake, never another page's or an earlier one", () => {
    // Each of the others comes later in the feed, so only the filters can rule it out.
    const entries = [
      handshake('mine'), refused('mine', 403, '$connect refused the connection'),
      handshake('other-site', PATH, T0 + 20, 'https://elsewhere.example'), connected('other-site'),
      handshake('other-token', '/local?token=x', T0 + 30), refused('other-token', 401, 'the authorizer answered Unauthorized'),
      handshake('before-it-began', PATH, T0 - 5000), refused('before-it-began', 403, 'the policy denies arn'),
    ];
    expect(handshakeOutcome(entries, attempt)).toMatchObject({ connectionId: 'mine', status: 403 });
  });
});

describe('policyEffect', () => {
  it('reads the Effect of the first statement, in either form IAM allows', () => {
    expect(policyEffect(allow)).toBe('Allow');
    expect(policyEffect({ policyDocument: { Statement: { Effect: 'Deny' } } })).toBe('Deny');
    expect(policyEffect(null)).toBeNull();
    expect(policyEffect({ principalId: 'x' })).toBeNull();
  });
});
