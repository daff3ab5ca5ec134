import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

// `npm run emulator` as a reader runs it: a child process and what it prints.
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null) continue;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
});

/** Starts the emulator with `args` and resolves with the WebSocket URL it prints. */
async function webSocketUrlOf(...args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--experimental-strip-types', 'scripts/emulator.ts', '--port', '0', ...args], { stdio: 'pipe' });
  children.push(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /WebSocket API +(\S+)\n/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', () => reject(new Error(`the emulator exited:\n${output}`)));
  });
}

describe('npm run emulator', () => {
  it("takes the stage from serverless.yml's provider.stage when --stage is not given (${opt:stage, 'dev'} gives dev)", async () => {
    expect(await webSocketUrlOf('--config', 'test/fixtures/management-endpoints/serverless.yml')).toMatch(/^ws:\/\/localhost:\d+\/dev$/);
  });

  it('uses --stage when given', async () => {
    expect(await webSocketUrlOf('--config', 'test/fixtures/management-endpoints/serverless.yml', '--stage', 'beta')).toMatch(/^ws:\/\/localhost:\d+\/beta$/);
  });

  it('runs a SAM template with --template, on its own stage, and takes --param for its Parameters', async () => {
    const template = 'test/fixtures/outside/aws-samples-simple-websockets-chat-app/template.yaml';
    expect(await webSocketUrlOf('--template', template, '--param', 'TableName=other_table')).toMatch(/^ws:\/\/localhost:\d+\/Prod$/);
  });
});
