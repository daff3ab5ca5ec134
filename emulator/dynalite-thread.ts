/**
 * The body of the local DynamoDB's thread: dynalite on a loopback port of its own, so that the
 * store's work never waits in line with the gateway's. Posts `{ port }` once it listens.
 */
import type { AddressInfo } from 'node:net';
import { parentPort } from 'node:worker_threads';
import dynalite from 'dynalite';
import { COLLECT_GARBAGE } from './lambda-messages.ts';

const port = parentPort;
if (!port) throw new Error('dynalite-thread.ts must run as a worker thread');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.once('error', (error) => {
  throw error;
});
server.listen(0, '127.0.0.1', () => port.postMessage({ port: (server.address() as AddressInfo).port }));
// Where the process runs with `--expose-gc`: a full collection on request, for memory measurements.
port.on('message', (message: unknown) => {
  if (message === COLLECT_GARBAGE) (globalThis as { gc?: () => void }).gc?.();
});
