import { connections } from '../lib/connections.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `$connect`: record the new connection. A 2xx lets the handshake complete; anything else refuses it. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  const { connectionId, connectedAt, identity } = event.requestContext;
  await connections.save({ connectionId, connectedAt, sourceIp: identity.sourceIp, userAgent: identity.userAgent });
  return { statusCode: 200 };
}
