/**
 * Message sizes as API Gateway counts them: UTF-8 bytes, against its fixed 32 KB frame and
 * 128 KB message limits (reference §1; https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html).
 * Pure: the widgets and the tests share it.
 */

/** A frame above this closes the connection with 1009. A browser sends every message as one frame. */
export const FRAME_LIMIT_BYTES = 32 * 1024;
/** A message above this (across all its frames) closes the connection with 1009; also PostToConnection's 131072-byte cap. */
export const MESSAGE_LIMIT_BYTES = 128 * 1024;

const encoder = new TextEncoder();

/** The size of `text` on the wire: UTF-8 bytes, not characters (`'あ'` is 3). */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).byteLength;
}

/**
 * `'532 B'`, `'1.2 KB'`, `'32 KB'`. KB is 1024 bytes, as in API Gateway's limits. A size that is
 * not a whole number of KB keeps its decimal (`'32.0 KB'` for 32769 bytes), so it never looks
 * equal to a limit it exceeds.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  return Number.isInteger(kb) ? `${kb} KB` : `${(Math.floor(kb * 10) / 10).toFixed(1)} KB`;
}

export type Direction = 'sent' | 'received';

export interface SizeCheck {
  bytes: number;
  /** The limit that applies in this direction: the frame limit for what a browser sends, the message limit for what it receives. */
  limitBytes: number;
  /** Which limit the size breaks, if any. */
  over: 'frame' | 'message' | null;
}

/**
 * Checks a message against the limit that applies to it. What a browser sends is one frame, so
 * 32 KB is its real limit; what it receives was posted through @connections (at most 131072
 * bytes) and may arrive in several frames, so 128 KB is the one that counts.
 */
export function checkSize(bytes: number, direction: Direction): SizeCheck {
  const over = bytes > MESSAGE_LIMIT_BYTES ? 'message' : direction === 'sent' && bytes > FRAME_LIMIT_BYTES ? 'frame' : null;
  return { bytes, limitBytes: direction === 'sent' ? FRAME_LIMIT_BYTES : MESSAGE_LIMIT_BYTES, over };
}
