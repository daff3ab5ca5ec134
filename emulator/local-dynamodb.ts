/**
 * A DynamoDB-compatible store for the laptop: dynalite, in memory, in a thread of its own (so that
 * handlers' reads and writes do not hold up the gateway), on a loopback port, with the
 * tables from serverless.yml created at start and their TTL honoured by a sweeper. Handlers reach it
 * through the standard `AWS_ENDPOINT_URL_DYNAMODB` variable, so their code is the code that runs on AWS.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createLocalTable } from './create-local-table.ts';
import type { TableChange } from './dynamodb-streams.ts';
import { COLLECT_GARBAGE } from './lambda-messages.ts';
import type { TableReader } from './local-endpoints.ts';
import type { TableDefinition } from './serverless-config.ts';
import { scanTable } from './table-scan.ts';
import { sweepExpiredItems } from './ttl-sweeper.ts';

/** Also a TableReader, so that the emulator's `/_emulator/tables` can show what the handlers stored. */
export interface LocalDynamoDb extends TableReader {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Creates more tables, for a second service sharing this store; resolves to this store. */
  createTables(tables: TableDefinition[]): Promise<LocalDynamoDb>;
  /** Deletes items whose TTL has passed now, rather than at the next sweep; returns how many. */
  sweepExpired(): Promise<number>;
  /**
   * A MessagePort straight to the store's thread, for one Lambda environment's SDK calls
   * (direct-sdk-transport.ts): the same tables, no socket. The caller transfers it to the environment.
   */
  openDirectPort(): MessagePort;
  /** Calls `listener` with every write to the table from now on (for its DynamoDB stream). */
  watchTable(tableName: string, listener: (change: TableChange) => void): void;
  /** A full garbage collection in the store's thread, where the process runs with `--expose-gc` (for measurements). */
  collectGarbage(): void;
  close(): Promise<void>;
}

/** Dummy credentials: the SDK signs every request, and dynalite accepts any signature. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

const DYNALITE_THREAD_URL = new URL('./dynalite-thread.ts', import.meta.url);

/** How often expired items are swept. */
const TTL_SWEEP_MS = 30_000;

export async function startLocalDynamoDb(tables: TableDefinition[], region: string): Promise<LocalDynamoDb> {
  // In a thread of its own: a handler's every read and write would otherwise run on the gateway's event loop.
  const thread = new Worker(DYNALITE_THREAD_URL);
  const port = await new Promise<number>((resolve, reject) => {
    thread.once('message', (message: { port: number }) => resolve(message.port));
    thread.once('error', reject);
    thread.once('exit', (code) => reject(new Error(`the local DynamoDB stopped with ${code} while starting`)));
  });
  let stopped = false;
  thread.once('exit', () => (stopped = true));
  const watchers = new Map<string, ((change: TableChange) => void)[]>();
  thread.on('message', (message: { type?: string } & Partial<TableChange>) => {
    if (message.type !== 'table-change' || !message.tableName) return;
    for (const listener of watchers.get(message.tableName) ?? []) listener(message as TableChange);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  const created: TableDefinition[] = [];
  async function createTables(more: TableDefinition[]): Promise<LocalDynamoDb> {
    for (const table of more) {
      await createLocalTable(client, table);
      created.push(table);
    }
    return store;
  }
  const sweepExpired = () => sweepExpiredItems(client, created);
  const sweeper = setInterval(() => {
    if (created.some((table) => table.TimeToLiveAttribute)) void sweepExpired().catch(() => {});
  }, TTL_SWEEP_MS);
  const store: LocalDynamoDb = {
    endpoint,
    sweepExpired,
    createTables,
    collectGarbage: () => thread.postMessage(COLLECT_GARBAGE),
    watchTable(tableName, listener) {
      if (!watchers.has(tableName)) thread.postMessage({ type: 'watch-table', tableName });
      watchers.set(tableName, [...(watchers.get(tableName) ?? []), listener]);
    },
    openDirectPort() {
      const { port1, port2 } = new MessageChannel();
      // A port sent to a thread that has ended would be lost without closing: the caller would wait forever.
      if (stopped) port1.close();
      else thread.postMessage({ type: 'direct-port', port: port1 }, [port1]);
      return port2;
    },
    tableNames: () => created.map((table) => table.TableName),
    scanTable: (tableName, limit) => scanTable(client, tableName, limit),
    async close() {
      clearInterval(sweeper);
      client.destroy();
      // Everything lives in memory, so ending the thread is all there is to closing.
      await thread.terminate();
    },
  };
  try {
    return await createTables(tables);
  } catch (error) {
    await store.close();
    throw error;
  }
}
