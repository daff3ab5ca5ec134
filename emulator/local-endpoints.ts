/**
 * Endpoints API Gateway does not have, for the site and for people debugging their own backend:
 *   GET /_emulator/status     what is running and where
 *   GET /_emulator/metering   usage as AWS would bill it (?connectionId= for one connection)
 *   GET /_emulator/inspector  the inspector feed, as Server-Sent Events
 * They answer loopback origins (and any configured ones) with CORS, and no other site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { respond, respondJson } from './http-responses.ts';
import type { Inspector } from './inspector.ts';
import type { Metering } from './metering.ts';

export const LOCAL_ENDPOINTS_PREFIX = '/_emulator/';

export interface LocalEndpointsContext {
  inspector: Inspector;
  metering: Metering;
  status: () => Record<string, unknown>;
  allowedOrigins: string[];
}

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

export function handleLocalEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, context: LocalEndpointsContext): void {
  const origin = req.headers.origin;
  const cors: Record<string, string> =
    origin && (LOOPBACK_ORIGIN.test(origin) || context.allowedOrigins.includes(origin))
      ? { 'access-control-allow-origin': origin, vary: 'Origin' }
      : {};
  if (req.method === 'OPTIONS') {
    respond(res, 204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-max-age': '600' }, '');
    return;
  }
  if (req.method !== 'GET') {
    respondJson(res, 405, { ...cors, allow: 'GET' }, { message: `${req.method} is not supported here; use GET` });
    return;
  }
  switch (url.pathname.slice(LOCAL_ENDPOINTS_PREFIX.length)) {
    case 'status':
      respondJson(res, 200, cors, context.status());
      return;
    case 'metering':
      respondJson(res, 200, cors, context.metering.report(Date.now(), url.searchParams.get('connectionId') ?? undefined));
      return;
    case 'inspector':
      context.inspector.stream(res, cors);
      return;
    default:
      respondJson(res, 404, cors, { message: `No such emulator endpoint. Try ${LOCAL_ENDPOINTS_PREFIX}status, metering or inspector.` });
  }
}
