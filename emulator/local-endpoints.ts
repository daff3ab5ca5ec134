/**
 * Endpoints API Gateway does not have, for the site and for people debugging their own backend:
 *   GET /_emulator/status         what is running and where
 *   GET /_emulator/metering       usage as AWS would bill it (?connectionId= for one connection)
 *   GET /_emulator/inspector      the inspector feed, as Server-Sent Events
 *   GET /_emulator/tables         the names of the local DynamoDB tables
 *   GET /_emulator/tables/{name}  every item of one table, as the backend's handlers see it
 * They answer loopback origins (and any configured ones) with CORS, and no other site.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders } from './cors.ts';
import { respond, respondJson } from './http-responses.ts';
import type { Inspector } from './inspector.ts';
import type { Metering } from './metering.ts';

export const LOCAL_ENDPOINTS_PREFIX = '/_emulator/';

/** Most items `/_emulator/tables/{name}` returns: enough for any demo, small enough for a page. */
export const MAX_TABLE_ITEMS = 500;

/** Read access to the local DynamoDB tables, for `/_emulator/tables`. */
export interface TableReader {
  tableNames(): string[];
  /** Up to `limit` items of a table, as plain JSON values; `truncated` when it holds more. */
  scanTable(tableName: string, limit: number): Promise<{ items: Record<string, unknown>[]; truncated: boolean }>;
}

export interface LocalEndpointsContext {
  inspector: Inspector;
  metering: Metering;
  status: () => Record<string, unknown>;
  allowedOrigins: string[];
  /** Absent when the emulator runs without a local DynamoDB (plain-function routes in tests). */
  tables: TableReader | undefined;
}

export async function handleLocalEndpoint(req: IncomingMessage, res: ServerResponse, url: URL, context: LocalEndpointsContext): Promise<void> {
  const cors = corsHeaders(req.headers.origin, context.allowedOrigins);
  if (req.method === 'OPTIONS') {
    respond(res, 204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-max-age': '600' }, '');
    return;
  }
  if (req.method !== 'GET') {
    respondJson(res, 405, { ...cors, allow: 'GET' }, { message: `${req.method} is not supported here; use GET` });
    return;
  }
  const path = url.pathname.slice(LOCAL_ENDPOINTS_PREFIX.length);
  switch (path) {
    case 'status':
      respondJson(res, 200, cors, context.status());
      return;
    case 'metering':
      respondJson(res, 200, cors, context.metering.report(Date.now(), url.searchParams.get('connectionId') ?? undefined));
      return;
    case 'inspector':
      context.inspector.stream(res, cors);
      return;
    case 'tables':
      respondJson(res, 200, cors, { tables: context.tables?.tableNames() ?? [] });
      return;
  }
  if (path.startsWith('tables/')) {
    await answerTable(res, path.slice('tables/'.length), context.tables, cors);
    return;
  }
  respondJson(res, 404, cors, { message: `No such emulator endpoint. Try ${LOCAL_ENDPOINTS_PREFIX}status, metering, inspector or tables.` });
}

async function answerTable(res: ServerResponse, encodedName: string, tables: TableReader | undefined, cors: Record<string, string>): Promise<void> {
  let tableName: string;
  try {
    tableName = decodeURIComponent(encodedName);
  } catch {
    tableName = encodedName;
  }
  const names = tables?.tableNames() ?? [];
  if (!tables || !names.includes(tableName)) {
    const known = names.length > 0 ? `The tables are: ${names.join(', ')}.` : 'This emulator runs no local DynamoDB tables.';
    respondJson(res, 404, cors, { message: `No table named ${JSON.stringify(tableName)}. ${known}` });
    return;
  }
  const { items, truncated } = await tables.scanTable(tableName, MAX_TABLE_ITEMS);
  respondJson(res, 200, { ...cors, 'cache-control': 'no-store' }, { tableName, items, truncated });
}
