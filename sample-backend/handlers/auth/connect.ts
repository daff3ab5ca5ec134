import { isAllowedOrigin } from '../../lib/allowed-origins.ts';
import { headerValue } from '../../lib/headers.ts';
import type { WebSocketEvent, WebSocketResult } from '../../lib/websocket-event.ts';

/**
 * `$connect`, after the authorizer has allowed the token: refuse pages from other sites.
 * The status returned here is the status of the refused handshake.
 */
export async function handler(event: WebSocketEvent): Promise<WebSocketResult> {
  const origin = headerValue(event.headers, 'Origin');
  if (!isAllowedOrigin(origin, process.env.ALLOWED_ORIGINS ?? '')) {
    console.log(`refused a page from ${origin}: not in ALLOWED_ORIGINS`);
    return { statusCode: 403 };
  }
  console.log(`${event.requestContext.authorizer?.principalId ?? 'nobody'} connected as ${event.requestContext.connectionId}`);
  return { statusCode: 200 };
}
