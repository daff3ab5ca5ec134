import { describe, expect, it } from 'vitest';
import { formatClock, formatGap } from '../../site/client/format-duration.ts';

describe('formatGap', () => {
  it.each([
    [0, '0 ms'],
    [23.4, '23 ms'],
    [999, '999 ms'],
    [1234, '1.23 s'],
    [59_994, '59.99 s'],
    [59_999, '1 min 0 s'],
    [123_000, '2 min 3 s'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatGap(ms)).toBe(text);
  });
});

describe('formatClock', () => {
  it.each([
    [0, '0:00'],
    [42_900, '0:42'],
    [725_000, '12:05'],
    [3_723_000, '1:02:03'],
    [7_200_000, '2:00:00'],
  ])('writes %d ms as %s', (ms, text) => {
    expect(formatClock(ms)).toBe(text);
  });
});
