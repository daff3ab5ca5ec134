import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../e2e/free-port.ts';
import { readerEnvironment } from '../support/reader-env.ts';

// `npm start` as a reader runs it: a child process, its printed output and its exit.
const children: ChildProcess[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(blockers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

const readerEnv = readerEnvironment();

function start(...args: string[]): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'scripts/start.ts', ...args], { stdio: 'pipe', env: readerEnv });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function occupy(port: number): Promise<void> {
  const server = createServer();
  blockers.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('npm start', () => {
  it('names the busy emulator port, says how to choose another, and starts nothing', async () => {
    const [busy, authPort, sitePort] = [await freePort(), await freePort(), await freePort()];
    await occupy(busy);
    const { child, output } = start('--port', String(busy), '--auth-port', String(authPort), '--site-port', String(sitePort));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain(
      `Port ${busy} is already in use, so the emulator cannot start. Stop the program using it, or choose another port: npm start -- --port ${busy + 1} (or WS_PORT=${busy + 1} npm start).`,
    );
  });

  it('names the busy site port', async () => {
    const [wsPort, authPort, busy] = [await freePort(), await freePort(), await freePort()];
    await occupy(busy);
    const { child, output } = start('--port', String(wsPort), '--auth-port', String(authPort), '--site-port', String(busy));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain(`Port ${busy} is already in use, so the site cannot start.`);
    expect(output()).toContain(`--site-port ${busy + 1} (or SITE_PORT=${busy + 1} npm start)`);
  });

  it("names the busy port of the authentication lesson's API", async () => {
    const [wsPort, busy, sitePort] = [await freePort(), await freePort(), await freePort()];
    await occupy(busy);
    const { child, output } = start('--port', String(wsPort), '--auth-port', String(busy), '--site-port', String(sitePort));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output()).toContain(`Port ${busy} is already in use, so the authentication lesson's API cannot start.`);
    expect(output()).toContain(`--auth-port ${busy + 1} (or AUTH_WS_PORT=${busy + 1} npm start)`);
  });

  it('prints the URLs, runs both APIs, and stops cleanly on Ctrl+C', async () => {
    const [wsPort, authPort, sitePort] = [await freePort(), await freePort(), await freePort()];
    const { child, output } = start('--port', String(wsPort), '--auth-port', String(authPort), '--site-port', String(sitePort));
    await waitFor(() => output().includes('Ctrl+C stops everything'), 60_000);
    expect(output()).toContain(`Tutorial site      http://localhost:${sitePort}/`);
    expect(output()).toContain(`WebSocket API      ws://localhost:${wsPort}/local`);
    expect(output()).toContain(`@connections API   http://localhost:${wsPort}/local/@connections/{connectionId}`);
    expect(output()).toContain(`With an authorizer ws://localhost:${authPort}/local?token=tutorial-token-alice`);
    const home = await fetch(`http://127.0.0.1:${sitePort}/`);
    expect(home.status, await home.text()).toBe(200);
    // The authentication lesson's API answers as the emulator, with its own routes.
    const status = (await (await fetch(`http://127.0.0.1:${authPort}/_emulator/status`)).json()) as { routes: string[]; lambdaEnvironments: Record<string, number> };
    expect(status.routes.sort()).toEqual(['$connect', '$default']);
    // Nothing has been invoked yet: no environment is warm.
    expect(Object.values(status.lambdaEnvironments)).toEqual([0, 0, 0]);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    // Both ports are free again.
    await occupy(wsPort);
    await occupy(authPort);
    await occupy(sitePort);
  }, 90_000);
});
