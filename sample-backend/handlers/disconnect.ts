import { connections } from '../lib/connections.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `$disconnect`: forget the connection. API Gateway delivers this event on a best-effort basis; the row's TTL is the backstop. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await connections.remove(event.requestContext.connectionId);
  return { statusCode: 200 };
}
