import { recordEvent } from '../lib/event-log.ts';
import { reply } from '../lib/management.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `whoami`: tells the client its own connectionId, which API Gateway never sends it. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  const { connectionId, connectedAt, identity } = event.requestContext;
  await reply(event, {
    type: 'whoami',
    connectionId,
    connectedAt: new Date(connectedAt).toISOString(),
    sourceIp: identity.sourceIp,
    userAgent: identity.userAgent ?? null,
  });
  return { statusCode: 200 };
}
