/**
 * The Lambda events each connection caused, kept briefly so that the `inspect` route can show them
 * to the reader: on AWS there is no emulator inspector, only what the backend chooses to keep.
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from './dynamodb.ts';
import { requiredEnv } from './env.ts';
import { LIMITS } from './limits.ts';
import type { WebSocketEvent } from './websocket-event.ts';

const tableName = requiredEnv('EVENTS_TABLE');

export interface RecordedEvent {
  connectionId: string;
  /** Sort key: when API Gateway received the request, then its id, so events sort in order. */
  at: string;
  event: WebSocketEvent;
  expiresAt: number;
}

export async function recordEvent(event: WebSocketEvent): Promise<void> {
  const { connectionId, requestTimeEpoch, requestId } = event.requestContext;
  const item: RecordedEvent = {
    connectionId,
    at: `${String(requestTimeEpoch).padStart(15, '0')}#${requestId}`,
    event,
    expiresAt: Math.floor(requestTimeEpoch / 1000) + LIMITS.eventTtlSeconds,
  };
  await documentClient.send(new PutCommand({ TableName: tableName, Item: item }));
}

/** The connection's most recent events, oldest first. */
export async function recentEvents(connectionId: string, limit: number): Promise<WebSocketEvent[]> {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'connectionId = :id',
      ExpressionAttributeValues: { ':id': connectionId },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return ((Items ?? []) as RecordedEvent[]).map((item) => item.event).reverse();
}
