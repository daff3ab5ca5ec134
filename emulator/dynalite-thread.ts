/**
 * The body of the local DynamoDB's thread: dynalite on a loopback port of its own, so that the
 * store's work never waits in line with the gateway's. Posts `{ port }` once it listens. The same
 * store also answers Lambda environments' SDK calls on the MessagePorts the emulator sends here
 * (`{ type: 'direct-port', port }`), through dynalite's engine without its HTTP server.
 */
import type { AddressInfo } from 'node:net';
import { parentPort, type MessagePort } from 'node:worker_threads';
import dynalite from 'dynalite';
import dynaliteDb, { type DynaliteStore } from 'dynalite/db/index.js';
import { createDynaliteEngine, DYNALITE_OPTIONS } from './dynalite-engine.ts';
import { COLLECT_GARBAGE } from './lambda-messages.ts';
import { serveRequests } from './port-requests.ts';

const port = parentPort;
if (!port) throw new Error('dynalite-thread.ts must run as a worker thread');

// dynalite does not expose the store its server creates; it makes it with `db.create`, so that call is
// watched once to get the very store the HTTP server serves (the same module object: dynalite's `require('./db')`).
const create = dynaliteDb.create;
let store: DynaliteStore | undefined;
dynaliteDb.create = (options) => (store = create(options));
const server = dynalite(DYNALITE_OPTIONS);
dynaliteDb.create = create;
if (!store) throw new Error("dynalite's server was made without db.create: the direct ports cannot share its store");
const engine = createDynaliteEngine(store);

// DynamoDB streams: every write in dynalite (PutItem, UpdateItem, DeleteItem, and BatchWriteItem
// through them) passes the item before and after through `updateIndexes`; for the tables the
// emulator watches (`{ type: 'watch-table', tableName }`), that pair is posted as a change.
const watchedTables = new Set<string>();
const updateIndexes = dynaliteDb.updateIndexes;
dynaliteDb.updateIndexes = (store, table, oldItem, newItem, cb) =>
  updateIndexes(store, table, oldItem, newItem, (error?: unknown) => {
    if (!error && watchedTables.has(table.TableName)) {
      port.postMessage({ type: 'table-change', tableName: table.TableName, keySchema: table.KeySchema, oldItem: oldItem ?? undefined, newItem: newItem ?? undefined });
    }
    cb(error);
  });

server.once('error', (error) => {
  throw error;
});
server.listen(0, '127.0.0.1', () => port.postMessage({ port: (server.address() as AddressInfo).port }));
port.on('message', (message: unknown) => {
  // Where the process runs with `--expose-gc`: a full collection on request, for memory measurements.
  if (message === COLLECT_GARBAGE) (globalThis as { gc?: () => void }).gc?.();
  else if (isDirectPort(message)) serveRequests(message.port, engine);
  else if (isWatch(message)) watchedTables.add(message.tableName);
});

function isWatch(message: unknown): message is { type: 'watch-table'; tableName: string } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'watch-table';
}

function isDirectPort(message: unknown): message is { type: 'direct-port'; port: MessagePort } {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'direct-port';
}
