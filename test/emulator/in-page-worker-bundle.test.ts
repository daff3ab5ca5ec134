import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StampedEntry } from '../../emulator/inspector.ts';
import { buildInPageBundle } from '../../emulator/in-page-bundle.ts';
import { InPagePortClient } from '../../emulator/in-page-port-client.ts';
import { InPageWebSocket } from '../../emulator/in-page-websocket.ts';

// The in-page emulator's worker exactly as the site ships it (the esbuild browser bundle of the
// real sample-backend handlers, dynalite's engine and the gateway core), loaded here with a stand-in
// for the worker's global scope and driven over a real MessageChannel, as a page drives it.

type Listener = (event: { data: unknown }) => void;
const listeners: Listener[] = [];
const scope = globalThis as unknown as { addEventListener?: (type: string, listener: Listener) => void };
const folder = mkdtempSync(join(tmpdir(), 'in-page-bundle-'));

/** Loads one service's worker bundle and returns a client attached to it. */
async function startWorker(config: string, host: string): Promise<InPagePortClient> {
  const bundle = await buildInPageBundle({ config, host, minify: false });
  const file = join(folder, `${host}.mjs`);
  writeFileSync(file, bundle.code);
  const before = listeners.length;
  await import(pathToFileURL(file).href);
  const channel = new MessageChannel();
  for (const listener of listeners.slice(before)) listener({ data: { type: 'attach', port: channel.port2 } });
  return new InPagePortClient(channel.port1 as never);
}

/** Opens a socket and collects what arrives. */
async function open(client: InPagePortClient, url: string): Promise<{ socket: InPageWebSocket; received: string[]; closed: Promise<CloseEvent> }> {
  const socket = new InPageWebSocket(client, url);
  const received: string[] = [];
  socket.addEventListener('message', (event) => received.push(String((event as MessageEvent).data)));
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', (event) => resolve(event as CloseEvent)));
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('close', () => reject(new Error(`${url} did not open`)));
  });
  return { socket, received, closed };
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const parsed = (messages: string[]) => messages.flatMap((text) => {
  try {
    return [JSON.parse(text) as Record<string, unknown>];
  } catch {
    return [];
  }
});

let sample: InPagePortClient;
let auth: InPagePortClient;
let savedAddEventListener: typeof scope.addEventListener;

beforeAll(async () => {
  // The worker's activity lines and the handlers' own logs: the assertions below say what matters.
  vi.spyOn(console, 'debug').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
  savedAddEventListener = scope.addEventListener;
  scope.addEventListener = (type, listener) => {
    if (type === 'message') listeners.push(listener);
  };
  sample = await startWorker('sample-backend/serverless.yml', 'sample.in-page');
  auth = await startWorker('sample-backend/serverless.auth.yml', 'auth.in-page');
}, 60_000);

afterAll(() => {
  vi.restoreAllMocks();
  scope.addEventListener = savedAddEventListener;
});

const SAMPLE = 'ws://sample.in-page/local';

describe('the in-page worker bundle of the sample backend', () => {
  it('echoes, answers whoami with the connectionId, and stores the connection in its DynamoDB table', async () => {
    const a = await open(sample, SAMPLE);
    a.socket.send('hello');
    a.socket.send('{"action":"whoami"}');
    const whoami = await until(() => parsed(a.received).find((m) => m.type === 'whoami'), 'whoami');
    expect(parsed(a.received).find((m) => m.type === 'echo')).toMatchObject({ echo: 'hello', routeKey: '$default' });
    const connectionId = String(whoami.connectionId);
    expect(connectionId).toMatch(/^[\w-]{15}=$/);
    const tables = JSON.parse((await sample.request('GET', 'http://sample.in-page/_emulator/tables')).body) as { tables: string[] };
    const connections = tables.tables.find((name) => name.endsWith('-connections'))!;
    const rows = JSON.parse((await sample.request('GET', `http://sample.in-page/_emulator/tables/${connections}`)).body) as { items: { connectionId: string }[] };
    expect(rows.items.map((item) => item.connectionId)).toContain(connectionId);
    a.socket.close(1000);
    expect((await a.closed).code).toBe(1000);
  });

  it('broadcasts from one client to another, and pushes three messages from one request', async () => {
    const [a, b] = [await open(sample, SAMPLE), await open(sample, SAMPLE)];
    a.socket.send(JSON.stringify({ action: 'broadcast', message: 'to everyone' }));
    await until(() => parsed(b.received).find((m) => m.type === 'broadcast' && m.message === 'to everyone'), 'the broadcast at B');
    a.socket.send('{"action":"push"}');
    await until(() => (parsed(a.received).filter((m) => m.type === 'push').length === 3 ? true : undefined), 'three pushes');
    a.socket.close();
    b.socket.close();
  });

  it('answers @connections with 200 while connected and 410 GoneException after the close', async () => {
    const a = await open(sample, SAMPLE);
    a.socket.send('{"action":"whoami"}');
    const { connectionId } = await until(() => parsed(a.received).find((m) => m.type === 'whoami'), 'whoami');
    const target = `http://sample.in-page/local/@connections/${encodeURIComponent(String(connectionId))}`;
    expect((await sample.request('POST', target, { body: 'from the test' })).status).toBe(200);
    await until(() => (a.received.includes('from the test') ? true : undefined), 'the posted message');
    a.socket.close();
    await a.closed;
    const gone = await sample.request('POST', target, { body: 'too late' });
    expect(gone.status).toBe(410);
    expect(gone.headers['x-amzn-ErrorType'] ?? gone.headers['x-amzn-errortype']).toMatch(/GoneException/);
  });

  it('closes with 1009 a message over the 32 KB frame limit, and feeds the inspector the Lambda events', async () => {
    const entries: StampedEntry[] = [];
    const unsubscribe = sample.subscribe((entry) => entries.push(entry));
    const a = await open(sample, SAMPLE);
    a.socket.send('{"action":"whoami"}');
    await until(() => entries.find((entry) => entry.type === 'invoke' && entry.routeKey === 'whoami'), 'the whoami invocation');
    a.socket.send('x'.repeat(33 * 1024));
    expect((await a.closed).code).toBe(1009);
    unsubscribe();
  });

  it('runs the authorizer: no token is refused with 401, Alice connects and sees her identity', async () => {
    const refused = await auth.connect({ url: 'ws://auth.in-page/local' });
    expect(refused.status).toBe(401);
    const alice = await open(auth, 'ws://auth.in-page/local?token=tutorial-token-alice');
    alice.socket.send('who am I?');
    const reply = await until(() => parsed(alice.received)[0], 'the reply');
    expect(JSON.stringify(reply)).toContain('alice');
    alice.socket.close();
  });
});
