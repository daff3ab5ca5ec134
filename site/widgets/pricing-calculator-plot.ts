/**
 * The numbers behind the calculator's plot of monthly cost against number of users: which user
 * counts it prices, round axis ranges and ticks, and where each point falls. Pure, so it can be
 * unit tested; pricing-calculator.ts turns the result into SVG.
 */
import { estimate, type CalculatorInputs } from './pricing-calculator-model.ts';

export interface CurvePoint {
  users: number;
  totalUsd: number;
  /** The total in the reader's currency at their rate; null when they set none. */
  converted: number | null;
  /** The reader's own number of users. */
  current: boolean;
  usesUnconfirmedPrice: boolean;
}

export interface Tick {
  value: number;
  /** Position along its axis, in SVG user units. */
  at: number;
}

export interface PlacedPoint extends CurvePoint {
  x: number;
  y: number;
}

export interface PlotGeometry {
  width: number;
  height: number;
  /** The plotting area inside the axes. */
  area: { left: number; right: number; top: number; bottom: number };
  xTicks: Tick[];
  yTicks: Tick[];
  points: PlacedPoint[];
}

/** Room for the tick labels and axis titles around the plotting area. */
const margin = { left: 64, right: 20, top: 28, bottom: 48 };

/** Equal steps on the users axis; the reader's own count is added where it falls between them. */
const userSteps = 10;

/** Keeps 0.1 × 3 from printing as 0.30000000000000004. */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/** The smallest of 1, 2 or 5 × 10ⁿ that is at least `value` (which must be above 0). */
export function niceCeil(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const multiple of [1, 2, 5, 10]) {
    const candidate = tidy(multiple * power);
    // Allow for log10 landing a hair off an exact power of ten.
    if (candidate >= value * (1 - 1e-12)) return candidate;
  }
  return tidy(10 * power);
}

/**
 * The user counts to price: 0 to a round number at least twice the reader's (so their count sits
 * in the left half or middle), in ten equal whole-number steps, plus their own count.
 */
export function plottedUsers(users: number): number[] {
  const max = niceCeil(Math.max(userSteps, users * 2));
  const counts = Array.from({ length: userSteps + 1 }, (_, i) => tidy((i * max) / userSteps));
  if (!counts.includes(users)) counts.push(users);
  return counts.sort((a, b) => a - b);
}

/** A range from 0 to a round maximum at or above `max`, cut into `intervals` or so round steps. */
export function axisTicks(max: number, intervals: number): number[] {
  if (!(max > 0)) return Array.from({ length: intervals + 1 }, (_, i) => tidy(i / intervals));
  const step = niceCeil(max / intervals);
  const count = Math.ceil(tidy(max / step));
  return Array.from({ length: count + 1 }, (_, i) => tidy(i * step));
}

/** The monthly cost at each plotted user count, everything else as the reader set it. */
export function costCurve(inputs: CalculatorInputs): CurvePoint[] {
  return plottedUsers(inputs.users).map((users) => {
    const priced = estimate({ ...inputs, users });
    return {
      users,
      totalUsd: priced.billed.cost.totalUsd,
      converted: priced.converted,
      current: users === inputs.users,
      usesUnconfirmedPrice: priced.billed.cost.usesUnconfirmedPrice,
    };
  });
}

/** Places the curve in a `width` × `height` SVG: cost rises upwards, users to the right. */
export function plotGeometry(curve: CurvePoint[], width: number, height: number): PlotGeometry {
  const area = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const maxUsers = Math.max(...curve.map((point) => point.users));
  // Fewer labels on a phone, so that they do not run into each other.
  const xTickValues = axisTicks(maxUsers, width < 420 ? 2 : 5);
  const yTickValues = axisTicks(Math.max(...curve.map((point) => point.totalUsd)), 4);
  const xMax = xTickValues.at(-1) ?? 1;
  const yMax = yTickValues.at(-1) ?? 1;
  const x = (users: number) => area.left + (users / xMax) * (area.right - area.left);
  const y = (usd: number) => area.bottom - (usd / yMax) * (area.bottom - area.top);
  return {
    width,
    height,
    area,
    xTicks: xTickValues.map((value) => ({ value, at: x(value) })),
    yTicks: yTickValues.map((value) => ({ value, at: y(value) })),
    points: curve.map((point) => ({ ...point, x: x(point.users), y: y(point.totalUsd) })),
  };
}
