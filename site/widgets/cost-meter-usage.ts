/**
 * The cost meter's pure parts: usage as API Gateway meters it (reference §9), counted from what a
 * client sees, and what that usage costs. No DOM here, so the rules are unit-tested
 * (test/site/cost-meter-usage.test.ts). Every price comes from the site's pricing module.
 */
import { billedMessagesPer, formatUsd, monthlyCost, type Cost } from '../client/pricing.ts';
import { METERING_UNIT_BYTES, PRICES } from '../client/pricing-data.ts';

export type Region = keyof typeof PRICES;
export const REGIONS = Object.keys(PRICES) as Region[];

/** The emulator's per-connection numbers (emulator/metering.ts), which a client can count for itself too. */
export interface Usage {
  /** Data messages the client sent (API Gateway received). */
  messagesIn: number;
  /** Data messages the client received: route responses and @connections posts. */
  messagesOut: number;
  unitsIn: number;
  unitsOut: number;
  /** Gateway error frames; whether AWS bills them is UNCONFIRMED, so they stay out of the cost. */
  errorFrames: number;
  connectionMinutes: number;
}

export const NO_USAGE: Usage = { messagesIn: 0, messagesOut: 0, unitsIn: 0, unitsOut: 0, errorFrames: 0, connectionMinutes: 0 };

const KEYS = Object.keys(NO_USAGE) as (keyof Usage)[];

export function addUsage(a: Usage, b: Usage): Usage {
  return Object.fromEntries(KEYS.map((key) => [key, a[key] + b[key]])) as unknown as Usage;
}

/** `a - b`, never below zero (a restarted emulator reports less than the baseline it had). */
export function subtractUsage(a: Usage, b: Usage): Usage {
  return Object.fromEntries(KEYS.map((key) => [key, Math.max(0, a[key] - b[key])])) as unknown as Usage;
}

/** Bytes of a text message on the wire: its UTF-8 length, which the 32 KB units are counted in. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

// The gateway's three error frames, byte for byte (reference §5.4): the only messages a client can tell apart as not the backend's.
const ERROR_FRAME = /^\{"message": "(Forbidden|Internal server error|Endpoint request timed out)", "connectionId":"[^"]*", "requestId":"[^"]*"\}$/;

export function isGatewayErrorFrame(text: string): boolean {
  return ERROR_FRAME.test(text);
}

/** The counters of one message the client saw, in the emulator's terms. */
export function countMessage(usage: Usage, direction: 'sent' | 'received', text: string): Usage {
  if (direction === 'sent') return { ...usage, messagesIn: usage.messagesIn + 1, unitsIn: usage.unitsIn + billedMessagesPer(utf8Bytes(text)) };
  if (isGatewayErrorFrame(text)) return { ...usage, errorFrames: usage.errorFrames + 1 };
  return { ...usage, messagesOut: usage.messagesOut + 1, unitsOut: usage.unitsOut + billedMessagesPer(utf8Bytes(text)) };
}

const CONNECTION_ID = /^[\w-]{15}=$/;

/**
 * The connectionId a message names at its top level, if any. API Gateway never tells a client its
 * id; the gateway's error frames and the sample's echo and whoami replies carry it.
 */
export function connectionIdIn(text: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>).connectionId;
  return typeof id === 'string' && CONNECTION_ID.test(id) ? id : null;
}

/** What the usage costs in a region: the 32 KB units are the billed messages; error frames are left out. */
export function usageCost(usage: Usage, region: Region, times = 1): Cost {
  return monthlyCost({
    region,
    // Already in 32 KB units: each counts as one message of one full unit.
    messages: (usage.unitsIn + usage.unitsOut) * times,
    messageBytes: METERING_UNIT_BYTES,
    connectionMinutes: usage.connectionMinutes * times,
  });
}

/** Like formatUsd, but a tiny amount keeps two significant digits in plain decimals: `$0.0000060`, not `$6.0e-6`. */
export function formatSmallUsd(amount: number): string {
  if (amount === 0) return '$0';
  if (amount >= 0.01) return formatUsd(amount);
  const decimals = Math.min(12, 1 - Math.floor(Math.log10(amount)));
  return `$${amount.toFixed(decimals)}`;
}

/** Connection-minutes to three decimals: a minute is long beside a message. */
export function formatMinutes(minutes: number): string {
  return minutes.toFixed(3);
}
