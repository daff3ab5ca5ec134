/**
 * The list of open connections. API Gateway keeps no list you can read, so the backend keeps one,
 * here in DynamoDB: a Lambda's memory is not shared between instances and does not survive them.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { requiredEnv } from './env.ts';

export interface ConnectionRecord {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string | undefined;
}

export interface ConnectionStore {
  save(connection: ConnectionRecord): Promise<void>;
  remove(connectionId: string): Promise<void>;
}

// Built once per execution environment and reused while it stays warm.
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
const tableName = requiredEnv('CONNECTIONS_TABLE');

export const connections: ConnectionStore = {
  async save(connection) {
    await documentClient.send(new PutCommand({ TableName: tableName, Item: connection }));
  },
  async remove(connectionId) {
    await documentClient.send(new DeleteCommand({ TableName: tableName, Key: { connectionId } }));
  },
};
