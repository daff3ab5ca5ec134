/**
 * The list of open connections. API Gateway keeps no list you can read, so the backend keeps one,
 * here in DynamoDB: a Lambda's memory is not shared between instances and does not survive them.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requiredEnv } from './env.ts';
import { LIMITS } from './limits.ts';

export interface ConnectionRecord {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string | undefined;
  /** Epoch seconds after which DynamoDB's TTL deletes the row, in case `$disconnect` never comes. */
  expiresAt: number;
}

export interface ConnectionStore {
  save(connection: ConnectionRecord): Promise<void>;
  remove(connectionId: string): Promise<void>;
  /** Every stored connection id, page by page, at most `limit` in all. */
  ids(limit: number): AsyncGenerator<string>;
  /** Counts a broadcast against the connection's allowance; false when it has none left in this window. */
  takeBroadcastAllowance(connectionId: string, now: number): Promise<boolean>;
}

const tableName = requiredEnv('CONNECTIONS_TABLE');

export const connections: ConnectionStore = {
  async save(connection) {
    await documentClient.send(new PutCommand({ TableName: tableName, Item: connection }));
  },

  async remove(connectionId) {
    await documentClient.send(new DeleteCommand({ TableName: tableName, Key: { connectionId } }));
  },

  async *ids(limit) {
    let yielded = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await documentClient.send(
        new ScanCommand({ TableName: tableName, ProjectionExpression: 'connectionId', ExclusiveStartKey: startKey }),
      );
      for (const item of page.Items ?? []) {
        if (yielded++ >= limit) return;
        yield item.connectionId as string;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  },

  // A fixed window kept on the connection's own row: counters in a Lambda's memory would be
  // per execution environment, and a client hitting two environments would get twice the allowance.
  async takeBroadcastAllowance(connectionId, now) {
    const window = Math.floor(now / 1000 / LIMITS.broadcastWindowSeconds);
    const key = { connectionId };
    try {
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName, Key: key,
          UpdateExpression: 'SET broadcastCount = broadcastCount + :one',
          ConditionExpression: 'broadcastWindow = :window AND broadcastCount < :max',
          ExpressionAttributeValues: { ':one': 1, ':window': window, ':max': LIMITS.broadcastsPerWindow },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    try {
      // A new window (or the first broadcast): start counting again.
      await documentClient.send(
        new UpdateCommand({
          TableName: tableName, Key: key,
          UpdateExpression: 'SET broadcastWindow = :window, broadcastCount = :one',
          ConditionExpression: 'attribute_exists(connectionId) AND (attribute_not_exists(broadcastWindow) OR broadcastWindow < :window)',
          ExpressionAttributeValues: { ':one': 1, ':window': window },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  },
};
