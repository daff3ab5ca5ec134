import { recordEvent } from '../lib/event-log.ts';
import { LIMITS } from '../lib/limits.ts';
import { reply } from '../lib/management.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/** `push`: the server sends several messages of its own accord, after a pause, to show it can talk first. */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  for (let n = 1; n <= LIMITS.pushCount; n++) {
    await new Promise((resolve) => setTimeout(resolve, LIMITS.pushDelayMs));
    await reply(event, { type: 'push', n, of: LIMITS.pushCount, sentAt: new Date().toISOString() });
  }
  return { statusCode: 200 };
}
