/** Runs the project's own `serverless` (osls) in sample-backend/, showing its output as it goes. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ServerlessRun {
  code: number;
  output: string;
}

export function runServerless(args: string[], { quiet = false, config = 'serverless.yml' } = {}): Promise<ServerlessRun> {
  return new Promise((done, fail) => {
    const child = spawn(resolve('node_modules/.bin/serverless'), [...args, '--config', config], {
      cwd: resolve('sample-backend'),
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
      stdio: ['inherit', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (!quiet) stream.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });
}
