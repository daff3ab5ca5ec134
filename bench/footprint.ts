/**
 * Footprint: `npm start` as a reader runs it (scripts/start.ts: the sample's emulator, the
 * authentication lesson's, and the site's dev server, in one process), measured from outside as the
 * resident memory of its whole process tree.
 *
 *   - at start, and idle after every route of both APIs has run once (target: under 200 MB);
 *   - after the site's pages have been opened (the dev server compiles them on first request);
 *   - with 20 warm Lambda environments (target: under 1 GB);
 *   - the emulator alone (`npm run emulator`), to tell its share from the dev server's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import WebSocket from 'ws';
import { freePort } from './support/child-server.ts';
import { treeRss } from './support/proc.ts';
import { megabytes, type BenchmarkResult, type Figure } from './support/report.ts';

const TARGET_IDLE_BYTES = 200 * 1024 * 1024;
const TARGET_TWENTY_BYTES = 1024 * 1024 * 1024;
/** Longer than an environment's wait before it gives its spare heap back (lambda-worker.ts). */
const SETTLE_MS = 8000;

const SAMPLE_MESSAGES = ['hello', '{"action":"whoami"}', '{"action":"time"}', '{"action":"inspect"}', '{"action":"broadcast","message":"hi"}', '{"action":"push"}', '{"action":"ping"}'];
const PAGES = ['/', '/en/', '/three-events/', '/en/three-events/'];

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

interface Started {
  child: ChildProcess;
  wsPort: number;
  authPort: number | undefined;
  sitePort: number | undefined;
  stop(): Promise<void>;
}

async function startScript(script: 'start' | 'emulator'): Promise<Started> {
  const [wsPort, authPort, sitePort] = [await freePort(), await freePort(), await freePort()];
  const args = script === 'start' ? ['scripts/start.ts', '--port', String(wsPort), '--auth-port', String(authPort), '--site-port', String(sitePort)] : ['scripts/emulator.ts', '--port', String(wsPort), '--stage', 'local'];
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const deadline = Date.now() + 90_000;
  while (!/Ctrl\+C stops/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${script} did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child, wsPort, authPort: script === 'start' ? authPort : undefined, sitePort: script === 'start' ? sitePort : undefined,
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

/** RSS once settled at start, and again once every route has run and it has settled. */
async function startAndRoutes(started: Started): Promise<{ atStart: number; afterRoutes: number }> {
  await settle();
  const atStart = treeRss(started.child.pid as number);
  await everyRoute(started);
  await settle();
  return { atStart, afterRoutes: treeRss(started.child.pid as number) };
}

export async function runFootprint(): Promise<BenchmarkResult> {
  const notes: string[] = [];
  const start = await startScript('start');
  let atStart: number, afterRoutes: number, envsAfterRoutes: number, afterPages: number, twenty: number, twentyCount: number;
  try {
    ({ atStart, afterRoutes } = await startAndRoutes(start));
    envsAfterRoutes = await allEnvironments(start);
    for (const page of PAGES) await (await fetch(`http://127.0.0.1:${start.sitePort}${page}`)).text();
    await settle();
    afterPages = treeRss(start.child.pid as number);
    await warmPushEnvironments(start.wsPort, 10);
    twentyCount = await allEnvironments(start);
    await settle();
    twenty = treeRss(start.child.pid as number);
  } finally {
    await start.stop();
  }

  const alone = await startScript('emulator');
  let aloneStart: number, aloneRoutes: number;
  try {
    ({ atStart: aloneStart, afterRoutes: aloneRoutes } = await startAndRoutes(alone));
  } finally {
    await alone.stop();
  }
  const siteShare = afterRoutes - aloneRoutes;
  const figures: Figure[] = [
    { name: '`npm start` at start (both APIs and the dev server, no route run yet)', value: megabytes(atStart) },
    {
      name: `\`npm start\` idle after every route of both APIs ran once (${envsAfterRoutes} warm Lambda environments)`,
      value: megabytes(afterRoutes),
      target: 'under 200 MB',
      met: afterRoutes < TARGET_IDLE_BYTES,
      note:
        (afterRoutes < TARGET_IDLE_BYTES ? '' : `Not met. The site's dev server (Astro and Vite) is most of it: the same run of \`npm run emulator\` alone, with only the sample's API, is ${megabytes(aloneStart)} at start and ${megabytes(aloneRoutes)} after its routes, so the dev server and the second API account for about ${megabytes(siteShare)}. `) +
        `Measured ${SETTLE_MS / 1000} s after the last message, once idle environments have given their spare heap back.`,
    },
    { name: `\`npm start\` after opening ${PAGES.length} pages (the dev server compiles each on first request)`, value: megabytes(afterPages) },
    {
      name: `\`npm start\` with ${twentyCount} warm Lambda environments`,
      value: megabytes(twenty),
      target: 'under 1 GB with 20',
      met: twentyCount >= 20 ? twenty < TARGET_TWENTY_BYTES : false,
      note: twentyCount >= 20 ? '' : `Only ${twentyCount} environments could be warmed; the target needs 20.`,
    },
    { name: '`npm run emulator` alone (the sample API): at start, and after its routes ran once', value: `${megabytes(aloneStart)}, ${megabytes(aloneRoutes)}` },
  ];
  notes.push(`The emulator's own share (${megabytes(aloneRoutes)} for one API with its routes run) is the gateway, the local DynamoDB's thread and one worker thread per warm environment.`);
  return {
    title: 'Footprint: `npm start` on a reader\'s laptop',
    method:
      '`scripts/start.ts` (what `npm start` runs) in a child process; its whole process tree\'s RSS read from /proc. ' +
      `Every route of the sample (${SAMPLE_MESSAGES.length} messages, including \`push\` and \`ping\`) and the authentication lesson's API (with its authorizer) runs once, then ${PAGES.length} pages are opened, then 10 \`push\` messages at once warm more environments.`,
    figures,
    notes,
  };
}
