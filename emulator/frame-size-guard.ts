/**
 * Watches the raw bytes a client sends and reports a frame above the frame limit or a message
 * (a data frame and its continuations) above the message limit, which API Gateway answers with
 * close 1009 (reference §1). `ws` only limits whole messages, so we read frame headers ourselves.
 * Compression is never negotiated, so payload lengths on the wire are the real sizes.
 */
export type FrameViolation = 'frame-too-big' | 'message-too-big';

export class FrameSizeGuard {
  #maxFrame: number;
  #maxMessage: number;
  /** Bytes of the current frame's header seen so far (a header is at most 14 bytes). */
  #header: number[] = [];
  /** Payload bytes of the current frame still to skip. */
  #payloadLeft = 0;
  /** Payload bytes of the data message being assembled. */
  #messageBytes = 0;

  constructor(maxFrameBytes: number, maxMessageBytes: number) {
    this.#maxFrame = maxFrameBytes;
    this.#maxMessage = maxMessageBytes;
  }

  /** Feeds the next chunk from the socket; returns the first violation in it, if any. */
  push(chunk: Uint8Array): FrameViolation | undefined {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#payloadLeft > 0) {
        const skipped = Math.min(this.#payloadLeft, chunk.length - offset);
        this.#payloadLeft -= skipped;
        offset += skipped;
        continue;
      }
      this.#header.push(chunk[offset++] as number);
      const violation = this.#readHeader();
      if (violation) return violation;
    }
    return undefined;
  }

  /** Completes a frame header when enough bytes have arrived. */
  #readHeader(): FrameViolation | undefined {
    const header = this.#header;
    if (header.length < 2) return undefined;
    const first = header[0] as number;
    const second = header[1] as number;
    const lengthCode = second & 0x7f;
    const lengthBytes = lengthCode === 126 ? 2 : lengthCode === 127 ? 8 : 0;
    const maskBytes = second & 0x80 ? 4 : 0;
    if (header.length < 2 + lengthBytes + maskBytes) return undefined;

    let length = lengthCode;
    if (lengthBytes > 0) {
      length = 0;
      for (let i = 2; i < 2 + lengthBytes; i++) length = length * 256 + (header[i] as number);
    }
    this.#header = [];
    this.#payloadLeft = length;

    const fin = (first & 0x80) !== 0;
    const opcode = first & 0x0f;
    if (length > this.#maxFrame) return 'frame-too-big';
    // Control frames (opcode 8 and above) may come between the fragments of a message.
    if (opcode < 8) {
      this.#messageBytes = opcode === 0 ? this.#messageBytes + length : length;
      if (this.#messageBytes > this.#maxMessage) return 'message-too-big';
      if (fin) this.#messageBytes = 0;
    }
    return undefined;
  }
}
