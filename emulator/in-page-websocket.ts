/**
 * A stand-in for the browser's `WebSocket` that connects to an in-page server (in-page-transport.ts)
 * instead of the network, with the same interface and events, so that lesson code written for a
 * real `WebSocket` runs as written: `readyState` through CONNECTING, OPEN, CLOSING and CLOSED;
 * `open`, `message`, `error` and `close` events (a refused handshake is `error`, then `close`
 * with 1006 and `wasClean: false`, and no status, as the WHATWG standard requires); the standard's
 * checks on `send()` and `close()`; `binaryType`; `bufferedAmount` after a close.
 * A browser sends each message as one frame, so the 32 KB frame limit applies to whole messages.
 */
import type { InPageConnection, InPageHandshake, InPageHandshakeRequest } from './in-page-transport.ts';

/** What makes the connection: an in-page server (in-page-transport.ts), or a port to one in a worker (in-page-port-client.ts). */
export interface InPageConnector {
  connect(request: InPageHandshakeRequest): Promise<InPageHandshake>;
}

type Data = string | ArrayBuffer | ArrayBufferView | Blob;

const utf8 = new TextEncoder();
// RFC 6455 §4.1 / RFC 9110 §5.6.2: what a subprotocol may be.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export class InPageWebSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;

  readonly url: string;
  readonly extensions = '';
  binaryType: 'blob' | 'arraybuffer' = 'blob';
  #readyState = 0;
  #protocol = '';
  #bufferedAmount = 0;
  #connection: InPageConnection | undefined;
  /** close() was called while connecting: the connection is failed as soon as the handshake ends. */
  #abortWhenOpen = false;
  /** Sends wait for Blobs to be read, in order. */
  #sending: Promise<void> = Promise.resolve();

  // The `on…` handlers are accessors on the prototype, as a browser's WebSocket has them (WebIDL
  // attributes), so that a subclass can wrap them as it would wrap the browser's.
  #handlers = new Map<string, (event: Event) => void>();
  get onopen(): ((event: Event) => void) | null {
    return this.#handler('open');
  }
  set onopen(handler: ((event: Event) => void) | null) {
    this.#setHandler('open', handler);
  }
  get onmessage(): ((event: MessageEvent) => void) | null {
    return this.#handler('message');
  }
  set onmessage(handler: ((event: MessageEvent) => void) | null) {
    this.#setHandler('message', handler as ((event: Event) => void) | null);
  }
  get onerror(): ((event: Event) => void) | null {
    return this.#handler('error');
  }
  set onerror(handler: ((event: Event) => void) | null) {
    this.#setHandler('error', handler);
  }
  get onclose(): ((event: CloseEvent) => void) | null {
    return this.#handler('close');
  }
  set onclose(handler: ((event: CloseEvent) => void) | null) {
    this.#setHandler('close', handler as ((event: Event) => void) | null);
  }

  #handler(type: string): ((event: Event) => void) | null {
    return this.#handlers.get(type) ?? null;
  }

  #setHandler(type: string, handler: ((event: Event) => void) | null): void {
    // As with a browser's WebSocket, anything but a function clears the handler.
    if (typeof handler === 'function') this.#handlers.set(type, handler);
    else this.#handlers.delete(type);
  }

  constructor(server: InPageConnector, url: string | URL, protocols: string | string[] = []) {
    super();
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DOMException(`Failed to construct 'WebSocket': The URL '${String(url)}' is invalid.`, 'SyntaxError');
    }
    if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
    if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw new DOMException(`Failed to construct 'WebSocket': The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${parsed.protocol}' is not allowed.`, 'SyntaxError');
    }
    if (parsed.hash !== '') throw new DOMException("Failed to construct 'WebSocket': The URL contains a fragment identifier.", 'SyntaxError');
    const offered = typeof protocols === 'string' ? [protocols] : [...protocols];
    for (const [index, protocol] of offered.entries()) {
      if (!TOKEN.test(protocol) || offered.indexOf(protocol) !== index) {
        throw new DOMException(`Failed to construct 'WebSocket': The subprotocol '${protocol}' is invalid or duplicated.`, 'SyntaxError');
      }
    }
    this.url = parsed.href;
    void this.#connect(server, parsed.href, offered);
  }

  get readyState(): number {
    return this.#readyState;
  }

  get protocol(): string {
    return this.#protocol;
  }

  get bufferedAmount(): number {
    return this.#bufferedAmount;
  }

  send(data: Data): void {
    if (this.#readyState === InPageWebSocket.CONNECTING) {
      throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
    }
    const size = typeof data === 'string' ? utf8.encode(data).length : data instanceof Blob ? data.size : data.byteLength;
    // After a close, data is counted and dropped (WHATWG: bufferedAmount grows, nothing is sent).
    if (this.#readyState !== InPageWebSocket.OPEN) {
      this.#bufferedAmount += size;
      return;
    }
    const connection = this.#connection;
    this.#sending = this.#sending.then(async () => {
      const payload = typeof data === 'string' ? data : await bytesOf(data);
      connection?.send(payload, [size]);
    });
  }

  close(code?: number, reason = ''): void {
    if (code !== undefined && code !== 1000 && (code < 3000 || code > 4999)) {
      throw new DOMException(`Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
    }
    if (utf8.encode(reason).length > 123) {
      throw new DOMException("Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.", 'SyntaxError');
    }
    if (this.#readyState === InPageWebSocket.CLOSING || this.#readyState === InPageWebSocket.CLOSED) return;
    if (this.#readyState === InPageWebSocket.CONNECTING) {
      this.#abortWhenOpen = true;
      this.#readyState = InPageWebSocket.CLOSING;
      return;
    }
    this.#readyState = InPageWebSocket.CLOSING;
    this.#connection?.close(code, reason);
  }

  async #connect(server: InPageConnector, url: string, offered: string[]): Promise<void> {
    const headers: Record<string, string> = {};
    if (typeof location !== 'undefined') headers.Origin = location.origin;
    if (typeof navigator !== 'undefined') headers['User-Agent'] = navigator.userAgent;
    // An emulator that could not start refuses like a server that is not there.
    const handshake = await server.connect({ url, headers, protocols: offered }).catch((): InPageHandshake => ({ status: 0 }));
    const { connection } = handshake;
    // No status reaches the page: a refusal, an unanswered subprotocol and an aborted connect all look alike.
    if (!connection || this.#abortWhenOpen || (offered.length > 0 && (!handshake.protocol || !offered.includes(handshake.protocol)))) {
      connection?.terminate();
      this.#fail();
      return;
    }
    this.#connection = connection;
    this.#protocol = handshake.protocol ?? '';
    this.#readyState = InPageWebSocket.OPEN;
    connection.onmessage = (data) => this.#fire(new MessageEvent('message', { data: this.#messageData(data), origin: new URL(this.url).origin }));
    connection.onclose = (code, reason) => {
      this.#readyState = InPageWebSocket.CLOSED;
      this.#fire(new CloseEvent('close', { code, reason, wasClean: code !== 1006 }));
    };
    this.#fire(new Event('open'));
  }

  #fail(): void {
    this.#readyState = InPageWebSocket.CLOSED;
    this.#fire(new Event('error'));
    this.#fire(new CloseEvent('close', { code: 1006, reason: '', wasClean: false }));
  }

  #messageData(data: string | Uint8Array): string | Blob | ArrayBuffer {
    if (typeof data === 'string') return data;
    const copy = data.slice().buffer;
    return this.binaryType === 'arraybuffer' ? copy : new Blob([copy]);
  }

  #fire(event: Event): void {
    this.#handlers.get(event.type)?.call(this, event);
    this.dispatchEvent(event);
  }
}

async function bytesOf(data: ArrayBuffer | ArrayBufferView | Blob): Promise<Uint8Array> {
  if (data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  return new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
}
