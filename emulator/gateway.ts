/**
 * The gateway core: what API Gateway's WebSocket API does with connections, independent of how
 * bytes reach it. It decides handshakes (the stage path, the `$connect` authorizer, `$connect`),
 * selects routes, builds events, invokes integrations under the 29 s timeout, sends route responses
 * and AWS's error frames, runs the idle and 2-hour timers, answers `@connections` (through
 * ManagementBackend), meters, and records the inspector feed.
 *
 * It imports nothing from Node (no `http`, `ws`, `Buffer`), so that the same code can serve real
 * sockets (emulator.ts, the Node server) and an in-page transport in a browser. A transport hands
 * it handshakes and frames, and gives it a ClientSocket to write to. Section numbers (§) point into
 * the AWS behaviour reference.
 */
import { authorizerEvent, connectMethodArn, decideAuthorization, headerValue, missingIdentitySource, type AuthorizerSettings } from './authorizer.ts';
import { ConnectRateLimiter } from './connect-rate-limiter.ts';
import { CONNECTION_TIME_SCALE_PARAMETER, MAX_CONNECTION_TIME_SCALE, takeConnectionTimeScale } from './connection-time-scale.ts';
import { endpointTimedOutFrame, forbiddenFrame, internalServerErrorFrame } from './error-frames.ts';
import { connectEvent, disconnectEvent, messageEvent, type ConnectionContext, type HandshakeRequest, type WebSocketEvent } from './events.ts';
import { newApiId, newConnectionId, newRequestId } from './ids.ts';
import { Inspector } from './inspector.ts';
import type { ManagementBackend } from './management-api.ts';
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

export interface GatewayOptions extends Partial<EmulatorSettings> {
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
}

/** The transport's side of one open connection: what the gateway writes to. */
export interface ClientSocket {
  /** A string goes as a text frame, bytes as a binary frame. */
  send(data: string | Uint8Array): void;
  /** Starts the closing handshake with this code and reason. */
  close(code: number, reason: string): void;
  /** True while the socket is open and not closing. */
  readonly isOpen: boolean;
  /** Drops the connection at once, without a closing handshake. */
  terminate(): void;
}

/** A handshake as the transport received it. */
export interface GatewayHandshake {
  /** The request target as the client sent it: path and query (`/local?room=lobby`). */
  target: string;
  /** Header names and values, alternating, with the client's casing (as Node's `rawHeaders`). */
  rawHeaders: string[];
  /** What the `Host` header said; the `domainName` of events. */
  host: string;
  sourceIp: string;
}

export type HandshakeAnswer =
  /** Refuse the handshake with this HTTP status (the body is empty: AWS's text is UNCONFIRMED, §4). */
  | { accepted: false; status: number }
  | {
      accepted: true;
      connectionId: string;
      /** The subprotocol `$connect` chose, to answer in `Sec-WebSocket-Protocol`; undefined for none. */
      subprotocol: string | undefined;
      /** The transport completed the upgrade: from here on it reports what the client does. */
      open(socket: ClientSocket): ConnectionInput;
      /** The transport could not complete the upgrade (the client left meanwhile). */
      abandon(): void;
    };

/** What the transport reports about an open connection. */
export interface ConnectionInput {
  /** A whole data message: text as a string, binary as bytes. */
  message(data: string | Uint8Array): void;
  /** A ping frame from the client. */
  ping(): void;
  /** The transport's framing saw a frame or message above the limits (§1). */
  tooBig(): void;
  /** The connection is gone, with the close code and reason the transport saw (1006 when it dropped). */
  closed(code: number, reason: string): void;
}

export interface Gateway {
  readonly settings: EmulatorSettings;
  readonly apiId: string;
  readonly inspector: Inspector;
  readonly metering: Metering;
  /** What @connections reads and does. */
  readonly management: ManagementBackend;
  /** Decides one handshake; resolves once `$connect` (and its authorizer) have answered. */
  handshake(request: GatewayHandshake): Promise<HandshakeAnswer>;
  /** The gateway's part of `/_emulator/status`; the transport adds its URLs. */
  status(): Record<string, unknown>;
  /** Ids of connections that are open right now. */
  openConnectionIds(): string[];
  /** Stops every timer and drops every connection, without `$disconnect`: the emulator is stopping. */
  shutdown(): void;
}

type CloseCause = { code: number; reason: string };

interface Connection {
  context: ConnectionContext;
  state: 'connecting' | 'open' | 'closed';
  socket: ClientSocket | undefined;
  /** Last data message in either direction: GetConnection's lastActiveAt and the idle timer's start. */
  lastActiveAt: number;
  /** Set when the gateway closed the connection, which `$disconnect` then reports. */
  closedByGateway: CloseCause | undefined;
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  maxDurationTimer: ReturnType<typeof setTimeout> | undefined;
  /** This connection's timers: the API's, or warped by the emulator-only `x-emulator-time-scale` parameter. */
  idleTimeoutMs: number;
  maxConnectionMs: number;
}

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function createGateway(options: GatewayOptions): Gateway {
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

  async function handshake(request: GatewayHandshake): Promise<HandshakeAnswer> {
    if (!isStagePath(request.target.split('?', 1)[0] ?? '', stage)) {
      // What AWS answers for another path is UNCONFIRMED (§12.10); 403 is its answer to unknown paths.
      return refuse(403, 'unknown stage path');
    }
    // Emulator-only: taken out here, so that the `$connect` event never sees it.
    const timeScaleRequest = takeConnectionTimeScale(request.target);
    if (!timeScaleRequest.ok) return refuse(400, timeScaleRequest.problem);
    const timeScale = timeScaleRequest.timeScale ?? settings.timeScale;
    if (!rateLimiter.tryAcquire()) {
      // §1: 500 new connections per second; one public report of HTTP 429. Body UNCONFIRMED.
      return refuse(429, `more than ${settings.maxConnectsPerSecond} new connections in one second`);
    }
    const context: ConnectionContext = {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      apiId,
      stage,
      domainName: request.host,
      sourceIp: request.sourceIp,
      userAgent: headerValue(request.rawHeaders, 'user-agent'),
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
      type: 'handshake', connectionId, path: request.target, headers: flatHeaders(request.rawHeaders),
      offeredSubprotocols: (headerValue(request.rawHeaders, 'sec-websocket-protocol') ?? '').split(',').map((p) => p.trim()).filter(Boolean),
    });

    const handshakeRequest: HandshakeRequest = { rawHeaders: request.rawHeaders, url: timeScaleRequest.url };
    if (options.connectAuthorizer) {
      const authorization = await authorize(options.connectAuthorizer, context, handshakeRequest);
      if (!authorization.allow) {
        connections.delete(connectionId);
        return refuse(authorization.status, authorization.reason, connectionId);
      }
      context.authorizer = authorization.context;
    }

    let decision: ReturnType<typeof decideConnect> = { accept: true, subprotocol: undefined };
    const connectRoute = routes.$connect;
    if (connectRoute) {
      metering.countConnectAttempt();
      const event = connectEvent(context, handshakeRequest);
      const outcome = await invokeRoute('$connect', connectRoute, event, connectionId);
      // A handler that throws or times out fails the handshake with 502 (§4; timeout status UNCONFIRMED).
      decision = outcome.ok ? decideConnect(outcome.result) : { accept: false, status: 502 };
    }
    if (!decision.accept) {
      connections.delete(connectionId);
      return refuse(decision.status, '$connect refused the connection', connectionId);
    }
    const { subprotocol } = decision;
    return {
      accepted: true,
      connectionId,
      subprotocol,
      open: (socket) => onOpen(connection, socket, subprotocol),
      abandon() {
        // The backend has recorded the connection, so tell it the client has gone.
        if (connection.state !== 'connecting') return;
        connection.state = 'closed';
        connections.delete(connectionId);
        inspector.record({ type: 'close', connectionId, code: 1006, reason: '', by: 'network' });
        void runDisconnect(connection, { code: 1006, reason: '' });
      },
    };
  }

  function refuse(status: number, reason: string, connectionId?: string): HandshakeAnswer {
    inspector.record({ type: 'handshake-refused', status, reason, ...(connectionId ? { connectionId } : {}) });
    log(`handshake refused with ${status}: ${reason}`);
    return { accepted: false, status };
  }

  /** Runs the `$connect` authorizer unless an identity source is missing, and reads its answer (§4). */
  async function authorize(authorizer: ConnectAuthorizerDefinition, context: ConnectionContext, request: HandshakeRequest) {
    const methodArn = connectMethodArn(options.region ?? 'us-east-1', options.accountId ?? '000000000000', apiId, stage);
    const event = authorizerEvent(context, request, methodArn);
    const missing = missingIdentitySource(authorizer.identitySource, event);
    if (missing) return { allow: false, status: 401, reason: `identity source ${missing} is missing or empty` } as const;
    const route: RouteDefinition = { handler: authorizer.handler, twoWay: false, functionName: authorizer.functionName };
    return decideAuthorization(await invokeRoute('$connect authorizer', route, event, context.connectionId), methodArn);
  }

  function onOpen(connection: Connection, socket: ClientSocket, subprotocol: string | undefined): ConnectionInput {
    const { connectionId, connectedAt } = connection.context;
    connection.socket = socket;
    connection.state = 'open';
    metering.opened(connectionId, connectedAt);
    inspector.record({ type: 'connected', connectionId, subprotocol });
    const warped = connection.idleTimeoutMs === idleTimeoutMs ? '' : ` (${CONNECTION_TIME_SCALE_PARAMETER}: idle timeout ${connection.idleTimeoutMs} ms, limit ${connection.maxConnectionMs} ms)`;
    log(`connected ${connectionId}${warped}`);
    connection.maxDurationTimer = setTimeout(() => closeByGateway(connection, 1001, 'Going away'), connection.maxConnectionMs);
    scheduleIdleCheck(connection, connection.idleTimeoutMs);
    return {
      message: (data) => onMessage(connection, data),
      ping() {
        if (settings.pingResetsIdleTimer) markActive(connection);
      },
      tooBig: () => closeByGateway(connection, 1009, 'Message too big'),
      closed: (code, reason) => onClose(connection, code, reason),
    };
  }

  /** The idle timer: checks when the idle period could have run out, and looks again if there was activity. */
  function scheduleIdleCheck(connection: Connection, delay: number): void {
    connection.idleTimer = setTimeout(() => {
      // Decide after pending socket reads: if the event loop was busy, messages that arrived meanwhile count first.
      setTimeout(() => {
        if (connection.state !== 'open') return;
        const idleFor = Date.now() - connection.lastActiveAt;
        if (idleFor >= connection.idleTimeoutMs) closeByGateway(connection, 1001, 'Going away');
        else scheduleIdleCheck(connection, connection.idleTimeoutMs - idleFor);
      }, 0);
    }, delay);
  }

  function markActive(connection: Connection): void {
    connection.lastActiveAt = Date.now();
  }

  function onMessage(connection: Connection, data: string | Uint8Array): void {
    // Frames after the gateway decided to close are not delivered.
    if (connection.closedByGateway) return;
    if (typeof data !== 'string') {
      // §7: API Gateway does not accept binary frames and closes with 1003. Reason text UNCONFIRMED.
      closeByGateway(connection, 1003, '');
      return;
    }
    const body = data;
    const bytes = utf8.encode(body).length;
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
    if (route.twoWay && read.body !== undefined) sendData(connection, utf8.encode(read.body), 'route-response');
  }

  type Outcome = { ok: true; result: unknown } | { ok: false; timedOut: boolean; error?: { name: string; message: string } };

  /** Invokes an integration under the 29 s integration timeout, recording it in the inspector. */
  async function invokeRoute(routeKey: string, route: RouteDefinition, event: WebSocketEvent, connectionId: string): Promise<Outcome> {
    const { requestId } = event.requestContext;
    inspector.record({ type: 'invoke', connectionId, routeKey, functionName: route.functionName, requestId, event });
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
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
    if (connection.state === 'closed') return;
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
  function sendData(connection: Connection, data: Uint8Array, via: 'route-response' | '@connections'): void {
    const { connectionId } = connection.context;
    const text = decodeUtf8(data);
    markActive(connection);
    metering.messageOut(connectionId, data.length);
    inspector.record({ type: 'message-out', connectionId, via, body: text ?? toBase64(data), bytes: data.length, binary: text === undefined });
    // All real transcripts show text frames; bytes that are not UTF-8 can only go as binary (§6.2).
    connection.socket?.send(text ?? data);
  }

  function sendErrorFrame(connection: Connection, frame: string): void {
    const { connectionId } = connection.context;
    metering.errorFrame(connectionId);
    inspector.record({ type: 'message-out', connectionId, via: 'error-frame', body: frame, bytes: utf8.encode(frame).length, binary: false });
    connection.socket?.send(frame);
  }

  const management: ManagementBackend = {
    maxPostBytes: settings.maxPostBytes,
    findOpen(connectionId) {
      const connection = connections.get(connectionId);
      if (connection?.state !== 'open') return undefined;
      // §6.2: gone from the moment it starts to close (DeleteConnection, a timeout, the client's close frame),
      // not only once the closing handshake is over.
      if (connection.closedByGateway || !connection.socket?.isOpen) return undefined;
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

  return {
    settings,
    apiId,
    inspector,
    metering,
    management,
    handshake,
    status() {
      return {
        emulator: 'apigw-websocket-emulator',
        apiId,
        stage,
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
    },
    openConnectionIds() {
      return [...connections.values()].filter((c) => c.state === 'open').map((c) => c.context.connectionId);
    },
    shutdown() {
      for (const connection of connections.values()) {
        clearTimeout(connection.idleTimer);
        clearTimeout(connection.maxDurationTimer);
        connection.state = 'closed';
        connection.socket?.terminate();
      }
      connections.clear();
    },
  };
}

/** Whether a request path is the stage's WebSocket URL, `/{stage}` (with or without a final slash). */
export function isStagePath(path: string, stage: string): boolean {
  return path === `/${stage}` || path === `/${stage}/`;
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

/** The text of UTF-8 bytes, or undefined if they are not valid UTF-8. */
function decodeUtf8(data: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(data);
  } catch {
    return undefined;
  }
}

function toBase64(data: Uint8Array): string {
  let binary = '';
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}
