import { detectBackend } from '../client/backend-kind.ts';
import { explainClose } from '../client/close-codes.ts';
import { parseSubprotocols, urlWithQuery, wscatCommand } from '../client/connect-options.ts';
import { sharedConnection, type CloseDetail, type OpenDetail, type WebSocketConnection } from '../client/connection.ts';
import { ENDPOINT_CHANGED_EVENT, loadSavedEndpoint, saveEndpoint, validateEndpoint } from '../client/endpoint.ts';
import { formatClock, formatGap } from '../client/format-duration.ts';
import { checkSize, FRAME_LIMIT_BYTES, formatBytes, utf8Bytes } from '../client/message-size.ts';
import { billedMessagesPer } from '../client/pricing.ts';
import { readyStateName } from '../client/ready-state.ts';
import { ConnectionPanelLog } from './connection-panel-log.ts';
import { part } from './connection-panel-part.ts';
import { forgetPanelState, loadPanelState, savePanelState } from './connection-panel-state.ts';
import { connectionPanelText, type ConnectionPanelText } from './connection-panel-text.ts';

/** Automatic reconnecting waits 1, 2, 4 … up to 30 seconds between attempts, and gives up after this many. */
const maxReconnectAttempts = 8;

/**
 * Which panel started the connection's current socket. Several panels on one page can watch the
 * same shared connection; only the one that connected sends whoami, explains a refusal and reconnects.
 */
const attemptOwners = new WeakMap<WebSocketConnection, ApigwConnectionPanel>();

/** The connectionId a message names, if it is JSON with one (whoami, echo, error frames). */
function connectionIdIn(data: string): string | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const id = (value as Record<string, unknown>).connectionId;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

/** The browser half of ConnectionPanel.astro: wires the server-rendered controls to one shared WebSocketConnection. */
class ApigwConnectionPanel extends HTMLElement {
  #lifetime: AbortController | null = null;
  #lang: 'ja' | 'en' = 'ja';
  #text: ConnectionPanelText = connectionPanelText.ja;
  #connection: WebSocketConnection | null = null;
  #panelId = '';
  /** Counts endpoint probes, so an answer to an older probe cannot overwrite a newer one. */
  #probeCount = 0;
  /** Set when a control the reader was using got disabled; focus moves to the next useful control. */
  #focusPending = false;
  /** Subprotocols offered in this panel's latest attempt, to explain a refused handshake. */
  #offered: string[] = [];
  #reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  /** Attempts in the current run of automatic reconnects; 0 when none is running. */
  #reconnectAttempt = 0;
  #clock: ReturnType<typeof setInterval> | null = null;
  #connectionId: string | null = null;
  #earlierIds: string[] = [];
  #log: ConnectionPanelLog | null = null;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    this.#lang = this.dataset.lang === 'en' ? 'en' : 'ja';
    const text = connectionPanelText[this.#lang];
    this.#text = text;
    const defaultEndpoint = this.dataset.defaultEndpoint ?? '';
    const initialMessage = this.dataset.initialMessage ?? '';
    const endpoint = part(this, 'endpoint', HTMLInputElement);
    const query = part(this, 'query', HTMLInputElement);
    const subprotocol = part(this, 'subprotocol', HTMLInputElement);
    const autoReconnect = part(this, 'auto-reconnect', HTMLInputElement);
    const message = part(this, 'message', HTMLTextAreaElement);
    const pretty = part(this, 'pretty-json', HTMLInputElement);
    const log = new ConnectionPanelLog(this, text, signal);
    this.#log = log;
    const connection = sharedConnection(this.dataset.connection ?? 'A');
    this.#connection = connection;
    const panels = [...document.querySelectorAll('apigw-connection-panel')];
    this.#panelId = `${location.pathname}#${panels.indexOf(this)}`;

    // Restore what the reader had. Fields without a saved value keep what they hold: the server's
    // default, or what the reader typed before this script ran.
    endpoint.value = loadSavedEndpoint() ?? endpoint.value;
    const saved = loadPanelState(this.#panelId);
    if (saved.message !== undefined) message.value = saved.message;
    if (saved.query !== undefined) query.value = saved.query;
    if (saved.subprotocol !== undefined) subprotocol.value = saved.subprotocol;
    if (saved.autoReconnect !== undefined) autoReconnect.checked = saved.autoReconnect;
    if (saved.prettyJson !== undefined) pretty.checked = saved.prettyJson;

    connection.addEventListener(
      'statechange',
      (event) => {
        this.#showState(event.detail);
        if (event.detail === WebSocket.OPEN) this.#showNoBackend(null);
      },
      { signal },
    );
    connection.addEventListener('open', (event) => this.#opened(event.detail), { signal });
    connection.addEventListener('sent', (event) => log.frame('sent', event.detail.data, event.detail.at), { signal });
    connection.addEventListener(
      'message',
      (event) => {
        const { data, binary, at } = event.detail;
        log.frame('received', data, at, binary ? text.binary : '');
        const id = connectionIdIn(data);
        if (id !== null) this.#showConnectionId(id);
      },
      { signal },
    );
    connection.addEventListener('close', (event) => this.#closed(event.detail), { signal });

    part(this, 'connect-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        // The reader's own Connect starts afresh: no automatic attempt is pending any more.
        this.#cancelReconnect();
        this.#connect();
      },
      { signal },
    );
    part(this, 'disconnect', HTMLButtonElement).addEventListener(
      'click',
      () => {
        this.#cancelReconnect();
        connection.close(1000);
      },
      { signal },
    );
    this.querySelector<HTMLButtonElement>('[data-part="use-deployed"]')?.addEventListener(
      'click',
      (event) => {
        endpoint.value = (event.currentTarget as HTMLButtonElement).dataset.endpoint ?? endpoint.value;
        endpoint.dispatchEvent(new Event('change'));
      },
      { signal },
    );
    endpoint.addEventListener(
      'change',
      () => {
        this.#showNoBackend(null);
        const check = this.#checkEndpoint(true);
        if (check === null) return;
        saveEndpoint(endpoint.value.trim(), defaultEndpoint);
        void this.#checkBackend(check, signal, 'chosen');
      },
      { signal },
    );
    endpoint.addEventListener(
      'input',
      () => {
        // Clear an error as soon as the reader fixes it; new errors wait for change or Connect.
        if (endpoint.getAttribute('aria-invalid') === 'true') this.#checkEndpoint(true);
        this.#showWscat();
      },
      { signal },
    );
    // Another widget or panel on the page chose an endpoint: follow it while nothing is connected here.
    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      (event) => {
        const chosen = (event as CustomEvent<string>).detail;
        if (chosen !== endpoint.value.trim() && !endpoint.readOnly && document.activeElement !== endpoint) {
          endpoint.value = chosen;
          this.#checkEndpoint(true);
          this.#showWscat();
        }
      },
      { signal },
    );
    for (const [input, key] of [
      [query, 'query'],
      [subprotocol, 'subprotocol'],
    ] as const) {
      input.addEventListener(
        'input',
        () => {
          savePanelState(this.#panelId, { [key]: input.value });
          if (key === 'subprotocol' && subprotocol.getAttribute('aria-invalid') === 'true') this.#checkSubprotocols(true);
          this.#showWscat();
        },
        { signal },
      );
    }
    subprotocol.addEventListener('change', () => this.#checkSubprotocols(true), { signal });
    autoReconnect.addEventListener(
      'change',
      () => {
        savePanelState(this.#panelId, { autoReconnect: autoReconnect.checked });
        if (!autoReconnect.checked) this.#cancelReconnect();
      },
      { signal },
    );

    part(this, 'copy-wscat', HTMLButtonElement).addEventListener('click', (event) => void this.#copyWscat(event), {
      signal,
    });

    for (const preset of this.querySelectorAll<HTMLButtonElement>('[data-part="preset"]')) {
      preset.addEventListener(
        'click',
        () => {
          message.value = preset.dataset.message ?? '';
          message.dispatchEvent(new Event('input'));
          message.focus();
        },
        { signal },
      );
    }
    message.addEventListener(
      'input',
      () => {
        savePanelState(this.#panelId, { message: message.value });
        this.#showMeter();
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

    pretty.addEventListener('change', () => savePanelState(this.#panelId, { prettyJson: pretty.checked }), { signal });

    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        this.#cancelReconnect();
        message.value = initialMessage;
        query.value = '';
        subprotocol.value = '';
        autoReconnect.checked = false;
        log.reset();
        forgetPanelState(this.#panelId);
        this.#checkSubprotocols(true);
        this.#showMeter();
        this.#showWscat();
        this.#announce(text.resetDone);
      },
      { signal },
    );

    // Controls that need the script start disabled in the server markup.
    for (const control of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>(
      '[data-part="preset"], [data-part="filter"], [data-part="pretty-json"], [data-part="clear"], [data-part="reset"]',
    )) {
      control.disabled = false;
    }
    part(this, 'copy-wscat', HTMLButtonElement).hidden = false;

    this.#showMeter();
    this.#showWscat();
    this.#showState(connection.url === null ? null : connection.readyState);
    // Tell the reader before they click if nothing is listening where a backend is expected;
    // Connect stays available either way.
    const check = this.#checkEndpoint(true);
    if (check !== null) void this.#checkBackend(check, signal, 'load');
  }

  disconnectedCallback(): void {
    this.#cancelReconnect();
    this.#stopClock();
    this.#connection?.close(1000);
    this.#connection = null;
    // Removes every listener added in connectedCallback and cancels a probe in flight.
    this.#lifetime?.abort();
    this.#lifetime = null;
  }

  /** Opens a socket with the endpoint, query string and subprotocols in the form; false if they are not usable. */
  #connect(): boolean {
    const connection = this.#connection;
    if (connection === null) return false;
    const text = this.#text;
    const endpointUrl = this.#checkEndpoint(true);
    const protocols = this.#checkSubprotocols(true);
    if (endpointUrl === null || protocols === null) {
      this.#focusInvalid();
      return false;
    }
    const url = urlWithQuery(endpointUrl, part(this, 'query', HTMLInputElement).value);
    saveEndpoint(part(this, 'endpoint', HTMLInputElement).value.trim(), this.dataset.defaultEndpoint ?? '');
    this.#showNoBackend(null);
    this.#offered = protocols;
    this.#log?.event(protocols.length > 0 ? text.connectingWith(url, protocols.join(', ')) : text.connecting(url));
    try {
      connection.connect(url, protocols.length > 0 ? protocols : undefined);
      attemptOwners.set(connection, this);
      return true;
    } catch (error) {
      this.#log?.event(text.cannotConnect(error instanceof Error ? error.message : String(error)));
      return false;
    }
  }

  #ownsAttempt(): boolean {
    return this.#connection !== null && attemptOwners.get(this.#connection) === this;
  }

  #opened(detail: OpenDetail): void {
    const text = this.#text;
    const handshake = formatGap(detail.handshakeMs);
    part(this, 'handshake', HTMLElement).textContent = handshake;
    part(this, 'accepted-subprotocol', HTMLElement).textContent = detail.protocol || text.noSubprotocol;
    this.#log?.event(text.connectedIn(handshake, detail.protocol), detail.at);
    this.#log?.startConnection();
    this.#reconnectAttempt = 0;
    if (this.#connectionId !== null) this.#earlierIds.push(this.#connectionId);
    this.#connectionId = null;
    part(this, 'connection-id', HTMLElement).textContent = text.connectionIdUnknown;
    this.#startClock();
    // API Gateway never tells a client its connectionId; the sample's whoami route does.
    if (this.#ownsAttempt() && part(this, 'auto-reconnect', HTMLInputElement).checked) {
      try {
        this.#connection?.send('{"action":"whoami"}');
      } catch {
        // Closed again already: the close handler takes it from here.
      }
    }
  }

  #closed(detail: CloseDetail): void {
    const text = this.#text;
    const { code, reason, everOpened, closeRequested, at } = detail;
    this.#stopClock();
    const explanation = explainClose(this.#lang, { code, requested: closeRequested, everOpened });
    this.#log?.event(`${text.closed(code, reason)}\n${explanation}`, at);
    this.#showClose(text.closed(code, reason), explanation);
    if (!this.#ownsAttempt()) return;
    // Closed before it ever opened, and not by the reader: find out whether anything is listening.
    const endpoint = this.#checkEndpoint(false);
    if (!everOpened && !closeRequested && endpoint !== null) void this.#checkBackend(endpoint, this.#lifetime?.signal, 'failed');
    const wanted = part(this, 'auto-reconnect', HTMLInputElement).checked && !closeRequested;
    // Reconnect after a connection that was up, and keep trying while a run of attempts is going.
    if (wanted && (everOpened || this.#reconnectAttempt > 0)) this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const text = this.#text;
    this.#cancelReconnect(false);
    const attempt = this.#reconnectAttempt + 1;
    if (attempt > maxReconnectAttempts) {
      this.#log?.event(text.reconnectGaveUp(maxReconnectAttempts));
      this.#reconnectAttempt = 0;
      return;
    }
    this.#reconnectAttempt = attempt;
    const seconds = Math.min(30, 2 ** (attempt - 1));
    this.#log?.event(text.reconnectIn(seconds, attempt));
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = null;
      const connection = this.#connection;
      // Someone connected meanwhile (the reader, or another panel): nothing to do.
      if (connection === null || connection.readyState !== WebSocket.CLOSED) return;
      if (!part(this, 'auto-reconnect', HTMLInputElement).checked) return;
      if (!this.#connect()) this.#reconnectAttempt = 0;
    }, seconds * 1000);
  }

  /** Stops a pending automatic reconnect; `endRun` also forgets how many attempts were made. */
  #cancelReconnect(endRun = true): void {
    if (this.#reconnectTimer !== null) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    if (endRun) this.#reconnectAttempt = 0;
  }

  #startClock(): void {
    this.#stopClock();
    const tick = () => {
      const openedAt = this.#connection?.openedAt;
      if (!openedAt) return;
      part(this, 'connected-for', HTMLElement).textContent = formatClock(Date.now() - openedAt.getTime());
    };
    tick();
    this.#clock = setInterval(tick, 1000);
  }

  /** Stops the clock; the last reading stays, so the reader can see how long the connection lasted. */
  #stopClock(): void {
    if (this.#clock !== null) clearInterval(this.#clock);
    this.#clock = null;
  }

  #showConnectionId(id: string): void {
    if (id === this.#connectionId) return;
    const previous = this.#connectionId ?? this.#earlierIds.at(-1) ?? null;
    this.#connectionId = id;
    part(this, 'connection-id', HTMLElement).textContent = id;
    const earlier = this.#earlierIds.filter((earlierId) => earlierId !== id);
    part(this, 'earlier-ids', HTMLElement).textContent = earlier.join(', ');
    part(this, 'earlier-ids-wrap', HTMLElement).hidden = earlier.length === 0;
    this.#log?.event(this.#text.newConnectionId(id, previous === id ? null : previous));
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
    // The endpoint and options only matter for the next connection; locking them avoids suggesting otherwise.
    for (const name of ['endpoint', 'query', 'subprotocol']) part(this, name, HTMLInputElement).readOnly = !closed;

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

  /** The endpoint as a usable URL, or null; `show` marks the field and says what is wrong. */
  #checkEndpoint(show: boolean): string | null {
    const text = this.#text;
    const input = part(this, 'endpoint', HTMLInputElement);
    const check = validateEndpoint(input.value);
    if (show) {
      const problem = check.ok ? '' : check.problem === 'not-a-url' ? text.notAUrl : text.notWebSocket;
      part(this, 'endpoint-error', HTMLElement).textContent = problem;
      input.setAttribute('aria-invalid', String(!check.ok));
    }
    return check.ok ? check.url : null;
  }

  /** The subprotocols in the form (maybe none), or null if one is not a valid name; `show` says which. */
  #checkSubprotocols(show: boolean): string[] | null {
    const input = part(this, 'subprotocol', HTMLInputElement);
    const check = parseSubprotocols(input.value);
    if (show) {
      part(this, 'subprotocol-error', HTMLElement).textContent = check.ok ? '' : this.#text.badSubprotocol(check.invalid);
      input.setAttribute('aria-invalid', String(!check.ok));
    }
    return check.ok ? check.protocols : null;
  }

  #focusInvalid(): void {
    this.querySelector<HTMLInputElement>('input[aria-invalid="true"]')?.focus();
  }

  /** The wscat command for what Connect would open now. */
  #showWscat(): void {
    const endpoint = part(this, 'endpoint', HTMLInputElement).value.trim();
    const checked = validateEndpoint(endpoint);
    let url = checked.ok ? checked.url : endpoint;
    try {
      if (checked.ok) url = urlWithQuery(checked.url, part(this, 'query', HTMLInputElement).value);
    } catch {
      // A query the URL parser rejects: show the endpoint alone.
    }
    const protocols = parseSubprotocols(part(this, 'subprotocol', HTMLInputElement).value);
    part(this, 'wscat', HTMLElement).textContent = wscatCommand(url, protocols.ok ? protocols.protocols : []);
  }

  async #copyWscat(event: Event): Promise<void> {
    const button = event.currentTarget as HTMLButtonElement;
    const text = this.#text;
    let result: string;
    try {
      await navigator.clipboard.writeText(part(this, 'wscat', HTMLElement).textContent ?? '');
      result = text.copied;
    } catch {
      result = text.copyFailed;
    }
    button.textContent = result;
    this.#announce(result);
    setTimeout(() => {
      button.textContent = text.copy;
    }, 2000);
  }

  /** The size of the message being edited, against the 32 KB a browser can send in one frame. */
  #showMeter(): void {
    const text = this.#text;
    const bytes = utf8Bytes(part(this, 'message', HTMLTextAreaElement).value);
    const size = checkSize(bytes, 'sent');
    // The limit first: a message API Gateway refuses with 1009 is never one it bills.
    part(this, 'meter-size', HTMLElement).textContent =
      size.over === null
        ? text.meter(bytes, formatBytes(bytes), formatBytes(FRAME_LIMIT_BYTES), billedMessagesPer(bytes))
        : text.meterOver(bytes, formatBytes(bytes), formatBytes(FRAME_LIMIT_BYTES));
    part(this, 'meter', HTMLElement).dataset.over = size.over ?? 'none';
    part(this, 'meter-warning', HTMLElement).hidden = size.over === null;
    part(this, 'meter-warning-text', HTMLElement).textContent =
      size.over === 'message' ? `${text.overFrame} ${text.overMessage}` : text.overFrame;
  }

  #showClose(summary: string, explanation: string): void {
    part(this, 'close-summary', HTMLElement).textContent = summary;
    part(this, 'close-explanation', HTMLElement).textContent = explanation;
    part(this, 'close-info', HTMLElement).hidden = false;
    this.#announce(`${summary} ${explanation}`);
  }

  #announce(words: string): void {
    part(this, 'announce', HTMLElement).textContent = words;
  }

  /**
   * Probes the endpoint over HTTP; shows the notice if nothing answered, or explains a refusal if
   * something did. `when`: as the page starts (only where a backend is expected), after the reader
   * chose an endpoint, or after a connection attempt failed.
   */
  async #checkBackend(url: string, signal: AbortSignal | undefined, when: 'load' | 'chosen' | 'failed'): Promise<void> {
    const probe = ++this.#probeCount;
    const { kind } = await detectBackend(url, signal, when === 'load' ? 'load' : 'asked');
    const connection = this.#connection;
    if (signal?.aborted || probe !== this.#probeCount || connection === null) return;
    // A connection made meanwhile is the better answer.
    if (connection.readyState !== WebSocket.CLOSED) return;
    if (kind === 'none') {
      this.#showNoBackend(url);
      return;
    }
    if (when !== 'failed') return;
    const text = this.#text;
    const why = this.#offered.length > 0 ? text.subprotocolRefused(this.#offered.join(', ')) : text.refused;
    this.#log?.event(why);
    part(this, 'close-explanation', HTMLElement).textContent = why;
    this.#announce(why);
  }

  /** Shows the no-backend notice for `url`, or hides it when `url` is null. */
  #showNoBackend(url: string | null): void {
    const notice = part(this, 'no-backend', HTMLElement);
    if (url !== null) part(notice, 'no-backend-endpoint', HTMLElement).textContent = url;
    notice.hidden = url === null;
    // The recorded example shows what the reader would have seen.
    if (url !== null) part(this, 'transcript', HTMLDetailsElement).open = true;
  }
}

customElements.define('apigw-connection-panel', ApigwConnectionPanel);
