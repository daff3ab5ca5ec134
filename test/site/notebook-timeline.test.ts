import { describe, expect, it } from 'vitest';
import { formatOffset, readyStateOf, readyStateTimeline } from '../../site/widgets/notebook-timeline.ts';

describe('readyStateOf', () => {
  it.each([
    ['1', 1],
    [' 3 ', 3],
    ['0', 0],
    ['4', null],
    ['10', null],
    ['1 OPEN', null],
    ['', null],
  ])('reads %j as %s', (line, state) => {
    expect(readyStateOf(line)).toBe(state);
  });
});

describe('readyStateTimeline', () => {
  it('merges repeated values into runs and lists the changes', () => {
    const samples = [1000, 2000, 3000]
      .map((at) => ({ at, state: 1 }))
      .concat([
        { at: 4000, state: 3 },
        { at: 5000, state: 3 },
      ]);
    expect(readyStateTimeline(samples)).toEqual({
      segments: [
        { state: 1, from: 1000, to: 4000 },
        { state: 3, from: 4000, to: 5000 },
      ],
      transitions: [
        { at: 1000, from: null, to: 1 },
        { at: 4000, from: 1, to: 3 },
      ],
    });
  });

  it('keeps a CLOSING seen on the way to CLOSED', () => {
    const { transitions } = readyStateTimeline([
      { at: 0, state: 0 },
      { at: 1000, state: 1 },
      { at: 2000, state: 2 },
      { at: 3000, state: 3 },
    ]);
    expect(transitions.map(({ from, to }) => `${from}→${to}`)).toEqual(['null→0', '0→1', '1→2', '2→3']);
  });

  it('has nothing to draw before the first value', () => {
    expect(readyStateTimeline([])).toEqual({ segments: [], transitions: [] });
  });
});

describe('formatOffset', () => {
  it.each([
    [0, '+0.0 s'],
    [1049, '+1.0 s'],
    [12_345, '+12.3 s'],
    [-5, '+0.0 s'],
  ])('writes %i ms as %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });
});
