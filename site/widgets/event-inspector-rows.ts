/**
 * What <apigw-event-inspector> shows for each thing that happened: which column (the browser,
 * API Gateway, or the Lambda function), when, a one-line summary and, for Lambda events, results
 * and long messages, an expandable JSON view with the fields that matter marked. Pure, so the
 * server renders the recorded example with exactly the rows the browser builds live.
 */
import type { StampedEntry } from '../../emulator/inspector.ts';
import { jsonSegments, valueAt, type JsonPath, type Segment } from '../client/json-view.ts';
import type { Rich } from '../client/rich-text.ts';
import type { EventInspectorText } from './event-inspector-text.ts';

export type Lane = 'client' | 'gateway' | 'lambda';
export type CloseBy = 'client' | 'gateway' | 'network';

export interface RowDetail {
  /** The <summary> text. */
  label: string;
  segments: Segment[];
  /** What each marked field means, in the order they appear. */
  notes: { field: string; text: string }[];
}

export interface InspectorRow {
  /** Unique per row; a feed entry or event seen twice gets the same key. */
  key: string;
  /** Milliseconds since the epoch, for ordering. */
  at: number;
  lane: Lane;
  /** The entry type or browser event, for styling and tests (`invoke`, `sent`, …). */
  kind: string;
  summary: Rich;
  detail?: RowDetail;
}

/** Messages longer than this are cut in the summary; the whole text is in the detail. */
const SUMMARY_CHARS = 120;
/** JSON up to this long reads well enough on one line (`{"action":"whoami"}`). */
const ONE_LINE_JSON_CHARS = 40;

/** The fields of a Lambda event a reader should look at, and where they live. */
const EVENT_FIELDS: readonly { field: keyof EventInspectorText['fieldNotes']; path: JsonPath }[] = [
  { field: 'routeKey', path: ['requestContext', 'routeKey'] },
  { field: 'eventType', path: ['requestContext', 'eventType'] },
  { field: 'connectionId', path: ['requestContext', 'connectionId'] },
  { field: 'messageId', path: ['requestContext', 'messageId'] },
  { field: 'disconnectStatusCode', path: ['requestContext', 'disconnectStatusCode'] },
  { field: 'disconnectReason', path: ['requestContext', 'disconnectReason'] },
  { field: 'body', path: ['body'] },
];

/** The row for one inspector-feed entry, or null for entries the inspector leaves out. */
export function entryRow(entry: StampedEntry, text: EventInspectorText): InspectorRow | null {
  const base = { key: `feed:${entry.seq}@${entry.at}`, at: Date.parse(entry.at), kind: entry.type };
  const row = text.row;
  switch (entry.type) {
    case 'handshake':
      return { ...base, lane: 'gateway', summary: row.handshake(entry.path) };
    case 'connected':
      return { ...base, lane: 'gateway', summary: row.connected(entry.subprotocol) };
    case 'route': {
      const summary =
        entry.routeKey === null
          ? row.routeForbidden()
          : entry.reason === 'matched'
            ? row.routeMatched(entry.routeKey, entry.value ?? '')
            : entry.reason === 'not-json'
              ? row.routeNotJson()
              : entry.value === '' || entry.value === null
                ? row.routeNoField()
                : row.routeNoMatch(entry.value);
      return { ...base, lane: 'gateway', summary };
    }
    case 'invoke':
      return { ...base, lane: 'lambda', summary: row.invoke(entry.routeKey, eventTypeOf(entry.event)), detail: eventDetail(entry.event, text) };
    case 'result': {
      if (entry.error) {
        const summary =
          entry.error.name === 'IntegrationTimeout'
            ? row.resultTimeout(entry.durationMs)
            : row.resultError(`${entry.error.name}: ${entry.error.message}`, entry.durationMs);
        return { ...base, lane: 'lambda', summary };
      }
      const compact = JSON.stringify(entry.result) ?? 'undefined';
      const detail =
        compact.length > SUMMARY_CHARS ? { label: text.detail.result, segments: jsonSegments(entry.result), notes: [] } : undefined;
      return { ...base, lane: 'lambda', summary: row.resultOk(cut(compact), entry.durationMs), ...(detail && { detail }) };
    }
    case 'management':
      return { ...base, lane: 'lambda', summary: row.management(entry.method, entry.status) };
    case 'message-out': {
      const say = { '@connections': row.outConnections, 'route-response': row.outRouteResponse, 'error-frame': row.outErrorFrame }[entry.via];
      return { ...base, lane: 'gateway', summary: say(cut(entry.body)), ...messageDetail(entry.body, text) };
    }
    case 'close':
      return { ...base, lane: 'gateway', summary: row.close(entry.code, entry.reason, entry.by) };
    // message-in is the browser's "sent" row again; route says what happened to it.
    case 'message-in':
    case 'handshake-refused':
      return null;
  }
}

/** The rows for what the browser itself did and saw on the connection. */
export const clientRows = {
  connecting: (key: string, url: string, at: Date, text: EventInspectorText): InspectorRow => ({
    key,
    at: at.getTime(),
    lane: 'client',
    kind: 'connecting',
    summary: text.row.connecting(url),
  }),
  open: (key: string, handshakeMs: number, at: Date, text: EventInspectorText): InspectorRow => ({
    key,
    at: at.getTime(),
    lane: 'client',
    kind: 'open',
    summary: text.row.open(Math.round(handshakeMs)),
  }),
  sent: (key: string, body: string, at: Date, text: EventInspectorText): InspectorRow => ({
    key,
    at: at.getTime(),
    lane: 'client',
    kind: 'sent',
    summary: text.row.sent(cut(body)),
    ...messageDetail(body, text),
  }),
  received: (key: string, body: string, at: Date, text: EventInspectorText): InspectorRow => ({
    key,
    at: at.getTime(),
    lane: 'client',
    kind: 'received',
    summary: text.row.received(cut(body)),
    ...messageDetail(body, text),
  }),
  close: (key: string, code: number, reason: string, at: Date, text: EventInspectorText): InspectorRow => ({
    key,
    at: at.getTime(),
    lane: 'client',
    kind: 'close',
    summary: text.row.clientClose(code, reason),
  }),
};

/** The row for a Lambda event the deployed sample's `inspect` route sent back. */
export function lambdaEventRow(event: unknown, text: EventInspectorText): InspectorRow {
  const requestId = valueAt(event, ['requestContext', 'requestId']);
  const at = valueAt(event, ['requestContext', 'requestTimeEpoch']);
  const routeKey = valueAt(event, ['requestContext', 'routeKey']);
  return {
    key: `event:${String(requestId)}`,
    at: typeof at === 'number' ? at : 0,
    lane: 'lambda',
    kind: 'lambda-event',
    summary: text.row.lambdaEvent(String(routeKey), eventTypeOf(event)),
    detail: eventDetail(event, text),
  };
}

/** A Lambda event as pretty JSON, with its telling fields marked and explained. */
export function eventDetail(event: unknown, text: EventInspectorText): RowDetail {
  const present = EVENT_FIELDS.filter(({ path }) => valueAt(event, path) !== undefined);
  return {
    label: text.detail.event,
    segments: jsonSegments(
      event,
      present.map(({ path }) => path),
    ),
    notes: present.map(({ field }) => ({ field, text: text.fieldNotes[field] })),
  };
}

/** Inserts `row` after every row that happened at the same time or earlier; returns its index. */
export function insertInOrder(rows: InspectorRow[], row: InspectorRow): number {
  let index = rows.length;
  while (index > 0 && (rows[index - 1]?.at ?? 0) > row.at) index--;
  rows.splice(index, 0, row);
  return index;
}

function eventTypeOf(event: unknown): string {
  return String(valueAt(event, ['requestContext', 'eventType']) ?? '?');
}

/** Long messages, and JSON too long to read on one line, get an expandable view: pretty JSON when it parses, else the whole text. */
function messageDetail(body: string, text: EventInspectorText): { detail?: RowDetail } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const isStructured = typeof parsed === 'object' && parsed !== null;
  if (body.length <= (isStructured ? ONE_LINE_JSON_CHARS : SUMMARY_CHARS)) return {};
  return { detail: { label: text.detail.message, segments: isStructured ? jsonSegments(parsed) : [{ text: body }], notes: [] } };
}

function cut(body: string): string {
  const oneLine = body.replace(/\s*\n\s*/g, ' ');
  return oneLine.length > SUMMARY_CHARS ? `${oneLine.slice(0, SUMMARY_CHARS)}…` : oneLine;
}
