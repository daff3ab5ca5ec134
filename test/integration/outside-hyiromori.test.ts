import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ID_PATTERN } from '../support/emulator-harness.ts';
import { readerEnvironment } from '../support/reader-env.ts';

// The tutorial's seed sample, code no one here wrote (test/fixtures/outside/...), run as a reader runs
// it: `npm run emulator -- --config <its serverless.yml> --stage dev` with AWS_REGION=ap-northeast-1,
// from a folder of its own outside this project, so that nothing in this project's node_modules is
// on its path and `require('aws-sdk')` gets the SDK its nodejs12.x runtime provides.
const FIXTURE = resolve('test/fixtures/outside/hyiromori-example-aws-api-gateway-websocket');
const REGION = 'ap-northeast-1';
let folder: string;
let child: ChildProcess;
let output = '';
let port: number;
let apiId: string;


beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'hyiromori-'));
  await cp(FIXTURE, folder, { recursive: true });
  const env = readerEnvironment({ AWS_REGION: REGION });
  const args = ['--experimental-strip-types', 'scripts/emulator.ts', '--config', join(folder, 'serverless.yml'), '--stage', 'dev', '--port', '0'];
  child = spawn(process.execPath, args, { stdio: 'pipe', env });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await waitFor(() => /WebSocket API +(ws:\/\/localhost:(\d+)\/dev)\n/.exec(output)?.[2], 20_000);
  port = Number(url);
  apiId = ((await (await fetch(`http://127.0.0.1:${port}/_emulator/status`)).json()) as { apiId: string }).apiId;
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  await rm(folder, { recursive: true, force: true });
});

async function waitFor<T>(check: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = check(); ; value = check()) {
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out; the emulator printed:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A client that keeps every message it receives. */
async function connect() {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/dev`);
  const inbox: Record<string, unknown>[] = [];
  socket.on('message', (data: Buffer) => inbox.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>));
  await once(socket, 'open');
  return { socket, inbox, next: (count: number) => waitFor(() => (inbox.length >= count ? inbox[count - 1] : undefined), 10_000) };
}

describe('hyiromori/example-aws-api-gateway-websocket on the emulator', () => {
  it('starts from its unchanged serverless.yml with --stage dev', () => {
    expect(output).toContain(`WebSocket API      ws://localhost:${port}/dev`);
    expect(output).toContain(`Serving example-aws-api-gateway-websocket (3 functions) from ${join(folder, 'serverless.yml')}.`);
  });

  it('posts each message back to its sender through https://{apiId}.execute-api.{AWS_REGION}.amazonaws.com/{stage}, and to no one else', async () => {
    const [alice, bob] = [await connect(), await connect()];
    alice.socket.send('hello from alice');
    const toAlice = await alice.next(1);
    bob.socket.send(JSON.stringify({ text: 'hello from bob' }));
    const toBob = await bob.next(1);
    const endpoint = `https://${apiId}.execute-api.${REGION}.amazonaws.com/dev`;
    expect(toAlice).toEqual({ endpoint, connectionId: expect.stringMatching(ID_PATTERN), request: 'hello from alice' });
    expect(toBob).toEqual({ endpoint, connectionId: expect.stringMatching(ID_PATTERN), request: '{"text":"hello from bob"}' });
    expect(toBob.connectionId).not.toBe(toAlice.connectionId);
    // Its onMessage posts to the sender's connection only: the other client hears nothing.
    expect(alice.inbox).toHaveLength(1);
    expect(bob.inbox).toHaveLength(1);
    alice.socket.close();
    bob.socket.close();
  });

  it('fails the invocation with GoneException when the sender has gone, as its code does on AWS, and serves the others on', async () => {
    const [leaver, stayer] = [await connect(), await connect()];
    leaver.socket.send('first');
    const { connectionId } = (await leaver.next(1)) as { connectionId: string };
    // The message and the close frame leave in one TCP write, so the emulator reads them together: the
    // connection is closing before the handler can post. (`_socket` is ws's net.Socket, not in its types.)
    const tcp = (leaver.socket as unknown as { _socket: Socket })._socket;
    tcp.cork();
    leaver.socket.send('last words');
    leaver.socket.close();
    tcp.uncork();
    await waitFor(() => (new RegExp(`\\$default ${escapeRegExp(connectionId)} failed after \\d+ ms: GoneException: 410\n`).test(output) ? true : undefined), 10_000);
    expect(output).toContain(`@connections POST ${connectionId} → 410`);
    stayer.socket.send('still here');
    expect(await stayer.next(1)).toMatchObject({ request: 'still here' });
    stayer.socket.close();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
