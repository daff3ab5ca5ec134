import { detectBackend, type BackendKind } from '../client/backend-kind.ts';
import { sharedConnection, type WebSocketConnection } from '../client/connection.ts';
import { currentEndpoint, ENDPOINT_CHANGED_EVENT } from '../client/endpoint.ts';
import { appendLogLine } from '../client/message-log.ts';
import { managementEndpointOf, postToConnectionCommand } from '../client/post-to-connection-command.ts';
import { readyStateName } from '../client/ready-state.ts';
import { broadcastRequest, parseSampleMessage, PUSH_REQUEST, WHOAMI_REQUEST } from '../client/sample-messages.ts';
import { forgetWidgetState, loadWidgetState, savedText, saveWidgetState } from '../client/widget-storage.ts';
import { serverPushText, type ServerPushText } from './server-push-text.ts';
import { fetchFrom } from '../client/network.ts';

/** localStorage: `apigw-tutorial:server-push` keeps the broadcast message and the CLI data. */
const STORAGE = 'server-push';

const markers = { sent: '→', received: '←', event: '•' } as const;

function part<T extends Element>(root: ParentNode, name: string, type: { new (): T; prototype: T }): T {
  const element = root.querySelector(`[data-part="${name}"]`);
  if (!(element instanceof type)) throw new Error(`<apigw-server-push> has no ${type.name} [data-part="${name}"]`);
  return element;
}

/**
 * The browser half of ServerPush.astro. Watches the page's shared connection (A by default) and
 * never opens one of its own: the lesson's connection panel connects and disconnects it.
 */
class ApigwServerPush extends HTMLElement {
  #lifetime: AbortController | null = null;
  #text: ServerPushText = serverPushText.ja;
  #connection: WebSocketConnection | null = null;
  /** The connection's id as whoami told it; kept after a close, so that posting to it shows the 410. */
  #connectionId: string | null = null;
  /** What answers at the endpoint; null until the first check comes back. */
  #backend: BackendKind | null = null;
  /** Counts backend checks, so an answer to an older one cannot overwrite a newer one. */
  #checks = 0;

  connectedCallback(): void {
    this.#lifetime = new AbortController();
    const { signal } = this.#lifetime;
    const text = serverPushText[this.dataset.lang === 'en' ? 'en' : 'ja'];
    this.#text = text;
    const connection = sharedConnection(this.dataset.connection ?? 'A');
    this.#connection = connection;
    const broadcastMessage = part(this, 'broadcast-message', HTMLInputElement);
    const data = part(this, 'data', HTMLInputElement);

    const saved = loadWidgetState(STORAGE);
    broadcastMessage.value = savedText(saved, 'broadcastMessage', broadcastMessage.value);
    data.value = savedText(saved, 'data', data.value);

    connection.addEventListener('statechange', (event) => this.#showState(event.detail), { signal });
    connection.addEventListener(
      'open',
      () => {
        // A new connection has a new id, which API Gateway never tells the client: ask the backend.
        this.#setConnectionId(null, false);
        this.#log('event', text.opened);
        this.#send(WHOAMI_REQUEST);
        void this.#checkBackend(signal);
      },
      { signal },
    );
    connection.addEventListener('sent', (event) => this.#log('sent', event.detail.data, undefined, event.detail.at), { signal });
    connection.addEventListener('message', (event) => this.#received(event.detail.data, event.detail.at), { signal });
    connection.addEventListener(
      'close',
      (event) => {
        const { code, everOpened, closeRequested, at } = event.detail;
        if (everOpened) this.#log('event', text.closed(code), undefined, at);
        this.#setConnectionId(this.#connectionId, false);
        if (!everOpened && !closeRequested) void this.#checkBackend(signal);
      },
      { signal },
    );
    window.addEventListener(
      ENDPOINT_CHANGED_EVENT,
      () => {
        if (connection.readyState === WebSocket.CLOSED) void this.#checkBackend(signal);
      },
      { signal },
    );

    part(this, 'push', HTMLButtonElement).addEventListener('click', () => this.#send(PUSH_REQUEST), { signal });
    part(this, 'broadcast-form', HTMLFormElement).addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        this.#send(broadcastRequest(broadcastMessage.value));
      },
      { signal },
    );
    broadcastMessage.addEventListener('input', () => saveWidgetState(STORAGE, { broadcastMessage: broadcastMessage.value }), { signal });
    data.addEventListener(
      'input',
      () => {
        saveWidgetState(STORAGE, { data: data.value });
        this.#showCommand();
      },
      { signal },
    );
    part(this, 'copy', HTMLButtonElement).addEventListener('click', () => void this.#copyCommand(signal), { signal });
    part(this, 'post', HTMLButtonElement).addEventListener('click', () => void this.#post(signal), { signal });
    part(this, 'reset', HTMLButtonElement).addEventListener(
      'click',
      () => {
        forgetWidgetState(STORAGE);
        broadcastMessage.value = text.defaultBroadcast;
        data.value = text.defaultData;
        part(this, 'log', HTMLOListElement).replaceChildren();
        const result = part(this, 'post-result', HTMLElement);
        result.replaceChildren();
        delete result.dataset.outcome;
        this.#showCommand();
        part(this, 'reset-status', HTMLElement).textContent = text.resetDone;
      },
      { signal },
    );

    this.#showState(connection.url === null ? null : connection.readyState);
    this.#showCommand();
    if (connection.readyState === WebSocket.OPEN) this.#send(WHOAMI_REQUEST);
    void this.#checkBackend(signal, 'load');
  }

  disconnectedCallback(): void {
    // The connection belongs to the page, not to this widget: leave it open, only stop listening.
    this.#lifetime?.abort();
    this.#lifetime = null;
    this.#connection = null;
  }

  /** The endpoint of the current (or last) connection, else the one the reader chose. */
  #endpoint(): string {
    return this.#connection?.url ?? currentEndpoint(this.dataset.defaultEndpoint ?? '');
  }

  #send(message: string): void {
    const connection = this.#connection;
    if (connection?.readyState === WebSocket.OPEN) connection.send(message);
  }

  #received(data: string, at: Date): void {
    const text = this.#text;
    const message = parseSampleMessage(data);
    let summary = data;
    switch (message.type) {
      case 'whoami':
        this.#setConnectionId(message.connectionId, true);
        summary = text.whoami(message.connectionId);
        break;
      case 'push':
        summary = text.push(message.n, message.of);
        break;
      case 'broadcast':
        summary = message.from === this.#connectionId ? text.broadcastFromYou(message.message) : text.broadcastFrom(message.from, message.message);
        break;
      case 'broadcast-result':
        summary = text.broadcastResult(message.sent, message.removedStale.length);
        break;
      case 'error':
        summary = text.error(message.error);
        break;
      case 'echo':
        summary = text.echo(message.echo);
        break;
    }
    this.#log('received', summary, data, at);
    part(this, 'arrived-status', HTMLElement).textContent = text.arrivedStatus(summary);
  }

  #setConnectionId(connectionId: string | null, open: boolean): void {
    this.#connectionId = connectionId;
    part(this, 'connection-id', HTMLElement).textContent = connectionId ?? this.#text.idUnknown;
    part(this, 'id-closed', HTMLElement).hidden = connectionId === null || open;
    this.#showCommand();
  }

  /** Shows readyState (null: never connected) and enables what works in it. */
  #showState(readyState: number | null): void {
    const text = this.#text;
    const state = part(this, 'state', HTMLElement);
    state.textContent = readyState === null ? text.notConnected : `${readyState} ${readyStateName(readyState)}`;
    state.dataset.state = readyState === null ? 'none' : String(readyState);
    const open = readyState === WebSocket.OPEN;
    part(this, 'push', HTMLButtonElement).disabled = !open;
    part(this, 'broadcast', HTMLButtonElement).disabled = !open;
    part(this, 'connect-first', HTMLElement).hidden = open;
    if (open) part(this, 'no-backend', HTMLElement).hidden = true;
  }

  /** Fills the CLI command in, and shows what only the emulator allows (a POST from the page). */
  #showCommand(): void {
    const text = this.#text;
    const endpoint = this.#endpoint();
    const backend = this.#backend?.kind;
    // Until a check answers (or when nothing does), guess from the host: the emulator only ever runs on this machine.
    const local = backend === 'emulator' || (backend !== 'deployed' && /^ws:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(endpoint));
    let command = '';
    try {
      command = postToConnectionCommand({
        endpoint,
        connectionId: this.#connectionId ?? text.idPlaceholder,
        data: part(this, 'data', HTMLInputElement).value,
        local,
      });
    } catch {
      // Not a URL (the reader is still typing one in the panel): keep the last command.
      command = part(this, 'command', HTMLElement).textContent ?? '';
    }
    part(this, 'command', HTMLElement).textContent = command;
    part(this, 'copy', HTMLButtonElement).disabled = this.#connectionId === null;
    part(this, 'cli-note', HTMLElement).textContent = local ? text.localCliNote : text.deployedCliNote;
    part(this, 'local-post', HTMLElement).hidden = backend !== 'emulator';
    part(this, 'deployed-note', HTMLElement).hidden = backend !== 'deployed';
    part(this, 'post', HTMLButtonElement).disabled = backend !== 'emulator' || this.#connectionId === null;
  }

  /** What is behind the endpoint: it decides which way of posting the widget offers. As the page starts, it looks only where a backend is expected. */
  async #checkBackend(signal: AbortSignal, when: 'load' | 'asked' = 'asked'): Promise<void> {
    const check = ++this.#checks;
    const endpoint = this.#endpoint();
    const backend = await detectBackend(endpoint, signal, when);
    if (signal.aborted || check !== this.#checks) return;
    this.#backend = backend;
    const notice = part(this, 'no-backend', HTMLElement);
    const open = this.#connection?.readyState === WebSocket.OPEN;
    notice.hidden = backend.kind !== 'none' || open;
    if (!notice.hidden) {
      part(notice, 'no-backend-endpoint', HTMLElement).textContent = endpoint;
      part(this, 'transcript', HTMLDetailsElement).open = true;
    }
    this.#showCommand();
  }

  async #copyCommand(signal: AbortSignal): Promise<void> {
    const text = this.#text;
    const button = part(this, 'copy', HTMLButtonElement);
    const status = part(this, 'copy-status', HTMLElement);
    let said: string;
    try {
      await navigator.clipboard.writeText(part(this, 'command', HTMLElement).textContent ?? '');
      said = text.copied;
    } catch {
      said = text.copyFailed;
    }
    if (signal.aborted) return;
    button.textContent = said;
    status.textContent = said;
    setTimeout(() => {
      button.textContent = text.copy;
      status.textContent = '';
    }, 2000);
  }

  /** The emulator-only POST to @connections from the page: 200 while the connection is open, 410 after. */
  async #post(signal: AbortSignal): Promise<void> {
    const text = this.#text;
    const connectionId = this.#connectionId;
    if (connectionId === null) return;
    const button = part(this, 'post', HTMLButtonElement);
    const url = `${managementEndpointOf(this.#endpoint())}/@connections/${encodeURIComponent(connectionId)}`;
    button.disabled = true;
    this.#showResult(null, text.posting);
    try {
      const response = await fetchFrom(url, { method: 'POST', body: part(this, 'data', HTMLInputElement).value, cache: 'no-store', signal });
      const errorType = response.headers.get('x-amzn-ErrorType');
      this.#log('event', `POST ${new URL(url).pathname} → ${text.postOther(response.status, errorType)}`);
      if (response.status === 200) this.#showResult('ok', text.postOk(connectionId));
      else if (response.status === 410) this.#showResult('error', text.postGone(connectionId), text.postGoneTitle);
      else if (response.status === 413) this.#showResult('error', text.postTooLarge);
      else this.#showResult('error', text.postOther(response.status, errorType));
    } catch {
      if (signal.aborted) return;
      this.#showResult('error', text.postFailed);
    } finally {
      if (!signal.aborted) this.#showCommand();
    }
  }

  #showResult(outcome: 'ok' | 'error' | null, explanation: string, title?: string): void {
    const result = part(this, 'post-result', HTMLElement);
    if (outcome === null) delete result.dataset.outcome;
    else result.dataset.outcome = outcome;
    const lines: HTMLElement[] = [];
    if (title !== undefined) {
      const heading = document.createElement('p');
      heading.className = 'result-title';
      heading.textContent = title;
      lines.push(heading);
    }
    const paragraph = document.createElement('p');
    paragraph.textContent = explanation;
    lines.push(paragraph);
    result.replaceChildren(...lines);
  }

  #log(kind: 'sent' | 'received' | 'event', message: string, detail?: string, at?: Date): void {
    const text = this.#text;
    const markerName = { sent: text.sentMarker, received: text.receivedMarker, event: text.eventMarker }[kind];
    appendLogLine(part(this, 'log', HTMLOListElement), { kind, marker: markers[kind], markerName, text: message, detail, at });
  }
}

customElements.define('apigw-server-push', ApigwServerPush);
