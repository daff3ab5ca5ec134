/**
 * Starting the emulator core with plain-function routes, and driving it with real `ws` clients.
 * Every test gets its own emulator on a free port; `stopAll` cleans up after each test.
 */
import { once } from 'node:events';
import WebSocket from 'ws';
import { createEmulator, type Emulator, type EmulatorOptions, type RouteDefinition } from '../../emulator/emulator.ts';
import type { WebSocketEvent } from '../../emulator/events.ts';

const running: Emulator[] = [];
const clients: WebSocket[] = [];

export interface Started {
  emulator: Emulator;
  port: number;
  wsUrl: string;
  httpUrl: string;
  /** Events each route received, in order. */
  events: WebSocketEvent[];
  logs: string[];
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
  const emulator = createEmulator({ port: 0, stage: 'local', log: (line) => logs.push(line), ...options, routes });
  running.push(emulator);
  const { port } = await emulator.listen();
  return { emulator, port, wsUrl: `ws://127.0.0.1:${port}/local`, httpUrl: `http://127.0.0.1:${port}/local`, events, logs };
}

export async function stopAll(): Promise<void> {
  for (const client of clients.splice(0)) client.terminate();
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
}

/** Opens a client and waits until it is OPEN; rejects with `HTTP <status>` if the handshake is refused. */
export function openClient(url: string, protocols?: string[], options?: WebSocket.ClientOptions): Promise<WebSocket> {
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
