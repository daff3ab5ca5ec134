import { describe, expect, it } from 'vitest';
import { billedMessagesPer, formatUnitPrice, formatUsd, monthlyCost } from '../../site/client/pricing.ts';

describe('monthlyCost', () => {
  // The pricing page's worked example: 1,000 users each sending 100 and receiving 500 messages a day
  // for 30 days, connected 12 hours a day (reference section 9).
  const example = { messages: 1000 * (100 + 500) * 30, messageBytes: 1024, connectionMinutes: 1000 * 12 * 60 * 30 };

  it('reproduces AWS\'s worked example in us-east-1: $18.00 + $5.40 = $23.40', () => {
    const cost = monthlyCost({ region: 'us-east-1', ...example });
    expect([cost.messagesUsd, cost.connectionMinutesUsd, cost.totalUsd].map((usd) => usd.toFixed(2))).toEqual(['18.00', '5.40', '23.40']);
  });

  it('prices the same load in Tokyo at $29.48', () => {
    expect(formatUsd(monthlyCost({ region: 'ap-northeast-1', ...example }).totalUsd)).toBe('$29.48');
  });

  it.each([
    [1, 1],
    [32 * 1024, 1],
    [32 * 1024 + 1, 2],
    [128 * 1024, 4],
  ])('bills a %i-byte message as %i', (bytes, billed) => {
    expect(billedMessagesPer(bytes)).toBe(billed);
  });

  it('uses the lower price above a billion messages in us-east-1', () => {
    const cost = monthlyCost({ region: 'us-east-1', messages: 1_500_000_000, messageBytes: 100, connectionMinutes: 0 });
    expect(cost.messagesUsd).toBeCloseTo(1000 * 1.0 + 500 * 0.8, 6);
    expect(cost.usesUnconfirmedPrice).toBe(false);
  });

  it('says when a figure rests on a price no source gives', () => {
    expect(monthlyCost({ region: 'ap-northeast-1', messages: 1_500_000_000, messageBytes: 100, connectionMinutes: 0 }).usesUnconfirmedPrice).toBe(true);
  });

  it('writes amounts under a cent with two significant figures', () => {
    expect(formatUsd(0.006225)).toBe('$0.0062');
    expect(formatUsd(23.4)).toBe('$23.40');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(2264)).toBe('$2,264.00');
  });

  it('writes unit prices without rounding them away', () => {
    expect([1, 0.25, 0.315, 1.26, 0.8].map(formatUnitPrice)).toEqual(['$1.00', '$0.25', '$0.315', '$1.26', '$0.80']);
  });
});
