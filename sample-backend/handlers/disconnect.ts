import { connections } from '../lib/connections.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `$disconnect`: forget the connection. API Gateway delivers this event on a best-effort basis. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await connections.remove(event.requestContext.connectionId);
  return { statusCode: 200 };
}
