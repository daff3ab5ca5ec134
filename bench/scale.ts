/**
 * Scale: many concurrent idle connections, each through the sample's `$connect` (which writes its row
 * to DynamoDB), with the emulator in a child process so that only its memory is counted.
 *
 *   - new connections per second through `$connect` + the DynamoDB write, with the 500-per-second
 *     quota raised as AWS raises it on request (`maxConnectsPerSecond`); target ≥ 1,000/s;
 *   - resident memory per connection (RSS delta / connections) with 10,000 held; target: 10,000
 *     connections in under 300 MB.
 */
import { startChildServer } from './support/child-server.ts';
import { ConnectionTable } from './support/connection-table.ts';
import { openFileLimit } from './support/file-limit.ts';
import { closeClients, openClient, openClients, percentile } from './support/load.ts';
import { cpuSince, threadCpu } from './support/proc.ts';
import { FIXTURE_SERVICE, SAMPLE_SERVICE } from './round-trip.ts';
import { kilobytes, megabytes, ms, perSecond, type BenchmarkResult, type BenchSizes, type Figure } from './support/report.ts';

/** Raised from AWS's default 500, as AWS Support would on request. */
const RAISED_CONNECT_QUOTA = 1_000_000;
const TARGET_CONNECTS_PER_SECOND = 1000;
const TARGET_MEMORY_BYTES = 300 * 1024 * 1024;
const TARGET_CONNECTIONS = 10_000;
/** Longer than the idle time after which an environment compacts its heap. */
const SETTLE_MS = 7000;
/** Untimed bursts before the measured one. */
const WARM_UP_BURSTS = (sizes: BenchSizes) => (sizes.quick ? 1 : 2);

/**
 * The same burst against the fixture service, whose `$connect` writes nothing: the gateway's and the
 * Lambda runner's own share, apart from what the sample stores per connection.
 */
async function gatewayOnly(wanted: number, sizes: BenchSizes): Promise<Figure> {
  const server = await startChildServer({ kind: 'emulator', config: `${FIXTURE_SERVICE}/serverless.yml`, settings: { maxConnectsPerSecond: RAISED_CONNECT_QUOTA } });
  try {
    for (let round = 0; round < WARM_UP_BURSTS(sizes); round++) {
      const warm = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
      await closeClients(warm.clients);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const before = await server.usage();
    const opened = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const held = await server.usage();
    await closeClients(opened.clients);
    const count = opened.clients.length;
    return {
      name: `The same with the fixture's \`$connect\`, which writes nothing (the gateway and Lambda runner alone)`,
      value: `${perSecond((count / opened.elapsedMs) * 1000)}; ${kilobytes((held.rss - before.rss) / count)} per connection (gateway heap ${kilobytes((held.heapUsed - before.heapUsed) / count)})`,
    };
  } finally {
    await server.stop();
  }
}

/** The physical limit: a bare `ws` server accepting the same burst of handshakes, on the same machine, in the same run. */
async function bareWsConnects(wanted: number, sizes: BenchSizes): Promise<number> {
  const server = await startChildServer({ kind: 'bare-ws' });
  try {
    const warm = await openClients(server.wsUrl, Math.min(wanted, 1000), sizes.connectConcurrency);
    await closeClients(warm.clients);
    const opened = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
    await closeClients(opened.clients);
    return (opened.clients.length / opened.elapsedMs) * 1000;
  } finally {
    await server.stop();
  }
}

/** One handshake at a time: its time until open, in ms. */
async function handshakeMs(url: string): Promise<number> {
  const started = performance.now();
  const client = await openClient(url);
  const elapsed = performance.now() - started;
  await closeClients([client]);
  return elapsed;
}

export async function runScale(sizes: BenchSizes): Promise<BenchmarkResult> {
  const notes: string[] = [];
  let wanted = sizes.idleConnections;
  const fileLimit = openFileLimit();
  // One descriptor per connection here, plus some for the runtime.
  if (fileLimit < wanted + 200) {
    wanted = Math.max(0, Math.floor(fileLimit - 200));
    notes.push(`Only ${fileLimit} open files are allowed (ulimit -n, and its hard limit); held ${wanted} connections instead of ${sizes.idleConnections}. Raise the hard limit to measure 10,000.`);
  }
  const server = await startChildServer({ kind: 'emulator', config: `${SAMPLE_SERVICE}/serverless.yml`, settings: { maxConnectsPerSecond: RAISED_CONNECT_QUOTA } });
  const table = new ConnectionTable(server.dynamoDbEndpoint as string, server.region as string);
  try {
    // Cold start: the very first handshake runs `$connect` in a new environment, which loads the handler and the AWS SDK.
    const coldHandshakeMs = await handshakeMs(server.wsUrl);
    // Warm-up: the very same burst, come and gone (twice at full size), so that the baseline already has
    // the Lambda environments such a burst starts (35 MB each), grown to their working size (up to
    // 25 MB more each over their first few thousand invocations, as V8 compiles the hot code).
    let warm = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
    const coldConnectsPerSecond = (warm.clients.length / warm.elapsedMs) * 1000;
    for (let round = 1; ; round++) {
      await closeClients(warm.clients);
      await table.waitForCount(0, 60_000);
      if (round >= WARM_UP_BURSTS(sizes)) break;
      warm = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
    }
    const warmHandshakes: number[] = [];
    for (let i = 0; i < 50; i++) warmHandshakes.push(await handshakeMs(server.wsUrl));
    await table.waitForCount(0, 60_000);
    // Past the 5 s after which idle environments give their spare heap back (lambda-worker.ts), before each reading alike.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const before = await server.usage();

    const cpuBefore = threadCpu(server.pid);
    const loadCpuBefore = process.cpuUsage();
    const opened = await openClients(server.wsUrl, wanted, sizes.connectConcurrency);
    const cpu = cpuSince(cpuBefore, threadCpu(server.pid));
    const loadCpu = process.cpuUsage(loadCpuBefore);
    const connectsPerSecond = (opened.clients.length / opened.elapsedMs) * 1000;
    const failed = Object.entries(opened.failures).map(([reason, count]) => `${count} × ${reason}`);
    if (failed.length > 0) notes.push(`Handshakes that failed while opening: ${failed.join(', ')}.`);
    const rows = await table.count();
    // Idle for a moment, so that what is measured is held connections rather than work in progress.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const stillOpen = opened.clients.filter((client) => client.readyState === client.OPEN).length;
    const held = await server.usage();
    const count = opened.clients.length;
    const heapGrowth = held.heapUsed - before.heapUsed;
    // Idle environments giving heap back between the two readings can make RSS fall while connections are
    // held; the gateway heap's growth is then the truer (and lower-bound) figure.
    const rssFell = held.rss - before.rss < heapGrowth;
    if (rssFell) notes.push(`RSS fell by ${megabytes(before.rss - held.rss)} between the two readings while the connections were held (environments gave spare heap back), so the memory figure is the gateway heap's growth: a lower bound.`);
    const delta = rssFell ? heapGrowth : held.rss - before.rss;
    const perConnection = count > 0 ? delta / count : Number.NaN;
    const projected = perConnection * TARGET_CONNECTIONS;

    const closing = Date.now();
    await closeClients(opened.clients);
    await table.waitForCount(0, 60_000);
    const disconnectMs = Date.now() - closing;
    const after = await server.usage();
    // The store's own ceiling, with the same writes in flight as handshakes.
    const putRate = await table.putsPerSecond(sizes.quick ? 500 : 3000, sizes.connectConcurrency);
    const bareRate = await bareWsConnects(wanted, sizes);
    const perConnect = (value: number) => `${(value / Math.max(1, opened.clients.length)).toFixed(2)} ms`;
    const cpuNote =
      `CPU per connection in that burst: ${perConnect(cpu.mainMs)} on the gateway's thread, ${perConnect(cpu.otherMs)} on the other threads (Lambda environments, the DynamoDB thread, V8's helpers), ` +
      `${perConnect((loadCpu.user + loadCpu.system) / 1000)} in the benchmark's own clients; at 1,000/s, 2 cores allow 2 ms in all. `;

    const figures: Figure[] = [
      {
        name: `New connections per second through \`$connect\` with its DynamoDB write (${sizes.connectConcurrency} handshakes in flight)`,
        value: perSecond(connectsPerSecond),
        target: `≥ ${TARGET_CONNECTS_PER_SECOND.toLocaleString('en')}/s`,
        met: connectsPerSecond >= TARGET_CONNECTS_PER_SECOND,
        note:
          (connectsPerSecond >= TARGET_CONNECTS_PER_SECOND ? '' : "Not met: the machine's two cores are the limit, shared by the gateway, the Lambda environments running the AWS SDK twice per connection, dynalite and the benchmark's clients. ") +
          cpuNote +
          `Physical limit, the same burst against a bare \`ws\` server in this run: ${perSecond(bareRate)}. ` +
          `${count.toLocaleString('en')} connections opened in ${(opened.elapsedMs / 1000).toFixed(1)} s (the first, cold burst: ${perSecond(coldConnectsPerSecond)}); ` +
          `${rows.toLocaleString('en')} rows in the connection table once the last one was open.`,
      },
      {
        name: `Memory with ${count.toLocaleString('en')} idle connections held`,
        value: `${megabytes(delta)} above the warm baseline, ${kilobytes(perConnection)} per connection`,
        target: `${TARGET_CONNECTIONS.toLocaleString('en')} connections in under 300 MB`,
        met: count >= TARGET_CONNECTIONS ? delta < TARGET_MEMORY_BYTES : projected < TARGET_MEMORY_BYTES,
        note:
          ((count >= TARGET_CONNECTIONS ? delta : projected) < TARGET_MEMORY_BYTES
            ? ''
            : "Not met: the gateway's own share is the heap growth below; the rest is the sample's two stored items per connection in dynalite, and Lambda environments still growing to their working size. ") +
          `RSS of the emulator's whole process (gateway, Lambda worker threads, dynalite's thread), each measured after a full GC in every thread: ` +
          `${megabytes(before.rss)} warm with no connections (${before.environments} Lambda environments alive), ` +
          `${megabytes(held.rss)} holding ${count.toLocaleString('en')} (${stillOpen.toLocaleString('en')} still open after idling; ${held.environments} environments), ` +
          `${megabytes(after.rss)} after they left (${after.environments} environments). The gateway's own heap grew by ${megabytes(held.heapUsed - before.heapUsed)}. ` +
          "The delta includes each connection's DynamoDB items: its row and the `$connect` event the sample keeps for a day in its events table." +
          (count < TARGET_CONNECTIONS ? ` Projected to ${TARGET_CONNECTIONS.toLocaleString('en')}: ${megabytes(projected)}.` : ''),
      },
      {
        name: `DynamoDB alone (dynalite): PutItem of a connection-sized row, ${sizes.connectConcurrency} in flight from the benchmark process`,
        value: `${perSecond(putRate)}`,
      },
      {
        name: "`$connect` cold start: the first handshake, in a new Lambda environment that loads the handler and the AWS SDK, then writes two items",
        value: ms(coldHandshakeMs),
        note: `Warm, one handshake at a time: median ${ms(percentile(warmHandshakes, 50))}, p99 ${ms(percentile(warmHandshakes, 99))} (50 handshakes).`,
      },
      {
        name: 'All of them leaving: every row deleted by `$disconnect`',
        value: `${(disconnectMs / 1000).toFixed(1)} s until the connection table was empty`,
      },
      await gatewayOnly(wanted, sizes),
    ];
    notes.push(
      `The connect quota was raised from 500 to ${RAISED_CONNECT_QUOTA.toLocaleString('en')} per second with the emulator's \`maxConnectsPerSecond\` setting (emulator/options.ts), as AWS raises it on request.`,
      `Each connection is one open file in the benchmark and one in the emulator: \`npm run bench\` raises its soft limit to the hard limit when it needs more (allowed here: ${fileLimit}).`,
    );
    return {
      title: 'Scale: idle connections and the connect rate',
      method:
        `The sample backend unchanged, the emulator in a child process. ${wanted.toLocaleString('en')} \`ws\` clients connect with ${sizes.connectConcurrency} handshakes in flight; ` +
        "each handshake runs `$connect`, which writes the connection's row and its event to DynamoDB. They stay idle, then all close. " +
        `The same burst runs ${sizes.quick ? 'once' : 'twice'} before, untimed, so that the baseline includes the Lambda environments such a burst starts, warm.`,
      figures,
      notes,
    };
  } finally {
    table.destroy();
    await server.stop();
  }
}
