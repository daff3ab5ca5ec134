/**
 * Every entry of the emulator's inspector feed (`/_emulator/inspector`), kept as it arrives, for a
 * widget that looks for what happened to one of its own attempts. Unlike ConnectionInspectorFeed it
 * follows no connection: the caller picks from all entries with a function of its own.
 */
import type { StampedEntry } from '../../emulator/inspector.ts';
import { ENTRY_TYPES } from './inspector-feed.ts';
import { openEventSource } from './network.ts';

const KEPT_ENTRIES = 500;

export class InspectorEntries {
  readonly #source: EventSource;
  readonly #entries: StampedEntry[] = [];
  readonly #seen = new Set<string>();
  readonly #waiters = new Set<() => void>();

  /** Opens the feed of the emulator at `origin` (`http://localhost:3002`); it replays recent entries first. */
  constructor(origin: string) {
    this.#source = openEventSource(`${origin}/_emulator/inspector`);
    for (const type of ENTRY_TYPES) {
      this.#source.addEventListener(type, (event) => {
        const entry = JSON.parse((event as MessageEvent<string>).data) as StampedEntry;
        // The feed replays what it kept when it reopens after a drop: keep each entry once.
        // (A restarted emulator counts from 1 again, hence the time in the key.)
        const key = `${entry.seq} ${entry.at}`;
        if (this.#seen.has(key)) return;
        this.#seen.add(key);
        this.#entries.push(entry);
        if (this.#entries.length > KEPT_ENTRIES) this.#entries.shift();
        for (const wake of this.#waiters) wake();
      });
    }
  }

  /** Resolves with what `pick` finds in the entries as soon as it finds something, or null after `timeoutMs`. */
  waitFor<T>(pick: (entries: readonly StampedEntry[]) => T | null, timeoutMs: number): Promise<T | null> {
    const found = pick(this.#entries);
    if (found !== null) return Promise.resolve(found);
    return new Promise((resolve) => {
      const finish = (value: T | null) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(value);
      };
      const check = () => {
        const value = pick(this.#entries);
        if (value !== null) finish(value);
      };
      const timer = setTimeout(() => finish(null), timeoutMs);
      this.#waiters.add(check);
    });
  }

  close(): void {
    this.#source.close();
    for (const wake of this.#waiters) wake();
  }
}
