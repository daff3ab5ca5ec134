/**
 * Starting the emulator core with plain-function routes, and driving it with real `ws` clients.
 * Every test gets its own emulator on a free port; `stopAll` cleans up after each test.
 *
 * With EMULATOR_TRANSPORT=in-page the same tests drive the in-page transport instead (the gateway
 * core with no network): each emulator gets a made-up port, and `openClient` and `fetch` for that
 * port reach it in memory. `npm test` runs the conformance suite both ways.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { createEmulator, type Emulator, type EmulatorOptions, type RouteDefinition } from '../../emulator/emulator.ts';
import type { WebSocketEvent } from '../../emulator/events.ts';
import { createInPageServer, type InPageServer } from '../../emulator/in-page-transport.ts';
import { InPageRequestHandler } from '../../emulator/in-page-sdk-handler.ts';
import { InPageTestClient } from './in-page-client.ts';

export const IN_PAGE = process.env.EMULATOR_TRANSPORT === 'in-page';

const running: Emulator[] = [];
const clients: (WebSocket | InPageTestClient)[] = [];
/** In-page servers by their made-up port. */
const inPage = new Map<number, InPageServer>();
let nextInPagePort = 61_000;

if (IN_PAGE) {
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const server = inPage.get(Number(url.port));
    if (!server) return networkFetch(input, init);
    const body = init?.body === undefined || init.body === null ? undefined : typeof init.body === 'string' ? init.body : new Uint8Array(await new Response(init.body).arrayBuffer());
    const answer = await server.request(init?.method ?? 'GET', url.pathname + url.search, { ...(body === undefined ? {} : { body }), headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    return new Response(answer.status === 204 || answer.body === '' ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}

export interface Started {
  emulator: Emulator;
  port: number;
  wsUrl: string;
  httpUrl: string;
  /** Events each route received, in order. */
  events: WebSocketEvent[];
  logs: string[];
  /** Spread into an AWS SDK client's configuration: in-page, the request handler that reaches the emulator. */
  sdkTransport: { requestHandler?: InPageRequestHandler };
}

/** A route from a plain function; records the event it got. */
export function route(handler: (event: WebSocketEvent) => unknown, twoWay = false): RouteDefinition {
  return { twoWay, handler: async (event) => handler(event) };
}

export async function startEmulator(options: Omit<EmulatorOptions, 'port'> & { port?: number }): Promise<Started> {
  const events: WebSocketEvent[] = [];
  const logs: string[] = [];
  const routes = Object.fromEntries(
    Object.entries(options.routes).map(([key, definition]) => [
      key,
      { ...definition, handler: (event: WebSocketEvent) => (events.push(event), definition.handler(event)) },
    ]),
  );
  if (IN_PAGE) {
    const server = createInPageServer({ stage: 'local', log: (line) => logs.push(line), ...options, routes });
    const port = nextInPagePort++;
    inPage.set(port, server);
    const { gateway } = server;
    const emulator: Emulator = {
      settings: gateway.settings,
      inspector: gateway.inspector,
      metering: gateway.metering,
      webSocketUrl: `ws://localhost:${port}/local`,
      managementUrl: `http://localhost:${port}/local/@connections`,
      listen: () => Promise.resolve({ address: '127.0.0.1', family: 'IPv4', port }),
      close: async () => {
        server.close();
        inPage.delete(port);
      },
      openConnectionIds: () => gateway.openConnectionIds(),
      sdkCalls: server,
    };
    running.push(emulator);
    const sdkTransport = { requestHandler: new InPageRequestHandler(server) };
    return { emulator, port, wsUrl: `ws://127.0.0.1:${port}/local`, httpUrl: `http://127.0.0.1:${port}/local`, events, logs, sdkTransport };
  }
  const emulator = createEmulator({ port: 0, stage: 'local', log: (line) => logs.push(line), ...options, routes });
  running.push(emulator);
  const { port } = await emulator.listen();
  return { emulator, port, wsUrl: `ws://127.0.0.1:${port}/local`, httpUrl: `http://127.0.0.1:${port}/local`, events, logs, sdkTransport: {} };
}

export async function stopAll(): Promise<void> {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

/** Opens a client and waits until it is OPEN; rejects with `HTTP <status>` if the handshake is refused. */
export function openClient(url: string, protocols?: string[], options?: WebSocket.ClientOptions): Promise<WebSocket> {
  const server = inPage.get(Number(new URL(url).port));
  if (server) {
    const headers = { ...(options?.headers as Record<string, string> | undefined), ...(options?.origin ? { Origin: options.origin } : {}) };
    return InPageTestClient.open(server, url, protocols, headers).then((client) => {
      clients.push(client);
      // The ws-shaped interface the tests use; the in-page client implements that part of it.
      return client as unknown as WebSocket;
    });
  }
  const client = new WebSocket(url, protocols, options);
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('open', () => resolve(client));
    client.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    client.once('error', reject);
  });
}

export async function nextMessage(client: WebSocket): Promise<string> {
  const [data] = (await once(client, 'message')) as [Buffer];
  return data.toString('utf8');
}

export async function closeOf(client: WebSocket): Promise<{ code: number; reason: string }> {
  const [code, reason] = (await once(client, 'close')) as [number, Buffer];
  return { code, reason: reason.toString('utf8') };
}

/** Polls until `check` holds: tests wait for a state, never for a fixed time. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Sends one text message as several frames (fragmentation), each at most `frameBytes` long. */
export async function sendFragmented(client: WebSocket, text: string, frameBytes: number): Promise<void> {
  const bytes = Buffer.from(text);
  for (let offset = 0; offset < bytes.length; offset += frameBytes) {
    const chunk = bytes.subarray(offset, offset + frameBytes);
    const fin = offset + frameBytes >= bytes.length;
    await new Promise<void>((resolve, reject) => client.send(chunk, { binary: false, fin }, (error) => (error ? reject(error) : resolve())));
  }
}

export const ID_PATTERN = /^[\w-]{15}=$/;
