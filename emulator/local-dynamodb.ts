/**
 * A DynamoDB-compatible store for the laptop: dynalite, in memory, on a loopback port, with the
 * tables from serverless.yml created at start and their TTL honoured by a sweeper. Handlers reach it
 * through the standard `AWS_ENDPOINT_URL_DYNAMODB` variable, so their code is the code that runs on AWS.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import type { TableDefinition } from './serverless-config.ts';
import { sweepExpiredItems } from './ttl-sweeper.ts';

export interface LocalDynamoDb {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Deletes items whose TTL has passed now, rather than at the next sweep; returns how many. */
  sweepExpired(): Promise<number>;
  close(): Promise<void>;
}

/** Dummy credentials: the SDK signs every request, and dynalite accepts any signature. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** How often expired items are swept. */
const TTL_SWEEP_MS = 30_000;

export async function startLocalDynamoDb(tables: TableDefinition[], region: string): Promise<LocalDynamoDb> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  for (const table of tables) {
    await client.send(
      new CreateTableCommand({
        TableName: table.TableName,
        KeySchema: table.KeySchema,
        AttributeDefinitions: table.AttributeDefinitions,
        // Billing mode does not matter locally; dynalite wants throughput either way.
        ProvisionedThroughput: { ReadCapacityUnits: 1000, WriteCapacityUnits: 1000 },
      }),
    );
  }
  const sweepExpired = () => sweepExpiredItems(client, tables);
  const sweeper = tables.some((table) => table.TimeToLiveAttribute)
    ? setInterval(() => void sweepExpired().catch(() => {}), TTL_SWEEP_MS)
    : undefined;
  return {
    endpoint,
    sweepExpired,
    async close() {
      clearInterval(sweeper);
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
