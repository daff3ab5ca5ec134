/**
 * Computes what API Gateway charges for a WebSocket workload. Pure: the site's prose, the
 * calculator and the tests all call it, so no figure on the site is typed by hand.
 */
import { FIRST_TIER_MESSAGES, METERING_UNIT_BYTES, PRICES, type RegionPrices } from './pricing-data.ts';

export interface Workload {
  region: keyof typeof PRICES;
  /** Messages in both directions in a month (client to API, and API to client). */
  messages: number;
  /** Size of each message in bytes; every started 32 KB is billed as one message. */
  messageBytes: number;
  connectionMinutes: number;
}

export interface Cost {
  prices: RegionPrices;
  billedMessages: number;
  messagesUsd: number;
  connectionMinutesUsd: number;
  totalUsd: number;
  /** True when part of the figure rests on a price no source gives (Tokyo above a billion messages). */
  usesUnconfirmedPrice: boolean;
}

/** How many messages a message of `bytes` bytes is billed as. */
export function billedMessagesPer(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / METERING_UNIT_BYTES));
}

export function monthlyCost(workload: Workload): Cost {
  const prices = PRICES[workload.region];
  const billedMessages = workload.messages * billedMessagesPer(workload.messageBytes);
  const firstTier = Math.min(billedMessages, FIRST_TIER_MESSAGES);
  const overTier = billedMessages - firstTier;
  // Without a source for the higher tier, bill it at the first-tier price and say so.
  const overPrice = prices.messagesPerMillionOver1B ?? prices.messagesPerMillion;
  const messagesUsd = (firstTier / 1e6) * prices.messagesPerMillion + (overTier / 1e6) * overPrice;
  const connectionMinutesUsd = (workload.connectionMinutes / 1e6) * prices.connectionMinutesPerMillion;
  return {
    prices,
    billedMessages,
    messagesUsd,
    connectionMinutesUsd,
    totalUsd: messagesUsd + connectionMinutesUsd,
    usesUnconfirmedPrice: overTier > 0 && prices.messagesPerMillionOver1B === null,
  };
}

/** `$23.40`, `$2,264.00`, or `$0.0062` for amounts under a cent, so that small figures do not round to zero. */
export function formatUsd(amount: number): string {
  if (amount > 0 && amount < 0.01) return `$${amount.toPrecision(2)}`;
  return `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A unit price as AWS writes it: `$1.00`, `$0.25`, `$0.315` (never rounded away). */
export function formatUnitPrice(usd: number): string {
  const text = usd.toFixed(4).replace(/0+$/, '');
  const decimals = text.split('.')[1]?.length ?? 0;
  return `$${decimals < 2 ? usd.toFixed(2) : text}`;
}
