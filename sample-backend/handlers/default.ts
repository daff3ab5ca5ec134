import { recordEvent } from '../lib/event-log.ts';
import { reply } from '../lib/management.ts';
import type { WebSocketEvent, WebSocketResult } from '../lib/websocket-event.ts';

/**
 * `$default`: echo the message back to its sender. The reply goes through the @connections API,
 * not the return value: on a one-way route API Gateway sends nothing the Lambda returns.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  await recordEvent(event);
  const { connectionId, routeKey, requestTimeEpoch } = event.requestContext;
  const body = event.body ?? '';
  await reply(event, {
    type: 'echo',
    echo: body,
    connectionId,
    routeKey,
    receivedAt: new Date(requestTimeEpoch).toISOString(),
    why: whyDefault(body),
  });
  return { statusCode: 200 };
}

/** Says why API Gateway chose `$default`, which is the first thing a reader wonders. */
function whyDefault(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const action = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).action : undefined;
    if (action === undefined) return 'The JSON has no "action" field, so no route was named.';
    return `No route is named ${JSON.stringify(String(action))}, so API Gateway used $default.`;
  } catch {
    return 'The message is not JSON, so the route selection expression could not read an action.';
  }
}
