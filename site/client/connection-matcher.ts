/**
 * Finds the reader's own connection in the emulator's inspector feed, which carries every
 * connection's entries. The browser never learns its connectionId (API Gateway does not tell the
 * client), so the matcher works it out from what both sides saw, without sending anything itself:
 * a widget that slipped a `whoami` into the reader's connection would change the very events the
 * lesson asks the reader to look at.
 *
 * 1. Candidates: handshakes recorded after the browser began connecting, for the same path and
 *    query, with the page's Origin and the browser's User-Agent. Usually there is exactly one, and
 *    it is chosen once the browser's socket has opened and the feed has said `connected` for it.
 * 2. If several remain (two tabs, or two panels on one page, connecting at the same moment), the
 *    frames decide. The browser records what it sends before the emulator can receive it, so a
 *    candidate that received a message this browser never sent is someone else's, at once; so is
 *    one that closes while this browser's socket stays open. The candidate that accounts for more
 *    of what this browser sent and received than any other is only the likely one: another tab may have sent the same
 *    text, or a broadcast reached both, and the feed and the socket race each other. So that
 *    evidence counts only if it still points at one candidate a moment later (settle()).
 * 3. A `whoami` reply, or one of API Gateway's error frames (they carry the sender's own
 *    connectionId), settles it outright whenever the reader happens to send one.
 *
 * Pure (no DOM, no network), so the tests drive it with recorded entries.
 */
import type { StampedEntry } from '../../emulator/inspector.ts';

export interface ConnectAttempt {
  /** The request target the browser sent, path and query (`/local?room=lobby`), as the handshake entry records it. */
  path: string;
  /** The page's origin, which the browser sends as the handshake's Origin header. */
  origin: string;
  /** navigator.userAgent, which the browser sends as User-Agent. */
  userAgent: string;
  /** When the browser began connecting (ms since the epoch); earlier handshakes are someone else's. */
  startedAt: number;
  /** From when every frame this browser sent is known; later messages that it did not send rule a candidate out. */
  trackedSince: number;
}

export type MatchState =
  /** The reader has not connected yet. */
  | { kind: 'idle' }
  /** Connecting or connected, and not yet told apart from `candidates` other connections that look the same. */
  | { kind: 'searching'; candidates: number }
  | { kind: 'matched'; connectionId: string };

/** A connection in the feed that could be the reader's, and what the feed has shown of it. */
interface Candidate {
  connected: boolean;
  ruledOut: boolean;
  /** Bodies of its `message-in` entries: what its client sent. */
  sent: string[];
  /** Bodies of its `message-out` entries: what its client received. */
  received: string[];
}

/** The emulator and the browser read the same clock on one machine; this absorbs rounding and scheduling. */
const CLOCK_SLACK_MS = 1000;
/** How long evidence must keep pointing at one candidate: the feed and the socket are separate connections. */
export const SETTLE_MS = 300;
/** Entries kept to replay a connection's beginning once it is recognised (the emulator itself replays 500). */
const KEPT_ENTRIES = 1000;

export class ConnectionMatcher {
  #attempt: ConnectAttempt | null = null;
  #candidates = new Map<string, Candidate>();
  /** Every connection recognised as the reader's, this one and earlier ones (their `$disconnect` arrives late). */
  #owned = new Set<string>();
  #current: string | null = null;
  #named: string | null = null;
  #opened = false;
  #closed = false;
  #sent: string[] = [];
  #received: string[] = [];
  #recent: StampedEntry[] = [];
  /** The one likely candidate, waiting for settle() to confirm that no look-alike caught up. */
  #pending: string | null = null;

  /** The candidate some evidence points at alone; call settle() once it has stayed the same for SETTLE_MS. */
  get pending(): string | null {
    return this.#current === null ? this.#pending : null;
  }

  get state(): MatchState {
    if (this.#current !== null) return { kind: 'matched', connectionId: this.#current };
    if (this.#attempt === null) return { kind: 'idle' };
    return { kind: 'searching', candidates: [...this.#candidates.values()].filter((c) => !c.ruledOut).length };
  }

  /** The browser began a new connection. Returns nothing new; earlier connections stay recognised. */
  begin(attempt: ConnectAttempt): StampedEntry[] {
    this.#attempt = attempt;
    this.#candidates.clear();
    this.#current = null;
    this.#named = null;
    this.#pending = null;
    this.#opened = false;
    this.#closed = false;
    this.#sent = [];
    this.#received = [];
    // The feed may already hold this attempt's handshake (a widget that started after the reader connected).
    for (const entry of this.#recent) this.#observe(entry);
    return this.#decide();
  }

  /** The browser's socket opened. */
  opened(): StampedEntry[] {
    this.#opened = true;
    return this.#decide();
  }

  /** The browser's socket closed; `everOpened` false when the handshake failed. */
  closed(everOpened: boolean): StampedEntry[] {
    this.#opened = everOpened;
    this.#closed = true;
    return this.#decide();
  }

  /** Commits to the likely candidate if the evidence still points at it alone. */
  settle(): StampedEntry[] {
    return this.#decide(true);
  }

  /** The browser sent a text message. */
  sent(body: string): StampedEntry[] {
    this.#sent.push(body);
    return this.#decide();
  }

  /** The browser received a text message. */
  received(body: string): StampedEntry[] {
    this.#received.push(body);
    const named = connectionIdIn(body);
    if (named !== null && this.#current === null) this.#named = named;
    return this.#decide();
  }

  /**
   * One entry from the feed. Returns the entries that now belong on the reader's side, in feed
   * order: this one if it is the reader's, or the whole beginning of a connection just recognised.
   */
  entry(entry: StampedEntry): StampedEntry[] {
    this.#recent.push(entry);
    if (this.#recent.length > KEPT_ENTRIES) this.#recent.shift();
    if ('connectionId' in entry && entry.connectionId !== undefined && this.#owned.has(entry.connectionId)) return [entry];
    this.#observe(entry);
    return this.#decide();
  }

  #observe(entry: StampedEntry): void {
    const attempt = this.#attempt;
    // A 429 is refused before the handshake gets an id: it cannot be anyone's connection.
    if (attempt === null || !('connectionId' in entry) || entry.connectionId === undefined) return;
    if (entry.type === 'handshake') {
      // A connection already recognised as the reader's is an earlier one, not this attempt.
      if (handshakeFits(entry, attempt) && !this.#owned.has(entry.connectionId)) {
        this.#candidates.set(entry.connectionId, { connected: false, ruledOut: false, received: [], sent: [] });
      }
      return;
    }
    const candidate = this.#candidates.get(entry.connectionId);
    if (candidate === undefined) return;
    if (entry.type === 'connected') candidate.connected = true;
    else if (entry.type === 'message-in' && Date.parse(entry.at) >= attempt.trackedSince) candidate.sent.push(entry.body);
    else if (entry.type === 'message-out') candidate.received.push(entry.body);
    else if (entry.type === 'close' && this.#opened && !this.#closed) candidate.ruledOut = true;
    // A refused handshake never became a socket: not the one this browser has open.
    else if (entry.type === 'handshake-refused' && this.#opened) candidate.ruledOut = true;
  }

  #decide(settling = false): StampedEntry[] {
    if (this.#current !== null || this.#attempt === null) return [];
    let chosen: string | null = this.#named;
    if (chosen === null) {
      const live = [...this.#candidates].filter(([, candidate]) => !candidate.ruledOut && candidate.sent.every((body) => this.#sent.includes(body)));
      const [only] = live;
      if (live.length <= 1) this.#pending = null;
      if (live.length === 1 && only !== undefined) {
        const [id, candidate] = only;
        // Wait for both sides to agree the connection is open, or for a handshake that failed.
        if ((this.#opened && candidate.connected) || (this.#closed && !this.#opened)) chosen = id;
      } else if (live.length > 1) {
        // The likely one accounts for more of this browser's frames than any other.
        const scored = live
          .map(([id, candidate]) => ({
            id,
            score:
              candidate.sent.filter((body) => this.#sent.includes(body)).length +
              candidate.received.filter((body) => this.#received.includes(body)).length,
          }))
          .sort((a, b) => b.score - a.score);
        const [best, next] = scored;
        const likelyId = best !== undefined && best.score > 0 && best.score > (next?.score ?? 0) ? best.id : null;
        if (settling && likelyId !== null && likelyId === this.#pending) chosen = likelyId;
        else this.#pending = likelyId;
      }
    }
    if (chosen === null) return [];
    this.#current = chosen;
    this.#pending = null;
    this.#owned.add(chosen);
    return this.#recent.filter((entry) => 'connectionId' in entry && entry.connectionId === chosen);
  }
}

/** Whether a handshake entry could be this browser's attempt: same request target, Origin and User-Agent, not from before it began. */
export function handshakeFits(entry: Extract<StampedEntry, { type: 'handshake' }>, attempt: ConnectAttempt): boolean {
  return (
    entry.path === attempt.path &&
    header(entry.headers, 'origin') === attempt.origin &&
    header(entry.headers, 'user-agent') === attempt.userAgent &&
    Date.parse(entry.at) >= attempt.startedAt - CLOCK_SLACK_MS
  );
}

// Header names keep the case the browser wrote them in.
function header(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * The connectionId a message names as the receiver's own: the sample's `whoami` reply, or an
 * API Gateway error frame (`{"message": "Forbidden", "connectionId":"…", "requestId":"…"}`),
 * which always carries the sender's id. Other messages may mention other connections' ids.
 */
export function connectionIdIn(body: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const message = value as Record<string, unknown>;
  if (typeof message.connectionId !== 'string') return null;
  const whoami = message.type === 'whoami';
  const errorFrame = message.type === undefined && typeof message.message === 'string' && typeof message.requestId === 'string';
  return whoami || errorFrame ? message.connectionId : null;
}

/** The request target a browser sends for a WebSocket URL: its path and query. */
export function requestTarget(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}
