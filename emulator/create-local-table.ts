/**
 * Creating one table of serverless.yml in a local dynalite store, the Node emulator's
 * (local-dynamodb.ts) or the in-page one's (in-page-stack.ts). No Node imports.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SecondaryIndex, TableDefinition } from './serverless-config.ts';

// Billing mode does not matter locally; dynalite wants throughput either way, for indexes too.
const THROUGHPUT = { ReadCapacityUnits: 1000, WriteCapacityUnits: 1000 };

export async function createLocalTable(client: DynamoDBClient, table: TableDefinition): Promise<void> {
  const projection = (index: SecondaryIndex) => ({
    ProjectionType: (index.Projection.ProjectionType ?? 'ALL') as 'ALL' | 'KEYS_ONLY' | 'INCLUDE',
    ...(index.Projection.NonKeyAttributes ? { NonKeyAttributes: index.Projection.NonKeyAttributes } : {}),
  });
  await client.send(
    new CreateTableCommand({
      TableName: table.TableName,
      KeySchema: table.KeySchema,
      AttributeDefinitions: table.AttributeDefinitions,
      ProvisionedThroughput: THROUGHPUT,
      ...(table.GlobalSecondaryIndexes
        ? { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: projection(index), ProvisionedThroughput: THROUGHPUT })) }
        : {}),
      ...(table.LocalSecondaryIndexes
        ? { LocalSecondaryIndexes: table.LocalSecondaryIndexes.map((index) => ({ IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: projection(index) })) }
        : {}),
    }),
  );
}
