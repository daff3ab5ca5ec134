/**
 * Lambda proxy events for WebSocket routes, shaped as in reference section 3
 * (real captures from 2022-2025): which keys exist on which event type matters as much as their values.
 */
import { newMessageId, newRequestId, randomPoolBytes, toHex } from './ids.ts';

export type Headers = Record<string, string>;
export type MultiValueHeaders = Record<string, string[]>;

/** What stays the same for every event of one connection. */
export interface ConnectionContext {
  connectionId: string;
  connectedAt: number;
  apiId: string;
  stage: string;
  /** The Host the client used; handlers build the @connections endpoint from it. */
  domainName: string;
  sourceIp: string;
  userAgent: string | undefined;
  /** What a `$connect` authorizer allowed the connection with: `principalId` and its `context` (§3.1). */
  authorizer: Record<string, string> | undefined;
}

export interface RequestContext {
  routeKey: string;
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
  messageId?: string;
  extendedRequestId: string;
  requestTime: string;
  messageDirection: 'IN';
  disconnectStatusCode?: number;
  disconnectReason?: string;
  stage: string;
  connectedAt: number;
  requestTimeEpoch: number;
  identity: { userAgent?: string; sourceIp: string };
  requestId: string;
  domainName: string;
  connectionId: string;
  apiId: string;
  authorizer?: Record<string, string>;
}

export interface WebSocketEvent {
  headers?: Headers;
  multiValueHeaders?: MultiValueHeaders;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: RequestContext;
  body?: string;
  isBase64Encoded: false;
}

export interface HandshakeRequest {
  /** Node's `rawHeaders`: name, value, name, value… with the client's casing. */
  rawHeaders: string[];
  /** The request target, e.g. `/local?room=lobby`. */
  url: string;
}

/** The `$connect` event: handshake headers and, only if the URL had one, the query string. */
export function connectEvent(connection: ConnectionContext, request: HandshakeRequest, now = Date.now()): WebSocketEvent {
  const { headers, multiValueHeaders } = connectHeaders(connection, request.rawHeaders);
  const event: WebSocketEvent = {
    headers,
    multiValueHeaders,
    requestContext: requestContext(connection, '$connect', 'CONNECT', now),
    isBase64Encoded: false,
  };
  const query = queryParameters(request.url);
  if (query) {
    event.queryStringParameters = query.single;
    event.multiValueQueryStringParameters = query.multi;
  }
  return event;
}

/** A MESSAGE event: no headers, a `messageId`, and the text frame as `body`. */
export function messageEvent(connection: ConnectionContext, routeKey: string, body: string, now = Date.now()): WebSocketEvent {
  const context = requestContext(connection, routeKey, 'MESSAGE', now);
  return {
    requestContext: { ...context, messageId: newMessageId() },
    body,
    isBase64Encoded: false,
  };
}

/** The `$disconnect` event: AWS's fixed small header set plus the close code and reason. */
export function disconnectEvent(
  connection: ConnectionContext,
  statusCode: number,
  reason: string,
  now = Date.now(),
): WebSocketEvent {
  const headers: Headers = {
    Host: connection.domainName,
    'x-api-key': '',
    'X-Forwarded-For': '',
    'x-restapi': '',
  };
  return {
    headers,
    multiValueHeaders: toMultiValue(headers),
    requestContext: {
      ...requestContext(connection, '$disconnect', 'DISCONNECT', now),
      disconnectStatusCode: statusCode,
      disconnectReason: reason,
    },
    isBase64Encoded: false,
  };
}

function requestContext(
  connection: ConnectionContext,
  routeKey: string,
  eventType: RequestContext['eventType'],
  now: number,
): RequestContext {
  const requestId = newRequestId();
  const identity: RequestContext['identity'] =
    connection.userAgent === undefined
      ? { sourceIp: connection.sourceIp }
      : { userAgent: connection.userAgent, sourceIp: connection.sourceIp };
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: commonLogFormat(now),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now,
    identity,
    requestId,
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
    ...(connection.authorizer ? { authorizer: connection.authorizer } : {}),
  };
}

// `Connection` and `Upgrade` are absent from real integration events; AWS adds tracing and forwarding headers.
const HOP_BY_HOP = new Set(['connection', 'upgrade']);

function connectHeaders(connection: ConnectionContext, rawHeaders: string[]) {
  const multiValueHeaders: MultiValueHeaders = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (HOP_BY_HOP.has(name.toLowerCase())) continue;
    (multiValueHeaders[name] ??= []).push(rawHeaders[i + 1] as string);
  }
  // What API Gateway's front door says, since it takes wss:// only: code that checks for https (an
  // authorizer that refuses anything else, say) behaves as on AWS, although the local hop is plain ws://.
  multiValueHeaders['X-Amzn-Trace-Id'] = [traceId(connection.connectedAt)];
  multiValueHeaders['X-Forwarded-For'] = [connection.sourceIp];
  multiValueHeaders['X-Forwarded-Port'] = ['443'];
  multiValueHeaders['X-Forwarded-Proto'] = ['https'];
  const headers: Headers = {};
  for (const [name, values] of Object.entries(multiValueHeaders)) headers[name] = values.at(-1) ?? '';
  return { headers, multiValueHeaders };
}

function toMultiValue(headers: Headers): MultiValueHeaders {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
}

function queryParameters(url: string) {
  const questionMark = url.indexOf('?');
  if (questionMark === -1 || questionMark === url.length - 1) return undefined;
  const params = new URLSearchParams(url.slice(questionMark + 1));
  const multi: Record<string, string[]> = {};
  for (const [name, value] of params) (multi[name] ??= []).push(value);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(multi)) single[name] = values.at(-1) ?? '';
  return { single, multi };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `20/Jan/2024:11:55:08 +0000`: API Gateway's `requestTime`, always in UTC. */
export function commonLogFormat(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

// X-Ray format: `Root=1-{epoch seconds in hex}-{96 random bits in hex}`.
function traceId(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000).toString(16).padStart(8, '0');
  return `Root=1-${seconds}-${toHex(randomPoolBytes(12))}`;
}
