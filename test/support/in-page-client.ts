/**
 * A client for the in-page transport with the `ws` client's interface (the part the conformance
 * tests use: send with fragments, ping/pong, close, terminate, `message`/`close`/`pong` events,
 * readyState, protocol), so that the same tests drive both transports. Like `ws`, it fails a
 * handshake whose subprotocol request went unanswered.
 */
import { EventEmitter } from 'node:events';
import type { InPageConnection, InPageServer } from '../../emulator/in-page-transport.ts';

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

export class InPageTestClient extends EventEmitter {
  readyState = CONNECTING;
  protocol = '';
  #connection: InPageConnection | undefined;
  /** Frames of a message being sent in fragments (`send(chunk, { fin: false })`). */
  #pending: Buffer[] = [];

  /** Connects, resolving once open; rejects with `HTTP <status>` for a refused handshake, as the harness's ws clients do. */
  static async open(server: InPageServer, url: string, protocols: string[] = [], headers: Record<string, string> = {}): Promise<InPageTestClient> {
    const client = new InPageTestClient();
    const handshake = await server.connect({ url, headers, protocols });
    if (!handshake.connection) {
      client.readyState = CLOSED;
      throw new Error(`HTTP ${handshake.status}`);
    }
    const { connection } = handshake;
    if (protocols.length > 0 && !handshake.protocol) {
      connection.terminate();
      throw new Error('Server sent no subprotocol');
    }
    client.#connection = connection;
    client.protocol = handshake.protocol ?? '';
    client.readyState = OPEN;
    connection.onmessage = (data) =>
      // ws hands listeners a Buffer either way; bytes are wrapped, not copied.
      client.emit('message', typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength), typeof data !== 'string');
    connection.onpong = () => client.emit('pong', Buffer.alloc(0));
    connection.onclose = (code, reason) => {
      client.readyState = CLOSED;
      client.emit('close', code, Buffer.from(reason));
    };
    return client;
  }

  send(data: string | Buffer, options?: { binary?: boolean; fin?: boolean } | ((error?: Error) => void), callback?: (error?: Error) => void): void {
    const done = typeof options === 'function' ? options : callback;
    const { binary = typeof data !== 'string', fin = true } = typeof options === 'object' ? options : {};
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    this.#pending.push(chunk);
    if (fin) {
      const frames = this.#pending;
      this.#pending = [];
      const whole = Buffer.concat(frames);
      this.#connection?.send(binary ? new Uint8Array(whole) : whole.toString('utf8'), frames.map((frame) => frame.length));
    }
    done?.();
  }

  ping(): void {
    this.#connection?.ping();
  }

  close(code?: number, reason?: string): void {
    if (this.readyState !== OPEN) return;
    this.readyState = CLOSING;
    this.#connection?.close(code, reason);
  }

  terminate(): void {
    this.#connection?.terminate();
  }
}
