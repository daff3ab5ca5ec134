import { userForToken } from '../../lib/demo-users.ts';
import type { AuthorizerEvent, AuthorizerResult } from '../../lib/websocket-event.ts';

/**
 * The `$connect` authorizer of the authentication lesson's API. API Gateway runs it only when the
 * handshake has a non-empty `token` query parameter (the identity source in serverless.auth.yml);
 * without one it answers 401 by itself. A browser cannot add headers to a WebSocket handshake, so
 * the token travels in the URL.
 *
 * - an unknown token: throw "Unauthorized", which API Gateway turns into 401;
 * - a known but banned user: a Deny policy, which becomes 403;
 * - anyone else: an Allow policy for this API's `$connect`, plus the `context` that every later
 *   event of the connection carries as `requestContext.authorizer`.
 */
export async function handler(event: AuthorizerEvent): Promise<AuthorizerResult> {
  const user = userForToken(event.queryStringParameters?.token);
  if (!user) throw new Error('Unauthorized');
  return {
    principalId: user.userId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: user.banned ? 'Deny' : 'Allow', Resource: event.methodArn }],
    },
    context: { userId: user.userId, name: user.name, signedInAt: new Date().toISOString() },
  };
}
