import { describe, expect, it } from 'vitest';
import type { InspectorEntry, StampedEntry } from '../../emulator/inspector.ts';
import { ConnectionMatcher, connectionIdIn, requestTarget, type ConnectAttempt } from '../../site/client/connection-matcher.ts';
import { recordedEntries } from '../../site/widgets/event-inspector-recording.ts';

const ORIGIN = 'http://localhost:4321';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0';
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

let seq = 0;
function stamp(entry: InspectorEntry, atMs: number): StampedEntry {
  return { ...entry, seq: ++seq, at: new Date(atMs).toISOString() } as StampedEntry;
}
function handshake(connectionId: string, atMs: number, overrides: { path?: string; origin?: string; userAgent?: string } = {}): StampedEntry {
  return stamp(
    {
      type: 'handshake',
      connectionId,
      path: overrides.path ?? '/local',
      headers: { Host: 'localhost:3001', Origin: overrides.origin ?? ORIGIN, 'User-Agent': overrides.userAgent ?? UA },
      offeredSubprotocols: [],
    },
    atMs,
  );
}
const connected = (connectionId: string, atMs: number) => stamp({ type: 'connected', connectionId, subprotocol: undefined }, atMs);
const messageIn = (connectionId: string, body: string, atMs: number) =>
  stamp({ type: 'message-in', connectionId, body, bytes: body.length }, atMs);
const messageOut = (connectionId: string, body: string, atMs: number) =>
  stamp({ type: 'message-out', connectionId, via: '@connections', body, bytes: body.length, binary: false }, atMs);
const close = (connectionId: string, atMs: number) => stamp({ type: 'close', connectionId, code: 1000, reason: '', by: 'client' }, atMs);

function attempt(startedAt = T0): ConnectAttempt {
  return { path: '/local', origin: ORIGIN, userAgent: UA, startedAt, trackedSince: startedAt };
}

describe('ConnectionMatcher', () => {
  it('recognises the one handshake that fits once both sides say the connection is open, and replays its beginning', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    expect(matcher.entry(handshake('mine', T0 + 5))).toEqual([]);
    expect(matcher.state).toEqual({ kind: 'searching', candidates: 1 });
    expect(matcher.entry(connected('mine', T0 + 40))).toEqual([]);
    const replayed = matcher.opened();
    expect(replayed.map((entry) => entry.type)).toEqual(['handshake', 'connected']);
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
    const later = messageIn('mine', 'hello', T0 + 100);
    expect(matcher.entry(later)).toEqual([later]);
  });

  it('matches the recorded emulator session, however the feed and the socket interleave', () => {
    const first = recordedEntries[0] as Extract<StampedEntry, { type: 'handshake' }>;
    const matcher = new ConnectionMatcher();
    const startedAt = Date.parse(first.at) - 20;
    matcher.begin({ path: first.path, origin: first.headers.Origin!, userAgent: first.headers['User-Agent']!, startedAt, trackedSince: startedAt });
    matcher.opened();
    const shown = recordedEntries.flatMap((entry) => {
      if (entry.type === 'message-in') matcher.sent(entry.body);
      return matcher.entry(entry);
    });
    expect(shown).toEqual(recordedEntries);
  });

  it('ignores handshakes for another path, another origin, another browser, or from before the attempt', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    matcher.entry(handshake('path', T0 + 1, { path: '/local?room=lobby' }));
    matcher.entry(handshake('origin', T0 + 1, { origin: 'http://127.0.0.1:4321' }));
    matcher.entry(handshake('browser', T0 + 1, { userAgent: 'curl/8' }));
    matcher.entry(handshake('earlier', T0 - 5000));
    expect(matcher.state).toEqual({ kind: 'searching', candidates: 0 });
  });

  it('tells two look-alike connections apart by the first message this browser sends', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['other', 'mine']) {
      matcher.entry(handshake(id, T0 + 5));
      matcher.entry(connected(id, T0 + 30));
    }
    matcher.opened();
    expect(matcher.state).toEqual({ kind: 'searching', candidates: 2 });
    matcher.sent('{"action":"whoami"}');
    expect(matcher.entry(messageIn('mine', '{"action":"whoami"}', T0 + 60))).toEqual([]);
    expect(matcher.pending).toBe('mine');
    expect(matcher.state).toEqual({ kind: 'searching', candidates: 2 });
    const shown = matcher.settle();
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
    expect(shown.map((entry) => entry.type)).toEqual(['handshake', 'connected', 'message-in']);
  });

  it('rules out a look-alike that received a message this browser never sent', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['other', 'mine']) {
      matcher.entry(handshake(id, T0 + 5));
      matcher.entry(connected(id, T0 + 30));
    }
    matcher.opened();
    matcher.entry(messageIn('other', 'from the other tab', T0 + 50));
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
  });

  it('rules out a look-alike that closes while this browser stays connected', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['other', 'mine']) {
      matcher.entry(handshake(id, T0 + 5));
      matcher.entry(connected(id, T0 + 30));
    }
    matcher.opened();
    matcher.entry(close('other', T0 + 80));
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
  });

  it('uses a message this browser received when both look-alikes sent the same text', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['other', 'mine']) {
      matcher.entry(handshake(id, T0 + 5));
      matcher.entry(connected(id, T0 + 30));
    }
    matcher.opened();
    matcher.sent('hello');
    // The other tab's identical text reaches the feed first: a hint, not yet a decision.
    matcher.entry(messageIn('other', 'hello', T0 + 50));
    expect(matcher.pending).toBe('other');
    matcher.entry(messageIn('mine', 'hello', T0 + 51));
    expect(matcher.pending).toBeNull();
    expect(matcher.settle()).toEqual([]);
    expect(matcher.state.kind).toBe('searching');
    const echo = '{"type":"echo","echo":"hello","receivedAt":"2026-01-01T00:00:00.051Z"}';
    matcher.entry(messageOut('mine', echo, T0 + 70));
    matcher.received(echo);
    expect(matcher.pending).toBe('mine');
    matcher.settle();
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
  });

  it('does not settle on a hint that changed since it was given', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['a', 'b']) {
      matcher.entry(handshake(id, T0 + 5));
      matcher.entry(connected(id, T0 + 30));
    }
    matcher.opened();
    const broadcast = '{"type":"broadcast","from":"x","message":"hi"}';
    matcher.received(broadcast);
    matcher.entry(messageOut('a', broadcast, T0 + 60));
    expect(matcher.pending).toBe('a');
    // The same broadcast reaches the other look-alike before the hint settles: both stay possible.
    matcher.entry(messageOut('b', broadcast, T0 + 61));
    expect(matcher.settle()).toEqual([]);
    expect(matcher.state).toEqual({ kind: 'searching', candidates: 2 });
  });

  it('takes the connectionId of a whoami reply as settled', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    for (const id of ['other', 'mine']) matcher.entry(handshake(id, T0 + 5));
    matcher.opened();
    matcher.received('{"type":"whoami","connectionId":"mine","connectedAt":"…"}');
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'mine' });
  });

  it("shows a refused handshake's $connect when the browser never got in", () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    matcher.entry(handshake('refused', T0 + 5));
    const shown = matcher.closed(false);
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'refused' });
    expect(shown.map((entry) => entry.type)).toEqual(['handshake']);
  });

  it('keeps showing an earlier connection (its $disconnect arrives late) and never takes it for the next one', () => {
    const matcher = new ConnectionMatcher();
    matcher.begin(attempt());
    matcher.entry(handshake('first', T0 + 5));
    matcher.entry(connected('first', T0 + 30));
    matcher.opened();
    matcher.closed(true);
    matcher.begin(attempt(T0 + 200));
    matcher.entry(handshake('second', T0 + 210));
    const disconnect = close('first', T0 + 220);
    expect(matcher.entry(disconnect)).toEqual([disconnect]);
    matcher.entry(connected('second', T0 + 240));
    matcher.opened();
    expect(matcher.state).toEqual({ kind: 'matched', connectionId: 'second' });
  });

  it('finds a connection made before it started, from the entries the feed replays', () => {
    const matcher = new ConnectionMatcher();
    const entries = [handshake('mine', T0 + 5), connected('mine', T0 + 30), messageIn('mine', 'sent before', T0 + 50)];
    for (const entry of entries) matcher.entry(entry);
    matcher.begin({ ...attempt(T0 + 30 - 30_000), trackedSince: T0 + 1000 });
    expect(matcher.opened().map((entry) => entry.type)).toEqual(['handshake', 'connected', 'message-in']);
  });
});

describe('connectionIdIn', () => {
  it("reads the receiver's own id from whoami replies and API Gateway error frames only", () => {
    expect(connectionIdIn('{"type":"whoami","connectionId":"abc="}')).toBe('abc=');
    expect(connectionIdIn('{"message": "Forbidden", "connectionId":"abc=", "requestId":"def="}')).toBe('abc=');
    expect(connectionIdIn('{"type":"broadcast","from":"abc=","message":"hi"}')).toBeNull();
    expect(connectionIdIn('{"type":"echo","connectionId":"abc="}')).toBeNull();
    expect(connectionIdIn('hello')).toBeNull();
    expect(connectionIdIn('[1]')).toBeNull();
  });
});

describe('requestTarget', () => {
  it('is the path and query the browser sends', () => {
    expect(requestTarget('ws://localhost:3001/local?room=lobby')).toBe('/local?room=lobby');
    expect(requestTarget('wss://abc.execute-api.us-east-1.amazonaws.com/dev')).toBe('/dev');
  });
});
