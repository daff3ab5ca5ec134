import { recordEvent } from '../lib/event-log.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/**
 * `time`: a two-way route. Its route response sends the returned `body` straight back to the
 * client, with no @connections call: compare with `$default`, whose return value goes nowhere.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  return {
    statusCode: 200,
    body: JSON.stringify({ type: 'time', serverTime: new Date().toISOString(), via: 'route response' }),
  };
}
