/**
 * `POST /_emulator/invoke/{function}`: runs one of the service's functions with the request's JSON
 * body as its event, as `serverless invoke --function <name> --data <json>` does against AWS, so
 * that a project whose README invokes a function by hand (a broadcast, say) can do it locally
 * (`npm run emulator -- invoke`, scripts/emulator-invoke.ts). The function runs in the emulator
 * that serves the connections, so what it sends through @connections reaches them.
 *
 * A page on another site may not call it: a request that carries an Origin (every browser POST
 * does) is refused unless that origin is loopback or allowed, since a simple cross-site POST needs
 * no preflight to be sent.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from './cors.ts';
import { readBody, respondJson } from './http-responses.ts';

export const INVOKE_PATH = '/_emulator/invoke/';

/** Lambda's limit for a synchronous invocation's payload. */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

/** Runs a function by its key under `functions:` or its deployed name; undefined when there is none. */
export type InvokeFunction = (name: string, event: unknown) => Promise<{ found: false; names: string[] } | { found: true; result: unknown }>;

export async function handleInvoke(req: IncomingMessage, res: ServerResponse, path: string, invoke: InvokeFunction | undefined, allowedOrigins: string[]): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined && Object.keys(corsHeaders(origin, allowedOrigins)).length === 0) {
    return respondJson(res, 403, {}, { message: `Pages from ${origin} may not invoke functions here.` });
  }
  if (req.method !== 'POST') return respondJson(res, 405, { allow: 'POST' }, { message: 'Invoke a function with POST and its event as the JSON body.' });
  if (!invoke) return respondJson(res, 404, {}, { message: 'This emulator runs no functions.' });
  const body = await readBody(req, MAX_EVENT_BYTES);
  if (!body) return respondJson(res, 413, {}, { message: `The event is larger than ${MAX_EVENT_BYTES} bytes, Lambda's limit for a synchronous invocation.` });
  const text = body.toString('utf8');
  let event: unknown;
  try {
    event = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return respondJson(res, 400, {}, { message: `The event is not JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
  const name = decodeURIComponent(path.slice(INVOKE_PATH.length));
  try {
    const answer = await invoke(name, event);
    if (!answer.found) return respondJson(res, 404, {}, { message: `No function "${name}". The functions are: ${answer.names.join(', ')}.` });
    respondJson(res, 200, {}, { result: answer.result ?? null });
  } catch (error) {
    // As Lambda reports a function error: the invocation happened, the handler failed.
    respondJson(res, 200, { 'x-amz-function-error': 'Unhandled' }, { errorType: error instanceof Error ? error.name : 'Error', errorMessage: error instanceof Error ? error.message : String(error) });
  }
}
