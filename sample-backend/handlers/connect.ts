import { connections } from '../lib/connections.ts';
import { headerValue } from '../lib/headers.ts';
import { recordEvent } from '../lib/event-log.ts';
import { LIMITS, SUPPORTED_SUBPROTOCOLS } from '../lib/limits.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/**
 * `$connect`: record the new connection. A 2xx lets the handshake complete; anything else refuses it.
 * API Gateway does not answer a subprotocol request by itself: the handler must name the one it
 * accepts, or refuse, because browsers fail a handshake whose request for one went unanswered.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  const offered = headerValue(event.headers, 'Sec-WebSocket-Protocol')?.split(',').map((p) => p.trim()).filter(Boolean) ?? [];
  const chosen = SUPPORTED_SUBPROTOCOLS.find((protocol) => offered.includes(protocol));
  if (offered.length > 0 && !chosen) return { statusCode: 400 };

  const { connectionId, connectedAt, identity } = event.requestContext;
  await connections.save({
    connectionId,
    connectedAt,
    sourceIp: identity.sourceIp,
    userAgent: identity.userAgent,
    expiresAt: Math.floor(connectedAt / 1000) + LIMITS.connectionTtlSeconds,
  });
  await recordEvent(event);
  return chosen ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': chosen } } : { statusCode: 200 };
}
