/**
 * The emulator's own endpoints, which API Gateway does not have, for the site and for people
 * debugging their own backend:
 *   GET /_emulator/status         what is running and where
 *   GET /_emulator/metering       usage as AWS would bill it (?connectionId= for one connection)
 *   GET /_emulator/inspector      the inspector feed (Server-Sent Events on the Node server; a subscription in-page)
 *   GET /_emulator/tables         the names of the local DynamoDB tables
 *   GET /_emulator/tables/{name}  every item of one table, as the backend's handlers see it
 * They answer loopback origins (and any configured ones) with CORS, and no other site. This file
 * decides the answers; the Node server (local-endpoints.ts) and the in-page transport write them.
 * No Node imports.
 */
import { corsHeaders } from './cors.ts';
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

export type LocalEndpointAnswer =
  | { kind: 'answer'; status: number; headers: Record<string, string>; body: string }
  /** The inspector feed: the transport streams it, with these (CORS) headers. */
  | { kind: 'inspector'; headers: Record<string, string> };

export async function answerLocalEndpoint(method: string, url: URL, origin: string | undefined, context: LocalEndpointsContext): Promise<LocalEndpointAnswer> {
  const cors = corsHeaders(origin, context.allowedOrigins);
  if (method === 'OPTIONS') return { kind: 'answer', status: 204, headers: { ...cors, 'access-control-allow-methods': 'GET', 'access-control-max-age': '600' }, body: '' };
  if (method !== 'GET') return json(405, { ...cors, allow: 'GET' }, { message: `${method} is not supported here; use GET` });
  const path = url.pathname.slice(LOCAL_ENDPOINTS_PREFIX.length);
  switch (path) {
    case 'status':
      return json(200, cors, context.status());
    case 'metering':
      return json(200, cors, context.metering.report(Date.now(), url.searchParams.get('connectionId') ?? undefined));
    case 'inspector':
      return { kind: 'inspector', headers: cors };
    case 'tables':
      return json(200, cors, { tables: context.tables?.tableNames() ?? [] });
  }
  if (path.startsWith('tables/')) return answerTable(path.slice('tables/'.length), context.tables, cors);
  return json(404, cors, { message: `No such emulator endpoint. Try ${LOCAL_ENDPOINTS_PREFIX}status, metering, inspector or tables.` });
}

async function answerTable(encodedName: string, tables: TableReader | undefined, cors: Record<string, string>): Promise<LocalEndpointAnswer> {
  let tableName: string;
  try {
    tableName = decodeURIComponent(encodedName);
  } catch {
    tableName = encodedName;
  }
  const names = tables?.tableNames() ?? [];
  if (!tables || !names.includes(tableName)) {
    const known = names.length > 0 ? `The tables are: ${names.join(', ')}.` : 'This emulator runs no local DynamoDB tables.';
    return json(404, cors, { message: `No table named ${JSON.stringify(tableName)}. ${known}` });
  }
  const { items, truncated } = await tables.scanTable(tableName, MAX_TABLE_ITEMS);
  return json(200, { ...cors, 'cache-control': 'no-store' }, { tableName, items, truncated });
}

function json(status: number, headers: Record<string, string>, value: unknown): LocalEndpointAnswer {
  return { kind: 'answer', status, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
