import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../site/client/pricing.ts';
import {
  REGIONS,
  awsExample,
  awsExampleWithLegacyFreeTier,
  billionExample,
  keepAliveConnection,
  keepAliveExample,
  legacyFreeTierValue,
  meteringExample,
  minutesExample,
  priceDailyUseWithLegacyFreeTier,
  type PricedUse,
} from '../../site/lib/pricing-examples.ts';

// Every expected figure below was worked out by hand from the unit prices in reference §9
// (us-east-1 $1.00 / $0.80 per million messages, $0.25 per million minutes; Tokyo $1.26 and $0.315),
// not by calling the pricing module.

describe('the pricing lesson\'s worked examples', () => {
  it.each([
    // region, messages, connection-minutes, messages $, minutes $, total $
    ['us-east-1', 18_000_000, 21_600_000, 18.0, 5.4, 23.4],
    ['ap-northeast-1', 18_000_000, 21_600_000, 22.68, 6.804, 29.484],
  ] as const)('prices AWS\'s own example in %s', (region, messages, minutes, messagesUsd, minutesUsd, totalUsd) => {
    const example = awsExample(region);
    expect([example.messages, example.connectionMinutes]).toEqual([messages, minutes]);
    expect(example.cost.messagesUsd).toBeCloseTo(messagesUsd, 10);
    expect(example.cost.connectionMinutesUsd).toBeCloseTo(minutesUsd, 10);
    expect(example.cost.totalUsd).toBeCloseTo(totalUsd, 10);
  });

  it('shows AWS\'s example as $23.40 in us-east-1 and $29.48 in Tokyo', () => {
    expect(REGIONS.map((region) => formatUsd(awsExample(region).cost.totalUsd))).toEqual(['$23.40', '$29.48']);
  });

  it.each([
    ['us-east-1', 2.5],
    ['ap-northeast-1', 3.15],
  ] as const)('prices 10,000 users × 1,000 connection-minutes in %s at $%s', (region, usd) => {
    const example = minutesExample(region);
    expect(example.connectionMinutes).toBe(10_000_000);
    expect(example.cost.messagesUsd).toBe(0);
    expect(example.cost.connectionMinutesUsd).toBeCloseTo(usd, 10);
    expect(example.cost.totalUsd).toBeCloseTo(usd, 10);
  });

  it.each([
    // region, [billed messages per message, cost of a million messages] for 1, 32, 33, 100 and 128 KB
    ['us-east-1', [[1, 1.0], [1, 1.0], [2, 2.0], [4, 4.0], [4, 4.0]]],
    ['ap-northeast-1', [[1, 1.26], [1, 1.26], [2, 2.52], [4, 5.04], [4, 5.04]]],
  ] as const)('meters a million messages of 1, 32, 33, 100 and 128 KB in 32 KB units in %s', (region, expected) => {
    const rows = meteringExample(region);
    expect(rows.map((row) => row.kb)).toEqual([1, 32, 33, 100, 128]);
    expect(rows.map((row) => row.billedPerMessage)).toEqual(expected.map(([billed]) => billed));
    expect(rows.map((row) => row.priced.cost.billedMessages)).toEqual(expected.map(([billed]) => billed * 1_000_000));
    rows.forEach((row, i) => expect(row.priced.cost.totalUsd).toBeCloseTo(expected[i]![1], 10));
  });

  it.each([
    // region, first-billion $, over-a-billion $, minutes $, total $, rests on an unconfirmed price
    ['us-east-1', 1000, 1120, 144, 2264, false],
    ['ap-northeast-1', 1260, 1764, 181.44, 3205.44, true],
  ] as const)('splits 2.4 billion messages at the tier boundary in %s', (region, firstUsd, overUsd, minutesUsd, totalUsd, unconfirmed) => {
    const example = billionExample(region);
    expect([example.messages, example.firstTierMessages, example.overTierMessages]).toEqual([2_400_000_000, 1_000_000_000, 1_400_000_000]);
    expect(example.connectionMinutes).toBe(576_000_000);
    expect(example.firstTierUsd).toBeCloseTo(firstUsd, 10);
    expect(example.overTierUsd).toBeCloseTo(overUsd, 10);
    expect(example.cost.connectionMinutesUsd).toBeCloseTo(minutesUsd, 10);
    expect(example.cost.totalUsd).toBeCloseTo(totalUsd, 10);
    expect(example.cost.usesUnconfirmedPrice).toBe(unconfirmed);
  });

  it.each([
    // region, per-user $ at 5 and 9 minutes, per-1,000-users $ at 5 and 9 minutes, the connection's own minutes $
    ['us-east-1', [0.00432, 0.0024], [4.32, 2.4], 0.0054],
    ['ap-northeast-1', [0.0054432, 0.003024], [5.4432, 3.024], 0.006804],
  ] as const)('prices a heartbeat every 5 or 9 minutes over 12 hours a day in %s', (region, perUser, perThousand, connectionUsd) => {
    const rows = keepAliveExample(region);
    expect(rows.map((row) => [row.intervalMinutes, row.heartbeatsPerDay, row.heartbeatsPerUser])).toEqual([
      [5, 144, 4_320],
      [9, 80, 2_400],
    ]);
    rows.forEach((row, i) => {
      expect(row.perUser.cost.totalUsd).toBeCloseTo(perUser[i]!, 12);
      expect(row.perGroup.cost.totalUsd).toBeCloseTo(perThousand[i]!, 10);
    });
    const connection = keepAliveConnection(region);
    expect(connection.connectionMinutes).toBe(21_600);
    expect(connection.cost.totalUsd).toBeCloseTo(connectionUsd, 12);
  });

  it('writes the under-a-cent keep-alive figures with two significant digits', () => {
    expect(REGIONS.map((region) => formatUsd(keepAliveExample(region)[0]!.perUser.cost.totalUsd))).toEqual(['$0.0043', '$0.0054']);
  });

  it.each([
    // region, free tier worth $, AWS's example after the free tier: messages $, minutes $, total $
    ['us-east-1', 1.1875, 17.0, 5.2125, 22.2125],
    ['ap-northeast-1', 1.49625, 21.42, 6.56775, 27.98775],
  ] as const)('takes the old free tier off AWS\'s example in %s', (region, freeUsd, messagesUsd, minutesUsd, totalUsd) => {
    expect(legacyFreeTierValue(region).cost.totalUsd).toBeCloseTo(freeUsd, 10);
    const example = awsExampleWithLegacyFreeTier(region);
    expect([example.messages, example.connectionMinutes]).toEqual([17_000_000, 20_850_000]);
    expect(example.cost.messagesUsd).toBeCloseTo(messagesUsd, 10);
    expect(example.cost.connectionMinutesUsd).toBeCloseTo(minutesUsd, 10);
    expect(example.cost.totalUsd).toBeCloseTo(totalUsd, 10);
  });

  // The lesson prints each part and the total rounded to the cent; a reader adding the parts must get the total.
  const shownInTheLesson: [string, (region: (typeof REGIONS)[number]) => PricedUse][] = [
    ['AWS\'s example', awsExample],
    ['the connection-minutes example', minutesExample],
    ['the billion-message example', billionExample],
    ['AWS\'s example after the free tier', awsExampleWithLegacyFreeTier],
    ['the free tier\'s worth', legacyFreeTierValue],
  ];
  it.each(shownInTheLesson.flatMap(([name, example]) => REGIONS.map((region) => [name, region, example] as const)))(
    'prints parts that add up to the printed total: %s in %s',
    (_name, region, example) => {
      const { cost, firstTierUsd, overTierUsd } = example(region);
      const cents = (usd: number) => Math.round(Number(formatUsd(usd).slice(1).replaceAll(",", "")) * 100);
      expect(cents(cost.messagesUsd) + cents(cost.connectionMinutesUsd)).toBe(cents(cost.totalUsd));
      expect(cents(firstTierUsd) + cents(overTierUsd)).toBe(cents(cost.messagesUsd));
    },
  );
});

describe('priceDailyUseWithLegacyFreeTier', () => {
  // AWS's example with 33 KB messages: 18,000,000 messages bill as 36,000,000; the allowance takes
  // 1,000,000 billed messages and 750,000 of the 21,600,000 connection-minutes (worked out by hand).
  const use = { users: 1_000, days: 30, sentPerDay: 100, receivedPerDay: 500, messageBytes: 33 * 1024, connectedHoursPerDay: 12 };

  it.each([
    // region, messages $, minutes $, total $
    ['us-east-1', 35.0, 5.2125, 40.2125],
    ['ap-northeast-1', 44.1, 6.56775, 50.66775],
  ] as const)('takes the allowance off the billed 32 KB units in %s', (region, messagesUsd, minutesUsd, totalUsd) => {
    const priced = priceDailyUseWithLegacyFreeTier(use, region);
    expect([priced.messages, priced.cost.billedMessages, priced.connectionMinutes]).toEqual([35_000_000, 35_000_000, 20_850_000]);
    expect(priced.cost.messagesUsd).toBeCloseTo(messagesUsd, 10);
    expect(priced.cost.connectionMinutesUsd).toBeCloseTo(minutesUsd, 10);
    expect(priced.cost.totalUsd).toBeCloseTo(totalUsd, 10);
  });

  it('costs nothing when the use stays inside the allowance', () => {
    // 10 users × (10 + 10) × 30 days = 6,000 messages; 10 × 60 minutes × 30 days = 18,000 minutes.
    const priced = priceDailyUseWithLegacyFreeTier({ ...use, users: 10, sentPerDay: 10, receivedPerDay: 10, connectedHoursPerDay: 1 }, 'us-east-1');
    expect([priced.messages, priced.connectionMinutes, priced.cost.totalUsd]).toEqual([0, 0, 0]);
  });
});
