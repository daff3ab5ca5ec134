/**
 * The @connections management API: `POST`, `GET` and `DELETE` on `/{stage}/@connections/{id}`,
 * with the status codes and bodies of reference §6.2, whatever carries the request (Node's HTTP
 * server in management-http.ts, or the in-page transport). No Node imports.
 */

/** What the management API needs to know about an open connection. */
export interface ManagedConnection {
  connectionId: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string | undefined;
}

export interface ManagementBackend {
  /** The connection if it is open; undefined if it is unknown, closed or still in `$connect`. */
  findOpen(connectionId: string): ManagedConnection | undefined;
  post(connectionId: string, data: Uint8Array): void;
  /** Closes the connection as DeleteConnection does. */
  disconnect(connectionId: string): void;
  maxPostBytes: number;
  /** Called after every answer, for the inspector. */
  answered(connectionId: string, method: string, status: number): void;
}

/** `/local/@connections/abc%3D` (also `%40connections`) → `abc=`; undefined for any other path. */
export function parseConnectionsPath(pathname: string, stage: string): string | undefined {
  const segments = pathname.split('/');
  if (segments.length !== 4 || segments[0] !== '' || segments[1] !== stage) return undefined;
  try {
    const collection = decodeURIComponent(segments[2] ?? '');
    const id = decodeURIComponent(segments[3] ?? '');
    return collection === '@connections' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

export interface ManagementAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What @connections answers, whatever carried the request: `body` is the POST's data, or
 * undefined when it was larger than `maxPostBytes`. Does what the request asks (sends, closes).
 */
export function answerManagementRequest(method: string, connectionId: string, body: Uint8Array | undefined, backend: ManagementBackend): ManagementAnswer {
  if (method === 'POST') {
    if (body === undefined) {
      // The SDK model caps Data at 131072 bytes: PayloadTooLargeException, which carries a message.
      return json(413, { message: `Request payload exceeds the ${backend.maxPostBytes}-byte limit` }, { 'x-amzn-ErrorType': 'PayloadTooLargeException', connection: 'close' });
    }
    if (!backend.findOpen(connectionId)) return GONE;
    backend.post(connectionId, body);
    return { status: 200, headers: {}, body: '' };
  }
  if (method === 'GET') {
    const connection = backend.findOpen(connectionId);
    if (!connection) return GONE;
    return json(200, {
      connectedAt: new Date(connection.connectedAt).toISOString(),
      identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent ?? null },
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
  }
  if (method === 'DELETE') {
    if (!backend.findOpen(connectionId)) return GONE;
    backend.disconnect(connectionId);
    // 204 per the SDK model; whether AWS still answers 200 is UNCONFIRMED (§6.2). SDKs accept both.
    return { status: 204, headers: {}, body: '' };
  }
  return json(403, { message: 'Forbidden' }, { 'x-amzn-ErrorType': 'ForbiddenException' });
}

/**
 * A @connections call that arrives as a method, a path and its bytes rather than through the HTTP
 * server (the in-page transport, and Lambda environments' SDK calls over a port): routed by path,
 * answered, and reported to the inspector as the HTTP server does.
 */
export function answerConnectionsCall(method: string, pathname: string, body: Uint8Array, stage: string, backend: ManagementBackend): ManagementAnswer {
  const connectionId = parseConnectionsPath(pathname, stage);
  if (connectionId === undefined) return json(403, { message: 'Forbidden' }, { 'x-amzn-ErrorType': 'ForbiddenException' });
  const answer = answerManagementRequest(method, connectionId, body.length > backend.maxPostBytes ? undefined : body, backend);
  backend.answered(connectionId, method, answer.status);
  return answer;
}

// 410 with an empty body and the error type in a header: AWS's 410 body is not JSON (§6.2).
const GONE: ManagementAnswer = { status: 410, headers: { 'x-amzn-ErrorType': 'GoneException' }, body: '' };

function json(status: number, value: unknown, headers: Record<string, string> = {}): ManagementAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
