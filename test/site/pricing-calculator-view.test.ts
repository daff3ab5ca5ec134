import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS, estimate, type CalculatorInputs } from '../../site/widgets/pricing-calculator-model.ts';
import { costCurve } from '../../site/widgets/pricing-calculator-plot.ts';
import {
  formatConverted,
  formatCount,
  formatMillions,
  formatUsdTick,
  formatUsersTick,
  plotView,
  resultView,
} from '../../site/widgets/pricing-calculator-view.ts';

// The figures in these sentences were worked out by hand (reference §9 prices), not with the pricing module.
const view = (changes: Partial<CalculatorInputs>, lang: 'ja' | 'en' = 'en') =>
  resultView(estimate({ ...DEFAULT_INPUTS, ...changes }), lang);

describe('resultView', () => {
  it('writes AWS’s example out step by step', () => {
    const { slots, show } = view({});
    expect(slots.totalLine).toBe('$23.40 a month (messages $18.00 + connection-minutes $5.40)');
    expect(slots.messagesStep).toBe('Messages: 1,000 users × (100 sent + 500 received) × 30 days = 18,000,000');
    expect(slots.meteringStep).toBe(
      '32 KB metering: a 1 KB message bills as 1 (one per started 32 KB). 18,000,000 × 1 = 18,000,000 billed messages',
    );
    expect(slots.minutesStep).toBe('Connection-minutes: 1,000 users × 12 hours × 60 minutes × 30 days = 21,600,000');
    expect([slots.firstTierCalculation, slots.firstTierAmount]).toEqual(['18 × $1.00', '$18.00']);
    expect([slots.overTierCalculation, slots.overTierAmount]).toEqual(['0 × $0.80', '$0.00']);
    expect([slots.minutesCalculation, slots.minutesAmount]).toEqual(['21.6 × $0.25', '$5.40']);
    expect(slots.totalAmount).toBe('$23.40');
    expect(show).toEqual({ converted: false, unconfirmed: false, freeTier: false, lowConfidence: false });
  });

  it('writes it in Japanese too', () => {
    const { slots } = view({}, 'ja');
    expect(slots.totalLine).toBe('1 か月 $23.40（メッセージ $18.00 ＋ 接続時間 $5.40）');
    expect(slots.messagesStep).toBe('メッセージ: 1,000 人 ×（送信 100 ＋ 受信 500）× 30 日 = 18,000,000 件');
  });

  it('shows a 33 KB message billing as 2', () => {
    const { slots } = view({ messageKb: 33 });
    expect(slots.meteringStep).toBe(
      '32 KB metering: a 33 KB message bills as 2 (one per started 32 KB). 18,000,000 × 2 = 36,000,000 billed messages',
    );
    expect(slots.firstTierAmount).toBe('$36.00');
  });

  it('writes minutes a day as minutes', () => {
    const { slots } = view({
      users: 10_000,
      sentPerDay: 0,
      receivedPerDay: 0,
      connectedPerDay: 100,
      connectedUnit: 'minutes',
      days: 10,
      region: 'ap-northeast-1',
    });
    expect(slots.minutesStep).toBe('Connection-minutes: 10,000 users × 100 minutes × 10 days = 10,000,000');
    expect(slots.totalLine).toBe('$3.15 a month (messages $0.00 + connection-minutes $3.15)');
  });

  it('shows what the old free tier takes off', () => {
    const { slots, show } = view({ legacyFreeTier: true });
    expect(show.freeTier).toBe(true);
    expect(slots.freeTierStep).toBe(
      'Old free tier: 1,000,000 messages off leaves 17,000,000; 750,000 connection-minutes off leaves 20,850,000',
    );
    expect(slots.totalAmount).toBe('$22.21');
  });

  it('flags the unconfirmed Tokyo price above a billion messages and says how it was filled in', () => {
    const { slots, show } = view({
      region: 'ap-northeast-1',
      users: 40_000,
      sentPerDay: 400,
      receivedPerDay: 1_600,
      connectedPerDay: 8,
    });
    expect(show).toMatchObject({ unconfirmed: true, lowConfidence: true });
    expect(slots.firstTierCalculation).toBe('1,000 × $1.26');
    expect(slots.overTierCalculation).toBe('1,400 × unknown ($1.26 used)');
    expect(slots.overTierAmount).toBe('$1,764.00 ⚠');
    expect(slots.totalLine).toBe(
      '$3,205.44 a month (messages $3,024.00 + connection-minutes $181.44) (includes an unconfirmed price)',
    );
    expect(slots.unconfirmedNote).toContain('ap-northeast-1');
  });

  it('converts at the reader’s rate and says it is theirs', () => {
    expect(view({ rate: 150 }).slots.converted).toBe('About ¥3,510 at your rate of 1 USD = 150 JPY. Not a live rate.');
    expect(view({ rate: 150 }, 'ja').slots.converted).toBe(
      'あなたのレート（1 USD = 150 JPY）で約 ￥3,510。最新のレートではありません。',
    );
    expect(view({ rate: 0.92, currency: 'EUR' }).slots.converted).toBe(
      'About €21.53 at your rate of 1 USD = 0.92 EUR. Not a live rate.',
    );
  });
});

describe('plotView', () => {
  it('summarises the curve and lists each point, the reader’s marked', () => {
    const plot = plotView(costCurve(DEFAULT_INPUTS), 'JPY', 'en');
    expect(plot.summary).toBe('From 0 to 2,000 users: $0.00 to $46.80. Your 1,000 users: $23.40.');
    expect(plot.convertedHeader).toBeNull();
    expect(plot.rows).toHaveLength(11);
    expect(plot.rows[5]).toEqual({
      users: '1,000 (your input)',
      usd: '$23.40',
      converted: '',
      current: true,
      unconfirmed: false,
    });
    expect(plot.rows[10]!.usd).toBe('$46.80');
  });

  it('adds a column in the reader’s currency when they set a rate', () => {
    const plot = plotView(costCurve({ ...DEFAULT_INPUTS, rate: 150 }), 'JPY', 'en');
    expect(plot.convertedHeader).toBe('At your rate (JPY)');
    expect(plot.rows[10]!.converted).toBe('¥7,020');
  });
});

describe('number formats', () => {
  it.each([
    [18_000_000, '18'],
    [21_600_000, '21.6'],
    [6_000, '0.006'],
    [1_399_000_000, '1,399'],
  ])('writes %d in millions as %s', (value, text) => {
    expect(formatMillions(value, 'en')).toBe(text);
  });

  it.each([
    [21_600_000, 'en', '21,600,000'],
    [0.5, 'en', '0.5'],
    [1 / 3, 'ja', '0.33'],
  ] as const)('writes the count %d in %s as %s', (value, lang, text) => {
    expect(formatCount(value, lang)).toBe(text);
  });

  it('keeps small converted amounts from reading as zero', () => {
    expect(formatConverted(0.37, 'JPY', 'en')).toBe('¥0.37');
    expect(formatConverted(0, 'JPY', 'en')).toBe('¥0');
  });

  it('writes short axis labels', () => {
    expect([formatUsersTick(2_000, 'en'), formatUsersTick(20_000, 'ja'), formatUsersTick(0, 'en')]).toEqual(['2K', '2万', '0']);
    expect([formatUsdTick(20), formatUsdTick(1_500), formatUsdTick(0.002), formatUsdTick(0)]).toEqual([
      '$20',
      '$1.5K',
      '$0.002',
      '$0',
    ]);
  });
});
