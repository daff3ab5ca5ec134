/**
 * What the pricing calculator computes from what the reader typed: the inputs, their limits,
 * parsing and checking them, and the month they describe. Pure (no DOM), so the server renders
 * the default result with it, the browser recomputes with it, and unit tests check it. Every
 * count and dollar comes from the lesson's helpers in site/lib/pricing-examples.ts.
 */
import { billedMessagesPer } from '../client/pricing.ts';
import {
  AWS_EXAMPLE,
  REGIONS,
  monthlyMessages,
  priceDailyUse,
  priceDailyUseWithLegacyFreeTier,
  type DailyUse,
  type PricedUse,
  type Region,
} from '../lib/pricing-examples.ts';

export type ConnectedUnit = 'hours' | 'minutes';

export interface CalculatorInputs {
  region: Region;
  users: number;
  /** Messages each user sends to the API in a day. */
  sentPerDay: number;
  /** Messages each user receives from the API in a day. */
  receivedPerDay: number;
  /** Size of every message in KB (1,024 bytes, as the rest of the site counts). */
  messageKb: number;
  /** How long each user stays connected in a day, in `connectedUnit`. */
  connectedPerDay: number;
  connectedUnit: ConnectedUnit;
  days: number;
  /** The account was created before 2025-07-15 and still has the old free tier. */
  legacyFreeTier: boolean;
  /** The reader's own exchange rate: units of `currency` per US dollar; null converts nothing. */
  rate: number | null;
  /** Three-letter ISO 4217 code of the currency `rate` converts to. */
  currency: string;
}

/** The form's fields, by their `name`. */
export type Field = keyof CalculatorInputs;

/** The form's values as the reader typed them (a checkbox is `'on'` or `''`). */
export type RawInputs = Record<Field, string>;

/** AWS's own worked example in us-east-1, so the first figure a reader sees is one AWS publishes. */
export const DEFAULT_INPUTS: CalculatorInputs = {
  region: 'us-east-1',
  users: AWS_EXAMPLE.users,
  sentPerDay: AWS_EXAMPLE.sentPerDay,
  receivedPerDay: AWS_EXAMPLE.receivedPerDay,
  messageKb: AWS_EXAMPLE.messageBytes / 1024,
  connectedPerDay: AWS_EXAMPLE.connectedHoursPerDay,
  connectedUnit: 'hours',
  days: AWS_EXAMPLE.days,
  legacyFreeTier: false,
  rate: null,
  currency: 'JPY',
};

export type NumericField = 'users' | 'sentPerDay' | 'receivedPerDay' | 'messageKb' | 'connectedPerDay' | 'days' | 'rate';

const numericFields: readonly Field[] = ['users', 'sentPerDay', 'receivedPerDay', 'messageKb', 'connectedPerDay', 'days', 'rate'];

export function isNumericField(field: Field): field is NumericField {
  return numericFields.includes(field);
}

interface Limit {
  /** Smallest value allowed; `minExclusive` makes it "more than". */
  min: number;
  minExclusive?: boolean;
  /** Largest value allowed: beyond it the figure describes no real workload. */
  max: number;
  whole?: boolean;
}

/** The range each number must fall in. `connectedPerDay` depends on the unit. */
export function limitOf(field: NumericField, unit: ConnectedUnit): Limit {
  switch (field) {
    case 'users':
      return { min: 0, max: 1_000_000_000, whole: true };
    case 'sentPerDay':
    case 'receivedPerDay':
      // A million a day is more than 11 a second around the clock, per user.
      return { min: 0, max: 1_000_000 };
    case 'messageKb':
      // 128 KB is API Gateway's message limit: above it the connection closes with 1009.
      return { min: 0, minExclusive: true, max: 128 };
    case 'connectedPerDay':
      return { min: 0, max: unit === 'hours' ? 24 : 24 * 60 };
    case 'days':
      return { min: 1, max: 31, whole: true };
    case 'rate':
      return { min: 0, minExclusive: true, max: 10_000_000 };
  }
}

export type Problem = 'empty' | 'notANumber' | 'notWhole' | 'belowMin' | 'aboveMax' | 'badCurrency' | 'badChoice';

export interface FieldError {
  field: Field;
  problem: Problem;
}

export type ParseResult = { ok: true; inputs: CalculatorInputs } | { ok: false; errors: FieldError[] };

/**
 * Reads a number the way people type one: with thousands separators (`1,000`, `1 000`) and in
 * full-width digits from a Japanese input method (`１０００`). Null when it is not a number.
 */
export function parseNumber(text: string): number | null {
  const compact = text
    .normalize('NFKC')
    .trim()
    .replace(/[,_\s]/g, '')
    // The typographic minus sign, which NFKC leaves alone.
    .replace(/\u2212/g, '-');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(compact)) return null;
  const value = Number(compact);
  return Number.isFinite(value) ? value : null;
}

function checkNumber(field: NumericField, text: string, unit: ConnectedUnit): number | Problem {
  if (text.trim() === '') return 'empty';
  const value = parseNumber(text);
  if (value === null) return 'notANumber';
  const limit = limitOf(field, unit);
  if (value < limit.min || (limit.minExclusive && value === limit.min)) return 'belowMin';
  if (value > limit.max) return 'aboveMax';
  if (limit.whole && !Number.isInteger(value)) return 'notWhole';
  return value;
}

function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

/** Checks every field; on success, the inputs they describe; otherwise one problem per wrong field. */
export function parseInputs(raw: RawInputs): ParseResult {
  const errors: FieldError[] = [];
  const connectedUnit: ConnectedUnit = raw.connectedUnit === 'minutes' ? 'minutes' : 'hours';
  if (raw.connectedUnit !== 'hours' && raw.connectedUnit !== 'minutes')
    errors.push({ field: 'connectedUnit', problem: 'badChoice' });
  const region = raw.region;
  if (!isRegion(region)) errors.push({ field: 'region', problem: 'badChoice' });

  const number = (field: NumericField): number => {
    const checked = checkNumber(field, raw[field], connectedUnit);
    if (typeof checked === 'number') return checked;
    errors.push({ field, problem: checked });
    return Number.NaN;
  };
  const users = number('users');
  const sentPerDay = number('sentPerDay');
  const receivedPerDay = number('receivedPerDay');
  const messageKb = number('messageKb');
  const connectedPerDay = number('connectedPerDay');
  const days = number('days');
  // The rate is optional: empty means "show dollars only".
  const rate = raw.rate.trim() === '' ? null : number('rate');
  const currency = raw.currency.normalize('NFKC').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.push({ field: 'currency', problem: 'badCurrency' });

  if (errors.length > 0 || !isRegion(region)) return { ok: false, errors };
  return {
    ok: true,
    inputs: {
      region,
      users,
      sentPerDay,
      receivedPerDay,
      messageKb,
      connectedPerDay,
      connectedUnit,
      days,
      legacyFreeTier: raw.legacyFreeTier === 'on',
      rate,
      currency,
    },
  };
}

/** The inputs written back as form values (plain digits, no separators), for the form and for storage. */
export function toRaw(inputs: CalculatorInputs): RawInputs {
  return {
    region: inputs.region,
    users: String(inputs.users),
    sentPerDay: String(inputs.sentPerDay),
    receivedPerDay: String(inputs.receivedPerDay),
    messageKb: String(inputs.messageKb),
    connectedPerDay: String(inputs.connectedPerDay),
    connectedUnit: inputs.connectedUnit,
    days: String(inputs.days),
    legacyFreeTier: inputs.legacyFreeTier ? 'on' : '',
    rate: inputs.rate === null ? '' : String(inputs.rate),
    currency: inputs.currency,
  };
}

/** Every field of the form, by name. */
export const FIELDS = Object.keys(toRaw(DEFAULT_INPUTS)) as Field[];

/** Saved inputs back from storage; null when nothing was saved or it no longer passes the checks. */
export function restoreInputs(saved: string | null): CalculatorInputs | null {
  if (saved === null) return null;
  try {
    const stored: unknown = JSON.parse(saved);
    if (typeof stored !== 'object' || stored === null) return null;
    const raw = toRaw(DEFAULT_INPUTS);
    for (const field of FIELDS) {
      const value: unknown = (stored as Record<string, unknown>)[field];
      if (typeof value !== 'string') return null;
      raw[field] = value;
    }
    const parsed = parseInputs(raw);
    return parsed.ok ? parsed.inputs : null;
  } catch {
    return null;
  }
}

/**
 * The same time in the other unit, as a form value: 12 hours ↔ 720 minutes. Null when the text is
 * not a number. Rounded to four decimals, so 50 minutes becomes 0.8333 hours.
 */
export function convertConnected(text: string, to: ConnectedUnit): string | null {
  const value = parseNumber(text);
  if (value === null) return null;
  const converted = to === 'minutes' ? value * 60 : value / 60;
  return String(Number(converted.toFixed(4)));
}

/** The inputs as the lesson's `DailyUse`. */
export function dailyUse(inputs: CalculatorInputs): DailyUse {
  return {
    users: inputs.users,
    days: inputs.days,
    sentPerDay: inputs.sentPerDay,
    receivedPerDay: inputs.receivedPerDay,
    messageBytes: inputs.messageKb * 1024,
    connectedHoursPerDay: inputs.connectedUnit === 'hours' ? inputs.connectedPerDay : inputs.connectedPerDay / 60,
  };
}

export interface Estimate {
  inputs: CalculatorInputs;
  /** Messages in both directions in the month, before 32 KB metering. */
  messages: number;
  /** How many billed messages one message of this size counts as. */
  billedPerMessage: number;
  /** The month without any free tier: billed messages and connection-minutes before the allowance. */
  gross: PricedUse;
  /** What is billed: `gross`, or what is left of it after the old free tier. */
  billed: PricedUse;
  /** The total in the reader's currency at the reader's rate; null when they set no rate. */
  converted: number | null;
}

export function estimate(inputs: CalculatorInputs): Estimate {
  const use = dailyUse(inputs);
  const gross = priceDailyUse(use, inputs.region);
  const billed = inputs.legacyFreeTier ? priceDailyUseWithLegacyFreeTier(use, inputs.region) : gross;
  return {
    inputs,
    messages: monthlyMessages(use),
    billedPerMessage: billedMessagesPer(use.messageBytes),
    gross,
    billed,
    converted: inputs.rate === null ? null : billed.cost.totalUsd * inputs.rate,
  };
}
