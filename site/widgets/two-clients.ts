import { detectBackend, type BackendKind } from '../client/backend-kind.ts';
import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import {
  connectionRows,
  connectionsTableOf,
  deployedConnectionsTable,
  fetchTableItems,
  fetchTableNames,
  timeUntil,
  type ConnectionRow,
} from '../client/connection-table.ts';
import { currentEndpoint, emulatorOrigin, ENDPOINT_CHANGED_EVENT } from '../client/endpoint.ts';
import { formatTime } from '../client/format-time.ts';
import { appendLogLine } from '../client/message-log.ts';
import { readyStateName } from '../client/ready-state.ts';
import { broadcastRequest, parseSampleMessage, WHOAMI_REQUEST } from '../client/sample-messages.ts';
import { forgetWidgetState, loadWidgetState, savedText, saveWidgetState } from '../client/widget-storage.ts';
import { twoClientsText, type TwoClientsText } from './two-clients-text.ts';

/** localStorage: `apigw-tutorial:two-clients` keeps each client's broadcast message. */
const STORAGE = 'two-clients';
/** How often the table is read again while the widget is in view. */
const TABLE_POLL_MS = 1500;

const markers = { sent: '→', received: '←', event: '•' } as const;

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-two-clients> has no ${type.name} [data-part="${name}"]`);
  return element;
}

interface Client {
  name: string;
  connection: WebSocketConnection;
  root: HTMLElement;
  /** The id whoami reported; kept after a close, so the row is still recognised until `$disconnect` deletes it. */
  connectionId: string | null;
}

/**
 * The browser half of TwoClients.astro. Owns two connections of its own ("two-clients-A" and
 * "two-clients-B", not the lesson panel's "A"), and reads the connection table from the
 * emulator while the widget is in view.
 */
class ApigwTwoClients extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: TwoClientsText = twoClientsText.ja;
  #clients: Client[] = [];
  #backend: BackendKind | null = null;
  #checks = 0;
  #tableName: string | null = null;
  #inView = false;
  #reading = false;
  #readAgain = false;
  /** What the table showed last, so an unchanged table is not redrawn (or announced) again. */
  #shownRows = '';

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = twoClientsText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const saved = loadWidgetState(STORAGE);

    this.#clients = [...this.querySelectorAll<HTMLElement>('section.client[data-client]')].map((root) => ({
      name: root.dataset.client ?? '?',
      connection: sharedConnection(`two-clients-${root.dataset.client}`),
      root,
      connectionId: null,
    }));
    for (const client of this.#clients) this.#wireClient(client, saved, signal);

    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      () => {
        this.#showEndpoint();
        void this.#checkBackend(signal);
      },
      { signal },
    );
    part(this, 'refresh', HTMLButtonElement).addEventListener('click', () => void this.#readTable(signal), { signal });
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        forgetWidgetState(STORAGE);
        for (const client of this.#clients) {
          part(client.root, 'message', HTMLInputElement).value = text.defaultMessage(client.name);
          part(client.root, 'log', HTMLOListElement).replaceChildren();
        }
        part(this, 'reset-status', HTMLElement).textContent = text.resetDone;
      },
      { signal },
    );

    // Read the table only while a reader can see it: no traffic from a widget scrolled away or a hidden tab.
    const observer = new IntersectionObserver((entries) => {
      this.#inView = entries.some((entry) => entry.isIntersecting);
      if (this.#inView) void this.#readTable(signal);
    });
    observer.observe(this);
    signal.addEventListener('abort', () => observer.disconnect());
    const timer = setInterval(() => {
      if (this.#inView && document.visibilityState === 'visible') void this.#readTable(signal);
    }, TABLE_POLL_MS);
    signal.addEventListener('abort', () => clearInterval(timer));

    this.#showEndpoint();
    void this.#checkBackend(signal, 'load');
  }

  disconnectedCallback(): void {
    // These two connections belong to this widget: close them with it.
    for (const client of this.#clients) client.connection.close(1000);
    this.#lifetime?.abort();
    this.#lifetime = null;
  }

  #wireClient(client: Client, saved: Record<string, unknown>, signal: AbortSignal): void {
    const text = this.#text;
    const { connection, root, name } = client;
    const message = part(root, 'message', HTMLInputElement);
    message.value = savedText(saved, `message${name}`, message.value);

    connection.addEventListener('statechange', (event) => this.#showState(client, event.detail), { signal });
    connection.addEventListener(
      'open',
      () => {
        this.#setConnectionId(client, null);
        this.#log(client, 'event', text.opened);
        // API Gateway never tells a client its own id; the sample's whoami route does.
        if (connection.readyState === WebSocket.OPEN) connection.send(WHOAMI_REQUEST);
        // A backend started after the page loaded: look again, so the table appears.
        if (this.#backend?.kind !== 'emulator' && this.#backend?.kind !== 'deployed') void this.#checkBackend(signal);
      },
      { signal },
    );
    connection.addEventListener('sent', (event) => this.#log(client, 'sent', event.detail.data, undefined, event.detail.at), { signal });
    connection.addEventListener('message', (event) => this.#received(client, event.detail.data, event.detail.at, signal), { signal });
    connection.addEventListener(
      'close',
      (event) => {
        const { code, everOpened, closeRequested, at } = event.detail;
        this.#log(client, 'event', text.closed(code), undefined, at);
        if (!everOpened && !closeRequested) void this.#checkBackend(signal);
        // `$disconnect` deletes the row a moment after the close; the next reads show it go.
        void this.#readTable(signal);
      },
      { signal },
    );

    part(root, 'connect', HTMLButtonElement).addEventListener(
      'click',
      () => {
        const endpoint = currentEndpoint(this.dataset.defaultEndpoint ?? '');
        this.#log(client, 'event', `${text.connecting}: ${endpoint}`);
        try {
          connection.connect(endpoint);
        } catch (error) {
          this.#log(client, 'event', text.cannotConnect(error instanceof Error ? error.message : String(error)));
        }
      },
      { signal },
    );
    part(root, 'disconnect', HTMLButtonElement).addEventListener('click', () => connection.close(1000), { signal });
    part(root, 'broadcast-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        if (connection.readyState === WebSocket.OPEN) connection.send(broadcastRequest(message.value));
      },
      { signal },
    );
    message.addEventListener('input', () => saveWidgetState(STORAGE, { [`message${name}`]: message.value }), { signal });
    this.#showState(client, connection.url === null ? null : connection.readyState);
  }

  #received(client: Client, data: string, at: Date, signal: AbortSignal): void {
    const text = this.#text;
    const message = parseSampleMessage(data);
    let summary = data;
    switch (message.type) {
      case 'whoami':
        this.#setConnectionId(client, message.connectionId);
        summary = text.whoami(message.connectionId);
        void this.#readTable(signal);
        break;
      case 'broadcast':
        summary = text.broadcastFrom(this.#who(client, message.from), message.message);
        break;
      case 'broadcast-result':
        summary = text.broadcastResult(message.sent, message.removedStale.length);
        void this.#readTable(signal);
        break;
      case 'error':
        summary = text.error(message.error);
        break;
    }
    // Summaries only, so that two logs fit side by side; a message the sample did not send is shown whole.
    this.#log(client, 'received', summary, undefined, at);
  }

  /** Who a connection id is, from `client`'s point of view: itself, the other client, or someone else. */
  #who(client: Client, connectionId: string): string {
    if (connectionId === client.connectionId) return this.#text.self;
    const other = this.#clients.find((candidate) => candidate.connectionId === connectionId);
    return other ? other.name : `${this.#text.otherConnection} ${connectionId}`;
  }

  #setConnectionId(client: Client, connectionId: string | null): void {
    client.connectionId = connectionId;
    part(client.root, 'id', HTMLElement).textContent = connectionId ?? this.#text.idUnknown;
    this.#showLearnedIds();
  }

  #showState(client: Client, readyState: number | null): void {
    const text = this.#text;
    const state = part(client.root, 'state', HTMLElement);
    state.textContent = readyState === null ? text.notConnected : `${readyState} ${readyStateName(readyState)}`;
    state.dataset.state = readyState === null ? 'none' : String(readyState);
    const closed = readyState === null || readyState === WebSocket.CLOSED;
    const open = readyState === WebSocket.OPEN;
    const connect = part(client.root, 'connect', HTMLButtonElement);
    const disconnect = part(client.root, 'disconnect', HTMLButtonElement);
    const hadFocus = document.activeElement;
    connect.disabled = !closed;
    disconnect.disabled = !(open || readyState === WebSocket.CONNECTING);
    part(client.root, 'broadcast', HTMLButtonElement).disabled = !open;
    // A disabled button drops keyboard focus; hand it to the button that now makes sense.
    if (hadFocus instanceof HTMLButtonElement && client.root.contains(hadFocus) && hadFocus.disabled) {
      (closed ? connect : open ? disconnect : hadFocus).focus();
    }
    if (open) part(this, 'no-backend', HTMLElement).hidden = true;
  }

  #showEndpoint(): void {
    part(this, 'endpoint', HTMLElement).textContent = currentEndpoint(this.dataset.defaultEndpoint ?? '');
  }

  /** What is behind the endpoint, and so what the table area shows. As the page starts, it looks only where a backend is expected. */
  async #checkBackend(signal: AbortSignal, when: 'load' | 'asked' = 'asked'): Promise<void> {
    const check = ++this.#checks;
    const endpoint = currentEndpoint(this.dataset.defaultEndpoint ?? '');
    const backend = await detectBackend(endpoint, signal, when);
    let tableName: string | null = null;
    if (backend.kind === 'emulator') {
      const origin = emulatorOrigin(endpoint);
      tableName = origin ? connectionsTableOf(await fetchTableNames(origin, signal).catch(() => [])) : null;
    }
    if (signal.aborted || check !== this.#checks) return;
    this.#backend = backend;
    this.#tableName = tableName;
    this.#shownRows = '';

    const checking = part(this, 'checking', HTMLElement);
    checking.hidden = backend.kind !== 'unchecked';
    if (backend.kind === 'unchecked') checking.textContent = this.#text.unchecked;
    part(this, 'local', HTMLElement).hidden = backend.kind !== 'emulator';
    part(this, 'deployed', HTMLElement).hidden = backend.kind !== 'deployed';
    const anyOpen = this.#clients.some((client) => client.connection.readyState === WebSocket.OPEN);
    const notice = part(this, 'no-backend', HTMLElement);
    notice.hidden = backend.kind !== 'none' || anyOpen;
    if (!notice.hidden) {
      part(notice, 'no-backend-endpoint', HTMLElement).textContent = endpoint;
      part(this, 'transcript', HTMLDetailsElement).open = true;
    }
    if (backend.kind === 'emulator') {
      part(this, 'caption', HTMLElement).textContent = tableName ? this.#text.tableCaption(tableName) : this.#text.noTable;
      void this.#readTable(signal);
    }
    if (backend.kind === 'deployed') {
      part(this, 'deployed-note', HTMLElement).textContent = this.#text.deployedNote(deployedConnectionsTable(endpoint));
      this.#showLearnedIds();
    }
  }

  /** Reads the connection table from the emulator; one read at a time, with one more queued if asked meanwhile. */
  async #readTable(signal: AbortSignal): Promise<void> {
    const tableName = this.#tableName;
    const origin = emulatorOrigin(currentEndpoint(this.dataset.defaultEndpoint ?? ''));
    if (this.#backend?.kind !== 'emulator' || tableName === null || origin === null || signal.aborted) return;
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = true;
    try {
      const items = await fetchTableItems(origin, tableName, signal);
      if (signal.aborted) return;
      this.#showRows(connectionRows(items, Object.fromEntries(this.#clients.map((client) => [client.name, client.connectionId]))));
      part(this, 'refreshed-at', HTMLElement).textContent = this.#text.refreshedAt(formatTime(new Date()).slice(0, 8));
    } catch {
      if (signal.aborted) return;
      this.#shownRows = '';
      part(this, 'rows', HTMLElement).replaceChildren();
      part(this, 'table-summary', HTMLElement).textContent = this.#text.tableUnavailable;
    } finally {
      this.#reading = false;
      if (this.#readAgain && !signal.aborted) {
        this.#readAgain = false;
        void this.#readTable(signal);
      }
    }
  }

  #showRows(rows: ConnectionRow[]): void {
    const text = this.#text;
    const now = Date.now();
    // Redraw only on a change (minutes included, for the expiry countdown).
    const key = JSON.stringify([rows, Math.floor(now / 60_000)]);
    if (key === this.#shownRows) return;
    this.#shownRows = key;

    part(this, 'rows', HTMLElement).replaceChildren(...rows.map((row) => this.#rowElement(row, now)));
    const labels = rows.flatMap((row) => (row.client ? [row.client] : []));
    const summary = rows.length === 0 ? text.tableEmpty : text.rowsSummary(rows.length, labels, rows.length - labels.length);
    const status = part(this, 'table-summary', HTMLElement);
    // The status is announced on every change of its text, so it changes only when the rows do.
    if (status.textContent !== summary) status.textContent = summary;
  }

  #rowElement(row: ConnectionRow, now: number): HTMLTableRowElement {
    const text = this.#text;
    const tr = document.createElement('tr');
    if (row.client) tr.dataset.client = row.client;
    const header = document.createElement('th');
    header.scope = 'row';
    if (row.client) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.dataset.client = row.client;
      badge.textContent = row.client;
      header.append(badge);
    } else {
      const other = document.createElement('span');
      other.className = 'other';
      other.textContent = text.otherRow;
      header.append(other);
    }
    const id = document.createElement('code');
    id.textContent = row.connectionId;
    const connectedAt = row.connectedAt === null ? ['—'] : [row.connectedAt, formatTime(new Date(row.connectedAt))];
    const expiresAt =
      row.expiresAt === null
        ? ['—']
        : [row.expiresAt, `${formatTime(new Date(row.expiresAt * 1000)).slice(0, 8)} (${this.#expiresIn(row.expiresAt, now)})`];
    tr.append(header, cell(id), valueCell(connectedAt), valueCell(expiresAt), valueCell([row.broadcastCount ?? '—']));
    return tr;
  }

  #expiresIn(expiresAt: number, now: number): string {
    const { hours, minutes } = timeUntil(expiresAt, now);
    return this.#text.expiresIn(hours, minutes);
  }

  #showLearnedIds(): void {
    const list = part(this, 'learned-ids', HTMLUListElement);
    const known = this.#clients.filter((client) => client.connectionId !== null);
    if (known.length === 0) {
      const none = document.createElement('li');
      none.textContent = this.#text.deployedNone;
      list.replaceChildren(none);
      return;
    }
    list.replaceChildren(
      ...known.map((client) => {
        const item = document.createElement('li');
        item.textContent = `${client.name}: ${client.connectionId}`;
        return item;
      }),
    );
  }

  #log(client: Client, kind: 'sent' | 'received' | 'event', message: string, detail?: string, at?: Date): void {
    const text = this.#text;
    const markerName = { sent: text.sentMarker, received: text.receivedMarker, event: text.eventMarker }[kind];
    appendLogLine(part(client.root, 'log', HTMLOListElement), { kind, marker: markers[kind], markerName, text: message, detail, at });
  }
}

function cell(...content: Node[]): HTMLTableCellElement {
  const td = document.createElement('td');
  td.append(...content);
  return td;
}

/** A raw value as the table stores it, and under it the same value for people. */
function valueCell([raw, readable]: (string | number)[]): HTMLTableCellElement {
  const value = document.createElement('code');
  value.textContent = String(raw);
  if (readable === undefined) return cell(value);
  const note = document.createElement('span');
  note.className = 'muted';
  note.textContent = String(readable);
  return cell(value, document.createElement('br'), note);
}

customElements.define('apigw-two-clients', ApigwTwoClients);
