/**
 * One browser WebSocket, exposed as an EventTarget so several widgets can watch it
 * without knowing about each other. It knows nothing about any widget or backend.
 */
import { openWebSocket } from './network.ts';

export interface MessageDetail {
  /** The message text. Binary messages are decoded as UTF-8 and flagged. */
  data: string;
  binary: boolean;
  at: Date;
}

export interface SentDetail {
  data: string;
  at: Date;
}

export interface CloseDetail {
  code: number;
  reason: string;
  wasClean: boolean;
  /** False when the socket closed before it ever opened: the handshake failed or nobody answered. */
  everOpened: boolean;
  /** True when this side called close(); an attempt the reader cancelled is not a failure. */
  closeRequested: boolean;
  at: Date;
}

export interface OpenDetail {
  url: string;
  /** Milliseconds from `openWebSocket()` to `open`: the handshake, including the `$connect` integration. */
  handshakeMs: number;
  /** The subprotocol the server accepted (`Sec-WebSocket-Protocol`), or '' when none was agreed. */
  protocol: string;
  at: Date;
}

export interface ConnectionEventMap {
  /** Fired whenever readyState may have changed; detail is the new readyState. */
  statechange: CustomEvent<number>;
  open: CustomEvent<OpenDetail>;
  message: CustomEvent<MessageDetail>;
  sent: CustomEvent<SentDetail>;
  close: CustomEvent<CloseDetail>;
}

type Listener<K extends keyof ConnectionEventMap> = (event: ConnectionEventMap[K]) => void;

// Declaration merging gives addEventListener typed events; it emits no code.
export interface WebSocketConnection {
  addEventListener<K extends keyof ConnectionEventMap>(
    type: K,
    listener: Listener<K>,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof ConnectionEventMap>(
    type: K,
    listener: Listener<K>,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

export class WebSocketConnection extends EventTarget {
  #socket: WebSocket | null = null;
  #everOpened = false;
  #closeRequested = false;
  #openedAt: Date | null = null;

  /** A name for the reader ("A", "B") when a page holds more than one client. */
  readonly name: string;

  constructor(name = 'A') {
    super();
    this.name = name;
  }

  /** The URL of the current or last socket, or null before the first connect. */
  get url(): string | null {
    return this.#socket?.url ?? null;
  }

  /** When the current socket opened; null unless it is open or closing. */
  get openedAt(): Date | null {
    return this.readyState === WebSocket.OPEN || this.readyState === WebSocket.CLOSING ? this.#openedAt : null;
  }

  /** The socket's readyState, or CLOSED (3) before the first connect. */
  get readyState(): number {
    return this.#socket?.readyState ?? WebSocket.CLOSED;
  }

  /**
   * Opens a new socket. Throws if one is still open or closing, and rethrows the browser's
   * SyntaxError for a URL it cannot use.
   */
  connect(url: string, protocols?: string | string[]): void {
    if (this.readyState !== WebSocket.CLOSED) {
      throw new Error('connect() called while a connection is still active; call close() and wait for "close".');
    }
    const startedAt = performance.now();
    const socket = openWebSocket(url, protocols);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    this.#everOpened = false;
    this.#closeRequested = false;

    socket.addEventListener('open', () => {
      this.#everOpened = true;
      this.#openedAt = new Date();
      this.#emitState(socket);
      this.#emit('open', {
        url: socket.url,
        handshakeMs: performance.now() - startedAt,
        protocol: socket.protocol,
        at: this.#openedAt,
      });
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      const binary = event.data instanceof ArrayBuffer;
      const data = event.data instanceof ArrayBuffer ? new TextDecoder().decode(event.data) : String(event.data);
      this.#emit('message', { data, binary, at: new Date() });
    });
    // The error event carries no detail in browsers; it is always followed by close.
    socket.addEventListener('error', () => this.#emitState(socket));
    socket.addEventListener('close', (event) => {
      this.#emitState(socket);
      this.#emit('close', {
        code: event.code,
        reason: event.reason,
        wasClean: event.wasClean,
        everOpened: this.#everOpened,
        closeRequested: this.#closeRequested,
        at: new Date(),
      });
    });
    this.#emitState(socket);
  }

  /** Sends one text message. Throws unless the connection is OPEN, so a lost message never goes unnoticed. */
  send(text: string): void {
    const socket = this.#socket;
    if (socket === null || socket.readyState !== WebSocket.OPEN) {
      throw new Error('send() called while the connection is not OPEN.');
    }
    socket.send(text);
    this.#emit('sent', { data: text, at: new Date() });
  }

  /** Starts the closing handshake; "close" follows. Does nothing when there is nothing to close. */
  close(code?: number, reason?: string): void {
    const socket = this.#socket;
    if (socket === null || socket.readyState >= WebSocket.CLOSING) return;
    this.#closeRequested = true;
    socket.close(code, reason);
    this.#emitState(socket);
  }

  #emitState(socket: WebSocket): void {
    // Events from a socket this connection has replaced are stale; ignore them.
    if (socket !== this.#socket) return;
    this.dispatchEvent(new CustomEvent('statechange', { detail: socket.readyState }));
  }

  #emit<K extends 'open' | 'message' | 'sent' | 'close'>(type: K, detail: ConnectionEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

const sharedConnections = new Map<string, WebSocketConnection>();

/**
 * The page's connection of this name, created on first use. Widgets that name the same
 * connection ("A" by default) watch the same socket: the inspector beside a connection panel
 * sees that panel's frames.
 */
export function sharedConnection(name = 'A'): WebSocketConnection {
  let connection = sharedConnections.get(name);
  if (!connection) {
    connection = new WebSocketConnection(name);
    sharedConnections.set(name, connection);
  }
  return connection;
}
