/**
 * The in-page transport: the gateway core (gateway.ts) with no network between it and its
 * clients, for a browser tab (in a Web Worker) or a test. A client hands it a handshake and gets
 * the HTTP status back; once connected, messages, pings and closes go straight to the gateway, in
 * order, one task later, as they would arrive over a socket. @connections and the emulator's own
 * endpoints answer plain request objects. Nothing here imports from Node.
 *
 * What it cannot imitate: there is no TCP, so no half-open sockets, no network drops and no
 * real frames. A client says how a message was split into frames (`frameSizes`), and the 32 KB
 * frame and 128 KB message limits apply to those numbers (§1).
 */
import { createGateway, isStagePath, type ClientSocket, type ConnectionInput, type Gateway, type GatewayOptions } from './gateway.ts';
import { answerLocalEndpoint, LOCAL_ENDPOINTS_PREFIX, type TableReader } from './local-endpoint-answers.ts';
import { answerConnectionsCall } from './management-api.ts';

export interface InPageHandshakeRequest {
  /** `ws://host/stage?query`: the host becomes `domainName`, the rest the request target. */
  url: string;
  /** Headers as a browser would send them (`Origin`, `User-Agent`, `Cookie`…). */
  headers?: Record<string, string>;
  /** Offered subprotocols, sent as `Sec-WebSocket-Protocol`. */
  protocols?: string[];
}

export type InPageHandshake =
  | { status: number; connection?: undefined }
  /** 101: connected, with the subprotocol the server chose (undefined for none). */
  | { status: 101; protocol: string | undefined; connection: InPageConnection };

/** The client's end of an in-page connection. */
export interface InPageConnection {
  /** A whole message; `frameSizes` says how the client split it (default: one frame). */
  send(data: string | Uint8Array, frameSizes?: number[]): void;
  /** A ping frame; `onpong` answers it, as every WebSocket server does. */
  ping(): void;
  /** Starts the closing handshake (no code sends 1005 "no status", as a close frame without one). */
  close(code?: number, reason?: string): void;
  /** Drops the connection without a closing handshake: the gateway sees 1006. */
  terminate(): void;
  onmessage: (data: string | Uint8Array) => void;
  onpong: () => void;
  /** The connection is closed, with the code and reason of the close frame (1006 and '' without one). */
  onclose: (code: number, reason: string) => void;
}

export interface InPageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface InPageServer {
  readonly gateway: Gateway;
  connect(request: InPageHandshakeRequest): Promise<InPageHandshake>;
  /** An HTTP request to the API's domain: `@connections` calls and the emulator's own endpoints (`/_emulator/status`, `metering`, `tables`). */
  request(method: string, target: string, init?: { body?: Uint8Array | string; headers?: Record<string, string> }): Promise<InPageResponse>;
  close(): void;
}

const utf8 = new TextEncoder();

export interface InPageServerOptions extends GatewayOptions {
  /** The API's host name: `domainName` in events, and where its SDK calls are sent. Default `in-page.localhost`. */
  host?: string;
  /** The in-page DynamoDB's tables, for `/_emulator/tables`. */
  tables?: TableReader;
}

export function createInPageServer(options: InPageServerOptions): InPageServer {
  const gateway = createGateway(options);
  const { stage, maxFrameBytes, maxMessageBytes } = gateway.settings;
  const host = options.host ?? 'in-page.localhost';

  async function connect(request: InPageHandshakeRequest): Promise<InPageHandshake> {
    const url = new URL(request.url);
    // The headers every WebSocket client sends, as a browser writes them, then the caller's.
    const key = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
    const rawHeaders = ['Host', url.host || host, 'Connection', 'Upgrade', 'Upgrade', 'websocket', 'Sec-WebSocket-Version', '13', 'Sec-WebSocket-Key', key];
    for (const [name, value] of Object.entries(request.headers ?? {})) rawHeaders.push(name, value);
    if (request.protocols && request.protocols.length > 0) rawHeaders.push('Sec-WebSocket-Protocol', request.protocols.join(', '));
    const answer = await gateway.handshake({ target: url.pathname + url.search, rawHeaders, host: url.host || host, sourceIp: '127.0.0.1' });
    if (!answer.accepted) return { status: answer.status };
    return { status: 101, protocol: answer.subprotocol, connection: wire((socket) => answer.open(socket)) };
  }

  /** Both ends of one connection, and the closing handshake between them. */
  function wire(open: (socket: ClientSocket) => ConnectionInput): InPageConnection {
    let state: 'open' | 'closing' | 'closed' = 'open';
    // Delivery one task later, in order, as bytes over a socket would arrive.
    const later = (task: () => void) => setTimeout(task, 0);
    const finish = (code: number, reason: string) => {
      if (state === 'closed') return;
      state = 'closed';
      input.closed(code, reason);
      client.onclose(code, reason);
    };
    const client: InPageConnection = {
      send(data, frameSizes) {
        if (state !== 'open') return;
        const bytes = typeof data === 'string' ? utf8.encode(data).length : data.length;
        const frames = frameSizes ?? [bytes];
        later(() => {
          if (state !== 'open') return;
          // §1: a frame above 32 KB or a message above 128 KB closes the connection with 1009.
          if (frames.some((size) => size > maxFrameBytes) || bytes > maxMessageBytes) input.tooBig();
          else input.message(data);
        });
      },
      ping() {
        if (state !== 'open') return;
        later(() => {
          if (state !== 'open') return;
          input.ping();
          client.onpong();
        });
      },
      close(code, reason = '') {
        if (state !== 'open') return;
        state = 'closing';
        // The server answers the close frame with the same code, and both ends are closed.
        later(() => finish(code ?? 1005, reason));
      },
      terminate() {
        later(() => finish(1006, ''));
      },
      onmessage: () => {},
      onpong: () => {},
      onclose: () => {},
    };
    const input = open({
      send(data) {
        if (state !== 'open') return;
        later(() => {
          if (state === 'open') client.onmessage(data);
        });
      },
      close(code, reason) {
        if (state !== 'open') return;
        state = 'closing';
        later(() => finish(code, reason));
      },
      get isOpen() {
        return state === 'open';
      },
      terminate() {
        later(() => finish(1006, ''));
      },
    });
    return client;
  }

  async function request(method: string, target: string, init: { body?: Uint8Array | string; headers?: Record<string, string> } = {}): Promise<InPageResponse> {
    const url = new URL(target, `http://${host}`);
    const origin = Object.entries(init.headers ?? {}).find(([name]) => name.toLowerCase() === 'origin')?.[1];
    if (url.pathname.startsWith(LOCAL_ENDPOINTS_PREFIX)) {
      const status = () => ({ ...gateway.status(), transport: 'in-page', webSocketUrl: `ws://${host}/${stage}`, managementUrl: `https://${host}/${stage}/@connections` });
      const answer = await answerLocalEndpoint(method, url, origin, { inspector: gateway.inspector, metering: gateway.metering, status, allowedOrigins: gateway.settings.allowedOrigins, tables: options.tables });
      // A page subscribes to the feed through its port (in-page-port-host.ts), not with a request.
      if (answer.kind === 'inspector') return json(400, { message: 'In-page, the inspector feed is a subscription: use gateway.inspector.subscribe().' }, answer.headers);
      return answer;
    }
    if (isStagePath(url.pathname, stage)) return json(426, { message: 'Upgrade Required' });
    const bytes = typeof init.body === 'string' ? utf8.encode(init.body) : (init.body ?? new Uint8Array(0));
    return answerConnectionsCall(method, url.pathname, bytes, stage, gateway.management);
  }

  return {
    gateway,
    connect,
    request,
    close: () => gateway.shutdown(),
  };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): InPageResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
