/**
 * The @connections management API: `POST`, `GET` and `DELETE` on `/{stage}/@connections/{id}`,
 * with the status codes and bodies of reference §6.2.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, respond, respondJson } from './http-responses.ts';

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

/**
 * Answers one @connections request. `cors` holds the CORS headers for the request's origin (empty
 * for other origins and for non-browser clients such as the SDK and the CLI).
 */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  connectionId: string,
  backend: ManagementBackend,
  cors: Record<string, string> = {},
): Promise<void> {
  const method = req.method ?? 'GET';
  // Emulator only, a convenience for the tutorial's widgets: they call @connections from the page to
  // show the 200 and the 410. AWS's endpoint needs SigV4-signed requests and is not called from
  // browsers, so it is not known to send CORS headers; nothing changes for the SDK or the CLI.
  if (Object.keys(cors).length > 0) {
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      // A preflight is the browser's question, not an @connections call: not metered or inspected.
      respond(res, 204, {
        ...cors,
        'access-control-allow-methods': 'POST, GET, DELETE',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      }, '');
      return;
    }
    // Lets the page read which error it got (GoneException, PayloadTooLargeException).
    for (const [name, value] of Object.entries({ ...cors, 'access-control-expose-headers': 'x-amzn-ErrorType' })) {
      res.setHeader(name, value);
    }
  }
  const status = await answer(req, res, connectionId, method, backend);
  backend.answered(connectionId, method, status);
}

async function answer(req: IncomingMessage, res: ServerResponse, connectionId: string, method: string, backend: ManagementBackend): Promise<number> {
  if (method === 'POST') {
    const body = await readBody(req, backend.maxPostBytes);
    if (body === undefined) {
      // The SDK model caps Data at 131072 bytes: PayloadTooLargeException, which carries a message.
      respondJson(res, 413, { 'x-amzn-ErrorType': 'PayloadTooLargeException', connection: 'close' }, {
        message: `Request payload exceeds the ${backend.maxPostBytes}-byte limit`,
      });
      return 413;
    }
    if (!backend.findOpen(connectionId)) return gone(res);
    backend.post(connectionId, body);
    respond(res, 200, {}, '');
    return 200;
  }
  if (method === 'GET') {
    const connection = backend.findOpen(connectionId);
    if (!connection) return gone(res);
    respondJson(res, 200, {}, {
      connectedAt: new Date(connection.connectedAt).toISOString(),
      identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent ?? null },
      lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
    });
    return 200;
  }
  if (method === 'DELETE') {
    if (!backend.findOpen(connectionId)) return gone(res);
    backend.disconnect(connectionId);
    // 204 per the SDK model; whether AWS still answers 200 is UNCONFIRMED (§6.2). SDKs accept both.
    respond(res, 204, {}, '');
    return 204;
  }
  respondJson(res, 403, { 'x-amzn-ErrorType': 'ForbiddenException' }, { message: 'Forbidden' });
  return 403;
}

// 410 with an empty body and the error type in a header: AWS's 410 body is not JSON (§6.2).
function gone(res: ServerResponse): number {
  respond(res, 410, { 'x-amzn-ErrorType': 'GoneException' }, '');
  return 410;
}
