import { describe, expect, it } from 'vitest';
import type { StampedEntry } from '../../emulator/inspector.ts';
import { richToString } from '../../site/client/rich-text.ts';
import { clientRows, entryRow, insertInOrder, lambdaEventRow, type InspectorRow } from '../../site/widgets/event-inspector-rows.ts';
import { recordedEntries } from '../../site/widgets/event-inspector-recording.ts';
import { eventInspectorText } from '../../site/widgets/event-inspector-text.ts';

const text = eventInspectorText.en;
const rows = recordedEntries.map((entry) => entryRow(entry, text)).filter((row): row is InspectorRow => row !== null);
const summaries = (kind: string) => rows.filter((row) => row.kind === kind).map((row) => richToString(row.summary));

describe('entryRow, on the recorded session', () => {
  it('puts handshakes, routes, data sent and closes under API Gateway, and invocations, results and @connections calls under Lambda', () => {
    const lanes = Object.fromEntries(rows.map((row) => [row.kind, row.lane]));
    expect(lanes).toEqual({
      handshake: 'gateway',
      connected: 'gateway',
      route: 'gateway',
      'message-out': 'gateway',
      close: 'gateway',
      invoke: 'lambda',
      result: 'lambda',
      management: 'lambda',
    });
  });

  it('leaves out message-in, which repeats what the browser sent', () => {
    expect(rows.some((row) => row.kind === 'message-in')).toBe(false);
  });

  it('says which route was chosen and why', () => {
    expect(summaries('route')).toEqual([
      'route $default (not JSON)',
      'route whoami (the expression gave "whoami")',
      'route $default (no route named "nope")',
    ]);
  });

  it('names the route and event type of each invocation', () => {
    expect(summaries('invoke')).toEqual([
      'invoked for $connect with a CONNECT event',
      'invoked for $default with a MESSAGE event',
      'invoked for whoami with a MESSAGE event',
      'invoked for $default with a MESSAGE event',
      'invoked for $disconnect with a DISCONNECT event',
    ]);
  });

  it('shows results and @connections calls', () => {
    expect(summaries('result').every((summary) => /^returned \{"statusCode":200\} after \d+ ms$/.test(summary))).toBe(true);
    expect(summaries('management')).toEqual(['@connections POST → 200', '@connections POST → 200', '@connections POST → 200']);
  });

  it('marks and explains the fields that matter in each Lambda event', () => {
    const [connect, message, , , disconnect] = rows.filter((row) => row.kind === 'invoke');
    expect(connect?.detail?.notes.map((note) => note.field)).toEqual(['routeKey', 'eventType', 'connectionId']);
    expect(message?.detail?.notes.map((note) => note.field)).toEqual(['routeKey', 'eventType', 'connectionId', 'messageId', 'body']);
    expect(disconnect?.detail?.notes.map((note) => note.field)).toEqual([
      'routeKey',
      'eventType',
      'connectionId',
      'disconnectStatusCode',
      'disconnectReason',
    ]);
    expect(message?.detail?.segments.filter((segment) => segment.mark).map((segment) => segment.text)).toContain('"body": "hello"');
  });
});

describe('entryRow, for what the recording does not have', () => {
  const at = '2026-01-01T00:00:00.000Z';
  it('explains Forbidden, error frames, failures, timeouts and Gone', () => {
    const entries: StampedEntry[] = [
      { type: 'route', connectionId: 'c', expression: '$request.body.action', value: 'x', routeKey: null, reason: 'no-match', seq: 1, at },
      { type: 'route', connectionId: 'c', expression: '$request.body.action', value: '', routeKey: '$default', reason: 'no-match', seq: 2, at },
      { type: 'message-out', connectionId: 'c', via: 'error-frame', body: '{"message": "Forbidden"}', bytes: 24, binary: false, seq: 3, at },
      { type: 'result', connectionId: 'c', routeKey: 'time', requestId: 'r', durationMs: 5, error: { name: 'Error', message: 'boom' }, seq: 4, at },
      { type: 'result', connectionId: 'c', routeKey: 'time', requestId: 'r', durationMs: 29000, error: { name: 'IntegrationTimeout', message: 'x' }, seq: 5, at },
      { type: 'management', connectionId: 'c', method: 'POST', status: 410, seq: 6, at },
      { type: 'close', connectionId: 'c', code: 1001, reason: 'Going away', by: 'gateway', seq: 7, at },
    ];
    expect(entries.map((entry) => richToString(entryRow(entry, text)!.summary))).toEqual([
      'no matching route and no $default: Forbidden',
      'route $default (no field for the expression)',
      'sends an error frame {"message": "Forbidden"}',
      'threw Error: boom after 5 ms',
      'did not finish within 29 seconds (29000 ms)',
      '@connections POST → 410 (GoneException: the connection is gone)',
      'API Gateway closed (code 1001, reason Going away)',
    ]);
  });
});

describe('clientRows', () => {
  it('keeps markup in a message as text, and cuts long ones with the whole text in the detail', () => {
    const html = '<img src=x onerror=alert(1)>';
    expect(richToString(clientRows.sent('k', html, new Date(0), text).summary)).toBe(`sent ${html}`);
    const long = 'x'.repeat(300);
    const row = clientRows.received('k', long, new Date(0), text);
    expect(richToString(row.summary)).toBe(`received ${'x'.repeat(120)}…`);
    expect(row.detail?.segments).toEqual([{ text: long }]);
  });

  it('offers pretty JSON for a JSON message too long to read on one line', () => {
    const reply = '{"type":"whoami","connectionId":"ejzt7jPFzxyClzU="}';
    expect(clientRows.received('k', reply, new Date(0), text).detail?.segments).toEqual([{ text: JSON.stringify(JSON.parse(reply), null, 2) }]);
    expect(clientRows.sent('k', '{"action":"whoami"}', new Date(0), text).detail).toBeUndefined();
  });
});

describe('lambdaEventRow', () => {
  it("builds a Lambda row from an event the deployed sample's inspect route returned", () => {
    const event = { requestContext: { routeKey: 'whoami', eventType: 'MESSAGE', requestId: 'abc=', requestTimeEpoch: 1000, connectionId: 'c' }, body: '{}' };
    const row = lambdaEventRow(event, text);
    expect(row).toMatchObject({ key: 'event:abc=', at: 1000, lane: 'lambda' });
    expect(richToString(row.summary)).toBe('Lambda event for whoami (MESSAGE)');
  });
});

describe('insertInOrder', () => {
  it('keeps rows in time order, later arrivals with the same time after earlier ones', () => {
    const list: InspectorRow[] = [];
    const row = (key: string, at: number): InspectorRow => ({ key, at, lane: 'client', kind: 'sent', summary: [] });
    insertInOrder(list, row('b', 20));
    insertInOrder(list, row('a', 10));
    insertInOrder(list, row('c', 20));
    expect(insertInOrder(list, row('d', 15))).toBe(1);
    expect(list.map((item) => item.key)).toEqual(['a', 'd', 'b', 'c']);
  });
});
