import { describe, expect, it } from 'vitest';
import { checkSize, formatBytes, FRAME_LIMIT_BYTES, MESSAGE_LIMIT_BYTES, utf8Bytes } from '../../site/client/message-size.ts';

describe('utf8Bytes', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['あ', 3],
    ['é', 2],
    ['😀', 4],
  ])('counts %j as %i bytes', (text, bytes) => {
    expect(utf8Bytes(text)).toBe(bytes);
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [532, '532 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1229, '1.2 KB'],
    [32767, '31.9 KB'],
    [32768, '32 KB'],
    [32769, '32.0 KB'],
    [40000, '39.0 KB'],
    [131072, '128 KB'],
  ])('writes %i bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('checkSize', () => {
  it('holds what a browser sends to the 32 KB frame limit', () => {
    expect(checkSize(FRAME_LIMIT_BYTES, 'sent')).toEqual({ bytes: 32768, limitBytes: 32768, over: null });
    expect(checkSize(FRAME_LIMIT_BYTES + 1, 'sent').over).toBe('frame');
    expect(checkSize(MESSAGE_LIMIT_BYTES + 1, 'sent').over).toBe('message');
  });

  it('holds what a browser receives to the 128 KB message limit only', () => {
    expect(checkSize(40_000, 'received')).toEqual({ bytes: 40000, limitBytes: 131072, over: null });
    expect(checkSize(MESSAGE_LIMIT_BYTES + 1, 'received').over).toBe('message');
  });
});
