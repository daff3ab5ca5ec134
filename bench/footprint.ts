/**
 * Footprint: `npm start` as a reader runs it (scripts/start.ts: the sample's emulator, the
 * authentication lesson's, and the built site's static server, in one process), measured from
 * outside as the resident memory of its whole process tree.
 *
 *   - at start, and idle after every route of both APIs has run once, while their Lambda
 *     environments are still warm (target: under 200 MB);
 *   - the same once the last environments have been stopped for idleness (`--keep-warm`);
 *   - with 20 warm Lambda environments (target: under 1 GB);
 *   - `npm run emulator` alone, and beside serverless-offline on the benchmarks' fixture service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { freePort, serverlessOfflineVersion, startServerlessOffline } from './support/child-server.ts';
import { treeRss } from './support/proc.ts';
import { megabytes, type BenchmarkResult, type Figure } from './support/report.ts';

const TARGET_IDLE_BYTES = 200 * 1024 * 1024;
const TARGET_TWENTY_BYTES = 1024 * 1024 * 1024;
/** Longer than an environment's wait before it gives its spare heap back (lambda-worker.ts). */
const SETTLE_MS = 8000;
/**
 * `--keep-warm` for this run, in seconds: shorter than the default 300 s so that the run does not
 * wait five minutes for the same reading. Longer than the settle time, so the warm readings come first.
 */
const KEEP_WARM_S = 20;
/** A spare environment's idle lifetime (lambda-function.ts), which the 20-environment reading outlives. */
const SPARE_IDLE_MS = 60_000;

const SAMPLE_MESSAGES = ['hello', '{"action":"whoami"}', '{"action":"time"}', '{"action":"inspect"}', '{"action":"broadcast","message":"hi"}', '{"action":"push"}', '{"action":"ping"}'];
const FIXTURE_SERVICE = 'bench/fixtures/echo-service';
const FIXTURE_MESSAGES = ['{"action":"echo","n":1}', '{"action":"post","n":2}'];
const PAGES = ['/', '/en/', '/three-events/', '/en/three-events/'];

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const settle = () => wait(SETTLE_MS);

interface Started {
  child: ChildProcess;
  wsPort: number;
  authPort: number | undefined;
  sitePort: number | undefined;
  stop(): Promise<void>;
}

async function startNpmStart(): Promise<Started> {
  const [wsPort, authPort, sitePort] = [await freePort(), await freePort(), await freePort()];
  const args = ['scripts/start.ts', '--port', String(wsPort), '--auth-port', String(authPort), '--site-port', String(sitePort), '--keep-warm', String(KEEP_WARM_S)];
  return { ...(await startScript(args)), wsPort, authPort, sitePort };
}

async function startEmulator(config?: string): Promise<Started> {
  const wsPort = await freePort();
  const args = ['scripts/emulator.ts', '--port', String(wsPort), '--stage', 'local', ...(config ? ['--config', config] : [])];
  return { ...(await startScript(args)), wsPort, authPort: undefined, sitePort: undefined };
}

async function startScript(args: string[]): Promise<Pick<Started, 'child' | 'stop'>> {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  // `npm start` may build the site first (about 10 s on two cores).
  const deadline = Date.now() + 180_000;
  while (!/Ctrl\+C stops/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args[0]} did not start:\n${output}`);
    await wait(200);
  }
  return {
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** One connection sending `messages` in turn, each waiting for an answer or a moment (`ping` answers nothing). */
async function visit(url: string, messages: string[]): Promise<void> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  for (const message of messages) {
    socket.send(message);
    // `push` answers three times, 500 ms apart; the others once or not at all.
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, message.includes('push') ? 2000 : 1000);
      socket.once('message', () => {
        if (!message.includes('push')) {
          clearTimeout(timer);
          resolve(undefined);
        }
      });
    });
  }
  socket.close();
  await once(socket, 'close');
}

async function everyRoute(started: Started): Promise<void> {
  await visit(`ws://127.0.0.1:${started.wsPort}/local`, SAMPLE_MESSAGES);
  if (started.authPort) await visit(`ws://127.0.0.1:${started.authPort}/local?token=tutorial-token-alice`, ['hi']);
}

async function environments(port: number): Promise<number> {
  const status = (await (await fetch(`http://127.0.0.1:${port}/_emulator/status`)).json()) as { lambdaEnvironments?: Record<string, number> };
  return Object.values(status.lambdaEnvironments ?? {}).reduce((total, count) => total + count, 0);
}

/**
 * More warm environments: `push` awaits for 1.5 s, so pushes sent at once each get an environment of
 * their own (after waiting one cold start for a free one, lambda-function.ts), up to the 10 per function.
 */
async function warmPushEnvironments(port: number, count: number): Promise<void> {
  await Promise.all(Array.from({ length: count }, () => visit(`ws://127.0.0.1:${port}/local`, ['{"action":"push"}'])));
}

/** Every warm environment of the started APIs. */
async function allEnvironments(started: Started): Promise<number> {
  return (await environments(started.wsPort)) + (started.authPort ? await environments(started.authPort) : 0);
}

/** Waits until no environment is left, and says how long that took (ms). */
async function untilNoEnvironments(started: Started, withinMs: number): Promise<number> {
  const startedAt = Date.now();
  while ((await allEnvironments(started)) > 0) {
    if (Date.now() - startedAt > withinMs) throw new Error(`environments were still running ${withinMs / 1000} s after the last invocation`);
    await wait(1000);
  }
  return Date.now() - startedAt;
}

/** RSS once settled at start, and again once every route has run and it has settled. */
async function startAndRoutes(started: Started, routes: () => Promise<void>): Promise<{ atStart: number; afterRoutes: number }> {
  await settle();
  const atStart = treeRss(started.child.pid as number);
  await routes();
  await settle();
  return { atStart, afterRoutes: treeRss(started.child.pid as number) };
}

interface NpmStartReadings {
  atStart: number;
  afterRoutes: number;
  envsAfterRoutes: number;
  afterPages: number;
  afterKeepWarm: number;
  keepWarmWaitMs: number;
  twenty: number;
  twentyCount: number;
}

async function measureNpmStart(): Promise<NpmStartReadings> {
  const start = await startNpmStart();
  try {
    const { atStart, afterRoutes } = await startAndRoutes(start, () => everyRoute(start));
    const envsAfterRoutes = await allEnvironments(start);
    for (const page of PAGES) await (await fetch(`http://127.0.0.1:${start.sitePort}${page}`)).text();
    const afterPages = treeRss(start.child.pid as number);
    // The last environment of each function goes after --keep-warm; a wait past it, then a settle.
    const keepWarmWaitMs = await untilNoEnvironments(start, KEEP_WARM_S * 1000 + SPARE_IDLE_MS);
    await settle();
    const afterKeepWarm = treeRss(start.child.pid as number);
    await warmPushEnvironments(start.wsPort, 10);
    await everyRoute(start);
    const twentyCount = await allEnvironments(start);
    await settle();
    const twenty = treeRss(start.child.pid as number);
    return { atStart, afterRoutes, envsAfterRoutes, afterPages, afterKeepWarm, keepWarmWaitMs, twenty, twentyCount };
  } finally {
    await start.stop();
  }
}

/** The fixture service's footprint on the emulator and on serverless-offline, at start and after its routes. */
async function measureFixtureSide(which: 'emulator' | 'serverless-offline'): Promise<{ atStart: number; afterRoutes: number }> {
  if (which === 'emulator') {
    const emulator = await startEmulator(`${FIXTURE_SERVICE}/serverless.yml`);
    try {
      return await startAndRoutes(emulator, () => visit(`ws://127.0.0.1:${emulator.wsPort}/local`, FIXTURE_MESSAGES));
    } finally {
      await emulator.stop();
    }
  }
  const offline = await startServerlessOffline(FIXTURE_SERVICE);
  try {
    await settle();
    const atStart = treeRss(offline.pid);
    await visit(offline.wsUrl, FIXTURE_MESSAGES);
    await settle();
    return { atStart, afterRoutes: treeRss(offline.pid) };
  } finally {
    await offline.stop();
  }
}

export async function runFootprint(): Promise<BenchmarkResult> {
  const notes: string[] = [];
  const npmStart = await measureNpmStart();
  const alone = await startEmulator();
  let aloneStart: number, aloneRoutes: number;
  try {
    ({ atStart: aloneStart, afterRoutes: aloneRoutes } = await startAndRoutes(alone, () => everyRoute(alone)));
  } finally {
    await alone.stop();
  }
  const fixtureOnEmulator = await measureFixtureSide('emulator');
  const offlineVersion = serverlessOfflineVersion();
  const fixtureOnOffline = offlineVersion ? await measureFixtureSide('serverless-offline') : undefined;

  const { atStart, afterRoutes, envsAfterRoutes, afterPages, afterKeepWarm, keepWarmWaitMs, twenty, twentyCount } = npmStart;
  const figures: Figure[] = [
    { name: '`npm start` at start (both APIs and the built site\'s server, no route run yet)', value: megabytes(atStart) },
    {
      name: `\`npm start\` idle after every route of both APIs ran once, environments still warm (${envsAfterRoutes} of them)`,
      value: megabytes(afterRoutes),
      target: 'under 200 MB',
      met: afterRoutes < TARGET_IDLE_BYTES,
      note:
        (afterRoutes < TARGET_IDLE_BYTES ? '' : `Not met while they are warm: each warm environment is a worker thread with its own V8 isolate, module graph and AWS SDK (about ${megabytes((afterRoutes - atStart) / Math.max(1, envsAfterRoutes))} each here). Met once they have gone (the next figure). `) +
        `Measured ${SETTLE_MS / 1000} s after the last message, once idle environments have given their spare heap back.`,
    },
    { name: `\`npm start\` after opening ${PAGES.length} pages (static files: nothing compiles on request)`, value: megabytes(afterPages) },
    {
      name: `\`npm start\` idle once every environment has stopped (\`--keep-warm ${KEEP_WARM_S}\` here, 300 s by default)`,
      value: megabytes(afterKeepWarm),
      target: 'under 200 MB',
      met: afterKeepWarm < TARGET_IDLE_BYTES,
      note: `The last environments went ${(keepWarmWaitMs / 1000).toFixed(0)} s after the pages were opened; the next invocation of each function is a cold start.`,
    },
    {
      name: `\`npm start\` with ${twentyCount} warm Lambda environments`,
      value: megabytes(twenty),
      target: 'under 1 GB with 20',
      met: twentyCount >= 20 ? twenty < TARGET_TWENTY_BYTES : false,
      note: twentyCount >= 20 ? '' : `Only ${twentyCount} environments could be warmed; the target needs 20.`,
    },
    { name: '`npm run emulator` alone (the sample API): at start, and after its routes ran once', value: `${megabytes(aloneStart)}, ${megabytes(aloneRoutes)}` },
    { name: 'Emulator, the benchmarks\' fixture service (`echo`, `post`): at start, and after its routes ran once', value: `${megabytes(fixtureOnEmulator.atStart)}, ${megabytes(fixtureOnEmulator.afterRoutes)}` },
  ];
  if (fixtureOnOffline) {
    figures.push({ name: `serverless-offline ${offlineVersion}, the same fixture service: at start, and after its routes ran once`, value: `${megabytes(fixtureOnOffline.atStart)}, ${megabytes(fixtureOnOffline.afterRoutes)}` });
    notes.push(`serverless-offline ${offlineVersion} also runs each concurrent invocation in a worker thread of its own (src/lambda/LambdaFunctionPool.js), and stops one that has been idle for \`terminateIdleLambdaTime\` (60 s by default); its readings here are taken within that minute, as the emulator's are within its \`--keep-warm\`.`);
  } else {
    notes.push('serverless-offline is not installed, so its footprint was not measured.');
  }
  notes.push(`The emulator's own share (${megabytes(aloneRoutes)} for one API with its routes run) is the gateway, the local DynamoDB's thread and one worker thread per warm environment. Memory per idle connection is in the scale benchmark.`);
  return {
    title: 'Footprint: `npm start` on a reader\'s laptop',
    method:
      `\`scripts/start.ts\` (what \`npm start\` runs) with \`--keep-warm ${KEEP_WARM_S}\` in a child process; its whole process tree's RSS read from /proc. ` +
      `Every route of the sample (${SAMPLE_MESSAGES.length} messages, including \`push\` and \`ping\`) and the authentication lesson's API (with its authorizer) runs once, then ${PAGES.length} pages are opened; once every environment has stopped, 10 \`push\` messages at once and every route again warm 20 environments. ` +
      'The fixture service runs alone on each emulator in turn.',
    figures,
    notes,
  };
}
