import { recentEvents, recordEvent } from '../lib/event-log.ts';
import { LIMITS } from '../lib/limits.ts';
import { reply } from '../lib/management.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** PostToConnection takes at most 131072 bytes; leave room for the envelope. */
const MAX_REPLY_BYTES = 120 * 1024;

/** `inspect`: returns the Lambda events this connection caused, including its `$connect`, oldest first. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  const events = await recentEvents(event.requestContext.connectionId, LIMITS.inspectEvents);
  // Drop the oldest until the reply fits in one @connections call.
  while (events.length > 1 && Buffer.byteLength(JSON.stringify(events)) > MAX_REPLY_BYTES) events.shift();
  await reply(event, { type: 'inspect', events });
  return { statusCode: 200 };
}
