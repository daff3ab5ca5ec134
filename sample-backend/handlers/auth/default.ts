import type { WebSocketEvent, WebSocketResult } from '../../lib/websocket-event.ts';

/**
 * `$default`, a two-way route: answers any message with who sent it, read from
 * `requestContext.authorizer`, which API Gateway attaches to every event of an authorized
 * connection. The handler never sees the token itself: the authorizer checked it once, at `$connect`.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  const { authorizer, connectionId, routeKey } = event.requestContext;
  return {
    statusCode: 200,
    body: JSON.stringify({ type: 'identity', routeKey, connectionId, authorizer: authorizer ?? null }),
  };
}
