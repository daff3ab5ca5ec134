import { WebSocketConnection } from '../client/connection.ts';
import { loadSavedEndpoint, probeEndpoint, saveEndpoint } from '../client/endpoint.ts';
import { formatTime } from '../client/format-time.ts';
import { readyStateName } from '../client/ready-state.ts';
import { connectionPanelText, type ConnectionPanelText } from './connection-panel-text.ts';

type LogKind = 'sent' | 'received' | 'event';

/** Old entries are dropped past this, so a long session does not grow the page without bound. */
const maxLogEntries = 500;

const markers: Record<LogKind, string> = { sent: '→', received: '←', event: '•' };

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-connection-panel> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/** The browser half of ConnectionPanel.astro: wires the server-rendered controls to one WebSocketConnection. */
class ApigwConnectionPanel extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: ConnectionPanelText = connectionPanelText.ja;
  #connection: WebSocketConnection | null = null;
  /** Counts endpoint probes, so an answer to an older probe cannot overwrite a newer one. */
  #probeCount = 0;
  /** Set when a control the reader was using got disabled; focus moves to the next useful control. */
  #focusPending = false;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = connectionPanelText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const defaultEndpoint = this.dataset.defaultEndpoint ?? '';
    const endpoint = part(this, 'endpoint', HTMLInputElement);
    const message = part(this, 'message', HTMLTextAreaElement);
    const connection = new WebSocketConnection();
    this.#connection = connection;

    endpoint.value = loadSavedEndpoint() ?? endpoint.value;

    connection.addEventListener(
      'statechange',
      (event) => {
        this.#showState(event.detail);
        if (event.detail === WebSocket.OPEN) {
          this.#showNoBackend(null);
          this.#log('event', text.connected);
        }
      },
      { signal },
    );
    connection.addEventListener('sent', (event) => this.#log('sent', event.detail.data, event.detail.at), {
      signal,
    });
    connection.addEventListener(
      'message',
      (event) => {
        const { data, binary, at } = event.detail;
        this.#log('received', binary ? text.binary + data : data, at);
      },
      { signal },
    );
    connection.addEventListener(
      'close',
      (event) => {
        const { code, reason, everOpened, closeRequested, at } = event.detail;
        this.#log('event', text.closed(code, reason), at);
        // Closed before it ever opened, and not by the reader: find out whether anything is listening.
        if (!everOpened && !closeRequested) void this.#checkBackend(endpoint.value.trim(), signal, true);
      },
      { signal },
    );

    part(this, 'connect-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        const url = endpoint.value.trim();
        saveEndpoint(url, defaultEndpoint);
        this.#showNoBackend(null);
        this.#log('event', text.connecting(url));
        try {
          connection.connect(url);
        } catch (error) {
          this.#log('event', text.cannotConnect(error instanceof Error ? error.message : String(error)));
        }
      },
      { signal },
    );
    part(this, 'disconnect', HTMLButtonElement).addEventListener('click', () => connection.close(1000), { signal });
    this.querySelector<HTMLButtonElement>('[data-part="use-deployed"]')?.addEventListener(
      'click',
      (event) => {
        endpoint.value = (event.currentTarget as HTMLButtonElement).dataset.endpoint ?? endpoint.value;
        endpoint.dispatchEvent(new Event('change'));
      },
      { signal },
    );
    part(this, 'send-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        if (connection.readyState === WebSocket.OPEN) connection.send(message.value);
      },
      { signal },
    );
    message.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          part(this, 'send-form', HTMLFormElement).requestSubmit();
        }
      },
      { signal },
    );
    endpoint.addEventListener(
      'change',
      () => {
        saveEndpoint(endpoint.value.trim(), defaultEndpoint);
        this.#showNoBackend(null);
        void this.#checkBackend(endpoint.value.trim(), signal, false);
      },
      { signal },
    );

    this.#showState(null);
    // Tell the reader before they click if nothing is listening; Connect stays available either way.
    void this.#checkBackend(endpoint.value, signal, false);
  }

  disconnectedCallback(): void {
    this.#connection?.close(1000);
    this.#connection = null;
    // Removes every listener added in connectedCallback and cancels a probe in flight.
    this.#lifetime?.abort();
    this.#lifetime = null;
  }

  /** Shows readyState (null: never connected) and enables only the controls that work in it. */
  #showState(readyState: number | null): void {
    const text = this.#text;
    const state = part(this, 'state', HTMLElement);
    state.textContent = readyState === null ? text.notConnected : `${readyState} ${readyStateName(readyState)}`;
    state.dataset.state = readyState === null ? 'none' : String(readyState);

    const closed = readyState === null || readyState === WebSocket.CLOSED;
    const open = readyState === WebSocket.OPEN;
    const connect = part(this, 'connect', HTMLButtonElement);
    const disconnect = part(this, 'disconnect', HTMLButtonElement);
    const send = part(this, 'send', HTMLButtonElement);
    const message = part(this, 'message', HTMLTextAreaElement);
    const wasFocused = document.activeElement;

    connect.disabled = !closed;
    const useDeployed = this.querySelector<HTMLButtonElement>('[data-part="use-deployed"]');
    if (useDeployed) useDeployed.disabled = !closed;
    disconnect.disabled = !(open || readyState === WebSocket.CONNECTING);
    send.disabled = !open;
    // The endpoint only matters for the next connection; locking it avoids suggesting otherwise.
    part(this, 'endpoint', HTMLInputElement).readOnly = !closed;

    const next = closed ? connect : open ? message : readyState === WebSocket.CONNECTING ? disconnect : null;
    this.#keepFocus(wasFocused, next);
  }

  /**
   * A disabled button drops keyboard focus to <body>. When that happens to the control the
   * reader was on, move focus to the control that makes sense next (once one is enabled).
   */
  #keepFocus(wasFocused: Element | null, next: HTMLElement | null): void {
    if (wasFocused instanceof HTMLButtonElement && this.contains(wasFocused) && wasFocused.disabled) {
      this.#focusPending = true;
    } else if (wasFocused !== null && wasFocused !== document.body) {
      this.#focusPending = false;
    }
    if (this.#focusPending && next !== null) {
      next.focus();
      this.#focusPending = false;
    }
  }

  /** Probes the endpoint over HTTP; shows the notice if nothing answered. */
  async #checkBackend(url: string, signal: AbortSignal, afterFailedAttempt: boolean): Promise<void> {
    const probe = ++this.#probeCount;
    const answered = await probeEndpoint(url, signal);
    const connection = this.#connection;
    if (signal.aborted || probe !== this.#probeCount || connection === null) return;
    // A connection made meanwhile is the better answer.
    if (connection.readyState !== WebSocket.CLOSED) return;
    if (!answered) this.#showNoBackend(url);
    else if (afterFailedAttempt) this.#log('event', this.#text.refused);
  }

  /** Shows the no-backend notice for `url`, or hides it when `url` is null. */
  #showNoBackend(url: string | null): void {
    const notice = part(this, 'no-backend', HTMLElement);
    if (url !== null) part(notice, 'no-backend-endpoint', HTMLElement).textContent = url;
    notice.hidden = url === null;
  }

  /** Appends one log line. Network text goes in through textContent only, never parsed as HTML. */
  #log(kind: LogKind, message: string, at = new Date()): void {
    const text = this.#text;
    const log = part(this, 'log', HTMLOListElement);
    const stickToBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;

    const entry = document.createElement('li');
    entry.dataset.kind = kind;
    const time = document.createElement('time');
    time.dateTime = at.toISOString();
    time.textContent = formatTime(at);
    const direction = document.createElement('span');
    direction.className = 'log-dir';
    const marker = document.createElement('span');
    marker.setAttribute('aria-hidden', 'true');
    marker.textContent = markers[kind];
    // The arrow alone would leave screen-reader users guessing; say the direction in words.
    const markerName = document.createElement('span');
    markerName.className = 'visually-hidden';
    markerName.textContent = { sent: text.sentMarker, received: text.receivedMarker, event: text.eventMarker }[kind];
    direction.append(marker, markerName);
    const body = document.createElement('span');
    body.className = 'log-text';
    body.textContent = message;
    entry.append(time, direction, body);
    log.append(entry);

    while (log.childElementCount > maxLogEntries) log.firstElementChild?.remove();
    // Follow new entries unless the reader scrolled up to read older ones.
    if (stickToBottom) log.scrollTop = log.scrollHeight;
  }
}

customElements.define('apigw-connection-panel', ApigwConnectionPanel);
