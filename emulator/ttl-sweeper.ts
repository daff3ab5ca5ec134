/**
 * DynamoDB Time to Live for the local store, which dynalite lacks: items whose TTL attribute
 * (epoch seconds) has passed are deleted. AWS deletes them within a few days of expiry; locally
 * we sweep every `intervalMs`, so a reader can see the backstop for a lost `$disconnect` work.
 */
import { DeleteItemCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from './serverless-config.ts';

/** Deletes expired items once; returns how many. */
export async function sweepExpiredItems(client: DynamoDBClient, tables: TableDefinition[], nowSeconds = Date.now() / 1000): Promise<number> {
  let deleted = 0;
  for (const table of tables) {
    const attribute = table.TimeToLiveAttribute;
    if (!attribute) continue;
    const keyNames = table.KeySchema.map((key) => key.AttributeName);
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: table.TableName,
          FilterExpression: '#ttl < :now',
          ExpressionAttributeNames: { '#ttl': attribute },
          ExpressionAttributeValues: { ':now': { N: String(Math.floor(nowSeconds)) } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const key = Object.fromEntries(keyNames.map((name) => [name, item[name] as AttributeValue]));
        await client.send(new DeleteItemCommand({ TableName: table.TableName, Key: key }));
        deleted++;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return deleted;
}
