/**
 * The inspector feed: everything the emulator saw and did, as a stream of entries, for the site's
 * event inspector and for anyone debugging their own backend. Served as Server-Sent Events;
 * a newcomer first receives the most recent entries, then live ones.
 */
import type { ServerResponse } from 'node:http';

export type InspectorEntry =
  | { type: 'handshake'; connectionId: string; path: string; headers: Record<string, string>; offeredSubprotocols: string[] }
  | { type: 'handshake-refused'; status: number; reason: string; /** The id the refused handshake had; none when it was refused before one was given (429). */ connectionId?: string }
  | { type: 'connected'; connectionId: string; subprotocol: string | undefined }
  | { type: 'message-in'; connectionId: string; body: string; bytes: number }
  | { type: 'route'; connectionId: string; expression: string; value: string | null; routeKey: string | null; reason: string }
  | { type: 'invoke'; connectionId: string; routeKey: string; functionName: string | undefined; requestId: string; event: unknown }
  | { type: 'result'; connectionId: string; routeKey: string; requestId: string; durationMs: number; result?: unknown; error?: { name: string; message: string } }
  | { type: 'message-out'; connectionId: string; via: 'route-response' | '@connections' | 'error-frame'; body: string; bytes: number; binary: boolean }
  | { type: 'management'; connectionId: string; method: string; status: number }
  | { type: 'close'; connectionId: string; code: number; reason: string; by: 'client' | 'gateway' | 'network' };

export type StampedEntry = InspectorEntry & { seq: number; at: string };

const KEPT_ENTRIES = 500;

export class Inspector {
  #entries: StampedEntry[] = [];
  #subscribers = new Set<(entry: StampedEntry) => void>();
  #streams = new Set<ServerResponse>();
  #seq = 0;

  record(entry: InspectorEntry): void {
    const stamped: StampedEntry = { ...entry, seq: ++this.#seq, at: new Date().toISOString() };
    this.#entries.push(stamped);
    if (this.#entries.length > KEPT_ENTRIES) this.#entries.shift();
    // Serialised only for someone listening: with nobody reading the feed, recording costs next to nothing.
    if (this.#subscribers.size === 0) return;
    for (const subscriber of this.#subscribers) subscriber(stamped);
  }

  /** Calls `listener` with the most recent entries, then with every new one until the returned function is called. */
  subscribe(listener: (entry: StampedEntry) => void): () => void {
    for (const entry of this.#entries) listener(entry);
    this.#subscribers.add(listener);
    return () => this.#subscribers.delete(listener);
  }

  /** Turns an HTTP response into a live Server-Sent Events stream. */
  stream(res: ServerResponse, headers: Record<string, string>): void {
    res.writeHead(200, { ...headers, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // A comment line sends the headers at once, so a client knows the stream is open before anything happens.
    res.write(': apigw-websocket-emulator inspector feed\n\n');
    const unsubscribe = this.subscribe((entry) => res.write(toEventStream(entry)));
    this.#streams.add(res);
    res.on('close', () => {
      unsubscribe();
      this.#streams.delete(res);
    });
  }

  /** Ends every open stream and subscription, so that the server can close. */
  closeStreams(): void {
    for (const stream of this.#streams) stream.end();
    this.#streams.clear();
    this.#subscribers.clear();
  }
}

function toEventStream(entry: StampedEntry): string {
  return `id: ${entry.seq}\nevent: ${entry.type}\ndata: ${JSON.stringify(entry)}\n\n`;
}
