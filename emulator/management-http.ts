/** The @connections API on Node's HTTP server: reads the request, answers with answerManagementRequest(). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, respond } from './http-responses.ts';
import { answerManagementRequest, type ManagementBackend } from './management-api.ts';

/**
 * Answers one @connections request. `cors` holds the CORS headers for the request's origin (empty
 * for other origins and for non-browser clients such as the SDK and the CLI).
 */
export async function handleManagementRequest(
  req: IncomingMessage,
  res: ServerResponse,
  connectionId: string,
  backend: ManagementBackend,
  cors: Record<string, string> = {},
): Promise<void> {
  const method = req.method ?? 'GET';
  // Emulator only, a convenience for the tutorial's widgets: they call @connections from the page to
  // show the 200 and the 410. AWS's endpoint needs SigV4-signed requests and is not called from
  // browsers, so it is not known to send CORS headers; nothing changes for the SDK or the CLI.
  if (Object.keys(cors).length > 0) {
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      // A preflight is the browser's question, not an @connections call: not metered or inspected.
      respond(res, 204, {
        ...cors,
        'access-control-allow-methods': 'POST, GET, DELETE',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '600',
      }, '');
      return;
    }
    // Lets the page read which error it got (GoneException, PayloadTooLargeException).
    for (const [name, value] of Object.entries({ ...cors, 'access-control-expose-headers': 'x-amzn-ErrorType' })) {
      res.setHeader(name, value);
    }
  }
  const body = method === 'POST' ? await readBody(req, backend.maxPostBytes) : new Uint8Array(0);
  const answer = answerManagementRequest(method, connectionId, body, backend);
  respond(res, answer.status, answer.headers, answer.body);
  backend.answered(connectionId, method, answer.status);
}
