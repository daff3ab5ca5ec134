/**
 * `npm run soak`: the long half of the hardening tests (the fast half is test/hardening/, in `npm test`).
 * Many connections send through the sample backend for a while, with the emulator in a child process:
 *
 *   - no message is lost or duplicated, and the gateway invokes each connection's messages in the
 *     order they were sent (read from the inspector feed);
 *   - a few clients vanish silently (no close frame, no FIN: they just stop answering); the idle
 *     timeout finds them;
 *   - at the end everyone leaves (close, close without a code, socket destroyed, destroyed mid-message)
 *     and every row leaves the connection table;
 *   - memory stays flat: RSS and the gateway's heap at the start, middle and end.
 *
 *   npm run soak                                  1,000 connections for 60 s
 *   npm run soak -- --connections 200 --seconds 20
 *
 * Exits with 1 when a check fails.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import { startChildServer, type ChildServer } from '../bench/support/child-server.ts';
import { ConnectionTable } from '../bench/support/connection-table.ts';
import { openFileLimit, raiseFileLimitAndRerun } from '../bench/support/file-limit.ts';
import { openClients } from '../bench/support/load.ts';
import { megabytes } from '../bench/support/report.ts';
import { readInspectorFeed } from '../test/support/inspector-feed.ts';
import { leave, LEAVING_WAYS, type LeavingWay } from '../test/support/leaving.ts';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '60' },
    /** Messages each connection keeps in flight. */
    window: { type: 'string', default: '1' },
    silent: { type: 'string', default: '5' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run soak -- [--connections 1000] [--seconds 60] [--window 1] [--silent 5]');
  process.exit(0);
}
const CONNECTIONS = Number(values.connections);
const DURATION_MS = Number(values.seconds) * 1000;
const WINDOW = Number(values.window);
const SILENT = Number(values.silent);
// The silent clients' idle timeout: 10 minutes divided by this, i.e. 10 s.
const SILENT_TIME_SCALE = 60;

raiseFileLimitAndRerun(CONNECTIONS + SILENT + 500);

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

console.log(`Soak: ${CONNECTIONS} connections × ${WINDOW} messages in flight for ${DURATION_MS / 1000} s through the sample's $default echo, plus ${SILENT} silent clients (Node.js ${process.version}, ${openFileLimit()} open files allowed)`);
// The soak opens its connections faster than AWS's default quota of 500 per second, raised as AWS raises it on request.
const server = await startChildServer({ kind: 'emulator', config: 'sample-backend/serverless.yml', settings: { maxConnectsPerSecond: 1_000_000 } });
const table = new ConnectionTable(server.dynamoDbEndpoint as string, server.region as string);
const eventsTable = 'apigw-websocket-tutorial-local-events';
const memory: { when: string; rss: number; heapUsed: number; environments: number; events: number }[] = [];
async function recordMemory(when: string): Promise<void> {
  const usage = await server.usage();
  const events = await table.count(eventsTable);
  memory.push({ when, ...usage, events });
  console.log(
    `  memory ${when}: RSS ${megabytes(usage.rss)}, gateway heap ${megabytes(usage.heapUsed)}, ` +
      `${usage.environments} Lambda environments, ${events.toLocaleString('en')} items in the events table`,
  );
}

try {
  const feed = await readInspectorFeed(server.port);
  const opened = await openClients(server.wsUrl, CONNECTIONS, 50);
  check(opened.clients.length === CONNECTIONS, `opened ${opened.clients.length} of ${CONNECTIONS} connections in ${(opened.elapsedMs / 1000).toFixed(1)} s ${JSON.stringify(opened.failures)}`);
  const silent = await openSilentClients(server, SILENT);
  check(silent.length === SILENT, `opened ${silent.length} of ${SILENT} silent clients`);
  check((await table.count()) === opened.clients.length + silent.length, 'every connection has its row');

  // Warm up first (cold starts are not what a soak is about), then take the starting figures.
  const traffic = startTraffic(opened.clients);
  await sleep(Math.min(5000, DURATION_MS / 4));
  await recordMemory('at the start');
  await sleep(DURATION_MS / 2);
  await recordMemory('in the middle');
  await sleep(DURATION_MS / 2);
  await recordMemory('at the end');
  const totals = await traffic.stop();
  console.log(`  ${totals.sent.toLocaleString('en')} messages sent, ${(totals.sent / (totals.elapsedMs / 1000)).toFixed(0)} per second`);
  check(totals.lost === 0, `no message lost (${totals.lost} without an echo)`);
  check(totals.duplicated === 0, `no message duplicated (${totals.duplicated} echoed twice)`);
  check(totals.wrong === 0, `no unexpected answer (${totals.wrong}${totals.firstWrong ? `, e.g. ${totals.firstWrong}` : ''})`);

  // The gateway invoked each connection's messages in the order that connection sent them.
  const lastSeq = new Map<string, number>();
  let outOfOrder = 0;
  for (const entry of feed.entries) {
    if (entry.type !== 'invoke' || entry.routeKey !== '$default') continue;
    const match = /^soak (\d+) (\d+)$/.exec((entry.event as { body?: string }).body ?? '');
    if (!match) continue;
    const seq = Number(match[2]);
    if (seq <= (lastSeq.get(entry.connectionId) ?? -1)) outOfOrder++;
    lastSeq.set(entry.connectionId, seq);
  }
  feed.stop();
  check(outOfOrder === 0, `invocations in the order sent on every connection (${outOfOrder} out of order)`);

  // Everyone leaves; the silent ones were found by the idle timeout meanwhile, or will be.
  const ways = opened.clients.map((_, i) => LEAVING_WAYS[i % LEAVING_WAYS.length] as LeavingWay);
  opened.clients.forEach((client, i) => leave(client, ways[i] as LeavingWay));
  const leftAt = Date.now();
  let rows = -1;
  // A silent client: 10 s of idle timeout, then `ws` waits 30 s for an answer to its close frame.
  while (Date.now() - leftAt < 90_000 && (rows = await table.count()) !== 0) await sleep(500);
  check(rows === 0, `every row left the connection table (${rows} left, ${((Date.now() - leftAt) / 1000).toFixed(1)} s after everyone left)`);
  for (const socket of silent) socket.destroy();
  await recordMemory('after everyone left');

  const [start, middle, end] = memory;
  if (start && middle && end) {
    // The events table keeps every event for a day by design, so RSS grows with it; the gateway's own heap must not.
    const heapGrowth = end.heapUsed - start.heapUsed;
    check(heapGrowth < 20 * 1024 * 1024, `the gateway's heap stays flat (${megabytes(start.heapUsed)} → ${megabytes(middle.heapUsed)} → ${megabytes(end.heapUsed)})`);
    console.log(
      `  RSS ${megabytes(start.rss)} → ${megabytes(middle.rss)} → ${megabytes(end.rss)}, with ${start.environments} → ${middle.environments} → ${end.environments} ` +
        `Lambda environments (35 MB and more each) and ${start.events.toLocaleString('en')} → ${end.events.toLocaleString('en')} stored events: ` +
        'RSS follows the environments a burst starts and the events the sample keeps for a day, not the connections or the messages.',
    );
  }
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  console.error(error);
} finally {
  table.destroy();
  await server.stop();
}

console.log(failures.length === 0 ? 'Soak passed.' : `Soak FAILED:\n  ${failures.join('\n  ')}`);
process.exit(failures.length === 0 ? 0 : 1);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every client keeps WINDOW messages in flight until stopped; echoes are checked off as they come. */
function startTraffic(clients: WebSocket[]) {
  let stopping = false;
  let sent = 0;
  let duplicated = 0;
  let wrong = 0;
  let firstWrong: string | undefined;
  const outstanding = clients.map(() => new Set<number>());
  const started = Date.now();
  clients.forEach((client, index) => {
    let seq = 0;
    const sendNext = () => {
      if (stopping || client.readyState !== client.OPEN) return;
      const body = `soak ${index} ${seq}`;
      outstanding[index]?.add(seq++);
      sent++;
      client.send(body);
    };
    client.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      const echo = /^soak (\d+) (\d+)$/.exec(echoOf(text));
      if (!echo || Number(echo[1]) !== index) {
        wrong++;
        firstWrong ??= text;
        return;
      }
      if (!outstanding[index]?.delete(Number(echo[2]))) duplicated++;
      sendNext();
    });
    for (let i = 0; i < WINDOW; i++) sendNext();
  });
  return {
    async stop() {
      stopping = true;
      const elapsedMs = Date.now() - started;
      // Let the last echoes arrive.
      const deadline = Date.now() + 30_000;
      while (outstanding.some((set) => set.size > 0) && Date.now() < deadline) await sleep(100);
      const lost = outstanding.reduce((total, set) => total + set.size, 0);
      return { sent, lost, duplicated, wrong, firstWrong, elapsedMs };
    },
  };
}

/** Clients that complete the handshake and then stop reading and answering, as if their network vanished. */
async function openSilentClients(target: ChildServer, count: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i++) {
    const socket = tcpConnect(target.port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `GET /local?x-emulator-time-scale=${SILENT_TIME_SCALE} HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const answer = await new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    if (!answer.startsWith('HTTP/1.1 101')) continue;
    // From now on nothing is read or written: no close frame, no FIN.
    socket.pause();
    sockets.push(socket);
  }
  return sockets;
}

function echoOf(answer: string): string {
  try {
    return (JSON.parse(answer) as { echo?: string }).echo ?? '';
  } catch {
    return '';
  }
}
