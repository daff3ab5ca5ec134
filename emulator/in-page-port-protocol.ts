/**
 * The messages between a page (or a notebook's worker) and the in-page emulator in its Web Worker,
 * over a MessagePort: the handshake and frames of each connection, plain requests to the API's
 * host, and subscriptions to the inspector feed. Every message names its connection, request or
 * subscription by a number the client chose.
 */
import type { StampedEntry } from './inspector.ts';

export type PortRequest =
  | { type: 'connect'; id: number; url: string; headers: Record<string, string>; protocols: string[] }
  | { type: 'send'; id: number; data: string | Uint8Array; frameSizes: number[] | undefined }
  | { type: 'close'; id: number; code: number | undefined; reason: string }
  | { type: 'terminate'; id: number }
  | { type: 'request'; id: number; method: string; url: string; headers: Record<string, string>; body: string | Uint8Array | undefined }
  | { type: 'subscribe'; id: number }
  | { type: 'unsubscribe'; id: number };

export type PortReply =
  | { type: 'handshake'; id: number; status: number; protocol: string | undefined }
  | { type: 'message'; id: number; data: string | Uint8Array }
  | { type: 'closed'; id: number; code: number; reason: string }
  | { type: 'response'; id: number; status: number; headers: Record<string, string>; body: string }
  | { type: 'entry'; id: number; entry: StampedEntry }
  /** The emulator could not start (a failed bundle, a handler module that throws at load…): every request fails with this. */
  | { type: 'failed'; message: string };

/** The worker's first message to its page: which port to serve. */
export interface AttachPort {
  type: 'attach';
  port: MessagePort;
}

/** The part of a MessagePort both ends use (a Node MessagePort and a browser one both have it). */
export interface PortLike<In, Out> {
  postMessage(message: Out): void;
  onmessage: ((event: MessageEvent<In>) => void) | null;
}
