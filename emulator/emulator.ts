/**
 * The Node transport of the local stand-in for an API Gateway WebSocket API: one HTTP server on one
 * port that accepts WebSocket connections at `/{stage}` (with `ws`) and serves the @connections
 * management API at `/{stage}/@connections/{connectionId}` (one domain, as on AWS), plus the
 * emulator's own `/_emulator/` endpoints (status, metering, inspector feed).
 *
 * What API Gateway does with connections lives in gateway.ts, which knows nothing of Node; this
 * file turns HTTP upgrades, frames and requests into calls on it. Reading serverless.yml lives in
 * `serverless-config.ts`. Section numbers (§) point into the AWS behaviour reference.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { corsHeaders } from './cors.ts';
import { FrameSizeGuard } from './frame-size-guard.ts';
import { createGateway, isStagePath, type ClientSocket, type ConnectionInput, type GatewayOptions } from './gateway.ts';
import { abortHandshake, respondJson } from './http-responses.ts';
import type { Inspector } from './inspector.ts';
import { handleInvoke, INVOKE_PATH, type InvokeFunction } from './invoke-endpoint.ts';
import { handleLocalEndpoint, LOCAL_ENDPOINTS_PREFIX, type TableReader } from './local-endpoints.ts';
import { answerConnectionsCall, parseConnectionsPath } from './management-api.ts';
import type { InPageRequestTarget } from './in-page-sdk-handler.ts';
import { handleManagementRequest } from './management-http.ts';
import type { Metering } from './metering.ts';
import type { EmulatorSettings } from './options.ts';

export type { ConnectAuthorizerDefinition, RouteDefinition, RouteHandler } from './gateway.ts';

export interface EmulatorOptions extends GatewayOptions {
  /** The local DynamoDB tables, served read-only at `/_emulator/tables`. Default: none. */
  tables?: TableReader;
  /** Warm Lambda environments per function name, reported by `/_emulator/status` (`lambdaEnvironments`). */
  lambdaEnvironments?: () => Record<string, number>;
  /** Runs a function by name for `POST /_emulator/invoke/{function}`. Default: none. */
  invokeFunction?: InvokeFunction;
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
  /**
   * The @connections API for calls that cross no socket: what Lambda environments' SDK clients send
   * over a port (direct-sdk-transport.ts). Answered as the HTTP server answers them.
   */
  readonly sdkCalls: InPageRequestTarget;
}

const utf8 = new TextEncoder();

export function createEmulator(options: EmulatorOptions): Emulator {
  const { log = () => {} } = options;
  const gateway = createGateway(options);
  const { settings, inspector, metering } = gateway;
  const { stage } = settings;
  // The subprotocol a `$connect` handler chose, handed from the upgrade handler to `handleProtocols`.
  const chosenSubprotocols = new WeakMap<IncomingMessage, string | undefined>();
  const sockets = new Set<WebSocket>();

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

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    // A handshake `ws` would refuse is refused before `$connect` runs, with `ws`'s status: the gateway
    // invokes nothing for a request that is not a WebSocket handshake. (A wrong path is the gateway's to refuse.)
    const malformed = isStagePath(pathOf(req.url), stage) ? handshakeProblem(req) : undefined;
    if (malformed) {
      inspector.record({ type: 'handshake-refused', status: malformed.status, reason: malformed.reason });
      log(`handshake refused with ${malformed.status}: ${malformed.reason}`);
      abortHandshake(socket, malformed.status, '');
      return;
    }
    const answer = await gateway.handshake({
      target: req.url ?? '/',
      rawHeaders: req.rawHeaders,
      host: req.headers.host ?? `localhost:${address?.port ?? 0}`,
      sourceIp: normalizeIp(req.socket.remoteAddress),
    });
    if (!answer.accepted) {
      abortHandshake(socket, answer.status, '');
      return;
    }
    chosenSubprotocols.set(req, answer.subprotocol);
    let opened = false;
    if (!socket.destroyed) {
      wss.handleUpgrade(req, socket, head, (ws) => {
        opened = true;
        attach(ws, socket, answer.open(clientSocket(ws)), answer.connectionId);
      });
    }
    // `ws` completes an upgrade at once or not at all: it drops a socket the client has closed or
    // half-closed meanwhile.
    if (!opened) {
      socket.destroy();
      answer.abandon();
    }
  }

  /** Passes what the client does on `ws` to the gateway. */
  function attach(ws: WebSocket, socket: Duplex, input: ConnectionInput, connectionId: string): void {
    sockets.add(ws);
    // Read frame headers before `ws` does, to enforce the 32 KB frame limit `ws` does not have (§1).
    const guard = new FrameSizeGuard(settings.maxFrameBytes, settings.maxMessageBytes);
    let tooBig = false;
    socket.prependListener('data', (chunk: Buffer) => {
      if (tooBig) return;
      if (guard.push(chunk)) {
        tooBig = true;
        input.tooBig();
      }
    });
    ws.on('message', (data: RawData, isBinary: boolean) => input.message(isBinary ? rawDataToBytes(data) : rawDataToString(data)));
    ws.on('ping', () => input.ping());
    ws.on('close', (code: number, reason: Buffer) => {
      sockets.delete(ws);
      input.closed(code, reason.toString('utf8'));
    });
    ws.on('error', (error) => log(`socket ${connectionId}: ${error.message}`));
  }

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    if (path.startsWith(INVOKE_PATH)) {
      await handleInvoke(req, res, path, options.invokeFunction, settings.allowedOrigins);
      return;
    }
    if (path.startsWith(LOCAL_ENDPOINTS_PREFIX)) {
      const url = new URL(`http://localhost${req.url ?? '/'}`);
      await handleLocalEndpoint(req, res, url, { inspector, metering, status, allowedOrigins: settings.allowedOrigins, tables: options.tables });
      return;
    }
    if (isStagePath(path, stage)) {
      // A plain GET on the WebSocket URL: AWS answers 426 (§4).
      respondJson(res, 426, {}, { message: 'Upgrade Required' });
      return;
    }
    const connectionId = parseConnectionsPath(path, stage);
    if (connectionId === undefined) {
      respondJson(res, 403, { 'x-amzn-ErrorType': 'ForbiddenException' }, { message: 'Forbidden' });
      return;
    }
    await handleManagementRequest(req, res, connectionId, gateway.management, corsHeaders(req.headers.origin, settings.allowedOrigins));
  }

  function status(): Record<string, unknown> {
    const { emulator: name, apiId, stage: stageName, ...rest } = gateway.status();
    const lambdaEnvironments = options.lambdaEnvironments?.();
    return { emulator: name, apiId, stage: stageName, webSocketUrl: emulator.webSocketUrl, managementUrl: emulator.managementUrl, ...rest, ...(lambdaEnvironments ? { lambdaEnvironments } : {}) };
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
      gateway.shutdown();
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
    openConnectionIds: () => gateway.openConnectionIds(),
    sdkCalls: {
      async request(method, target, init = {}) {
        const { pathname } = new URL(target, 'http://localhost');
        const body = typeof init.body === 'string' ? utf8.encode(init.body) : (init.body ?? new Uint8Array(0));
        return answerConnectionsCall(method, pathname, body, stage, gateway.management);
      },
    },
  };
  return emulator;
}

/** The gateway's view of a `ws` socket. */
function clientSocket(ws: WebSocket): ClientSocket {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
    terminate: () => ws.terminate(),
  };
}

function rawDataToBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
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
