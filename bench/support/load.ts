/**
 * The load generator: opening many `ws` clients, and closed-loop request/reply traffic in which each
 * client keeps one message in flight and sends the next as soon as the answer arrives.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface OpenedClients {
  clients: WebSocket[];
  elapsedMs: number;
  /** Handshakes that failed, by reason (e.g. `HTTP 429`, `ECONNRESET`). */
  failures: Record<string, number>;
}

/** Opens `count` clients with at most `concurrency` handshakes in flight. */
export async function openClients(url: string, count: number, concurrency: number): Promise<OpenedClients> {
  const clients: WebSocket[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  async function lane(): Promise<void> {
    while (next < count) {
      next++;
      try {
        clients.push(await openClient(url));
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { clients, elapsedMs: performance.now() - started, failures };
}

export function openClient(url: string): Promise<WebSocket> {
  const client = new WebSocket(url, { perMessageDeflate: false });
  return new Promise((resolve, reject) => {
    client.once('open', () => {
      client.removeAllListeners('error');
      client.on('error', () => {});
      resolve(client);
    });
    client.once('unexpected-response', (_req, res) => {
      reject(new Error(`HTTP ${res.statusCode}`));
      client.terminate();
    });
    client.once('error', (error: NodeJS.ErrnoException) => reject(new Error(error.code ?? error.message)));
  });
}

/** Closes clients and waits until every one of them is closed. */
export async function closeClients(clients: WebSocket[]): Promise<void> {
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve) => {
          if (client.readyState === WebSocket.CLOSED) return resolve();
          client.once('close', () => resolve());
          client.close(1000);
          setTimeout(() => client.terminate(), 5000).unref();
        }),
    ),
  );
}

export interface LoopResult {
  /** Round-trip time of every answered message, in ms. */
  latenciesMs: number[];
  elapsedMs: number;
  /** Answered messages per second, over all clients. */
  messagesPerSecond: number;
  /** Answers that were not the expected one (an error frame, say). */
  wrongAnswers: number;
  firstWrongAnswer: string | undefined;
}

export interface LoopOptions {
  /** How long to send for. */
  durationMs: number;
  /** Instead of a duration: how many messages each client sends (to warm a server up, say). */
  messagesPerClient?: number;
  /** The message a client sends as its `seq`-th; the answer must satisfy `isAnswer`. */
  message: (seq: number) => string;
  isAnswer: (answer: string, sent: string) => boolean;
}

/** Closed-loop traffic on every client at once for `durationMs`. */
export async function closedLoop(clients: WebSocket[], options: LoopOptions): Promise<LoopResult> {
  const latenciesMs: number[] = [];
  let wrongAnswers = 0;
  let firstWrongAnswer: string | undefined;
  const started = performance.now();
  const deadline = started + options.durationMs;
  let seq = 0;
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          let sent = '';
          let sentAt = 0;
          let count = 0;
          const sendNext = () => {
            const done = options.messagesPerClient === undefined ? performance.now() >= deadline : count++ >= options.messagesPerClient;
            if (done) {
              client.off('message', onMessage);
              client.off('close', onClose);
              resolve();
              return;
            }
            sent = options.message(seq++);
            sentAt = performance.now();
            client.send(sent);
          };
          const onMessage = (data: Buffer) => {
            const answer = data.toString('utf8');
            latenciesMs.push(performance.now() - sentAt);
            if (!options.isAnswer(answer, sent)) {
              wrongAnswers++;
              firstWrongAnswer ??= answer;
            }
            sendNext();
          };
          const onClose = (code: number) => reject(new Error(`a client was closed with ${code} during the run`));
          client.on('message', onMessage);
          client.once('close', onClose);
          sendNext();
        }),
    ),
  );
  const elapsedMs = performance.now() - started;
  return { latenciesMs, elapsedMs, messagesPerSecond: (latenciesMs.length / elapsedMs) * 1000, wrongAnswers, firstWrongAnswer };
}

/** The value below which `p` percent of the samples lie (nearest rank). */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function mean(samples: number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, value) => sum + value, 0) / samples.length;
}
