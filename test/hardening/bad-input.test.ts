/**
 * Fuzzing, bounded in count and time and seeded so that a failure reproduces (`FUZZ_SEED=<n> npx
 * vitest run test/hardening/bad-input.test.ts`): random WebSocket frames, random JSON bodies and random
 * @connections requests. The emulator never falls over, and every answer is the one AWS would give.
 */
import { once } from 'node:events';
import { request } from 'node:http';
import { connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { nextMessage, openClient, route, startEmulator, stopAll, type Started } from '../support/emulator-harness.ts';
import { closeCode, decodeServerFrames, encodeFrame, FUZZ_SEED, Random, rawWebSocket, type FrameSpec } from '../support/fuzz.ts';

afterEach(stopAll);

/** Stop making new cases after this long, whatever the count: the suite must stay fast. */
const TIME_BUDGET_MS = 6000;

const echo = route((event) => ({ statusCode: 200, body: event.body }), true);

async function stillServes({ wsUrl }: Started): Promise<void> {
  const client = await openClient(wsUrl);
  client.send('{"action":"still-here"}');
  expect(await nextMessage(client)).toBe('{"action":"still-here"}');
  client.close();
}

/** What a frame sequence must lead to, as `ws` and API Gateway's limits decide (RFC 6455 §5, §7.4; reference §1, §7). */
type Outcome = { close: number[] } | 'echo' | 'pong' | 'nothing';

interface FrameCase {
  name: string;
  frames: FrameSpec[];
  expected: Outcome;
}

const text = (s: string) => Buffer.from(s, 'utf8');

function frameCase(random: Random): FrameCase {
  const valid = () => text(JSON.stringify({ action: random.text(10), n: random.int(0, 9) }));
  switch (random.int(0, 14)) {
    case 0: return { name: 'valid text', frames: [{ opcode: 1, payload: valid() }], expected: 'echo' };
    case 1: return { name: 'text that is not UTF-8', frames: [{ opcode: 1, payload: Buffer.concat([text('ok'), random.pick([Buffer.from([0xc3, 0x28]), Buffer.from([0xff]), Buffer.from([0xed, 0xa0, 0x80])])]) }], expected: { close: [1007] } };
    case 2: return { name: 'binary', frames: [{ opcode: 2, payload: random.bytes(random.int(0, 64)) }], expected: { close: [1003] } };
    case 3: return { name: 'unmasked', frames: [{ opcode: 1, masked: false, payload: valid() }], expected: { close: [1002] } };
    case 4: return { name: 'reserved opcode', frames: [{ opcode: random.pick([3, 4, 5, 6, 7, 11, 12, 13, 14, 15]), payload: random.bytes(random.int(0, 20)) }], expected: { close: [1002] } };
    case 5: return { name: 'RSV bits set', frames: [{ opcode: 1, rsv: random.int(1, 7), payload: valid() }], expected: { close: [1002] } };
    case 6: return { name: 'control frame above 125 bytes', frames: [{ opcode: random.pick([8, 9, 10]), payload: random.bytes(random.int(126, 300)) }], expected: { close: [1002] } };
    case 7: return { name: 'fragmented control frame', frames: [{ opcode: 9, fin: false, payload: random.bytes(4) }], expected: { close: [1002] } };
    case 8: return { name: 'continuation with nothing to continue', frames: [{ opcode: 0, payload: valid() }], expected: { close: [1002] } };
    case 9: return { name: 'new message inside a fragmented one', frames: [{ opcode: 1, fin: false, payload: text('{"a"') }, { opcode: 1, payload: valid() }], expected: { close: [1002] } };
    case 10: return { name: 'close with an invalid code', frames: [{ opcode: 8, payload: Buffer.from([random.pick([0, 3, 3]), random.pick([0xe7, 0xec, 0xed, 0xee, 0xf7, 0x88])]) }], expected: { close: [1002] } };
    case 11: return { name: 'close with a one-byte payload', frames: [{ opcode: 8, payload: Buffer.from([3]) }], expected: { close: [1002] } };
    case 12: return { name: 'a frame above 32 KB', frames: [{ opcode: 1, payload: Buffer.alloc(32 * 1024 + random.int(1, 2000), 0x61) }], expected: { close: [1009] } };
    case 13: return { name: 'ping', frames: [{ opcode: 9, payload: random.bytes(random.int(0, 125)) }], expected: 'pong' };
    default: {
      // Garbage: whatever it is, the emulator answers with a protocol-level close or waits for the rest.
      const payload = random.bytes(random.int(1, 200));
      return { name: 'random bytes', frames: [{ opcode: -1, payload }], expected: { close: [1002, 1003, 1007, 1009, 1000, 1005] } };
    }
  }
}

describe(`fuzzing (seed ${FUZZ_SEED}; set FUZZ_SEED to change it)`, () => {
  it('answers random frames with the close code RFC 6455 and API Gateway prescribe, and keeps serving', async () => {
    const started = await startEmulator({ routes: { $default: echo } });
    const random = new Random(FUZZ_SEED);
    const deadline = Date.now() + TIME_BUDGET_MS;
    let cases = 0;
    for (; cases < 120 && Date.now() < deadline; cases++) {
      const testCase = frameCase(random);
      const { socket, received, closed } = await rawWebSocket(started.port);
      const bytes = Buffer.concat(testCase.frames.map((frame) => (frame.opcode === -1 ? frame.payload : encodeFrame(frame))));
      socket.write(bytes);
      const outcome = testCase.expected;
      const what = `seed ${FUZZ_SEED}, case ${cases} (${testCase.name}): ${bytes.subarray(0, 40).toString('hex')}`;
      if (typeof outcome === 'object') {
        // Random bytes may also be an incomplete frame the server waits on: then nothing comes back.
        const waitUntil = Date.now() + (testCase.name === 'random bytes' ? 300 : 3000);
        const hasClose = () => decodeServerFrames(received()).some((frame) => frame.opcode === 8);
        while (!hasClose() && Date.now() < waitUntil) await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 5))]);
        const frames = decodeServerFrames(received());
        const close = frames.find((frame) => frame.opcode === 8);
        if (close || testCase.name !== 'random bytes') expect(close && outcome.close.includes(closeCode(close)), `${what}: got ${JSON.stringify(frames.map((f) => [f.opcode, f.payload.toString('latin1')]))}`).toBe(true);
      } else {
        const deadlineForAnswer = Date.now() + 3000;
        while (decodeServerFrames(received()).length === 0 && Date.now() < deadlineForAnswer) await new Promise((resolve) => setTimeout(resolve, 5));
        const [first] = decodeServerFrames(received());
        if (outcome === 'echo') expect(first?.payload.toString('utf8'), what).toBe(testCase.frames[0]?.payload.toString('utf8'));
        if (outcome === 'pong') expect([first?.opcode, first?.payload.toString('hex')], what).toEqual([10, testCase.frames[0]?.payload.toString('hex')]);
      }
      socket.destroy();
    }
    expect(cases).toBeGreaterThan(20);
    await stillServes(started);
    await expect.poll(() => started.emulator.openConnectionIds()).toEqual([]);
  }, 30_000);

  it('routes random JSON and non-JSON bodies as API Gateway does, answering each exactly once', async () => {
    // With $default every message is answered by a handler; without it, unmatched ones get the Forbidden frame.
    const tagged = (routeKey: string) => route((event) => ({ statusCode: 200, body: JSON.stringify({ routeKey, body: event.body }) }), true);
    const withDefault = await startEmulator({ routes: { $default: tagged('$default'), ping: tagged('ping') } });
    const withoutDefault = await startEmulator({ routes: { ping: tagged('ping') } });
    const random = new Random(FUZZ_SEED + 1);
    const bodies: string[] = [];
    for (let i = 0; i < 300; i++) bodies.push(randomBody(random));
    // Frames of exactly 32 KB are allowed; one of them full of nested arrays, the kind of JSON parsers choke on.
    bodies.push('['.repeat(16 * 1024) + ']'.repeat(16 * 1024), `{"action":"ping","pad":"${'x'.repeat(32 * 1024 - 30)}"}`);

    for (const started of [withDefault, withoutDefault]) {
      const client = await openClient(started.wsUrl);
      const answers: string[] = [];
      client.on('message', (data: Buffer) => answers.push(data.toString('utf8')));
      const deadline = Date.now() + TIME_BUDGET_MS;
      const sent = bodies.filter(() => Date.now() < deadline);
      for (const body of sent) client.send(body);
      await expect.poll(() => answers.length, { timeout: 10_000 }).toBe(sent.length);
      const hasDefault = started === withDefault;
      const expected = sent.map((body) => {
        const routeKey = expectedRoute(body, hasDefault);
        return routeKey ? JSON.stringify({ routeKey, body }) : 'Forbidden';
      });
      const normalised = answers.map((answer) => (answer.startsWith('{"message": "Forbidden", "connectionId":"') ? 'Forbidden' : answer));
      expect(normalised.sort(), `seed ${FUZZ_SEED + 1}`).toEqual(expected.sort());
      for (const answer of answers.filter((a) => a.startsWith('{"message"'))) {
        expect(answer).toMatch(/^\{"message": "Forbidden", "connectionId":"[\w-]{15}=", "requestId":"[\w-]{15}="\}$/);
      }
      expect(client.readyState).toBe(WebSocket.OPEN);
      client.send('{"action":"ping"}');
      await expect.poll(() => answers.at(-1)).toBe('{"routeKey":"ping","body":"{\\"action\\":\\"ping\\"}"}');
    }
  }, 30_000);

  it('answers random @connections requests with the status, headers and body AWS gives, and keeps serving', async () => {
    const started = await startEmulator({ routes: { $default: echo } });
    const random = new Random(FUZZ_SEED + 2);
    const clients = await Promise.all(Array.from({ length: 5 }, () => openClient(started.wsUrl)));
    const live = new Set(started.emulator.openConnectionIds());
    const deleted = new Set<string>();
    const deadline = Date.now() + TIME_BUDGET_MS;
    let cases = 0;
    for (; cases < 300 && Date.now() < deadline; cases++) {
      const attempt = managementCase(random, [...live], [...deleted]);
      const answer = await send(started.port, attempt);
      const what = `seed ${FUZZ_SEED + 2}, case ${cases}: ${attempt.method} ${attempt.path} (${attempt.body.length} bytes)`;
      const expected = expectedManagementAnswer(attempt, live);
      expect({ status: answer.status, errorType: answer.errorType, body: answer.body }, what).toEqual(expected);
      if (expected.status === 204 && attempt.id) {
        live.delete(attempt.id);
        deleted.add(attempt.id);
      }
    }
    expect(cases).toBeGreaterThan(50);
    for (const client of clients) client.terminate();
    await stillServes(started);
  }, 30_000);

  it('answers garbage instead of HTTP with 400, or nothing, and never falls over', async () => {
    const started = await startEmulator({ routes: { $default: echo } });
    const random = new Random(FUZZ_SEED + 3);
    const deadline = Date.now() + TIME_BUDGET_MS / 2;
    for (let i = 0; i < 60 && Date.now() < deadline; i++) {
      const socket = tcpConnect(started.port, '127.0.0.1');
      socket.on('error', () => {});
      await once(socket, 'connect');
      let reply = '';
      socket.on('data', (chunk: Buffer) => (reply += chunk.toString('latin1')));
      const garbage = random.chance(0.5)
        ? random.bytes(random.int(1, 300))
        : Buffer.from(`${random.pick(['GET', 'POST', 'DELETE', 'BREW', ''])} ${random.pick(['/local', '/local/@connections/x', '*', '/%zz', ''])} HTTP/${random.pick(['1.1', '9.9', 'x'])}\r\n${random.text(50)}\r\n\r\n`);
      socket.write(garbage);
      await Promise.race([once(socket, 'close'), new Promise((resolve) => setTimeout(resolve, 200))]);
      socket.destroy();
      if (reply) expect(reply, `seed ${FUZZ_SEED + 3}, case ${i}: ${garbage.toString('hex').slice(0, 80)}`).toMatch(/^HTTP\/1\.1 \d{3} /);
    }
    await stillServes(started);
  }, 30_000);
});

function randomBody(random: Random): string {
  const value = random.chance(0.3) ? { action: random.pick(['ping', 'Ping', 'ping ', '$default', '$connect', 1, ['ping'], null, { ping: 1 }]), data: random.json(2) } : random.json(3);
  const json = JSON.stringify(value) ?? 'null';
  switch (random.int(0, 5)) {
    case 0: {
      // Cut short, between characters: a lone half of a surrogate pair cannot go on the wire as UTF-8.
      const characters = [...json];
      return characters.slice(0, random.int(0, characters.length)).join('');
    }
    case 1: return random.text(60); // not JSON at all
    default: return json;
  }
}

/** Route selection on `$request.body.action` (reference §5.1): only the string "ping" names the custom route. */
function expectedRoute(body: string, hasDefault: boolean): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const action = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).action : undefined;
  if (action === 'ping') return 'ping';
  return hasDefault ? '$default' : undefined;
}

interface ManagementAttempt {
  method: string;
  path: string;
  body: Buffer;
  /** The connection id the path names, when it names one in a form AWS accepts. */
  id: string | undefined;
}

function managementCase(random: Random, live: string[], deleted: string[]): ManagementAttempt {
  const method = random.pick(['POST', 'POST', 'GET', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS']);
  // Not `.` or `..`: what API Gateway does with dot segments is not known.
  const id = random.pick([...live, ...live, ...deleted, 'R1kmxc2VNjMCFIA=', '', random.text(12), 'a/b', '%E0%A4%A']);
  const encoded = (text: string) => random.pick([encodeURIComponent(text), text.replace('=', '%3D'), text]);
  const collection = random.pick(['@connections', '%40connections', '@Connections', 'connections']);
  const stage = random.pick(['local', 'local', 'prod', '']);
  const extra = random.pick(['', '', '', '/', '/extra']);
  const path = `/${stage}/${collection}/${/%|\//.test(id) ? id : encoded(id)}${extra}`;
  const size = random.pick([0, 1, random.int(2, 500), 131072, 131073, random.int(131074, 140000)]);
  const body = method === 'POST' || random.chance(0.2) ? Buffer.alloc(size, 0x41) : Buffer.alloc(0);
  const decoded = (() => {
    try {
      return path.split('/').map(decodeURIComponent);
    } catch {
      return undefined;
    }
  })();
  const namesId = decoded !== undefined && decoded.length === 4 && decoded[1] === 'local' && decoded[2] === '@connections' && decoded[3] !== '' ? decoded[3] : undefined;
  // On the wire a path holds no spaces or non-ASCII; `\`, `#` and `?` would change which path it is.
  return { method, path: path.replace(/[^\x21-\x7e]|[\\#?]/gu, (c) => encodeURIComponent(c)), body, id: namesId };
}

/** §6.1, §6.2: what API Gateway's @connections endpoint answers. */
function expectedManagementAnswer(attempt: ManagementAttempt, live: Set<string>): { status: number; errorType: string | undefined; body: string } {
  const forbidden = { status: 403, errorType: 'ForbiddenException', body: attempt.method === 'HEAD' ? '' : '{"message":"Forbidden"}' };
  const gone = { status: 410, errorType: 'GoneException', body: '' };
  if (attempt.id === undefined) return forbidden;
  const isLive = live.has(attempt.id);
  switch (attempt.method) {
    case 'POST':
      if (attempt.body.length > 131072) return { status: 413, errorType: 'PayloadTooLargeException', body: '{"message":"Request payload exceeds the 131072-byte limit"}' };
      return isLive ? { status: 200, errorType: undefined, body: '' } : gone;
    case 'GET':
      return isLive ? { status: 200, errorType: undefined, body: 'connection' } : gone;
    case 'DELETE':
      return isLive ? { status: 204, errorType: undefined, body: '' } : gone;
    default:
      return forbidden;
  }
}

async function send(port: number, attempt: ManagementAttempt): Promise<{ status: number; errorType: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: attempt.method, path: attempt.path, headers: { 'content-length': String(attempt.body.length) } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => {
        const errorType = res.headers['x-amzn-errortype'] as string | undefined;
        // GetConnection's body: only its shape matters here.
        const shown = res.statusCode === 200 && attempt.method === 'GET' && /^\{"connectedAt":"[^"]+","identity":\{"sourceIp":"127\.0\.0\.1",/.test(body) ? 'connection' : body;
        resolve({ status: res.statusCode ?? 0, errorType, body: shown });
      });
    });
    req.on('error', reject);
    req.end(attempt.body);
  });
}

