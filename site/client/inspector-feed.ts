/**
 * The emulator's inspector feed (`/_emulator/inspector`, Server-Sent Events), narrowed to one of
 * the page's connections by a ConnectionMatcher. If the feed drops (the emulator stopped), it
 * says so and opens again as soon as the emulator answers. Only the emulator has this feed;
 * a deployed API has nothing like it.
 */
import type { InspectorEntry, StampedEntry } from '../../emulator/inspector.ts';
import type { WebSocketConnection } from './connection.ts';
import { ConnectionMatcher, requestTarget, SETTLE_MS, type MatchState } from './connection-matcher.ts';
import { emulatorOrigin, emulatorStatus } from './endpoint.ts';
import { openEventSource } from './network.ts';

export type FeedState = 'connecting' | 'open' | 'down';

export interface InspectorFeedEventMap {
  /** The feed opened, dropped, or is being opened again. */
  feedstate: CustomEvent<FeedState>;
  /** The matcher found (or is still looking for) the reader's connection. */
  match: CustomEvent<MatchState>;
  /** An entry of the reader's connection, in feed order. */
  entry: CustomEvent<StampedEntry>;
}

// Declaration merging gives addEventListener typed events; it emits no code.
export interface ConnectionInspectorFeed {
  addEventListener<K extends keyof InspectorFeedEventMap>(
    type: K,
    listener: (event: InspectorFeedEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
}

/** Every `event:` name the feed uses; an EventSource only reports named events to listeners of that name. */
export const ENTRY_TYPES: readonly InspectorEntry['type'][] = [
  'handshake',
  'handshake-refused',
  'connected',
  'message-in',
  'route',
  'invoke',
  'result',
  'message-out',
  'management',
  'close',
];

/** A handshake waits for `$connect`, which API Gateway gives 29 seconds. */
const LONGEST_HANDSHAKE_MS = 30_000;
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 15_000;
/** The feed replays its recent entries on every (re)open; these keys drop the ones already seen. */
const REMEMBERED_KEYS = 5000;

export class ConnectionInspectorFeed extends EventTarget {
  readonly #connection: WebSocketConnection;
  readonly #endpoint: string;
  readonly #matcher = new ConnectionMatcher();
  #source: EventSource | null = null;
  #lifetime: AbortController | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #settleTimer: ReturnType<typeof setTimeout> | undefined;
  #pending: string | null = null;
  #retryDelay = FIRST_RETRY_MS;
  #seen = new Set<string>();
  #state: FeedState = 'connecting';
  #lastReadyState: number;

  /** Watches `connection` through the feed of the emulator behind `endpoint`. Nothing happens before start(). */
  constructor(connection: WebSocketConnection, endpoint: string) {
    super();
    this.#connection = connection;
    this.#endpoint = endpoint;
    this.#lastReadyState = connection.readyState;
  }

  get state(): FeedState {
    return this.#state;
  }

  get match(): MatchState {
    return this.#matcher.state;
  }

  start(): void {
    if (this.#lifetime) return;
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const connection = this.#connection;

    // A widget that starts while the reader is already connected missed the start of the handshake.
    const now = Date.now();
    if (connection.readyState === WebSocket.OPEN || connection.readyState === WebSocket.CONNECTING) {
      this.#begin((connection.openedAt?.getTime() ?? now) - LONGEST_HANDSHAKE_MS, now);
      if (connection.readyState === WebSocket.OPEN) this.#show(this.#matcher.opened());
    }

    connection.addEventListener(
      'statechange',
      (event) => {
        // connect() reports CONNECTING once, before the request leaves the browser.
        if (event.detail === WebSocket.CONNECTING && this.#lastReadyState !== WebSocket.CONNECTING) {
          const startedAt = Date.now();
          this.#begin(startedAt, startedAt);
        }
        this.#lastReadyState = event.detail;
      },
      { signal },
    );
    connection.addEventListener('open', () => this.#show(this.#matcher.opened()), { signal });
    connection.addEventListener('sent', (event) => this.#show(this.#matcher.sent(event.detail.data)), { signal });
    connection.addEventListener(
      'message',
      (event) => {
        if (!event.detail.binary) this.#show(this.#matcher.received(event.detail.data));
      },
      { signal },
    );
    connection.addEventListener('close', (event) => this.#show(this.#matcher.closed(event.detail.everOpened)), { signal });

    this.#open();
  }

  /** Closes the feed and stops watching the connection. */
  stop(): void {
    this.#lifetime?.abort();
    this.#lifetime = null;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#settleTimer);
    this.#source?.close();
    this.#source = null;
  }

  #begin(startedAt: number, trackedSince: number): void {
    const url = this.#connection.url;
    if (url === null) return;
    this.#show(
      this.#matcher.begin({
        path: requestTarget(url),
        origin: location.origin,
        userAgent: navigator.userAgent,
        startedAt,
        trackedSince,
      }),
    );
  }

  #open(): void {
    const origin = emulatorOrigin(this.#endpoint);
    if (origin === null || this.#lifetime === null) return;
    this.#setState('connecting');
    const source = openEventSource(`${origin}/_emulator/inspector`);
    this.#source = source;
    source.addEventListener('open', () => {
      this.#retryDelay = FIRST_RETRY_MS;
      this.#setState('open');
    });
    source.addEventListener('error', () => {
      // EventSource would retry by itself, but it cannot tell "emulator stopped" from a hiccup, and
      // a stopped emulator would make it retry forever. Close it and ask the status endpoint instead.
      source.close();
      if (this.#source !== source) return;
      this.#source = null;
      this.#setState('down');
      this.#scheduleRetry();
    });
    for (const type of ENTRY_TYPES) source.addEventListener(type, (event) => this.#receive(event));
  }

  #scheduleRetry(): void {
    const signal = this.#lifetime?.signal;
    if (!signal) return;
    this.#retryTimer = setTimeout(() => {
      void emulatorStatus(this.#endpoint, signal).then((status) => {
        if (signal.aborted) return;
        if (status !== null) this.#open();
        else {
          this.#retryDelay = Math.min(this.#retryDelay * 2, LONGEST_RETRY_MS);
          this.#scheduleRetry();
        }
      });
    }, this.#retryDelay);
  }

  #receive(event: Event): void {
    if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return;
    let entry: StampedEntry;
    try {
      entry = JSON.parse(event.data) as StampedEntry;
    } catch {
      return;
    }
    // A restarted emulator counts from 1 again, so the time is part of the key.
    const key = `${entry.seq}@${entry.at}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    if (this.#seen.size > REMEMBERED_KEYS) this.#seen.delete(this.#seen.values().next().value ?? key);
    this.#show(this.#matcher.entry(entry));
  }

  #show(entries: StampedEntry[]): void {
    this.dispatchEvent(new CustomEvent('match', { detail: this.#matcher.state }));
    for (const entry of entries) this.dispatchEvent(new CustomEvent('entry', { detail: entry }));
    // Evidence that points at one look-alike counts once it has held for a moment (see connection-matcher.ts).
    const pending = this.#matcher.pending;
    if (pending !== this.#pending) {
      this.#pending = pending;
      clearTimeout(this.#settleTimer);
      if (pending !== null && this.#lifetime) this.#settleTimer = setTimeout(() => this.#show(this.#matcher.settle()), SETTLE_MS);
    }
  }

  #setState(state: FeedState): void {
    this.#state = state;
    this.dispatchEvent(new CustomEvent('feedstate', { detail: state }));
  }
}
