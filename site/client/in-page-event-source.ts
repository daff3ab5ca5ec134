/**
 * The inspector feed of the in-page emulator, shaped as the EventSource the widgets already use for
 * the Node emulator's `/_emulator/inspector`: `open`, one event per entry named by its type with the
 * entry as JSON in `data`, `error` if the emulator is gone, and close().
 */
import type { InPagePortClient } from '../../emulator/in-page-port-client.ts';

export class InPageEventSource extends EventTarget {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;
  readyState = 0;
  readonly url: string;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  readonly #unsubscribe: () => void;

  constructor(client: InPagePortClient, url: string) {
    super();
    this.url = url;
    // The first entry, or a status answer, proves the emulator is there; a failure ends the feed.
    void client.request('GET', new URL('/_emulator/status', url).href).then(
      () => this.#fire(new Event('open'), this.OPEN),
      () => this.#fire(new Event('error'), this.CLOSED),
    );
    this.#unsubscribe = client.subscribe((entry) => {
      if (this.readyState === this.CLOSED) return;
      this.dispatchEvent(new MessageEvent(entry.type, { data: JSON.stringify(entry), lastEventId: String(entry.seq) }));
    });
  }

  close(): void {
    this.readyState = this.CLOSED;
    this.#unsubscribe();
  }

  #fire(event: Event, state: number): void {
    if (this.readyState === this.CLOSED) return;
    this.readyState = state;
    (event.type === 'open' ? this.onopen : this.onerror)?.call(this, event);
    this.dispatchEvent(event);
  }
}
