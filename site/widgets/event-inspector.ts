import { detectBackend } from '../client/backend-kind.ts';
import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import { currentEndpoint, emulatorOrigin, ENDPOINT_CHANGED_EVENT } from '../client/endpoint.ts';
import { formatTime } from '../client/format-time.ts';
import { ConnectionInspectorFeed } from '../client/inspector-feed.ts';
import { jsonViewElement } from '../client/json-view-dom.ts';
import { appendRich } from '../client/rich-text.ts';
import { forgetWidgetState, loadWidgetState, saveWidgetState } from '../client/widget-storage.ts';
import { clientRows, entryRow, insertInOrder, lambdaEventRow, type InspectorRow, type Lane } from './event-inspector-rows.ts';
import { eventInspectorText, type EventInspectorText } from './event-inspector-text.ts';

const WIDGET = 'event-inspector';
const LANES: readonly Lane[] = ['client', 'gateway', 'lambda'];
/** Old rows are dropped past this, so a long session does not grow the page without bound. */
const MAX_ROWS = 500;
const INSPECT_REQUEST = '{"action":"inspect"}';

type Mode = 'checking' | 'emulator' | 'deployed' | 'none' | 'unchecked';

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-event-inspector> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of EventInspector.astro: a timeline of the reader's connection from the browser, API Gateway and Lambda. */
class ApigwEventInspector extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: EventInspectorText = eventInspectorText.ja;
  #connection: WebSocketConnection | null = null;
  #feed: ConnectionInspectorFeed | null = null;
  #feedOrigin: string | null = null;
  #mode: Mode = 'checking';
  /** Counts backend checks, so an answer to an older check cannot overwrite a newer one. */
  #checkCount = 0;
  #rows: InspectorRow[] = [];
  #keys = new Set<string>();
  #clientCount = 0;
  #deployedEvents = 0;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = eventInspectorText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const defaultEndpoint = this.dataset.defaultEndpoint ?? '';
    const connection = sharedConnection(this.dataset.connection ?? 'A');
    this.#connection = connection;

    // The recorded example is for readers with no backend; it comes back if none answers.
    part(this, 'recorded', HTMLElement).hidden = true;
    part(this, 'live', HTMLElement).hidden = false;
    this.#applyLanes(this.#savedHiddenLanes());

    connection.addEventListener(
      'statechange',
      (event) => {
        if (event.detail === WebSocket.CONNECTING && connection.url !== null) {
          this.#addRow(clientRows.connecting(this.#clientKey(), connection.url, new Date(), text));
          // The reader may have picked another endpoint, or started the backend since the last check.
          if (this.#mode === 'none' || this.#mode === 'unchecked' || emulatorOrigin(connection.url) !== this.#feedOrigin) void this.#checkBackend(connection.url);
        }
        this.#updateFetchButton();
      },
      { signal },
    );
    connection.addEventListener('open', (event) => this.#addRow(clientRows.open(this.#clientKey(), event.detail.handshakeMs, event.detail.at, text)), {
      signal,
    });
    connection.addEventListener('sent', (event) => this.#addRow(clientRows.sent(this.#clientKey(), event.detail.data, event.detail.at, text)), {
      signal,
    });
    connection.addEventListener(
      'message',
      (event) => {
        this.#addRow(clientRows.received(this.#clientKey(), event.detail.data, event.detail.at, text));
        if (this.#mode === 'deployed') this.#readInspectReply(event.detail.data);
      },
      { signal },
    );
    connection.addEventListener(
      'close',
      (event) => {
        this.#addRow(clientRows.close(this.#clientKey(), event.detail.code, event.detail.reason, event.detail.at, text));
        this.#showStatus();
      },
      { signal },
    );

    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      (event) => {
        if (event instanceof CustomEvent && typeof event.detail === 'string') void this.#checkBackend(event.detail);
      },
      { signal },
    );

    for (const checkbox of this.#laneCheckboxes()) {
      checkbox.addEventListener(
        'change',
        () => {
          const hidden = this.#laneCheckboxes()
            .filter((box) => !box.checked)
            .map((box) => box.value);
          saveWidgetState(WIDGET, { hiddenLanes: hidden });
          this.#applyLanes(hidden);
        },
        { signal },
      );
    }
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        forgetWidgetState(WIDGET);
        this.#applyLanes([]);
        this.#rows = [];
        this.#keys.clear();
        this.#deployedEvents = 0;
        part(this, 'timeline', HTMLOListElement).replaceChildren();
        this.#showStatus();
      },
      { signal },
    );
    part(this, 'fetch', HTMLButtonElement).addEventListener(
      'click',
      () => {
        if (connection.readyState === WebSocket.OPEN) connection.send(INSPECT_REQUEST);
        else this.#setStatus(text.status.notOpen);
      },
      { signal },
    );

    this.#updateFetchButton();
    void this.#checkBackend(connection.url ?? currentEndpoint(defaultEndpoint), 'load');
  }

  disconnectedCallback(): void {
    // Removes every listener added in connectedCallback and cancels a check in flight.
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#stopFeed();
    this.#connection = null;
  }

  /**
   * Works out what is behind the endpoint: the emulator (read its feed), a deployed API (ask
   * `inspect`), or nothing. As the page starts it looks only where a backend is expected.
   */
  async #checkBackend(endpoint: string, when: 'load' | 'asked' = 'asked'): Promise<void> {
    const signal = this.#lifetime?.signal;
    if (!signal) return;
    const check = ++this.#checkCount;
    const backend = await detectBackend(endpoint, signal, when);
    if (signal.aborted || check !== this.#checkCount) return;
    if (backend.kind === 'emulator') {
      const origin = emulatorOrigin(endpoint);
      if (origin !== this.#feedOrigin || this.#feed === null) this.#startFeed(endpoint, origin);
    } else {
      this.#stopFeed();
    }
    this.#mode = backend.kind;
    const live = this.#mode === 'emulator' || this.#mode === 'deployed';
    part(this, 'recorded', HTMLElement).hidden = live;
    part(this, 'live', HTMLElement).hidden = !live;
    const notice = part(this, 'no-backend', HTMLElement);
    notice.hidden = this.#mode !== 'none';
    part(notice, 'no-backend-endpoint', HTMLElement).textContent = endpoint;
    part(this, 'fetch', HTMLButtonElement).hidden = this.#mode !== 'deployed';
    this.#updateFetchButton();
    this.#showStatus();
  }

  #startFeed(endpoint: string, origin: string | null): void {
    const connection = this.#connection;
    const signal = this.#lifetime?.signal;
    if (!connection || !signal) return;
    this.#stopFeed();
    const feed = new ConnectionInspectorFeed(connection, endpoint);
    this.#feed = feed;
    this.#feedOrigin = origin;
    const text = this.#text;
    feed.addEventListener('entry', (event) => {
      const row = entryRow(event.detail, text);
      if (row) this.#addRow(row);
    });
    feed.addEventListener('match', () => this.#showStatus());
    feed.addEventListener('feedstate', () => this.#showStatus());
    feed.start();
  }

  #stopFeed(): void {
    this.#feed?.stop();
    this.#feed = null;
    this.#feedOrigin = null;
  }

  /** The status line for the current mode, feed and match. */
  #showStatus(): void {
    const status = this.#text.status;
    if (this.#mode === 'checking') return this.#setStatus(status.checking);
    if (this.#mode === 'none') return this.#setStatus(status.noBackend);
    if (this.#mode === 'unchecked') return this.#setStatus(status.unchecked);
    if (this.#mode === 'deployed') {
      return this.#setStatus(this.#deployedEvents > 0 ? status.deployedGot(this.#deployedEvents) : status.deployed);
    }
    const feed = this.#feed;
    if (feed === null || feed.state === 'connecting') return this.#setStatus(status.localConnecting);
    if (feed.state === 'down') return this.#setStatus(status.down);
    const match = feed.match;
    if (match.kind === 'matched') {
      const closed = this.#connection?.readyState === WebSocket.CLOSED;
      return this.#setStatus(closed ? status.matchedClosed(match.connectionId) : status.matched(match.connectionId));
    }
    if (match.kind === 'searching') return this.#setStatus(match.candidates > 1 ? status.ambiguous(match.candidates) : status.searching);
    this.#setStatus(status.local);
  }

  /** Changes the live region only when the words change, so that screen readers hear each state once. */
  #setStatus(words: string): void {
    const status = part(this, 'status', HTMLElement);
    if (status.textContent !== words) status.textContent = words;
  }

  /** The deployed sample's `inspect` reply: `{"type":"inspect","events":[…]}`. */
  #readInspectReply(data: string): void {
    let reply: unknown;
    try {
      reply = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof reply !== 'object' || reply === null) return;
    const { type, events } = reply as { type?: unknown; events?: unknown };
    if (type !== 'inspect' || !Array.isArray(events)) return;
    for (const event of events) this.#addRow(lambdaEventRow(event, this.#text));
    this.#deployedEvents = events.length;
    this.#showStatus();
  }

  #updateFetchButton(): void {
    part(this, 'fetch', HTMLButtonElement).disabled = this.#connection?.readyState !== WebSocket.OPEN;
  }

  #clientKey(): string {
    return `client:${++this.#clientCount}`;
  }

  /** Puts a row in time order; text from the network goes in through text nodes only. */
  #addRow(row: InspectorRow): void {
    if (this.#keys.has(row.key)) return;
    this.#keys.add(row.key);
    const timeline = part(this, 'timeline', HTMLOListElement);
    const stickToBottom = timeline.scrollTop + timeline.clientHeight >= timeline.scrollHeight - 4;
    const index = insertInOrder(this.#rows, row);
    timeline.insertBefore(this.#rowElement(row), timeline.children[index] ?? null);
    while (this.#rows.length > MAX_ROWS) {
      const dropped = this.#rows.shift();
      if (dropped) this.#keys.delete(dropped.key);
      timeline.firstElementChild?.remove();
    }
    // Follow new rows unless the reader scrolled up to read older ones.
    if (stickToBottom) timeline.scrollTop = timeline.scrollHeight;
  }

  #rowElement(row: InspectorRow): HTMLLIElement {
    const text = this.#text;
    const item = document.createElement('li');
    item.className = 'row';
    item.dataset.lane = row.lane;
    item.dataset.kind = row.kind;
    const time = document.createElement('time');
    time.className = 'row-time';
    time.dateTime = new Date(row.at).toISOString();
    time.textContent = formatTime(new Date(row.at));
    const cell = document.createElement('div');
    cell.className = 'row-cell';
    const lane = document.createElement('span');
    lane.className = 'row-lane';
    lane.textContent = text.lanes[row.lane];
    const summary = document.createElement('span');
    summary.className = 'row-summary';
    appendRich(summary, row.summary);
    cell.append(lane, ' ', summary);
    item.append(time, cell);

    if (row.detail) {
      const details = document.createElement('details');
      details.className = 'row-detail';
      const label = document.createElement('summary');
      label.textContent = row.detail.label;
      details.append(label);
      if (row.detail.notes.length > 0) {
        const title = document.createElement('p');
        title.className = 'row-notes-title';
        title.textContent = text.detail.fields;
        const notes = document.createElement('dl');
        notes.className = 'row-notes';
        for (const note of row.detail.notes) {
          const pair = document.createElement('div');
          const term = document.createElement('dt');
          const code = document.createElement('code');
          code.textContent = note.field;
          term.append(code);
          const description = document.createElement('dd');
          description.textContent = note.text;
          pair.append(term, description);
          notes.append(pair);
        }
        details.append(title, notes);
      }
      details.append(jsonViewElement(row.detail.segments));
      item.append(details);
    }
    return item;
  }

  #laneCheckboxes(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-part="lane"]')];
  }

  #savedHiddenLanes(): string[] {
    const saved = loadWidgetState(WIDGET).hiddenLanes;
    return Array.isArray(saved) ? saved.filter((lane): lane is string => typeof lane === 'string' && LANES.includes(lane as Lane)) : [];
  }

  #applyLanes(hidden: readonly string[]): void {
    for (const checkbox of this.#laneCheckboxes()) checkbox.checked = !hidden.includes(checkbox.value);
    // The recorded example follows the same choice.
    for (const timeline of this.querySelectorAll<HTMLElement>('.timeline')) timeline.dataset.hide = hidden.join(' ');
  }
}

customElements.define('apigw-event-inspector', ApigwEventInspector);
