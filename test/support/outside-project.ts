/**
 * Running a public project no one here wrote (test/fixtures/outside/<name>, unmodified) as its
 * reader would: copied to a folder of its own outside this project, then
 * `npm run emulator -- --config <its configuration>` in a child process, and driven with `ws`
 * clients as its README says. `installed` stands in for the project's `npm install`: links in its
 * node_modules to this project's installed copies of the packages its package.json lists.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import WebSocket from 'ws';
import { readerEnvironment } from './reader-env.ts';

export interface OutsideProject {
  folder: string;
  port: number;
  stage: string;
  output(): string;
  /** Waits until the emulator has printed a line matching `pattern`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  connect(query?: string, headers?: Record<string, string>): Promise<OutsideClient>;
  /** `npm run emulator -- invoke ...` against this emulator. */
  invoke(args: string[]): Promise<{ code: number; output: string }>;
  stop(): Promise<void>;
}

export interface OutsideClient {
  socket: WebSocket;
  /** Every message received so far, parsed as JSON where it is JSON. */
  inbox: unknown[];
  send(message: unknown): void;
  /** The `count`-th message received (1-based), waiting for it. */
  nth(count: number, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

export interface OutsideProjectOptions {
  /** The configuration, relative to the fixture folder. */
  config: string;
  stage?: string;
  env?: Record<string, string>;
  /** Packages to link into the copy's node_modules, from this project's. */
  installed?: string[];
  /** The folder, inside the fixture, whose node_modules they go to (default: the configuration's). */
  installInto?: string;
}

const EMULATOR = resolve('scripts/emulator.ts');

export async function runOutsideProject(fixture: string, options: OutsideProjectOptions): Promise<OutsideProject> {
  const folder = await mkdtemp(join(tmpdir(), 'outside-project-'));
  await cp(resolve('test/fixtures/outside', fixture), folder, { recursive: true });
  const config = join(folder, options.config);
  for (const name of options.installed ?? []) {
    const target = join(folder, options.installInto ?? dirname(options.config), 'node_modules', name);
    await mkdir(dirname(target), { recursive: true });
    await symlink(resolve('node_modules', name), target);
  }
  let output = '';
  const args = ['--experimental-strip-types', '--no-warnings', EMULATOR, '--config', config, '--port', '0', ...(options.stage ? ['--stage', options.stage] : [])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: 'pipe', env: readerEnvironment(options.env ?? {}) });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  async function waitForOutput(pattern: RegExp, timeoutMs = 15_000): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = pattern.exec(output);
      if (found) return found;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no line matching ${pattern}; the emulator printed:\n${output}`);
      await new Promise((wake) => setTimeout(wake, 25));
    }
  }

  const started = await waitForOutput(/WebSocket API +ws:\/\/localhost:(\d+)\/(\S+)\n/, 30_000);
  const port = Number(started[1]);
  const stage = started[2] as string;
  const clients: OutsideClient[] = [];

  return {
    folder,
    port,
    stage,
    output: () => output,
    waitForOutput,
    async connect(query = '', headers = {}) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/${stage}${query}`, { headers });
      const inbox: unknown[] = [];
      socket.on('message', (data: Buffer) => {
        const text = data.toString('utf8');
        try {
          inbox.push(JSON.parse(text));
        } catch {
          inbox.push(text);
        }
      });
      await new Promise((opened, failed) => {
        socket.once('open', opened);
        socket.once('unexpected-response', (_request, response: { statusCode?: number }) => failed(new Error(`HTTP ${response.statusCode}`)));
        socket.once('error', failed);
      });
      const client: OutsideClient = {
        socket,
        inbox,
        send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
        async nth(count, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          while (inbox.length < count) {
            if (Date.now() > deadline) throw new Error(`message ${count} never came (had ${JSON.stringify(inbox)}); the emulator printed:\n${output}`);
            await new Promise((wake) => setTimeout(wake, 20));
          }
          return inbox[count - 1];
        },
        async close() {
          if (socket.readyState === WebSocket.CLOSED) return;
          const closed = once(socket, 'close');
          socket.close(1000);
          await closed;
        },
      };
      clients.push(client);
      return client;
    },
    async invoke(invokeArgs) {
      const invoker = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', EMULATOR, 'invoke', ...invokeArgs, '--port', String(port)], { stdio: 'pipe', env: readerEnvironment() });
      let text = '';
      invoker.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      invoker.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
      const [code] = (await once(invoker, 'exit')) as [number];
      return { code, output: text };
    },
    async stop() {
      await Promise.all(clients.map((client) => client.close().catch(() => {})));
      if (child.exitCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGTERM');
        await exited;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}
