/**
 * Servers under test, each in a child process of its own: the emulator, a bare `ws` echo server,
 * and serverless-offline. The benchmark process only generates load and measures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { MALLOC_ARENAS } from '../../scripts/malloc-arenas.ts';
import { processCpuMs, processRss } from './proc.ts';
import type { ChildMessage, ServerSpec } from './server-process.ts';

export interface ChildServer {
  /** `ws://127.0.0.1:PORT/local` (or whatever the server serves). */
  wsUrl: string;
  port: number;
  pid: number;
  dynamoDbEndpoint: string | undefined;
  region: string | undefined;
  /** Resident memory of the child process, in bytes (after a full GC for our own servers). */
  rss(): Promise<number>;
  /** RSS, the main thread's heap (the gateway's, for the emulator) after a full GC, and the Lambda environments alive. */
  usage(): Promise<Usage>;
  /** CPU time the child process has used so far, all its threads, in ms (NaN where /proc is missing). */
  cpuMs(): number;
  stop(): Promise<void>;
}

const SERVER_PROCESS = resolve(import.meta.dirname, 'server-process.ts');

/** Starts the emulator or the bare `ws` server in a child process and waits until it listens. */
export async function startChildServer(spec: ServerSpec): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', '--expose-gc', SERVER_PROCESS, JSON.stringify(spec)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // What `npm run emulator` gives itself (scripts/malloc-arenas.ts): set here, since a process
    // with an IPC channel should not replace itself.
    env: { ...process.env, MALLOC_ARENA_MAX: MALLOC_ARENAS },
  });
  const ready = await nextMessage(child, 'ready', 60_000);
  if (ready.type !== 'ready') throw new Error('unreachable');
  const stage = spec.kind === 'emulator' ? 'local' : '';
  return {
    wsUrl: `ws://127.0.0.1:${ready.port}/${stage}`,
    port: ready.port,
    pid: child.pid as number,
    dynamoDbEndpoint: ready.dynamoDbEndpoint,
    region: ready.region,
    cpuMs: () => processCpuMs(child.pid as number),
    usage: () => usageOf(child),
    rss: async () => (await usageOf(child)).rss,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface Usage {
  rss: number;
  heapUsed: number;
  environments: number;
}

async function usageOf(child: ChildProcess): Promise<Usage> {
  child.send({ type: 'rss' });
  const answer = await nextMessage(child, 'rss', 30_000);
  return answer.type === 'rss' ? { rss: answer.rss, heapUsed: answer.heapUsed, environments: answer.environments } : { rss: 0, heapUsed: 0, environments: 0 };
}

function nextMessage(child: ChildProcess, type: ChildMessage['type'], timeoutMs: number): Promise<ChildMessage> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => finish(new Error(`the server process sent no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.type === type) finish(undefined, message);
    };
    const onExit = (code: number | null) => finish(new Error(`the server process exited with ${code} before "${type}"`));
    function finish(error: Error | undefined, message?: ChildMessage) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolvePromise(message as ChildMessage);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A port nothing listens on right now (for servers that cannot be told to pick one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

export const SERVERLESS_BIN = resolve('node_modules/serverless/bin/serverless.js');
export const SERVERLESS_OFFLINE_PACKAGE = resolve('node_modules/serverless-offline/package.json');

/** The installed serverless-offline version, or undefined when it is not installed. */
export function serverlessOfflineVersion(): string | undefined {
  if (!existsSync(SERVERLESS_OFFLINE_PACKAGE) || !existsSync(SERVERLESS_BIN)) return undefined;
  return (JSON.parse(readFileSync(SERVERLESS_OFFLINE_PACKAGE, 'utf8')) as { version: string }).version;
}

/**
 * Runs `serverless offline` (osls provides the `serverless` command) in a service folder, in its own
 * process group so that stopping it also stops anything it started.
 */
export async function startServerlessOffline(serviceDir: string): Promise<ChildServer & { output: () => string }> {
  const [websocketPort, httpPort, lambdaPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(
    process.execPath,
    [SERVERLESS_BIN, 'offline', '--websocketPort', String(websocketPort), '--httpPort', String(httpPort), '--lambdaPort', String(lambdaPort), '--localEnvironment'],
    {
      cwd: serviceDir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        // serverless-offline serves @connections at /@connections, without the stage (see bench/fixtures).
        MANAGEMENT_ENDPOINT: `http://127.0.0.1:${websocketPort}`,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_REGION: 'us-east-1',
        SLS_TELEMETRY_DISABLED: '1',
        SLS_NOTIFICATIONS_MODE: 'off',
      },
    },
  );
  let output = '';
  // Keep the pipes drained: serverless-offline prints a line or more per invocation.
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const deadline = Date.now() + 90_000;
  while (!/listening on ws:\/\//.test(output)) {
    if (child.exitCode !== null) throw new Error(`serverless offline exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      stopGroup(child);
      throw new Error(`serverless offline did not start within 90 s:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    wsUrl: `ws://127.0.0.1:${websocketPort}/local`,
    port: websocketPort,
    pid: child.pid as number,
    dynamoDbEndpoint: undefined,
    region: undefined,
    output: () => output,
    cpuMs: () => processCpuMs(child.pid as number),
    rss: async () => processRss(child.pid as number),
    usage: async () => ({ rss: processRss(child.pid as number), heapUsed: Number.NaN, environments: Number.NaN }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      stopGroup(child);
      await exited;
    },
  };
}

function stopGroup(child: ChildProcess): void {
  try {
    // The group this process leads: serverless-offline and only what it started.
    process.kill(-(child.pid as number), 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}
