/**
 * Creating one table of serverless.yml in a local dynalite store, the Node emulator's
 * (local-dynamodb.ts) or the in-page one's (in-page-stack.ts). No Node imports.
 */
import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from './serverless-config.ts';

export async function createLocalTable(client: DynamoDBClient, table: TableDefinition): Promise<void> {
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
