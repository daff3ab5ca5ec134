/**
 * The body of a benchmark's server child process, so that the load generator's own CPU and memory
 * are never counted as the server's. Started by `child-server.ts` with a JSON spec as its argument:
 *
 *   { "kind": "bare-ws" }                          a plain `ws` echo server, the physical limit
 *   { "kind": "emulator", "config": "...", ... }   startLocalStack with that serverless.yml
 *
 * It reports `{ type: 'ready', port }` over IPC, answers `{ type: 'rss' }` with its resident memory
 * (after a full garbage collection when started with --expose-gc), and exits on `{ type: 'stop' }`.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { startLocalStack } from '../../emulator/local-stack.ts';
import type { EmulatorSettings } from '../../emulator/options.ts';

export type ServerSpec =
  | { kind: 'bare-ws' }
  | {
      kind: 'emulator';
      config: string;
      settings?: Partial<Omit<EmulatorSettings, 'routeSelectionExpression' | 'port'>>;
      environment?: Record<string, string>;
    };

export type ParentMessage = { type: 'rss' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number; dynamoDbEndpoint?: string; region?: string }
  | { type: 'rss'; rss: number; heapUsed: number; environments: number };

const spec = JSON.parse(process.argv[2] ?? '{}') as ServerSpec;
const send = (message: ChildMessage) => process.send?.(message);

let stop: () => Promise<void>;
/** Lambda execution environments alive now (warm or busy): each holds a worker thread's memory. */
let environments = () => 0;
/** Full collections in the other threads (Lambda environments, the store) too, so that RSS counts what is kept. */
let collectElsewhere = () => {};
if (spec.kind === 'bare-ws') {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  server.on('connection', (socket) => socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })));
  await new Promise((resolve) => server.once('listening', resolve));
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
  stop = () => new Promise((resolve) => server.close(() => resolve()));
} else if (spec.kind === 'emulator') {
  // BENCH_SERVER_LOG=1 shows the emulator's activity lines, for finding out why a run failed.
  const log = process.env.BENCH_SERVER_LOG === '1' ? (line: string) => console.log(line) : undefined;
  // Spare Lambda environments stay for the whole run, so that a measurement's baseline and its burst have the same ones.
  // The stage `npm start` uses, which the URLs and table names of the benchmarks assume.
  const stack = await startLocalStack({
    config: spec.config, stage: 'local', ...spec.settings, port: 0, hotReload: false, environment: spec.environment, log, spareEnvironmentIdleMs: 60 * 60 * 1000, lastEnvironmentIdleMs: Infinity,
  });
  const port = Number(new URL(stack.emulator.webSocketUrl).port);
  send({ type: 'ready', port, dynamoDbEndpoint: stack.dynamoDb.endpoint, region: stack.service.region });
  stop = () => stack.close();
  environments = () => stack.functions.reduce((total, fn) => total + fn.environmentCount, 0);
  collectElsewhere = () => {
    for (const fn of stack.functions) fn.collectGarbage();
    stack.dynamoDb.collectGarbage();
  };
} else {
  throw new Error(`Unknown server kind in ${process.argv[2]}`);
}

process.on('message', async (message: ParentMessage) => {
  if (message.type === 'rss') {
    collectElsewhere();
    // The other threads collect on their own event loops; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'rss', rss, heapUsed, environments: environments() });
  } else if (message.type === 'stop') {
    void stop().finally(() => process.exit(0));
  }
});
// The parent went away without saying stop: do not outlive it.
process.on('disconnect', () => process.exit(0));
