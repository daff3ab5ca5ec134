/**
 * How the emulator answered one of this browser's handshakes, read from its inspector feed: the
 * HTTP status (101 when it connected) and why, and whether the `$connect` authorizer ran and what it
 * returned. A browser is never told the status of a refused handshake (it sees `error`, then
 * close code 1006), so on the emulator this is the only way a page can show it.
 * Pure (no DOM, no network), so the tests drive it with recorded entries.
 */
import type { StampedEntry } from '../../emulator/inspector.ts';
import { handshakeFits, type ConnectAttempt } from './connection-matcher.ts';

export type AuthorizerRun =
  /** API Gateway refused before calling it: an identity source was missing, or the path was wrong. */
  | { ran: false }
  | { ran: true; result?: unknown; error?: { name: string; message: string } };

export interface HandshakeOutcome {
  connectionId: string;
  /** The handshake's HTTP status: 101 Switching Protocols when it connected. */
  status: number;
  /** The emulator's words for a refusal; null when it connected. */
  reason: string | null;
  authorizer: AuthorizerRun;
}

/** The route key the emulator records the `$connect` authorizer's invocation under. */
const AUTHORIZER_ROUTE = '$connect authorizer';

/** The outcome of the newest handshake that fits `attempt`, or null while the feed has not shown how it ended. */
export function handshakeOutcome(entries: readonly StampedEntry[], attempt: Omit<ConnectAttempt, 'trackedSince'>): HandshakeOutcome | null {
  const handshake = entries.findLast(
    (entry): entry is Extract<StampedEntry, { type: 'handshake' }> => entry.type === 'handshake' && handshakeFits(entry, { ...attempt, trackedSince: attempt.startedAt }),
  );
  if (!handshake) return null;
  const { connectionId } = handshake;
  const own = entries.filter((entry) => 'connectionId' in entry && entry.connectionId === connectionId);
  const invoked = own.some((entry) => entry.type === 'invoke' && entry.routeKey === AUTHORIZER_ROUTE);
  const answer = own.find((entry): entry is Extract<StampedEntry, { type: 'result' }> => entry.type === 'result' && entry.routeKey === AUTHORIZER_ROUTE);
  const authorizer: AuthorizerRun = !invoked ? { ran: false } : { ran: true, ...(answer?.result !== undefined ? { result: answer.result } : {}), ...(answer?.error ? { error: answer.error } : {}) };
  const refused = own.find((entry) => entry.type === 'handshake-refused');
  if (refused?.type === 'handshake-refused') return { connectionId, status: refused.status, reason: refused.reason, authorizer };
  if (own.some((entry) => entry.type === 'connected')) return { connectionId, status: 101, reason: null, authorizer };
  return null;
}

/** The Effect of the policy an authorizer returned (`Allow`, `Deny`), or null if it returned none. */
export function policyEffect(result: unknown): string | null {
  if (typeof result !== 'object' || result === null) return null;
  const statement = (result as { policyDocument?: { Statement?: unknown } }).policyDocument?.Statement;
  const first: unknown = Array.isArray(statement) ? statement[0] : statement;
  if (typeof first !== 'object' || first === null) return null;
  const effect = (first as { Effect?: unknown }).Effect;
  return typeof effect === 'string' ? effect : null;
}
