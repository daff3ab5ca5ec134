import { describe, expect, it } from 'vitest';
import { DEFAULT_INPUTS } from '../../site/widgets/pricing-calculator-model.ts';
import { axisTicks, costCurve, niceCeil, plotGeometry, plottedUsers } from '../../site/widgets/pricing-calculator-plot.ts';

describe('niceCeil', () => {
  it.each([
    [1, 1],
    [3, 5],
    [10, 10],
    [11, 20],
    [46.8, 50],
    [2000, 2000],
    [2468, 5000],
    [0.0023, 0.005],
    [0.075, 0.1],
    [1_500_000_000, 2_000_000_000],
  ])('rounds %d up to %d', (value, nice) => {
    expect(niceCeil(value)).toBe(nice);
  });
});

describe('plottedUsers', () => {
  it('prices ten steps to twice the reader’s count when that is round: 1,000 users → 0 to 2,000 by 200', () => {
    expect(plottedUsers(1000)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
  });

  it('adds the reader’s own count between the steps', () => {
    expect(plottedUsers(1234)).toEqual([0, 500, 1000, 1234, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000]);
  });

  it.each([0, 3])('keeps whole-number steps for %d users: 0 to 10 by 1', (users) => {
    expect(plottedUsers(users)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('reaches two billion for a billion users', () => {
    const counts = plottedUsers(1_000_000_000);
    expect([counts[1], counts.at(-1), counts.length]).toEqual([200_000_000, 2_000_000_000, 11]);
  });
});

describe('axisTicks', () => {
  it.each([
    [46.8, 4, [0, 20, 40, 60]],
    [2000, 5, [0, 500, 1000, 1500, 2000]],
    [2000, 2, [0, 1000, 2000]],
    [0.3, 4, [0, 0.1, 0.2, 0.3]],
    [0, 4, [0, 0.25, 0.5, 0.75, 1]],
  ])('cuts 0 to %d into about %d round steps', (max, intervals, ticks) => {
    expect(axisTicks(max, intervals)).toEqual(ticks);
  });
});

describe('costCurve', () => {
  it('prices AWS’s example per 200 users: $4.68 a step, $23.40 at the reader’s 1,000', () => {
    const curve = costCurve(DEFAULT_INPUTS);
    expect(curve.map((point) => point.users)).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
    curve.forEach((point, i) => expect(point.totalUsd).toBeCloseTo(4.68 * i, 8));
    expect(curve.filter((point) => point.current).map((point) => point.users)).toEqual([1000]);
    expect(curve.every((point) => !point.usesUnconfirmedPrice && point.converted === null)).toBe(true);
  });

  it('marks the Tokyo points above a billion messages as unconfirmed', () => {
    // 2,000 messages a user a day for 30 days: 60,000 a month, so past a billion above 16,666 users.
    const curve = costCurve({
      ...DEFAULT_INPUTS,
      region: 'ap-northeast-1',
      users: 10_000,
      sentPerDay: 400,
      receivedPerDay: 1_600,
    });
    expect(curve.filter((point) => point.usesUnconfirmedPrice).map((point) => point.users)).toEqual([18_000, 20_000]);
  });
});

describe('plotGeometry', () => {
  it('places cost upwards and users rightwards inside the margins', () => {
    const plot = plotGeometry(costCurve(DEFAULT_INPUTS), 600, 280);
    expect(plot.area).toEqual({ left: 64, right: 580, top: 28, bottom: 232 });
    expect(plot.xTicks.map((tick) => [tick.value, tick.at])).toEqual([
      [0, 64],
      [500, 193],
      [1000, 322],
      [1500, 451],
      [2000, 580],
    ]);
    expect(plot.yTicks.map((tick) => [tick.value, tick.at])).toEqual([
      [0, 232],
      [20, 164],
      [40, 96],
      [60, 28],
    ]);
    const [first, , , , , middle, , , , , last] = plot.points;
    expect([first!.x, first!.y]).toEqual([64, 232]);
    // $23.40 of a $60 axis 204 units tall: 232 − 23.4 / 60 × 204 = 152.44.
    expect(middle!.x).toBe(322);
    expect(middle!.y).toBeCloseTo(152.44, 8);
    expect(last!.x).toBe(580);
    expect(last!.y).toBeCloseTo(72.88, 8);
  });

  it('labels fewer users on a narrow screen', () => {
    expect(plotGeometry(costCurve(DEFAULT_INPUTS), 340, 240).xTicks.map((tick) => tick.value)).toEqual([0, 1000, 2000]);
  });
});
