/**
 * Reading a whole local table for `/_emulator/tables/{name}`, so the site can show a reader the rows
 * their handlers wrote. Items come back as plain JSON: DynamoDB sets become arrays, binary becomes base64. No Node imports: the in-page emulator reads its tables with it too.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

export async function scanTable(
  client: DynamoDBClient,
  tableName: string,
  limit: number,
): Promise<{ items: Record<string, unknown>[]; truncated: boolean }> {
  const documents = DynamoDBDocumentClient.from(client);
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (items.length === limit) return { items, truncated: true };
      items.push(toPlainJson(item) as Record<string, unknown>);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { items, truncated: false };
}

function toPlainJson(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(toPlainJson);
  if (value instanceof Uint8Array) return btoa(String.fromCharCode(...value));
  if (Array.isArray(value)) return value.map(toPlainJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlainJson(inner)]));
  }
  return value;
}
