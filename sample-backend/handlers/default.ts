import { postToConnection } from '../lib/management.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/**
 * `$default`: echo the message back to its sender. The reply goes through the @connections API,
 * not the return value: on a one-way route API Gateway sends nothing the Lambda returns.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  const { connectionId, routeKey, requestTimeEpoch } = event.requestContext;
  const reply = {
    echo: event.body ?? '',
    connectionId,
    routeKey,
    receivedAt: new Date(requestTimeEpoch).toISOString(),
  };
  await postToConnection(event, connectionId, JSON.stringify(reply));
  return { statusCode: 200 };
}
