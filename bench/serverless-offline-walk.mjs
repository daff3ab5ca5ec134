/**
 * The eight-project walk on serverless-offline: each project of test/fixtures/outside run with
 * `serverless offline` (osls provides the command, serverless-offline comes from this project's
 * devDependencies), as a reader who already has both would try it, and one README message sent if
 * it starts. Adds `serverless-offline` to a serverless.yml's plugins when the project does not list
 * it (the one change a serverless-offline user makes). The projects' own `npm install` is not run.
 * Prints one JSON line per project; emulator/README.md keeps the figures.
 *
 *   node bench/serverless-offline-walk.mjs
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import WebSocket from 'ws';
const projects = [
  ['hyiromori-example-aws-api-gateway-websocket', 'serverless.yml', 'dev', 'hello'],
  ['serverless-examples-aws-node-websockets-authorizers', 'serverless.yml', 'dev', 'hello', { Auth: 'secret' }],
  ['theo-dean-serverless-websocket-example', 'serverless.yml', 'test', null, {}, '?requestId=r1'],
  ['rafalwilinski-serverless-websockets-chat', 'backend/serverless.yml', 'dev', '{"action":"rename","nickname":"a"}'],
  ['neverendingqs-serverless-websocket-example', 'serverless.yml', 'dev', '{"action":"routeA"}'],
  ['mikaelvesavuori-aws-serverless-websockets-example', 'serverless.yml', 'shared', '{ "action": "sendMessage", "data": "Hello World!" }'],
  ['dedentete-serverless-websocket-chat', 'api/serverless.ts', 'dev', '{"action":"sendmessage","message":"x"}'],
];
const results = [];
for (const [name, config, stage, message, headers = {}, query = ''] of projects) {
  const folder = resolve(`.tmp-bench/walk-${name}`);
  rmSync(folder, { recursive: true, force: true });
  cpSync(resolve(`test/fixtures/outside/${name}`), folder, { recursive: true });
  const file = join(folder, config);
  let added = false;
  if (file.endsWith('.yml')) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('serverless-offline')) {
      added = true;
      writeFileSync(file, /^plugins:\s*$/m.test(text) ? text.replace(/^plugins:\s*$/m, 'plugins:\n  - serverless-offline') : `${text}\nplugins:\n  - serverless-offline\n`);
    }
  }
  const port = 4500 + results.length;
  const child = spawn(process.execPath, [resolve('node_modules/serverless/bin/serverless.js'), 'offline', '--config', config.split('/').pop(), '--websocketPort', String(port), '--httpPort', String(port + 50), '--lambdaPort', String(port + 100)], {
    cwd: dirname(file), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local', SLS_TELEMETRY_DISABLED: '1' },
  });
  let out = '';
  child.stdout.on('data', (c) => (out += c)); child.stderr.on('data', (c) => (out += c));
  const deadline = Date.now() + 45000;
  while (!/listening on ws:\/\//.test(out) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const started = /listening on ws:\/\//.test(out);
  let reply = '';
  if (started) {
    const url = `ws://127.0.0.1:${port}${query}`;
    reply = await new Promise((resolve) => {
      const ws = new WebSocket(url, { headers });
      const timer = setTimeout(() => resolve('no reply in 8 s'), 8000);
      ws.on('open', () => { if (message) ws.send(message); else setTimeout(() => resolve('connected; nothing sent'), 3000); });
      ws.on('message', (m) => { clearTimeout(timer); resolve(`reply: ${String(m).slice(0, 120)}`); ws.close(); });
      ws.on('unexpected-response', (q, r) => { clearTimeout(timer); resolve(`handshake ${r.statusCode}`); });
      ws.on('error', (e) => { clearTimeout(timer); resolve(`error ${e.message}`); });
    });
    await new Promise((r) => setTimeout(r, 500));
  }
  const errorLine = out.split('\n').find((l) => /Error|error|not found|Cannot|ENOENT|exception/i.test(l)) ?? '';
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
  rmSync(folder, { recursive: true, force: true });
  results.push({ name, addedPlugin: added, started, reply, errorLine: errorLine.trim().slice(0, 220), tail: out.split('\n').filter(Boolean).slice(-4).join(' | ').slice(0, 400) });
  console.log(JSON.stringify(results.at(-1)));
}
