/**
 * The core of the local stand-in for an API Gateway WebSocket API: one HTTP server on one port that
 * accepts WebSocket connections at `/{stage}` and serves the @connections management API at
 * `/{stage}/@connections/{connectionId}`, as serverless-offline does and as AWS does on one domain.
 *
 * Routes are plain async functions; reading serverless.yml lives in `serverless-config.ts`.
 * All state belongs to one instance.
 */
import { isUtf8 } from 'node:buffer';
import { STATUS_CODES, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { endpointTimedOutFrame, forbiddenFrame, internalServerErrorFrame } from './error-frames.ts';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionContext, type WebSocketEvent } from './events.ts';
import { newApiId, newConnectionId, newRequestId } from './ids.ts';
import { decideConnect, readProxyResult } from './proxy-result.ts';
import { selectRoute } from './route-selection.ts';

/** Runs one route's integration with the event and resolves with the Lambda's result. */
export type RouteHandler = (event: WebSocketEvent) => Promise<unknown>;

export interface RouteDefinition {
  handler: RouteHandler;
  /** Two-way routes (a `$default` route response) send the result's `body` back to the client. */
  twoWay: boolean;
}

export interface EmulatorOptions {
  /** Route key → integration. `$connect` and `$disconnect` are optional, as on AWS. */
  routes: Record<string, RouteDefinition>;
  /** The API's route selection expression. Default `$request.body.action`. */
  routeSelectionExpression?: string;
  /** The stage name that starts every path. Default `local`. */
  stage?: string;
  /** The port to listen on; 0 picks a free one. Default 3001. */
  port?: number;
  /** The interface to listen on. Default `127.0.0.1`: the emulator is for this machine only. */
  host?: string;
  /** The API id put in events. Default: 10 random lowercase alphanumerics, as AWS makes them. */
  apiId?: string;
  /** Where one-line activity reports go. Default: nowhere. */
  log?: (line: string) => void;
}

/** Fixed API Gateway limits the emulator enforces (reference section 1). */
export const LIMITS = {
  /** A message above this closes the connection with 1009. */
  messageBytes: 128 * 1024,
  /** PostToConnection `Data` above this answers 413. */
  postToConnectionBytes: 131072,
  /** API Gateway stops waiting for an integration after 29 seconds. */
  integrationTimeoutMs: 29_000,
};

type ConnectionState = 'connecting' | 'open' | 'closed';

interface Connection {
  context: ConnectionContext;
  state: ConnectionState;
  socket: WebSocket | undefined;
  lastActiveAt: number;
  /** The close code and reason the emulator itself sent, which `$disconnect` then reports. */
  closedByGateway: { code: number; reason: string } | undefined;
}

export interface Emulator {
  /** Starts listening and resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Closes every connection and the server. */
  close(): Promise<void>;
  /** `ws://host:port/stage` once listening. */
  readonly webSocketUrl: string;
  /** `http://host:port/stage/@connections` once listening. */
  readonly managementUrl: string;
  /** Ids of connections that are open right now. */
  openConnectionIds(): string[];
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const stage = options.stage ?? 'local';
  const routeSelectionExpression = options.routeSelectionExpression ?? '$request.body.action';
  const apiId = options.apiId ?? newApiId();
  const log = options.log ?? (() => {});
  const routes = options.routes;
  const connections = new Map<string, Connection>();
  // The subprotocol a `$connect` handler chose, handed from the upgrade handler to `handleProtocols`.
  const chosenSubprotocols = new WeakMap<IncomingMessage, string | undefined>();

  const wss = new WebSocketServer({
    noServer: true,
    // API Gateway never picks a subprotocol itself: only the one the `$connect` handler returned (reference 4).
    handleProtocols: (_offered, request) => chosenSubprotocols.get(request) ?? false,
    // A safety net above the 128 KB limit, which we enforce ourselves to send AWS's close reason.
    maxPayload: 4 * LIMITS.messageBytes,
  });
  const server: Server = createServer((req, res) => void handleHttp(req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => void handleUpgrade(req, socket, head));
  let address: AddressInfo | undefined;

  function isStagePath(pathname: string): boolean {
    return pathname === `/${stage}` || pathname === `/${stage}/`;
  }

  async function handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isStagePath(url.pathname)) {
      // Unknown stage paths: AWS's exact answer is UNCONFIRMED (reference 12.10); 403 is what API Gateway gives unknown paths.
      abortHandshake(socket, 403, '{"message":"Forbidden"}');
      return;
    }
    const context: ConnectionContext = {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      apiId,
      stage,
      domainName: req.headers.host ?? `localhost:${address?.port ?? 0}`,
      sourceIp: normalizeIp(req.socket.remoteAddress),
      userAgent: req.headers['user-agent'],
    };
    // While `$connect` runs the id exists but @connections answers 410 for it (reference 4, KC410).
    const connection: Connection = { context, state: 'connecting', socket: undefined, lastActiveAt: context.connectedAt, closedByGateway: undefined };
    connections.set(context.connectionId, connection);

    const connectRoute = routes.$connect;
    let decision: ReturnType<typeof decideConnect> = { accept: true, subprotocol: undefined };
    if (connectRoute) {
      const event = connectEvent(context, { rawHeaders: req.rawHeaders, url: req.url ?? '/' });
      const started = Date.now();
      try {
        decision = decideConnect(await withIntegrationTimeout(connectRoute.handler(event)));
      } catch (error) {
        // A handler that throws fails the handshake with 502 (reference 4).
        log(`$connect ${context.connectionId} failed: ${describeError(error)}`);
        decision = { accept: false, status: 502 };
      }
      log(`$connect ${context.connectionId} → ${decision.accept ? 'accepted' : `rejected with ${decision.status}`} (${Date.now() - started} ms)`);
    }

    if (!decision.accept) {
      connections.delete(context.connectionId);
      abortHandshake(socket, decision.status, '');
      return;
    }
    if (socket.destroyed) {
      // The client left while `$connect` ran: the backend has already recorded the connection, so tell it.
      connection.state = 'closed';
      connections.delete(context.connectionId);
      void runDisconnect(connection, 1006, '');
      return;
    }
    chosenSubprotocols.set(req, decision.subprotocol);
    wss.handleUpgrade(req, socket, head, (ws) => onOpen(connection, ws));
  }

  function onOpen(connection: Connection, ws: WebSocket): void {
    connection.socket = ws;
    connection.state = 'open';
    ws.on('message', (data: RawData, isBinary: boolean) => void onMessage(connection, data, isBinary));
    ws.on('close', (code: number, reason: Buffer) => onClose(connection, code, reason.toString('utf8')));
    ws.on('error', (error) => log(`socket ${connection.context.connectionId} error: ${error.message}`));
  }

  async function onMessage(connection: Connection, data: RawData, isBinary: boolean): Promise<void> {
    const bytes = rawDataLength(data);
    if (isBinary) {
      // API Gateway does not accept binary frames and closes with 1003 (reference 7). Reason text UNCONFIRMED.
      closeByGateway(connection, 1003, '');
      return;
    }
    if (bytes > LIMITS.messageBytes) {
      closeByGateway(connection, 1009, 'Message too big');
      return;
    }
    connection.lastActiveAt = Date.now();
    const body = rawDataToString(data);
    const { connectionId } = connection.context;
    const selection = selectRoute(routeSelectionExpression, body, Object.keys(routes));
    const route = selection.routeKey === null ? undefined : routes[selection.routeKey];
    if (!route || selection.routeKey === null) {
      log(`message ${connectionId} matched no route and there is no $default → Forbidden`);
      sendToSocket(connection, forbiddenFrame(connectionId, newRequestId()));
      return;
    }
    const event = messageEvent(connection.context, selection.routeKey, body);
    const { requestId } = event.requestContext;
    const started = Date.now();
    try {
      const read = readProxyResult(await withIntegrationTimeout(route.handler(event)));
      if (!read.valid) {
        log(`${selection.routeKey} ${connectionId} returned a malformed proxy result → Internal server error`);
        sendToSocket(connection, internalServerErrorFrame(connectionId, requestId));
        return;
      }
      log(`${selection.routeKey} ${connectionId} ← ${bytes} bytes, handled in ${Date.now() - started} ms`);
      if (route.twoWay && read.body !== undefined) sendToSocket(connection, read.body);
    } catch (error) {
      log(`${selection.routeKey} ${connectionId} failed: ${describeError(error)}`);
      const frame = error instanceof IntegrationTimeoutError ? endpointTimedOutFrame : internalServerErrorFrame;
      sendToSocket(connection, frame(connectionId, requestId));
    }
  }

  function onClose(connection: Connection, code: number, reason: string): void {
    connection.state = 'closed';
    connections.delete(connection.context.connectionId);
    const reported = connection.closedByGateway ?? disconnectStatus(code, reason);
    void runDisconnect(connection, reported.code, reported.reason);
  }

  async function runDisconnect(connection: Connection, code: number, reason: string): Promise<void> {
    const route = routes.$disconnect;
    if (!route) return;
    const { connectionId } = connection.context;
    try {
      // `$disconnect` results are ignored (reference 2.3).
      await withIntegrationTimeout(route.handler(disconnectEvent(connection.context, code, reason)));
      log(`$disconnect ${connectionId} (${code}${reason ? ` ${reason}` : ''})`);
    } catch (error) {
      log(`$disconnect ${connectionId} failed: ${describeError(error)}`);
    }
  }

  function closeByGateway(connection: Connection, code: number, reason: string): void {
    connection.closedByGateway = { code, reason };
    connection.socket?.close(code, reason);
  }

  function sendToSocket(connection: Connection, data: string | Buffer): void {
    connection.socket?.send(data);
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isStagePath(url.pathname)) {
      // A plain GET on the WebSocket URL: AWS answers 426 (reference 4).
      respond(res, 426, { 'content-type': 'application/json' }, '{"message":"Upgrade Required"}');
      return;
    }
    const connectionId = parseConnectionsPath(url.pathname, stage);
    if (connectionId === undefined) {
      respond(res, 403, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' }, '{"message":"Forbidden"}');
      return;
    }
    const connection = connections.get(connectionId);
    const open = connection?.state === 'open' ? connection : undefined;
    switch (req.method) {
      case 'POST':
        return postToConnection(req, res, open);
      case 'GET':
        if (!open) return respondGone(res);
        respond(res, 200, { 'content-type': 'application/json' }, JSON.stringify({
          connectedAt: new Date(open.context.connectedAt).toISOString(),
          identity: { sourceIp: open.context.sourceIp, userAgent: open.context.userAgent ?? null },
          lastActiveAt: new Date(open.lastActiveAt).toISOString(),
        }));
        return;
      case 'DELETE':
        if (!open) return respondGone(res);
        // The client sees 1000; `$disconnect` reports "Connection Closed Normally" (reference 2.3).
        open.closedByGateway = { code: 1000, reason: 'Connection Closed Normally' };
        open.socket?.close(1000, '');
        respond(res, 204, {}, '');
        return;
      default:
        respond(res, 403, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' }, '{"message":"Forbidden"}');
    }
  }

  async function postToConnection(req: IncomingMessage, res: ServerResponse, connection: Connection | undefined): Promise<void> {
    const body = await readBody(req, LIMITS.postToConnectionBytes);
    if (body === undefined) {
      respond(res, 413, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'PayloadTooLargeException', connection: 'close' },
        JSON.stringify({ message: `Data must be at most ${LIMITS.postToConnectionBytes} bytes` }));
      return;
    }
    if (!connection) return respondGone(res);
    connection.lastActiveAt = Date.now();
    // All real transcripts show text frames; bytes that are not UTF-8 can only go as binary (reference 6.2).
    sendToSocket(connection, isUtf8(body) ? body.toString('utf8') : body);
    log(`@connections POST ${connection.context.connectionId} → ${body.length} bytes`);
    respond(res, 200, {}, '');
  }

  return {
    async listen() {
      const port = options.port ?? 3001;
      const host = options.host ?? '127.0.0.1';
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      address = server.address() as AddressInfo;
      return address;
    },
    async close() {
      for (const connection of connections.values()) connection.socket?.terminate();
      connections.clear();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    get webSocketUrl() {
      return `ws://localhost:${address?.port ?? 0}/${stage}`;
    },
    get managementUrl() {
      return `http://localhost:${address?.port ?? 0}/${stage}/@connections`;
    },
    openConnectionIds() {
      return [...connections.values()].filter((c) => c.state === 'open').map((c) => c.context.connectionId);
    },
  };
}

class IntegrationTimeoutError extends Error {
  override name = 'IntegrationTimeoutError';
}

function withIntegrationTimeout<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new IntegrationTimeoutError('Endpoint request timed out')), LIMITS.integrationTimeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** What `$disconnect` reports for a close the client started (reference 2.3). */
function disconnectStatus(code: number, reason: string): { code: number; reason: string } {
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  return { code, reason };
}

/** `/local/@connections/abc%3D` (also `%40connections`) → `abc=`; undefined for any other path. */
export function parseConnectionsPath(pathname: string, stage: string): string | undefined {
  const segments = pathname.split('/');
  if (segments.length !== 4 || segments[0] !== '' || segments[1] !== stage) return undefined;
  let collection: string;
  let id: string;
  try {
    collection = decodeURIComponent(segments[2] ?? '');
    id = decodeURIComponent(segments[3] ?? '');
  } catch {
    return undefined;
  }
  return collection === '@connections' && id !== '' ? id : undefined;
}

function respond(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

// 410 with an empty body and the error type in a header: the body AWS sends is not JSON (reference 6.2).
function respondGone(res: ServerResponse): void {
  respond(res, 410, { 'x-amzn-ErrorType': 'GoneException' }, '');
}

/** Reads a request body up to `limit` bytes; undefined when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function abortHandshake(socket: Socket, status: number, body: string): void {
  if (socket.destroyed) return;
  const reason = STATUS_CODES[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function rawDataLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data instanceof ArrayBuffer ? data.byteLength : data.length;
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

function normalizeIp(ip: string | undefined): string {
  return ip?.startsWith('::ffff:') ? ip.slice(7) : ip ?? '127.0.0.1';
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
