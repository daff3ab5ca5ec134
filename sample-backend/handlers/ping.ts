import type { WebSocketResult } from '../lib/websocket-event.ts';

/**
 * `ping`: the cheapest keep-alive. The message itself resets API Gateway's 10-minute idle timer;
 * the handler does nothing else, so it costs one message and the shortest Lambda run.
 */
export async function handler(): Promise<WebSocketResult> {
  return { statusCode: 200 };
}
