import { describe, expect, it } from 'vitest';
import {
  classifyClose,
  clampKeepAliveSeconds,
  DEFAULT_SETTINGS,
  keepAliveRealMs,
  MAX_RECORDS,
  parseLabState,
  serializeLabState,
  withTimeScale,
  type DisconnectRecord,
} from '../../site/widgets/timeout-lab-model.ts';
import { clock } from '../../site/widgets/timeout-lab-text.ts';

const record: DisconnectRecord = {
  at: '2026-10-01T00:00:10.021Z',
  lastedMs: 1021,
  sinceActivityMs: 1021,
  speed: 600,
  keepAlive: false,
  keepAliveSeconds: 300,
  keepAlivesSent: 0,
  code: 1001,
  reason: 'Going away',
  cause: 'idle',
  target: 'emulator',
};

describe('classifyClose', () => {
  it.each([
    ['the idle timeout at ×600', { lastedMs: 1010, sinceActivityMs: 1010, speed: 600, code: 1001, closeRequested: false }, 'idle'],
    ['the idle timeout at ×600 on a busy machine', { lastedMs: 3900, sinceActivityMs: 600, speed: 600, code: 1001, closeRequested: false }, 'idle'],
    ['the idle timeout at real time', { lastedMs: 900_000, sinceActivityMs: 600_050, speed: 1, code: 1001, closeRequested: false }, 'idle'],
    ['the 2-hour limit with keep-alives at ×600', { lastedMs: 12_004, sinceActivityMs: 90, speed: 600, code: 1001, closeRequested: false }, 'max'],
    ['the 2-hour limit at real time', { lastedMs: 7_200_100, sinceActivityMs: 5000, speed: 1, code: 1001, closeRequested: false }, 'max'],
    ['the reader, even after a long wait', { lastedMs: 12_004, sinceActivityMs: 1010, speed: 600, code: 1000, closeRequested: true }, 'client'],
    ['neither: a network that cuts after 2 minutes', { lastedMs: 120_000, sinceActivityMs: 120_000, speed: 1, code: 1006, closeRequested: false }, 'other'],
    ['neither: a 1006 after 6 quiet minutes', { lastedMs: 400_000, sinceActivityMs: 360_000, speed: 1, code: 1006, closeRequested: false }, 'other'],
    ['neither: a 1001 with a message just before', { lastedMs: 30_000, sinceActivityMs: 100, speed: 1, code: 1001, closeRequested: false }, 'other'],
  ] as const)('names %s', (_name, measurement, cause) => {
    expect(classifyClose(measurement)).toBe(cause);
  });
});

describe('withTimeScale', () => {
  it.each([
    ['ws://localhost:3001/local', 'ws://localhost:3001/local?x-emulator-time-scale=60'],
    ['ws://localhost:3001/local?', 'ws://localhost:3001/local?x-emulator-time-scale=60'],
    ['ws://localhost:3001/local?room=a%20b', 'ws://localhost:3001/local?room=a%20b&x-emulator-time-scale=60'],
  ])('adds the parameter to %s, keeping other parameters byte for byte', (endpoint, url) => {
    expect(withTimeScale(endpoint, 'x-emulator-time-scale', 60)).toBe(url);
  });
});

describe('keep-alive interval', () => {
  it('runs on the AWS clock: 300 s is 5 s of real time at ×60 and 0.5 s at ×600', () => {
    expect(keepAliveRealMs({ keepAliveSeconds: 300 }, 60)).toBe(5000);
    expect(keepAliveRealMs({ keepAliveSeconds: 300 }, 600)).toBe(500);
  });

  it.each([
    [300, 300],
    [10, 60],
    [99_999, 3600],
    [90.6, 91],
    [Number.NaN, 300],
  ])('clamps %s seconds to %s', (typed, kept) => {
    expect(clampKeepAliveSeconds(typed)).toBe(kept);
  });
});

describe('parseLabState', () => {
  it('gives the defaults when nothing, or garbage, was saved', () => {
    for (const saved of [null, '', 'not json', '[]', '{"settings":7}']) {
      expect(parseLabState(saved)).toEqual({ settings: DEFAULT_SETTINGS, records: [] });
    }
  });

  it('reads back what it wrote', () => {
    const state = { settings: { speed: 600, keepAlive: true, keepAliveSeconds: 420 }, records: [record] };
    expect(parseLabState(serializeLabState(state))).toEqual(state);
  });

  it('drops speeds it does not offer, malformed records, and records past the limit', () => {
    const saved = JSON.stringify({
      settings: { speed: 7, keepAlive: 'yes', keepAliveSeconds: 5 },
      records: [record, { ...record, cause: 'gremlins' }, { ...record, lastedMs: 'long' }, ...Array(MAX_RECORDS).fill(record)],
    });
    const state = parseLabState(saved);
    expect(state.settings).toEqual({ speed: DEFAULT_SETTINGS.speed, keepAlive: false, keepAliveSeconds: 60 });
    expect(state.records).toHaveLength(MAX_RECORDS);
    expect(state.records.every((r) => r.cause === 'idle' && r.lastedMs === 1021)).toBe(true);
  });
});

describe('clock', () => {
  it.each([
    [600_000, '10:00'],
    [599_001, '10:00'],
    [598_000, '9:58'],
    [7_200_000, '2:00:00'],
    [3_599_000, '59:59'],
    [-5, '0:00'],
  ])('counts %s ms down as %s', (ms, shown) => {
    expect(clock(ms)).toBe(shown);
  });

  it('rounds a measurement to the nearest second', () => {
    expect(clock(1080, Math.round)).toBe('0:01');
    expect(clock(601_400, Math.round)).toBe('10:01');
  });
});
