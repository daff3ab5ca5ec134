/**
 * Round trip: a message from a `ws` client to a route and the answer back, beside a bare `ws` echo
 * server on the same machine in the same run (the physical limit here).
 *
 *   (a) the fixture's two-way `echo` route, whose handler returns the body at once: the emulator's
 *       own overhead (gateway + Lambda worker hand-off); target p50 within 5× of bare ws;
 *   (b) the sample's `$default` echo, which writes the event to DynamoDB and answers through
 *       @connections with the AWS SDK, with where its time goes, from the inspector feed.
 *
 * Every server runs in a child process; this process only generates load.
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { ApiGatewayManagementApiClient, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type WebSocket from 'ws';
import type { StampedEntry } from '../emulator/inspector.ts';
import { LOCAL_CREDENTIALS } from '../emulator/local-dynamodb.ts';
import { startChildServer, type ChildServer } from './support/child-server.ts';
import { readInspectorFeed } from '../test/support/inspector-feed.ts';
import { closeClients, closedLoop, mean, openClients, percentile, type LoopResult } from './support/load.ts';
import { ms, perSecond, ratio, type BenchmarkResult, type BenchSizes, type Figure } from './support/report.ts';

export const FIXTURE_SERVICE = resolve(import.meta.dirname, 'fixtures/echo-service');
export const SAMPLE_SERVICE = resolve(import.meta.dirname, '../sample-backend');

/** One kind of traffic: what a client sends and how it recognises the answer. */
export interface RouteLoad {
  message: (seq: number) => string;
  isAnswer: (answer: string, sent: string) => boolean;
}

// About 100 bytes, like a small chat or game message.
const PADDING = 'x'.repeat(48);
const echoedAsIs = (answer: string, sent: string) => answer === sent;

export const LOADS = {
  bareEcho: { message: (seq) => `{"action":"echo","seq":${seq},"data":"${PADDING}"}`, isAnswer: echoedAsIs },
  /** The fixture's two-way route. */
  twoWay: { message: (seq) => `{"action":"echo","seq":${seq},"data":"${PADDING}"}`, isAnswer: echoedAsIs },
  /** The fixture's one-way route that answers through @connections. */
  post: { message: (seq) => `{"action":"post","seq":${seq},"data":"${PADDING}"}`, isAnswer: echoedAsIs },
  /** The sample's `$default`: plain text, echoed inside a JSON reply. */
  sampleEcho: {
    message: (seq) => `hello ${seq} ${PADDING}`,
    isAnswer: (answer, sent) => {
      try {
        return (JSON.parse(answer) as { echo?: string }).echo === sent;
      } catch {
        return false;
      }
    },
  },
} satisfies Record<string, RouteLoad>;

export interface LoopSummary {
  p50: number;
  p99: number;
  mean: number;
  perSecond: number;
  count: number;
  wrongAnswers: number;
  firstWrongAnswer: string | undefined;
  /** The server process's CPU time (all threads) per answered message. */
  serverCpuMsPerMessage: number;
}

export interface RoundTripFigures {
  /** One client, one message at a time. */
  sequential: LoopSummary;
  /** `loadClients` clients, one message in flight each. */
  load: LoopSummary;
}

function summarize(result: LoopResult, serverCpuMs: number): LoopSummary {
  return {
    serverCpuMsPerMessage: serverCpuMs / result.latenciesMs.length,
    p50: percentile(result.latenciesMs, 50),
    p99: percentile(result.latenciesMs, 99),
    mean: mean(result.latenciesMs),
    perSecond: result.messagesPerSecond,
    count: result.latenciesMs.length,
    wrongAnswers: result.wrongAnswers,
    firstWrongAnswer: result.firstWrongAnswer,
  };
}

/** A server and the traffic to send it. */
export interface Target {
  server: Pick<ChildServer, 'wsUrl' | 'cpuMs'>;
  load: RouteLoad;
}

/** Short passes per target, taken in turn, so that every target sees the machine in the same state. */
const ROUNDS = 4;

/**
 * Warms every target up (cold starts are not what we measure), then runs the sequential and the
 * loaded passes, alternating between targets in short rounds: on a shared machine the load changes
 * from one minute to the next, and alternating spreads that over all of them alike.
 */
export async function measureRoundTrips(targets: Target[], sizes: BenchSizes): Promise<RoundTripFigures[]> {
  const clientsOf: WebSocket[][] = [];
  try {
    for (const { server, load } of targets) {
      const opened = await openClients(server.wsUrl, sizes.loadClients, sizes.loadClients);
      clientsOf.push(opened.clients);
      if (opened.clients.length < sizes.loadClients) throw new Error(`could not open ${sizes.loadClients} clients to ${server.wsUrl}: ${JSON.stringify(opened.failures)}`);
      // Every client at once, so that the server has as many warm Lambda environments as the loaded pass needs.
      await closedLoop(opened.clients, { ...load, durationMs: 0, messagesPerClient: sizes.warmUpMessages });
    }
    const passes = async (clientCount: number, durationMs: number) => {
      const results = targets.map(() => ({ runs: [] as LoopResult[], cpuMs: 0 }));
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, { server, load }] of targets.entries()) {
          const cpuBefore = server.cpuMs();
          const result = await closedLoop((clientsOf[i] as WebSocket[]).slice(0, clientCount), { ...load, durationMs: durationMs / ROUNDS });
          const entry = results[i] as { runs: LoopResult[]; cpuMs: number };
          entry.runs.push(result);
          entry.cpuMs += server.cpuMs() - cpuBefore;
        }
      }
      return results.map(({ runs, cpuMs }) => summarize(combine(runs), cpuMs));
    };
    const sequential = await passes(1, sizes.sequentialMs);
    const loaded = await passes(sizes.loadClients, sizes.loadMs);
    return targets.map((_, i) => ({ sequential: sequential[i] as LoopSummary, load: loaded[i] as LoopSummary }));
  } finally {
    await Promise.all(clientsOf.map(closeClients));
  }
}

function combine(runs: LoopResult[]): LoopResult {
  const latenciesMs = runs.flatMap((run) => run.latenciesMs);
  const elapsedMs = runs.reduce((total, run) => total + run.elapsedMs, 0);
  return {
    latenciesMs,
    elapsedMs,
    messagesPerSecond: (latenciesMs.length / elapsedMs) * 1000,
    wrongAnswers: runs.reduce((total, run) => total + run.wrongAnswers, 0),
    firstWrongAnswer: runs.find((run) => run.firstWrongAnswer)?.firstWrongAnswer,
  };
}

export function describeLoop(summary: LoopSummary): string {
  const cpu = Number.isFinite(summary.serverCpuMsPerMessage) ? `, server CPU ${ms(summary.serverCpuMsPerMessage)}/message` : '';
  return `p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)}, ${perSecond(summary.perSecond)}${cpu}`;
}

function wrongAnswerNotes(label: string, figures: RoundTripFigures): string[] {
  const wrong = figures.sequential.wrongAnswers + figures.load.wrongAnswers;
  if (wrong === 0) return [];
  return [`${label}: ${wrong} answers were not the echo, e.g. ${figures.sequential.firstWrongAnswer ?? figures.load.firstWrongAnswer}`];
}

export async function runRoundTrip(sizes: BenchSizes): Promise<BenchmarkResult> {
  const servers: ChildServer[] = [];
  const start = async (spec: Parameters<typeof startChildServer>[0]) => {
    const server = await startChildServer(spec);
    servers.push(server);
    return server;
  };
  let measured: RoundTripFigures[];
  let twoWayBreakdown: string;
  let sampleBreakdown: string;
  let references: string;
  try {
    const bareServer = await start({ kind: 'bare-ws' });
    const fixtureServer = await start({ kind: 'emulator', config: `${FIXTURE_SERVICE}/serverless.yml` });
    const sampleServer = await start({ kind: 'emulator', config: `${SAMPLE_SERVICE}/serverless.yml` });
    measured = await measureRoundTrips(
      [
        { server: bareServer, load: LOADS.bareEcho },
        { server: fixtureServer, load: LOADS.twoWay },
        { server: fixtureServer, load: LOADS.post },
        { server: sampleServer, load: LOADS.sampleEcho },
      ],
      sizes,
    );
    twoWayBreakdown = await whereTheTimeGoes(fixtureServer, LOADS.twoWay, TWO_WAY_STAGES, sizes);
    sampleBreakdown = await whereTheTimeGoes(sampleServer, LOADS.sampleEcho, AT_CONNECTIONS_STAGES, sizes);
    references = await referenceCalls(sampleServer, sizes);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
  const [bare, twoWay, post, sampleEcho] = measured as [RoundTripFigures, RoundTripFigures, RoundTripFigures, RoundTripFigures];
  const fixture = { twoWay, post, twoWayBreakdown };
  const sample = { echo: sampleEcho, breakdown: sampleBreakdown, references };

  const overhead = fixture.twoWay.sequential.p50 / bare.sequential.p50;
  const figures: Figure[] = [
    { name: 'Bare `ws` echo server, 1 client', value: describeLoop(bare.sequential), note: 'the physical limit on this machine' },
    { name: `Bare \`ws\` echo server, ${sizes.loadClients} clients`, value: describeLoop(bare.load), note: 'bounded by the one-process load generator too' },
    {
      name: '(a) Emulator, two-way route returning the body, 1 client',
      value: describeLoop(fixture.twoWay.sequential),
      target: 'p50 within 5× of bare ws',
      met: overhead <= 5,
      note:
        `p50 is ${ratio(overhead)} bare ws (${ms(fixture.twoWay.sequential.p50)} vs ${ms(bare.sequential.p50)}). ` +
        (overhead > 5
          ? 'Not met: besides what bare ws does, every message crosses to a Lambda worker thread and back (two thread hand-offs, each waking a sleeping thread), and bare ws answers in a few hundredths of a millisecond, so the ratio swings with whatever else the machine runs. '
          : '') +
        fixture.twoWayBreakdown,
    },
    { name: `(a) Emulator, two-way route, ${sizes.loadClients} clients`, value: describeLoop(fixture.twoWay.load) },
    { name: '(a′) Emulator, fixture route answering through @connections (AWS SDK), 1 client', value: describeLoop(fixture.post.sequential) },
    { name: `(a′) Emulator, fixture @connections route, ${sizes.loadClients} clients`, value: describeLoop(fixture.post.load) },
    {
      name: "(b) Emulator, the sample's `$default` echo (DynamoDB write + @connections), 1 client",
      value: describeLoop(sample.echo.sequential),
      note: `${sample.breakdown} ${sample.references}`,
    },
    { name: `(b) Emulator, the sample's \`$default\` echo, ${sizes.loadClients} clients`, value: describeLoop(sample.echo.load) },
  ];
  return {
      title: 'Round trip beside bare ws',
      method:
        `Each server runs in its own child process; one load-generating process opens ${sizes.loadClients} \`ws\` clients to each, each of which first sends ` +
        `${sizes.warmUpMessages} untimed messages (no cold starts counted). "1 client": one message in flight for ${sizes.sequentialMs} ms (pure latency). ` +
        `"${sizes.loadClients} clients": each keeps one message in flight for ${sizes.loadMs} ms (throughput, and latency under load). ` +
        `Every pass is split into ${ROUNDS} rounds taken in turn with the other servers', so that all of them meet the machine in the same state. ` +
        'Messages are about 100 bytes. (a) is `bench/fixtures/echo-service` (`echo`: returns the body as the route response; ' +
        '`post`: sends it back with PostToConnection) through `startLocalStack`; (b) is `sample-backend/` unchanged.',
      figures,
      notes: [
        ...wrongAnswerNotes('bare ws', bare),
        ...wrongAnswerNotes('two-way', fixture.twoWay),
        ...wrongAnswerNotes('@connections fixture', fixture.post),
        ...wrongAnswerNotes('sample echo', sample.echo),
      ],
  };
}

/** A stage of one message's trip: the client's send and receive, or an inspector entry. */
type Stage = { label: string; at: (trip: Trip) => number | undefined };
interface Trip {
  sentAt: number;
  receivedAt: number;
  entries: StampedEntry[];
}

const entryAt =
  (type: StampedEntry['type'], via?: string) =>
  (trip: Trip): number | undefined => {
    const entry = trip.entries.find((e) => e.type === type && (via === undefined || (e as { via?: string }).via === via));
    return entry ? Date.parse(entry.at) : undefined;
  };
// Inspector times are whole milliseconds, cut down; cutting the client's down too keeps the means unbiased.
const sent: Stage = { label: 'client sent', at: (trip) => Math.floor(trip.sentAt) };
const received: Stage = { label: 'client received', at: (trip) => Math.floor(trip.receivedAt) };

/** Gaps between consecutive stages, in order along the critical path. */
const TWO_WAY_STAGES: [Stage, Stage, string][] = [
  [sent, { label: 'invoke', at: entryAt('invoke') }, 'client → gateway → Lambda invoked (frame read, route selection, event built)'],
  [{ label: 'invoke', at: entryAt('invoke') }, { label: 'result', at: entryAt('result') }, 'Lambda run (worker hand-off both ways + handler)'],
  [{ label: 'result', at: entryAt('result') }, received, 'route response → client'],
];

const AT_CONNECTIONS_STAGES: [Stage, Stage, string][] = [
  [sent, { label: 'invoke', at: entryAt('invoke') }, 'client → gateway → Lambda invoked'],
  [
    { label: 'invoke', at: entryAt('invoke') },
    { label: 'post', at: entryAt('message-out', '@connections') },
    'Lambda invoked → its PostToConnection reaches the gateway (worker hand-off, the handler\'s DynamoDB write, the SDK call)',
  ],
  [{ label: 'post', at: entryAt('message-out', '@connections') }, received, '@connections → client'],
];

/**
 * One client sends messages one at a time while the inspector feed is read; each message's entries
 * give the time between stages. Timestamps are whole milliseconds, so the means are of many rounded
 * gaps. Reading the feed costs the emulator a little, so this pass is apart from the timed ones.
 */
async function whereTheTimeGoes(server: ChildServer, load: RouteLoad, stages: [Stage, Stage, string][], sizes: BenchSizes): Promise<string> {
  const feed = await readInspectorFeed(server.port);
  const { clients } = await openClients(server.wsUrl, 1, 1);
  const client = clients[0] as WebSocket;
  const trips: { sentAt: number; receivedAt: number }[] = [];
  const count = sizes.quick ? 200 : 1000;
  const epochNow = () => performance.timeOrigin + performance.now();
  try {
    for (let seq = 0; seq < count; seq++) {
      const message = load.message(seq);
      const sentAt = epochNow();
      const answered = new Promise<void>((done) => client.once('message', () => done()));
      client.send(message);
      await answered;
      trips.push({ sentAt, receivedAt: epochNow() });
    }
    await new Promise((done) => setTimeout(done, 300));
  } finally {
    await closeClients(clients);
    feed.stop();
  }
  // Each message's entries start with its `message-in`.
  const groups: StampedEntry[][] = [];
  for (const entry of feed.entries) {
    if (entry.type === 'message-in') groups.push([]);
    groups.at(-1)?.push(entry);
  }
  const durations = groups.map((group) => group.find((e) => e.type === 'result')).map((e) => (e && 'durationMs' in e ? e.durationMs : Number.NaN));
  const parts = stages.map(([from, to, label]) => {
    const gaps = trips
      .map((trip, i) => ({ ...trip, entries: groups[i] ?? [] }))
      .map((trip) => {
        const start = from.at(trip);
        const end = to.at(trip);
        return start === undefined || end === undefined ? Number.NaN : end - start;
      })
      .filter(Number.isFinite);
    return `${label}: ${ms(mean(gaps))}`;
  });
  const roundTrip = mean(trips.map((trip) => trip.receivedAt - trip.sentAt));
  return `Where the time goes (means of ${count} sequential messages, inspector timestamps): ${parts.join('; ')}; whole round trip ${ms(roundTrip)}; the handler's own duration as the gateway saw it ${ms(mean(durations.filter(Number.isFinite)))}.`;
}

/**
 * What the sample's handler does, timed from this process against the same emulator: one PutItem of
 * an event-sized item to the local DynamoDB and one PostToConnection with the AWS SDK.
 */
async function referenceCalls(server: ChildServer, sizes: BenchSizes): Promise<string> {
  const region = server.region ?? 'us-east-1';
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: server.dynamoDbEndpoint, region, credentials: LOCAL_CREDENTIALS }));
  const management = new ApiGatewayManagementApiClient({ endpoint: `http://127.0.0.1:${server.port}/local`, region, credentials: LOCAL_CREDENTIALS });
  const { clients } = await openClients(server.wsUrl, 1, 1);
  const client = clients[0] as WebSocket;
  const connectionId = await new Promise<string>((done) => {
    client.once('message', (data: Buffer) => done((JSON.parse(data.toString()) as { connectionId: string }).connectionId));
    client.send('{"action":"whoami"}');
  });
  const count = sizes.quick ? 100 : 500;
  const puts: number[] = [];
  const posts: number[] = [];
  try {
    const event = { requestContext: { connectionId, routeKey: '$default', eventType: 'MESSAGE', requestId: 'x' }, body: 'hello', padding: 'x'.repeat(900) };
    for (let i = 0; i < count + 20; i++) {
      const start = performance.now();
      await table.send(new PutCommand({ TableName: 'apigw-websocket-tutorial-local-events', Item: { connectionId: 'bench', at: String(i).padStart(15, '0'), event } }));
      if (i >= 20) puts.push(performance.now() - start);
    }
    for (let i = 0; i < count + 20; i++) {
      const start = performance.now();
      await management.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'x' }));
      if (i >= 20) posts.push(performance.now() - start);
    }
  } finally {
    table.destroy();
    management.destroy();
    await closeClients(clients);
  }
  return `For reference, from the benchmark process: a DynamoDB PutItem of an event-sized item takes ${ms(mean(puts))} and an SDK PostToConnection ${ms(mean(posts))} (means of ${count}).`;
}
