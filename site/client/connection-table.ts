/**
 * The sample backend's connection table (sample-backend/lib/connections.ts) as a widget shows it:
 * fetched from the emulator's `/_emulator/tables`, and each row labelled with the page's client
 * ("A", "B") whose connectionId it holds. On AWS the table lives in the reader's account, where
 * only the DynamoDB console shows it.
 */
import { fetchFrom } from './network.ts';

export interface ConnectionRow {
  connectionId: string;
  /** Epoch milliseconds, as `$connect` stored `requestContext.connectedAt`. */
  connectedAt: number | null;
  /** Epoch seconds: DynamoDB's TTL attribute must be in seconds. */
  expiresAt: number | null;
  broadcastCount: number | null;
  /** The client on this page this row belongs to, or null for any other connection. */
  client: string | null;
}

/** The sample's table of connections among the emulator's tables (`{service}-{stage}-connections`). */
export function connectionsTableOf(tableNames: readonly string[]): string | null {
  return tableNames.find((name) => name.endsWith('-connections')) ?? null;
}

/** What `npm run deploy:sample` names the table for the stage in a deployed endpoint's path (`wss://…/dev`). */
export function deployedConnectionsTable(endpoint: string): string {
  let stage = 'dev';
  try {
    stage = new URL(endpoint).pathname.split('/').find((segment) => segment !== '') ?? stage;
  } catch {
    // Not a URL: the deploy script's default stage.
  }
  return `apigw-websocket-tutorial-${stage}-connections`;
}

/** Rows in the order they connected, each labelled with the client (`{ A: id, B: id }`) it belongs to. */
export function connectionRows(items: readonly unknown[], clients: Readonly<Record<string, string | null>>): ConnectionRow[] {
  const owner = new Map(Object.entries(clients).flatMap(([name, id]) => (id ? [[id, name] as const] : [])));
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return items
    .flatMap((item) => {
      if (typeof item !== 'object' || item === null) return [];
      const record = item as Record<string, unknown>;
      if (typeof record.connectionId !== 'string') return [];
      return [
        {
          connectionId: record.connectionId,
          connectedAt: number(record.connectedAt),
          expiresAt: number(record.expiresAt),
          broadcastCount: number(record.broadcastCount),
          client: owner.get(record.connectionId) ?? null,
        },
      ];
    })
    .sort((a, b) => (a.connectedAt ?? 0) - (b.connectedAt ?? 0) || a.connectionId.localeCompare(b.connectionId));
}

/** Whole hours and minutes until `epochSeconds`, never negative. */
export function timeUntil(epochSeconds: number, now: number): { hours: number; minutes: number } {
  const minutes = Math.max(0, Math.floor((epochSeconds * 1000 - now) / 60_000));
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}

/** The emulator's table names (`GET /_emulator/tables`). Throws when the emulator does not answer. */
export async function fetchTableNames(origin: string, signal?: AbortSignal): Promise<string[]> {
  const response = await fetchFrom(`${origin}/_emulator/tables`, { cache: 'no-store', signal });
  if (!response.ok) throw new Error(`GET /_emulator/tables answered ${response.status}`);
  const body = (await response.json()) as { tables?: unknown };
  return Array.isArray(body.tables) ? body.tables.filter((name): name is string => typeof name === 'string') : [];
}

/** Every item of one table (`GET /_emulator/tables/{name}`). Throws when the emulator does not answer. */
export async function fetchTableItems(origin: string, tableName: string, signal?: AbortSignal): Promise<unknown[]> {
  const response = await fetchFrom(`${origin}/_emulator/tables/${encodeURIComponent(tableName)}`, { cache: 'no-store', signal });
  if (!response.ok) throw new Error(`GET /_emulator/tables/${tableName} answered ${response.status}`);
  const body = (await response.json()) as { items?: unknown };
  return Array.isArray(body.items) ? body.items : [];
}
