import { broadcast } from '../lib/broadcast.ts';
import { connections } from '../lib/connections.ts';
import { recordEvent } from '../lib/event-log.ts';
import { LIMITS } from '../lib/limits.ts';
import { reply } from '../lib/management.ts';
import { errorMessage, parseBroadcast } from '../lib/messages.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `broadcast`: sends the message to every connection, then tells the sender how it went. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  const parsed = parseBroadcast(event);
  if (!parsed.ok) {
    await reply(event, errorMessage(event, parsed.error));
    return { statusCode: 400 };
  }
  const { connectionId, requestTimeEpoch } = event.requestContext;
  if (!(await connections.takeBroadcastAllowance(connectionId, requestTimeEpoch))) {
    const error = `This connection may broadcast ${LIMITS.broadcastsPerWindow} times per ${LIMITS.broadcastWindowSeconds} seconds; wait a little.`;
    await reply(event, errorMessage(event, error));
    return { statusCode: 429 };
  }
  const data = JSON.stringify({ type: 'broadcast', from: connectionId, message: parsed.value.message, sentAt: new Date(requestTimeEpoch).toISOString() });
  const report = await broadcast(event, connections, data, LIMITS.broadcastRecipients);
  await reply(event, { type: 'broadcast-result', ...report });
  return { statusCode: 200 };
}
