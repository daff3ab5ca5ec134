/**
 * The client's end of a MessagePort to the in-page emulator (in-page-port-protocol.ts): the same
 * `connect()` and `request()` as an in-page server has, so InPageWebSocket and the SDK handler use
 * either alike, and `subscribe()` for the inspector feed. The port may still be on its way (the
 * emulator's worker starts on first use); calls wait for it. If the emulator fails to start, every
 * call, waiting or new, fails with the reason it gave.
 */
import type { StampedEntry } from './inspector.ts';
import type { PortLike, PortReply, PortRequest } from './in-page-port-protocol.ts';
import type { InPageConnection, InPageHandshake, InPageHandshakeRequest, InPageResponse } from './in-page-transport.ts';

type Port = PortLike<PortReply, PortRequest>;

export class InPagePortClient {
  readonly #port: Promise<Port>;
  #nextId = 1;
  #failure: Error | undefined;
  readonly #handshakes = new Map<number, { resolve: (handshake: InPageHandshake) => void; reject: (error: Error) => void }>();
  readonly #connections = new Map<number, InPageConnection>();
  readonly #responses = new Map<number, { resolve: (response: InPageResponse) => void; reject: (error: Error) => void }>();
  readonly #subscribers = new Map<number, (entry: StampedEntry) => void>();

  constructor(port: Promise<Port> | Port) {
    this.#port = Promise.resolve(port).then((ready) => {
      ready.onmessage = ({ data }) => this.#receive(data);
      return ready;
    });
    this.#port.catch((error: unknown) => this.#fail(error instanceof Error ? error.message : String(error)));
  }

  /** Why the emulator is unavailable, once it has said so; undefined while it works. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  async connect(request: InPageHandshakeRequest): Promise<InPageHandshake> {
    const port = await this.#ready();
    const id = this.#nextId++;
    const answered = new Promise<InPageHandshake>((resolve, reject) => this.#handshakes.set(id, { resolve, reject }));
    port.postMessage({ type: 'connect', id, url: request.url, headers: request.headers ?? {}, protocols: request.protocols ?? [] });
    return answered;
  }

  async request(method: string, url: string, init: { body?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<InPageResponse> {
    const port = await this.#ready();
    const id = this.#nextId++;
    const answered = new Promise<InPageResponse>((resolve, reject) => this.#responses.set(id, { resolve, reject }));
    port.postMessage({ type: 'request', id, method, url, headers: init.headers ?? {}, body: init.body });
    return answered;
  }

  /** The inspector feed: recent entries first, then live ones, until the returned function is called. */
  subscribe(listener: (entry: StampedEntry) => void): () => void {
    const id = this.#nextId++;
    this.#subscribers.set(id, listener);
    void this.#ready().then((port) => port.postMessage({ type: 'subscribe', id }), () => {});
    return () => {
      this.#subscribers.delete(id);
      void this.#ready().then((port) => port.postMessage({ type: 'unsubscribe', id }), () => {});
    };
  }

  async #ready(): Promise<Port> {
    if (this.#failure) throw this.#failure;
    return this.#port;
  }

  #receive(message: PortReply): void {
    switch (message.type) {
      case 'handshake': {
        const waiting = this.#handshakes.get(message.id);
        this.#handshakes.delete(message.id);
        if (message.status !== 101) waiting?.resolve({ status: message.status });
        else waiting?.resolve({ status: 101, protocol: message.protocol, connection: this.#connection(message.id) });
        return;
      }
      case 'message':
        this.#connections.get(message.id)?.onmessage(message.data);
        return;
      case 'closed': {
        const connection = this.#connections.get(message.id);
        this.#connections.delete(message.id);
        connection?.onclose(message.code, message.reason);
        return;
      }
      case 'response': {
        const waiting = this.#responses.get(message.id);
        this.#responses.delete(message.id);
        waiting?.resolve({ status: message.status, headers: message.headers, body: message.body });
        return;
      }
      case 'entry':
        this.#subscribers.get(message.id)?.(message.entry);
        return;
      case 'failed':
        this.#fail(message.message);
        return;
    }
  }

  #connection(id: number): InPageConnection {
    const post = (message: PortRequest) => void this.#port.then((port) => port.postMessage(message));
    const connection: InPageConnection = {
      send: (data, frameSizes) => post({ type: 'send', id, data, frameSizes }),
      // Browsers send no pings of their own, and a page's WebSocket has no ping(): nothing to carry.
      ping: () => {},
      close: (code, reason = '') => post({ type: 'close', id, code, reason }),
      terminate: () => post({ type: 'terminate', id }),
      onmessage: () => {},
      onpong: () => {},
      onclose: () => {},
    };
    this.#connections.set(id, connection);
    return connection;
  }

  /** The emulator is gone (its worker failed to load or crashed): every call fails from now on, with this reason. */
  fail(reason: string): void {
    this.#fail(reason);
  }

  #fail(reason: string): void {
    this.#failure ??= new Error(reason);
    const error = this.#failure;
    for (const waiting of [...this.#handshakes.values(), ...this.#responses.values()]) waiting.reject(error);
    this.#handshakes.clear();
    this.#responses.clear();
    // Open connections end as a dropped network connection would.
    for (const connection of this.#connections.values()) connection.onclose(1006, '');
    this.#connections.clear();
  }
}
