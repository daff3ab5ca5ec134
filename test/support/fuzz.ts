/** Seeded randomness and raw WebSocket frames, for the fuzz tests: a failing case reproduces from its seed. */
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';

/** The seed: FUZZ_SEED if set, else a fixed one, so that every run is the same unless asked otherwise. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** A small, fast, seeded generator (mulberry32). */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  bytes(length: number): Buffer {
    return Buffer.from(Array.from({ length }, () => this.int(0, 255)));
  }

  /** Text with the characters that break naive code: quotes, escapes, controls, emoji, other scripts. */
  text(maxLength: number): string {
    const pieces = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', 'é', 'ß', '日本', '🙂', '\u2028', '{', '}', '[', ']', ':', ',', '$', 'action', '%', '=', '\uFEFF'];
    let text = '';
    const length = this.int(0, maxLength);
    while (text.length < length) text += this.pick(pieces);
    return text;
  }

  /** A random JSON value, nested at most `depth` deep. */
  json(depth: number): unknown {
    const kind = this.int(0, depth > 0 ? 7 : 4);
    switch (kind) {
      case 0: return null;
      case 1: return this.chance(0.5);
      case 2: return this.pick([0, -0, 1, -1, 3.14, 1e308, -1e-308, 2 ** 53 + 1, this.int(-1e6, 1e6)]);
      case 3:
      case 4: return this.text(40);
      case 5: return Array.from({ length: this.int(0, 5) }, () => this.json(depth - 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(0, 5); i > 0; i--) object[this.pick(['action', 'message', '__proto__', 'constructor', 'toString', this.text(8)])] = this.json(depth - 1);
        return object;
      }
    }
  }
}

export interface FrameSpec {
  fin?: boolean;
  /** RSV1-3 as a 3-bit number. */
  rsv?: number;
  opcode: number;
  masked?: boolean;
  payload: Buffer;
}

/** One frame as a client would put it on the wire (masked unless told otherwise). */
export function encodeFrame({ fin = true, rsv = 0, opcode, masked = true, payload }: FrameSpec): Buffer {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + lengthBytes + (masked ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  header[1] = (masked ? 0x80 : 0) | (lengthBytes === 0 ? length : lengthBytes === 2 ? 126 : 127);
  if (lengthBytes === 2) header.writeUInt16BE(length, 2);
  if (lengthBytes === 8) header.writeBigUInt64BE(BigInt(length), 2);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  mask.copy(header, 2 + lengthBytes);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
  return Buffer.concat([header, body]);
}

export interface ServerFrame {
  opcode: number;
  payload: Buffer;
}

/** Reads the (unmasked) frames a server sent, after its 101 response; a partial frame at the end is left out. */
export function decodeServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let offset = 0;
  while (offset + 2 <= bytes.length) {
    const opcode = (bytes[offset] as number) & 0x0f;
    let length = (bytes[offset + 1] as number) & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) break;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) break;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) break;
    frames.push({ opcode, payload: bytes.subarray(start, start + length) });
    offset = start + length;
  }
  return frames;
}

/** A raw TCP client that has completed a WebSocket handshake; `received` holds every byte after the 101. */
export async function rawWebSocket(port: number, path = '/local'): Promise<{ socket: Socket; received: () => Buffer; closed: Promise<void> }> {
  const socket = tcpConnect(port, '127.0.0.1');
  await once(socket, 'connect');
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => (buffer = Buffer.concat([buffer, chunk])));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const deadline = Date.now() + 5000;
  while (buffer.indexOf('\r\n\r\n') === -1) {
    if (Date.now() > deadline) throw new Error('no handshake response');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const headerEnd = buffer.indexOf('\r\n\r\n') + 4;
  const status = buffer.subarray(0, 12).toString('latin1');
  if (!status.startsWith('HTTP/1.1 101')) throw new Error(`handshake answered ${status}`);
  return { socket, received: () => buffer.subarray(headerEnd), closed };
}

/** The close code in a close frame's payload; 1005 when it carries none. */
export function closeCode(frame: ServerFrame): number {
  return frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1005;
}
