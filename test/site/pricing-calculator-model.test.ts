import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INPUTS,
  convertConnected,
  estimate,
  parseInputs,
  parseNumber,
  restoreInputs,
  toRaw,
  type CalculatorInputs,
  type RawInputs,
} from '../../site/widgets/pricing-calculator-model.ts';

// Expected figures worked out by hand from the unit prices in reference §9 (us-east-1 $1.00 per
// million messages, $0.25 per million connection-minutes; Tokyo $1.26 and $0.315), not by calling
// the pricing module.

const defaults = toRaw(DEFAULT_INPUTS);
const withRaw = (changes: Partial<RawInputs>): RawInputs => ({ ...defaults, ...changes });
const withInputs = (changes: Partial<CalculatorInputs>): CalculatorInputs => ({ ...DEFAULT_INPUTS, ...changes });

describe('parseNumber', () => {
  it.each([
    ['1000', 1000],
    ['1,000', 1000],
    [' 12.5 ', 12.5],
    ['1 000 000', 1_000_000],
    ['１，０００', 1000],
    ['.5', 0.5],
    ['1e3', 1000],
    ['-5', -5],
    ['\u22125', -5],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['', 'abc', '1.2.3', '12abc', 'Infinity', 'NaN', '1e999', '--1'])('reads %j as no number', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});

describe('parseInputs', () => {
  it('reads the default form values back as AWS’s example', () => {
    expect(parseInputs(defaults)).toEqual({ ok: true, inputs: DEFAULT_INPUTS });
  });

  it('reads separators, a lower-case currency code, the free tier box and a rate', () => {
    const parsed = parseInputs(withRaw({ users: '10,000', currency: ' eur ', legacyFreeTier: 'on', rate: '0.92' }));
    expect(parsed).toEqual({
      ok: true,
      inputs: withInputs({ users: 10_000, currency: 'EUR', legacyFreeTier: true, rate: 0.92 }),
    });
  });

  it.each([
    ['users', '', 'empty'],
    ['users', 'many', 'notANumber'],
    ['users', '-5', 'belowMin'],
    ['users', '1.5', 'notWhole'],
    ['users', '1000000001', 'aboveMax'],
    ['sentPerDay', '-1', 'belowMin'],
    ['receivedPerDay', '1000001', 'aboveMax'],
    ['messageKb', '0', 'belowMin'],
    ['messageKb', '128.5', 'aboveMax'],
    ['connectedPerDay', '25', 'aboveMax'],
    ['days', '0', 'belowMin'],
    ['days', '32', 'aboveMax'],
    ['days', '30.5', 'notWhole'],
    ['rate', '0', 'belowMin'],
    ['rate', 'abc', 'notANumber'],
    ['currency', 'JP', 'badCurrency'],
    ['currency', '円', 'badCurrency'],
    ['region', 'eu-west-1', 'badChoice'],
    ['connectedUnit', 'weeks', 'badChoice'],
  ] as const)('rejects %s = %j as %s', (field, value, problem) => {
    expect(parseInputs(withRaw({ [field]: value }))).toEqual({ ok: false, errors: [{ field, problem }] });
  });

  it.each([
    ['messageKb', '128'],
    ['users', '0'],
    ['days', '31'],
    ['connectedPerDay', '24'],
    ['rate', ''],
  ] as const)('accepts %s = %j at the edge of its range', (field, value) => {
    expect(parseInputs(withRaw({ [field]: value })).ok).toBe(true);
  });

  it('measures the time connected against the unit chosen: 1,440 minutes is a day, 1,441 is not', () => {
    expect(parseInputs(withRaw({ connectedPerDay: '1440', connectedUnit: 'minutes' })).ok).toBe(true);
    expect(parseInputs(withRaw({ connectedPerDay: '1441', connectedUnit: 'minutes' }))).toEqual({
      ok: false,
      errors: [{ field: 'connectedPerDay', problem: 'aboveMax' }],
    });
  });

  it('reports every wrong field at once', () => {
    const parsed = parseInputs(withRaw({ users: '', messageKb: '200', currency: '' }));
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { field: 'users', problem: 'empty' },
        { field: 'messageKb', problem: 'aboveMax' },
        { field: 'currency', problem: 'badCurrency' },
      ],
    });
  });
});

describe('restoreInputs', () => {
  const custom = withInputs({ region: 'ap-northeast-1', users: 2_500, messageKb: 33, legacyFreeTier: true, rate: 150 });

  it('gives back what was saved', () => {
    expect(restoreInputs(JSON.stringify(toRaw(custom)))).toEqual(custom);
  });

  it.each([
    ['nothing saved', null],
    ['not JSON', '{users:'],
    ['not an object', '42'],
    ['a field missing', JSON.stringify({ ...toRaw(custom), users: undefined })],
    ['a field that no longer passes', JSON.stringify({ ...toRaw(custom), days: '40' })],
    ['a field of the wrong type', JSON.stringify({ ...toRaw(custom), users: 2500 })],
  ])('gives null for %s', (_case, saved) => {
    expect(restoreInputs(saved)).toBeNull();
  });
});

describe('convertConnected', () => {
  it.each([
    ['12', 'minutes', '720'],
    ['720', 'hours', '12'],
    ['1.5', 'minutes', '90'],
    ['50', 'hours', '0.8333'],
    ['1,440', 'hours', '24'],
  ] as const)('turns %s into %s as %s', (text, to, converted) => {
    expect(convertConnected(text, to)).toBe(converted);
  });

  it('leaves text that is not a number alone', () => {
    expect(convertConnected('soon', 'minutes')).toBeNull();
  });
});

describe('estimate', () => {
  it('prices AWS’s example at $18.00 + $5.40 = $23.40 in us-east-1', () => {
    const result = estimate(DEFAULT_INPUTS);
    expect([result.messages, result.billedPerMessage, result.gross.connectionMinutes]).toEqual([18_000_000, 1, 21_600_000]);
    expect(result.billed.cost.messagesUsd).toBeCloseTo(18, 10);
    expect(result.billed.cost.connectionMinutesUsd).toBeCloseTo(5.4, 10);
    expect(result.billed.cost.totalUsd).toBeCloseTo(23.4, 10);
    expect(result.converted).toBeNull();
  });

  it('prices the same in Tokyo at 18 × $1.26 + 21.6 × $0.315 = $29.484', () => {
    expect(estimate(withInputs({ region: 'ap-northeast-1' })).billed.cost.totalUsd).toBeCloseTo(29.484, 10);
  });

  it('bills a 33 KB message as two, doubling the messages charge to $36.00', () => {
    const result = estimate(withInputs({ messageKb: 33 }));
    expect(result.billedPerMessage).toBe(2);
    expect(result.billed.cost.billedMessages).toBe(36_000_000);
    expect(result.billed.cost.messagesUsd).toBeCloseTo(36, 10);
  });

  it('reads minutes a day: 10,000 users × 100 minutes × 10 days in Tokyo is 10,000,000 connection-minutes, $3.15', () => {
    const result = estimate(
      withInputs({
        region: 'ap-northeast-1',
        users: 10_000,
        sentPerDay: 0,
        receivedPerDay: 0,
        connectedPerDay: 100,
        connectedUnit: 'minutes',
        days: 10,
      }),
    );
    expect(result.gross.connectionMinutes).toBeCloseTo(10_000_000, 6);
    expect(result.billed.cost.messagesUsd).toBe(0);
    expect(result.billed.cost.totalUsd).toBeCloseTo(3.15, 10);
  });

  it('takes the old free tier off: 17 × $1.00 + 20.85 × $0.25 = $22.2125', () => {
    const result = estimate(withInputs({ legacyFreeTier: true }));
    expect(result.gross.cost.totalUsd).toBeCloseTo(23.4, 10);
    expect(result.billed.cost.totalUsd).toBeCloseTo(22.2125, 10);
  });

  it('converts the total at the reader’s rate: $23.40 × 150 = 3,510', () => {
    expect(estimate(withInputs({ rate: 150 })).converted).toBeCloseTo(3510, 8);
  });

  it('flags Tokyo above a billion messages: 2,400,000,000 messages, all at $1.26', () => {
    // 40,000 users × (400 + 1,600) × 30 days; 40,000 × 8 h × 60 × 30 = 576,000,000 minutes.
    const result = estimate(
      withInputs({ region: 'ap-northeast-1', users: 40_000, sentPerDay: 400, receivedPerDay: 1_600, connectedPerDay: 8 }),
    );
    expect(result.billed.overTierMessages).toBe(1_400_000_000);
    expect(result.billed.cost.usesUnconfirmedPrice).toBe(true);
    expect(result.billed.cost.totalUsd).toBeCloseTo(1260 + 1764 + 181.44, 8);
  });
});
