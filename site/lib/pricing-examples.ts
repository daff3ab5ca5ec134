/**
 * The worked examples of the pricing lesson: only their inputs live here. Every dollar figure the
 * lesson shows comes out of `monthlyCost`, so the prose, the calculator and the tests agree.
 */
import { billedMessagesPer, monthlyCost, type Cost, type Workload } from '../client/pricing.ts';
import { FIRST_TIER_MESSAGES, LEGACY_FREE_TIER } from '../client/pricing-data.ts';

export type Region = Workload['region'];

/** The two regions the site has prices for, in the order the lesson lists them. */
export const REGIONS: readonly Region[] = ['us-east-1', 'ap-northeast-1'];

const KB = 1024;
const MILLION = 1_000_000;

/** A month of use by a number of users who all behave alike, described per user and per day. */
export interface DailyUse {
  users: number;
  days: number;
  /** Messages each user sends to the API in a day. */
  sentPerDay: number;
  /** Messages each user receives from the API in a day (`@connections` posts, route responses). */
  receivedPerDay: number;
  /** Size of every message, in bytes. */
  messageBytes: number;
  /** How long each user stays connected in a day. */
  connectedHoursPerDay: number;
}

/** A priced example: the counts the arithmetic starts from, and what `monthlyCost` made of them. */
export interface PricedUse {
  region: Region;
  messages: number;
  connectionMinutes: number;
  /** Billed messages in millions: the figure the per-million price is multiplied by. */
  billedMillions: number;
  /** Connection-minutes in millions. */
  connectionMinuteMillions: number;
  /** Billed messages inside the first-billion tier, and above it. */
  firstTierMessages: number;
  overTierMessages: number;
  /** The message charge split at the tier boundary (the two add up to `cost.messagesUsd`). */
  firstTierUsd: number;
  overTierUsd: number;
  cost: Cost;
}

/** Messages a month: every user, every day, both directions. */
export function monthlyMessages(use: DailyUse): number {
  return use.users * (use.sentPerDay + use.receivedPerDay) * use.days;
}

/** Connection-minutes a month. */
export function monthlyConnectionMinutes(use: DailyUse): number {
  return use.users * use.connectedHoursPerDay * 60 * use.days;
}

/** Prices a month of `messages` and `connectionMinutes`, split at the tier boundary so the lesson can show each step. */
export function priceMonth(region: Region, messages: number, messageBytes: number, connectionMinutes: number): PricedUse {
  const cost = monthlyCost({ region, messages, messageBytes, connectionMinutes });
  const firstTierMessages = Math.min(cost.billedMessages, FIRST_TIER_MESSAGES);
  // The first tier priced on its own: one message of at most 32 KB per billed unit.
  const firstTierUsd = monthlyCost({ region, messages: firstTierMessages, messageBytes: 1, connectionMinutes: 0 }).messagesUsd;
  return {
    region,
    messages,
    connectionMinutes,
    billedMillions: cost.billedMessages / MILLION,
    connectionMinuteMillions: connectionMinutes / MILLION,
    firstTierMessages,
    overTierMessages: cost.billedMessages - firstTierMessages,
    firstTierUsd,
    overTierUsd: cost.messagesUsd - firstTierUsd,
    cost,
  };
}

export function priceDailyUse(use: DailyUse, region: Region): PricedUse {
  return priceMonth(region, monthlyMessages(use), use.messageBytes, monthlyConnectionMinutes(use));
}

/**
 * 1. The pricing page's own example (reference §9): 1,000 users, each sending 100 and receiving 500
 * small messages a day for 30 days, connected 12 hours a day. AWS gives no size: any size up to 32 KB
 * bills the same.
 */
export const AWS_EXAMPLE: DailyUse = {
  users: 1_000,
  days: 30,
  sentPerDay: 100,
  receivedPerDay: 500,
  messageBytes: 1 * KB,
  connectedHoursPerDay: 12,
};

export function awsExample(region: Region): PricedUse {
  return priceDailyUse(AWS_EXAMPLE, region);
}

/** 2. Connection-minutes alone: 10,000 users, each connected 1,000 minutes in a month, no messages. */
export const MINUTES_EXAMPLE = { users: 10_000, minutesPerUser: 1_000 };

export function minutesExample(region: Region): PricedUse {
  return priceMonth(region, 0, 1, MINUTES_EXAMPLE.users * MINUTES_EXAMPLE.minutesPerUser);
}

/** 3. The 32 KB metering: a million messages of each size, from small to the 128 KB maximum. */
export const METERING_EXAMPLE = { messages: 1_000_000, sizesKb: [1, 32, 33, 100, 128] };

export interface MeteredSize {
  kb: number;
  bytes: number;
  /** How many messages one message of this size bills as. */
  billedPerMessage: number;
  priced: PricedUse;
}

export function meteringExample(region: Region): MeteredSize[] {
  return METERING_EXAMPLE.sizesKb.map((kb) => ({
    kb,
    bytes: kb * KB,
    billedPerMessage: billedMessagesPer(kb * KB),
    priced: priceMonth(region, METERING_EXAMPLE.messages, kb * KB, 0),
  }));
}

/**
 * 4. Past the first billion messages: 40,000 users, each sending 400 and receiving 1,600 small
 * messages a day for 30 days, connected 8 hours a day. In Tokyo the price above a billion is
 * unknown, so `cost.usesUnconfirmedPrice` is true there.
 */
export const BILLION_EXAMPLE: DailyUse = {
  users: 40_000,
  days: 30,
  sentPerDay: 400,
  receivedPerDay: 1_600,
  messageBytes: 1 * KB,
  connectedHoursPerDay: 8,
};

export function billionExample(region: Region): PricedUse {
  return priceDailyUse(BILLION_EXAMPLE, region);
}

/**
 * 5. What a keep-alive costs: one `{"action":"ping"}` message every few minutes, for a connection
 * held 12 hours a day for 30 days. The sample's `ping` route sends nothing back, so each heartbeat
 * is one message.
 */
export const KEEP_ALIVE_EXAMPLE = {
  intervalsMinutes: [5, 9],
  connectedHoursPerDay: 12,
  days: 30,
  messageBytes: new TextEncoder().encode('{"action":"ping"}').length,
  /** The lesson also prices the heartbeats of this many users. */
  users: 1_000,
};

export interface KeepAliveCost {
  intervalMinutes: number;
  heartbeatsPerDay: number;
  /** Heartbeat messages one user sends in a month. */
  heartbeatsPerUser: number;
  /** What one user's heartbeats cost in a month. */
  perUser: PricedUse;
  /** What the heartbeats of `KEEP_ALIVE_EXAMPLE.users` users cost in a month. */
  perGroup: PricedUse;
}

export function keepAliveExample(region: Region): KeepAliveCost[] {
  const { connectedHoursPerDay, days, messageBytes, users } = KEEP_ALIVE_EXAMPLE;
  return KEEP_ALIVE_EXAMPLE.intervalsMinutes.map((intervalMinutes) => {
    const heartbeatsPerDay = (connectedHoursPerDay * 60) / intervalMinutes;
    const heartbeatsPerUser = heartbeatsPerDay * days;
    return {
      intervalMinutes,
      heartbeatsPerDay,
      heartbeatsPerUser,
      perUser: priceMonth(region, heartbeatsPerUser, messageBytes, 0),
      perGroup: priceMonth(region, heartbeatsPerUser * users, messageBytes, 0),
    };
  });
}

/** The connection-minutes of the same connection held 12 hours a day, to set the heartbeats against. */
export function keepAliveConnection(region: Region): PricedUse {
  const { connectedHoursPerDay, days } = KEEP_ALIVE_EXAMPLE;
  return priceMonth(region, 0, 1, connectedHoursPerDay * 60 * days);
}

/** What the free tier of accounts created before 2025-07-15 is worth in a month. */
export function legacyFreeTierValue(region: Region): PricedUse {
  return priceMonth(region, LEGACY_FREE_TIER.messages, 1, LEGACY_FREE_TIER.connectionMinutes);
}

/**
 * Prices `use` for an account that still has the free tier of accounts created before 2025-07-15:
 * the allowance comes off both meters first. The messages allowance is taken in billed (32 KB) units,
 * as the meter counts them, so the returned `messages` are billed messages left after the allowance.
 */
export function priceDailyUseWithLegacyFreeTier(use: DailyUse, region: Region): PricedUse {
  const billedMessages = monthlyMessages(use) * billedMessagesPer(use.messageBytes);
  return priceMonth(
    region,
    Math.max(0, billedMessages - LEGACY_FREE_TIER.messages),
    // Each of these is already one billed message.
    1,
    Math.max(0, monthlyConnectionMinutes(use) - LEGACY_FREE_TIER.connectionMinutes),
  );
}

/** AWS's example for an account that still has the old free tier: the allowance comes off both meters first. */
export function awsExampleWithLegacyFreeTier(region: Region): PricedUse {
  return priceDailyUseWithLegacyFreeTier(AWS_EXAMPLE, region);
}
