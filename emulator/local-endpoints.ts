/**
 * The emulator's own endpoints (local-endpoint-answers.ts) on the Node server: the answer as an
 * HTTP response, and the inspector feed as Server-Sent Events.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respond } from './http-responses.ts';
import { answerLocalEndpoint, type LocalEndpointsContext } from './local-endpoint-answers.ts';

export { LOCAL_ENDPOINTS_PREFIX, MAX_TABLE_ITEMS, type LocalEndpointsContext, type TableReader } from './local-endpoint-answers.ts';

export async function handleLocalEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, context: LocalEndpointsContext): Promise<void> {
  const answer = await answerLocalEndpoint(req.method ?? 'GET', url, req.headers.origin, context);
  if (answer.kind === 'inspector') context.inspector.stream(res, answer.headers);
  else respond(res, answer.status, answer.headers, answer.body);
}
