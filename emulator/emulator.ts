/**
 * The core of the local stand-in for an API Gateway WebSocket API: one HTTP server on one port that
 * accepts WebSocket connections at `/{stage}` and serves the @connections management API at
 * `/{stage}/@connections/{connectionId}` (one domain, as on AWS), plus the emulator's own
 * `/_emulator/` endpoints (status, metering, inspector feed).
 *
 * Routes are plain async functions; reading serverless.yml lives in `serverless-config.ts`.
 * All state belongs to one instance. Section numbers (§) point into the AWS behaviour reference.
 */
import { isUtf8 } from 'node:buffer';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { authorizerEvent, connectMethodArn, decideAuthorization, missingIdentitySource, type AuthorizerSettings } from './authorizer.ts';
import { ConnectRateLimiter } from './connect-rate-limiter.ts';
import { CONNECTION_TIME_SCALE_PARAMETER, MAX_CONNECTION_TIME_SCALE, takeConnectionTimeScale } from './connection-time-scale.ts';
import { corsHeaders } from './cors.ts';
import { endpointTimedOutFrame, forbiddenFrame, internalServerErrorFrame } from './error-frames.ts';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionContext, type HandshakeRequest, type WebSocketEvent } from './events.ts';
import { FrameSizeGuard } from './frame-size-guard.ts';
import { abortHandshake, respondJson } from './http-responses.ts';
import { newApiId, newConnectionId, newRequestId } from './ids.ts';
import { Inspector } from './inspector.ts';
import { handleLocalEndpoint, LOCAL_ENDPOINTS_PREFIX, type TableReader } from './local-endpoints.ts';
import { handleManagementRequest, parseConnectionsPath, type ManagementBackend } from './management-api.ts';
import { Metering } from './metering.ts';
import { EMULATOR_DEFAULTS, type EmulatorSettings } from './options.ts';
import { decideConnect, readProxyResult } from './proxy-result.ts';
import { selectRoute } from './route-selection.ts';

/** Runs one route's integration with the event and resolves with the Lambda's result. */
export type RouteHandler = (event: WebSocketEvent) => Promise<unknown>;

export interface RouteDefinition {
  handler: RouteHandler;
  /** Two-way routes (a `$default` route response) send the result's `body` back to the client (§5.2). */
  twoWay: boolean;
  /** Shown in the inspector feed. */
  functionName?: string;
}

/** A Lambda REQUEST authorizer on `$connect`: where the identity comes from, and the function. */
export interface ConnectAuthorizerDefinition extends AuthorizerSettings {
  handler: RouteHandler;
  /** Shown in the inspector feed. */
  functionName?: string;
}

export interface EmulatorOptions extends Partial<EmulatorSettings> {
  /** Route key → integration. `$connect` and `$disconnect` are optional, as on AWS. */
  routes: Record<string, RouteDefinition>;
  /** Runs before `$connect` on every handshake (§4, AUTH). Default: none, and every handshake reaches `$connect`. */
  connectAuthorizer?: ConnectAuthorizerDefinition;
  /** The Region and account in the authorizer's `methodArn`. Default `us-east-1` and `000000000000` (no real account). */
  region?: string;
  accountId?: string;
  /** The API id put in events. Default: 10 random lowercase alphanumerics, as AWS makes them. */
  apiId?: string;
  /** Where one-line activity reports go. Default: nowhere. */
  log?: (line: string) => void;
  /** The local DynamoDB tables, served read-only at `/_emulator/tables`. Default: none. */
  tables?: TableReader;
}

export interface Emulator {
  /** Starts listening and resolves with the bound address. */
  listen(): Promise<AddressInfo>;
  /** Closes every connection and the server. */
  close(): Promise<void>;
  /** `ws://localhost:port/stage` once listening. */
  readonly webSocketUrl: string;
  /** `http://localhost:port/stage/@connections` once listening. */
  readonly managementUrl: string;
  readonly settings: EmulatorSettings;
  readonly inspector: Inspector;
  readonly metering: Metering;
  /** Ids of connections that are open right now. */
  openConnectionIds(): string[];
}

type CloseCause = { code: number; reason: string };

interface Connection {
  context: ConnectionContext;
  state: 'connecting' | 'open' | 'closed';
  socket: WebSocket | undefined;
  /** Last data message in either direction: GetConnection's lastActiveAt and the idle timer's start. */
  lastActiveAt: number;
  /** Set when the gateway closed the connection, which `$disconnect` then reports. */
  closedByGateway: CloseCause | undefined;
  idleTimer: NodeJS.Timeout | undefined;
  maxDurationTimer: NodeJS.Timeout | undefined;
  /** This connection's timers: the API's, or warped by the emulator-only `x-emulator-time-scale` parameter. */
  idleTimeoutMs: number;
  maxConnectionMs: number;
}

export function createEmulator(options: EmulatorOptions): Emulator {
  const { routes, log = () => {} } = options;
  const settings: EmulatorSettings = { ...EMULATOR_DEFAULTS, ...withoutUndefined(options) };
  const { stage } = settings;
  const apiId = options.apiId ?? newApiId();
  const idleTimeoutMs = settings.idleTimeoutMs / settings.timeScale;
  const maxConnectionMs = settings.maxConnectionMs / settings.timeScale;
  const connections = new Map<string, Connection>();
  const inspector = new Inspector();
  const metering = new Metering();
  const rateLimiter = new ConnectRateLimiter(settings.maxConnectsPerSecond);
  // The subprotocol a `$connect` handler chose, handed from the upgrade handler to `handleProtocols`.
  const chosenSubprotocols = new WeakMap<IncomingMessage, string | undefined>();

  const wss = new WebSocketServer({
    noServer: true,
    // API Gateway never picks a subprotocol itself: only the one `$connect` returned (§4).
    handleProtocols: (_offered, request) => chosenSubprotocols.get(request) ?? false,
    // A safety net only: FrameSizeGuard enforces the real limits with AWS's close reason.
    maxPayload: 4 * settings.maxMessageBytes,
    // Compression off, so that frame sizes on the wire are the sizes the limits apply to.
    perMessageDeflate: false,
  });
  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log(`HTTP ${req.method} ${req.url} failed: ${describeError(error)}`);
      if (!res.headersSent) respondJson(res, 500, {}, { message: 'Internal server error' });
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    handleUpgrade(req, socket, head).catch((error: unknown) => {
      log(`handshake failed: ${describeError(error)}`);
      abortHandshake(socket, 500, '{"message":"Internal server error"}');
    });
  });
  // A client that sends garbage before or instead of HTTP gets a 400, and nothing else happens.
  server.on('clientError', (_error, socket) => abortHandshake(socket, 400, '{"message":"Bad Request"}'));
  let address: AddressInfo | undefined;

  function isStagePath(pathname: string): boolean {
    return pathname === `/${stage}` || pathname === `/${stage}/`;
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    if (!isStagePath(pathOf(req.url))) {
      // What AWS answers for another path is UNCONFIRMED (§12.10); 403 is its answer to unknown paths.
      refuseHandshake(socket, 403, 'unknown stage path');
      return;
    }
    // A handshake `ws` would refuse is refused before `$connect` runs, with `ws`'s status: the gateway
    // invokes nothing for a request that is not a WebSocket handshake.
    const malformed = handshakeProblem(req);
    if (malformed) {
      refuseHandshake(socket, malformed.status, malformed.reason);
      return;
    }
    // Emulator-only: taken out here, so that the `$connect` event never sees it.
    const timeScaleRequest = takeConnectionTimeScale(req.url ?? '/');
    if (!timeScaleRequest.ok) {
      refuseHandshake(socket, 400, timeScaleRequest.problem);
      return;
    }
    const timeScale = timeScaleRequest.timeScale ?? settings.timeScale;
    if (!rateLimiter.tryAcquire()) {
      // §1: 500 new connections per second; one public report of HTTP 429. Body UNCONFIRMED.
      refuseHandshake(socket, 429, `more than ${settings.maxConnectsPerSecond} new connections in one second`);
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
      authorizer: undefined,
    };
    const { connectionId } = context;
    // While `$connect` runs the id exists, but @connections answers 410 for it (§4, KC410).
    const connection: Connection = {
      context, state: 'connecting', socket: undefined, lastActiveAt: context.connectedAt,
      closedByGateway: undefined, idleTimer: undefined, maxDurationTimer: undefined,
      idleTimeoutMs: settings.idleTimeoutMs / timeScale, maxConnectionMs: settings.maxConnectionMs / timeScale,
    };
    connections.set(connectionId, connection);
    inspector.record({
      type: 'handshake', connectionId, path: req.url ?? '/', headers: flatHeaders(req.rawHeaders),
      offeredSubprotocols: (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    });

    const handshake: HandshakeRequest = { rawHeaders: req.rawHeaders, url: timeScaleRequest.url };
    if (options.connectAuthorizer) {
      const authorization = await authorize(options.connectAuthorizer, context, handshake);
      if (!authorization.allow) {
        connections.delete(connectionId);
        refuseHandshake(socket, authorization.status, authorization.reason, connectionId);
        return;
      }
      context.authorizer = authorization.context;
    }

    let decision: ReturnType<typeof decideConnect> = { accept: true, subprotocol: undefined };
    const connectRoute = routes.$connect;
    if (connectRoute) {
      metering.countConnectAttempt();
      const event = connectEvent(context, handshake);
      const outcome = await invokeRoute('$connect', connectRoute, event, connectionId);
      // A handler that throws or times out fails the handshake with 502 (§4; timeout status UNCONFIRMED).
      decision = outcome.ok ? decideConnect(outcome.result) : { accept: false, status: 502 };
    }
    if (!decision.accept) {
      connections.delete(connectionId);
      refuseHandshake(socket, decision.status, '$connect refused the connection', connectionId);
      return;
    }
    chosenSubprotocols.set(req, decision.subprotocol);
    if (!socket.destroyed) wss.handleUpgrade(req, socket, head, (ws) => onOpen(connection, ws, socket));
    // `ws` completes an upgrade at once or not at all: it drops a socket the client has closed or
    // half-closed meanwhile. The backend has recorded the connection, so tell it the client has gone.
    if (connection.state === 'connecting') {
      connection.state = 'closed';
      connections.delete(connectionId);
      socket.destroy();
      inspector.record({ type: 'close', connectionId, code: 1006, reason: '', by: 'network' });
      void runDisconnect(connection, { code: 1006, reason: '' });
    }
  }

  /** Runs the `$connect` authorizer unless an identity source is missing, and reads its answer (§4). */
  async function authorize(authorizer: ConnectAuthorizerDefinition, context: ConnectionContext, handshake: HandshakeRequest) {
    const missing = missingIdentitySource(authorizer.identitySource, handshake);
    if (missing) return { allow: false, status: 401, reason: `identity source ${missing} is missing or empty` } as const;
    const methodArn = connectMethodArn(options.region ?? 'us-east-1', options.accountId ?? '000000000000', apiId, stage);
    const event = authorizerEvent(context, handshake, methodArn);
    const route: RouteDefinition = { handler: authorizer.handler, twoWay: false, functionName: authorizer.functionName };
    return decideAuthorization(await invokeRoute('$connect authorizer', route, event, context.connectionId), methodArn);
  }

  function refuseHandshake(socket: Duplex, status: number, reason: string, connectionId?: string): void {
    inspector.record({ type: 'handshake-refused', status, reason, ...(connectionId ? { connectionId } : {}) });
    log(`handshake refused with ${status}: ${reason}`);
    abortHandshake(socket, status, '');
  }

  function onOpen(connection: Connection, ws: WebSocket, socket: Duplex): void {
    const { connectionId, connectedAt } = connection.context;
    connection.socket = ws;
    connection.state = 'open';
    metering.opened(connectionId, connectedAt);
    inspector.record({ type: 'connected', connectionId, subprotocol: ws.protocol || undefined });
    const warped = connection.idleTimeoutMs === idleTimeoutMs ? '' : ` (${CONNECTION_TIME_SCALE_PARAMETER}: idle timeout ${connection.idleTimeoutMs} ms, limit ${connection.maxConnectionMs} ms)`;
    log(`connected ${connectionId}${warped}`);

    // Read frame headers before `ws` does, to enforce the 32 KB frame limit `ws` does not have (§1).
    const guard = new FrameSizeGuard(settings.maxFrameBytes, settings.maxMessageBytes);
    socket.prependListener('data', (chunk: Buffer) => {
      if (connection.closedByGateway) return;
      const violation = guard.push(chunk);
      if (violation) closeByGateway(connection, 1009, 'Message too big');
    });
    ws.on('message', (data: RawData, isBinary: boolean) => onMessage(connection, data, isBinary));
    ws.on('ping', () => {
      if (settings.pingResetsIdleTimer) markActive(connection);
    });
    ws.on('close', (code: number, reason: Buffer) => onClose(connection, code, reason.toString('utf8')));
    ws.on('error', (error) => log(`socket ${connectionId}: ${error.message}`));

    connection.maxDurationTimer = setTimeout(() => closeByGateway(connection, 1001, 'Going away'), connection.maxConnectionMs);
    scheduleIdleCheck(connection, connection.idleTimeoutMs);
  }

  /** The idle timer: checks when the idle period could have run out, and looks again if there was activity. */
  function scheduleIdleCheck(connection: Connection, delay: number): void {
    connection.idleTimer = setTimeout(() => {
      // Decide after pending socket reads: if the event loop was busy, messages that arrived meanwhile count first.
      setImmediate(() => {
        if (connection.state !== 'open') return;
        const idleFor = Date.now() - connection.lastActiveAt;
        if (idleFor >= connection.idleTimeoutMs) closeByGateway(connection, 1001, 'Going away');
        else scheduleIdleCheck(connection, connection.idleTimeoutMs - idleFor);
      });
    }, delay);
  }

  function markActive(connection: Connection): void {
    connection.lastActiveAt = Date.now();
  }

  function onMessage(connection: Connection, data: RawData, isBinary: boolean): void {
    // Frames after the gateway decided to close are not delivered.
    if (connection.closedByGateway) return;
    if (isBinary) {
      // §7: API Gateway does not accept binary frames and closes with 1003. Reason text UNCONFIRMED.
      closeByGateway(connection, 1003, '');
      return;
    }
    const body = rawDataToString(data);
    const bytes = Buffer.byteLength(body);
    const { connectionId } = connection.context;
    markActive(connection);
    metering.messageIn(connectionId, bytes);
    inspector.record({ type: 'message-in', connectionId, body, bytes });

    const selection = selectRoute(settings.routeSelectionExpression, body, Object.keys(routes));
    inspector.record({ type: 'route', connectionId, expression: settings.routeSelectionExpression, ...selection });
    const routeKey = selection.routeKey;
    const route = routeKey === null ? undefined : routes[routeKey];
    if (routeKey === null || !route) {
      // §5.1: no match and no `$default`: a Forbidden frame, and the connection stays open.
      log(`message from ${connectionId} matched no route and there is no $default`);
      sendErrorFrame(connection, forbiddenFrame(connectionId, newRequestId()));
      return;
    }
    void handleRouteMessage(connection, routeKey, route, body);
  }

  async function handleRouteMessage(connection: Connection, routeKey: string, route: RouteDefinition, body: string): Promise<void> {
    const { connectionId } = connection.context;
    const event = messageEvent(connection.context, routeKey, body);
    const { requestId } = event.requestContext;
    const outcome = await invokeRoute(routeKey, route, event, connectionId);
    if (!outcome.ok) {
      // §5.3: a thrown error is "Internal server error"; waiting past 29 s is "Endpoint request timed out".
      const frame = outcome.timedOut ? endpointTimedOutFrame : internalServerErrorFrame;
      sendErrorFrame(connection, frame(connectionId, requestId));
      return;
    }
    const read = readProxyResult(outcome.result);
    if (!read.valid) {
      // §5.3: a malformed proxy result fails even on a one-way route.
      log(`${routeKey} for ${connectionId} returned a malformed proxy result`);
      sendErrorFrame(connection, internalServerErrorFrame(connectionId, requestId));
      return;
    }
    // §5.2: only two-way routes send the result's body; the status code does not matter.
    if (route.twoWay && read.body !== undefined) sendData(connection, Buffer.from(read.body), 'route-response');
  }

  type Outcome = { ok: true; result: unknown } | { ok: false; timedOut: boolean; error?: { name: string; message: string } };

  /** Invokes an integration under the 29 s integration timeout, recording it in the inspector. */
  async function invokeRoute(routeKey: string, route: RouteDefinition, event: WebSocketEvent, connectionId: string): Promise<Outcome> {
    const { requestId } = event.requestContext;
    inspector.record({ type: 'invoke', connectionId, routeKey, functionName: route.functionName, requestId, event });
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), settings.integrationTimeoutMs);
    });
    try {
      const result = await Promise.race([route.handler(event), timeout]);
      const durationMs = Date.now() - started;
      if (result === 'timeout') {
        const error = { name: 'IntegrationTimeout', message: `No answer within ${settings.integrationTimeoutMs} ms` };
        inspector.record({ type: 'result', connectionId, routeKey, requestId, durationMs, error });
        log(`${routeKey} ${connectionId} timed out after ${durationMs} ms`);
        return { ok: false, timedOut: true };
      }
      inspector.record({ type: 'result', connectionId, routeKey, requestId, durationMs, result });
      log(`${routeKey} ${connectionId} handled in ${durationMs} ms`);
      return { ok: true, result };
    } catch (thrown) {
      const durationMs = Date.now() - started;
      const error = thrown instanceof Error ? { name: thrown.name, message: thrown.message } : { name: 'Error', message: String(thrown) };
      inspector.record({ type: 'result', connectionId, routeKey, requestId, durationMs, error });
      log(`${routeKey} ${connectionId} failed after ${durationMs} ms: ${error.name}: ${error.message}`);
      return { ok: false, timedOut: false, error };
    } finally {
      clearTimeout(timer);
    }
  }

  function onClose(connection: Connection, code: number, reason: string): void {
    const { connectionId } = connection.context;
    connection.state = 'closed';
    clearTimeout(connection.idleTimer);
    clearTimeout(connection.maxDurationTimer);
    connections.delete(connectionId);
    metering.closed(connectionId, Date.now());
    const cause = connection.closedByGateway ?? disconnectCause(code, reason);
    const by = connection.closedByGateway ? 'gateway' : code === 1006 ? 'network' : 'client';
    inspector.record({ type: 'close', connectionId, code: cause.code, reason: cause.reason, by });
    void runDisconnect(connection, cause);
  }

  async function runDisconnect(connection: Connection, cause: CloseCause): Promise<void> {
    const route = routes.$disconnect;
    if (!route) return;
    // §2.3: runs after the socket is gone; its result is ignored.
    await invokeRoute('$disconnect', route, disconnectEvent(connection.context, cause.code, cause.reason), connection.context.connectionId);
  }

  function closeByGateway(connection: Connection, code: number, reason: string): void {
    if (connection.closedByGateway || connection.state !== 'open') return;
    connection.closedByGateway = { code, reason };
    log(`closing ${connection.context.connectionId} with ${code}${reason ? ` ${reason}` : ''}`);
    connection.socket?.close(code, reason);
  }

  /** Sends a data message to the client: metered, inspected, and counted as activity. */
  function sendData(connection: Connection, data: Buffer, via: 'route-response' | '@connections'): void {
    const { connectionId } = connection.context;
    const text = isUtf8(data);
    markActive(connection);
    metering.messageOut(connectionId, data.length);
    inspector.record({ type: 'message-out', connectionId, via, body: text ? data.toString('utf8') : data.toString('base64'), bytes: data.length, binary: !text });
    // All real transcripts show text frames; bytes that are not UTF-8 can only go as binary (§6.2).
    connection.socket?.send(text ? data.toString('utf8') : data);
  }

  function sendErrorFrame(connection: Connection, frame: string): void {
    const { connectionId } = connection.context;
    metering.errorFrame(connectionId);
    inspector.record({ type: 'message-out', connectionId, via: 'error-frame', body: frame, bytes: Buffer.byteLength(frame), binary: false });
    connection.socket?.send(frame);
  }

  const managementBackend: ManagementBackend = {
    maxPostBytes: settings.maxPostBytes,
    findOpen(connectionId) {
      const connection = connections.get(connectionId);
      if (connection?.state !== 'open') return undefined;
      // §6.2: gone from the moment it starts to close (DeleteConnection, a timeout, the client's close frame),
      // not only once the closing handshake is over.
      if (connection.closedByGateway || connection.socket?.readyState !== connection.socket?.OPEN) return undefined;
      const { connectedAt, sourceIp, userAgent } = connection.context;
      return { connectionId, connectedAt, sourceIp, userAgent, lastActiveAt: connection.lastActiveAt };
    },
    post(connectionId, data) {
      const connection = connections.get(connectionId);
      if (connection) sendData(connection, data, '@connections');
    },
    disconnect(connectionId) {
      const connection = connections.get(connectionId);
      if (!connection) return;
      // §2.2, §2.3: the client sees 1000; `$disconnect` reports "Connection Closed Normally".
      connection.closedByGateway = { code: 1000, reason: 'Connection Closed Normally' };
      connection.socket?.close(1000, '');
    },
    answered(connectionId, method, status) {
      inspector.record({ type: 'management', connectionId, method, status });
      log(`@connections ${method} ${connectionId} → ${status}`);
    },
  };

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    if (path.startsWith(LOCAL_ENDPOINTS_PREFIX)) {
      const url = new URL(`http://localhost${req.url ?? '/'}`);
      await handleLocalEndpoint(req, res, url, { inspector, metering, status, allowedOrigins: settings.allowedOrigins, tables: options.tables });
      return;
    }
    if (isStagePath(path)) {
      // A plain GET on the WebSocket URL: AWS answers 426 (§4).
      respondJson(res, 426, {}, { message: 'Upgrade Required' });
      return;
    }
    const connectionId = parseConnectionsPath(path, stage);
    if (connectionId === undefined) {
      respondJson(res, 403, { 'x-amzn-ErrorType': 'ForbiddenException' }, { message: 'Forbidden' });
      return;
    }
    await handleManagementRequest(req, res, connectionId, managementBackend, corsHeaders(req.headers.origin, settings.allowedOrigins));
  }

  function status(): Record<string, unknown> {
    return {
      emulator: 'apigw-websocket-emulator',
      apiId,
      stage,
      webSocketUrl: emulator.webSocketUrl,
      managementUrl: emulator.managementUrl,
      routes: Object.keys(routes),
      routeSelectionExpression: settings.routeSelectionExpression,
      timeScale: settings.timeScale,
      idleTimeoutMs,
      maxConnectionMs,
      // Emulator-only: a connection may warp its own timers with `?x-emulator-time-scale=<n>`.
      connectionTimeScaleParameter: CONNECTION_TIME_SCALE_PARAMETER,
      maxConnectionTimeScale: MAX_CONNECTION_TIME_SCALE,
      pingResetsIdleTimer: settings.pingResetsIdleTimer,
      openConnections: connections.size,
    };
  }

  const emulator: Emulator = {
    settings,
    inspector,
    metering,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(settings.port, settings.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      address = server.address() as AddressInfo;
      return address;
    },
    async close() {
      for (const connection of connections.values()) {
        clearTimeout(connection.idleTimer);
        clearTimeout(connection.maxDurationTimer);
        connection.socket?.terminate();
      }
      connections.clear();
      inspector.closeStreams();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    get webSocketUrl() {
      return `ws://localhost:${address?.port ?? settings.port}/${stage}`;
    },
    get managementUrl() {
      return `http://localhost:${address?.port ?? settings.port}/${stage}/@connections`;
    },
    openConnectionIds() {
      return [...connections.values()].filter((c) => c.state === 'open').map((c) => c.context.connectionId);
    },
  };
  return emulator;
}

/** §2.3: what `$disconnect` reports for a close the client started. */
function disconnectCause(code: number, reason: string): CloseCause {
  if (code === 1005) return { code, reason: 'Client-side close frame status not set' };
  return { code, reason };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function flatHeaders(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) headers[rawHeaders[i] as string] = rawHeaders[i + 1] as string;
  return headers;
}

function rawDataToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}

const WEBSOCKET_KEY = /^[+/0-9A-Za-z]{22}==$/;

/** What `ws` would refuse in an upgrade request (RFC 6455 §4.2.1), with the status it answers. */
function handshakeProblem(req: IncomingMessage): { status: number; reason: string } | undefined {
  if (req.method !== 'GET') return { status: 405, reason: 'Invalid HTTP method' };
  if (req.headers.upgrade?.toLowerCase() !== 'websocket') return { status: 400, reason: 'Invalid Upgrade header' };
  const key = req.headers['sec-websocket-key'];
  if (key === undefined || !WEBSOCKET_KEY.test(key)) return { status: 400, reason: 'Missing or invalid Sec-WebSocket-Key header' };
  const version = req.headers['sec-websocket-version'];
  if (version !== '13' && version !== '8') return { status: 400, reason: 'Missing or invalid Sec-WebSocket-Version header' };
  return undefined;
}

/**
 * The path of a request target as the client sent it. Not `new URL(target, base)`: that reads
 * `//x/y` as a host and resolves `..` and `\`, none of which API Gateway is known to do.
 */
function pathOf(target: string | undefined): string {
  const path = (target ?? '/').split('?', 1)[0] as string;
  return path === '' ? '/' : path;
}

function normalizeIp(ip: string | undefined): string {
  return ip?.startsWith('::ffff:') ? ip.slice(7) : (ip ?? '127.0.0.1');
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
