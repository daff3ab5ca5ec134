/**
 * API Gateway WebSocket API prices: the one place every price on the site comes from.
 * Figures and sources from the project's AWS behaviour reference, section 9.
 */

export interface RegionPrices {
  region: string;
  /** USD per million messages, for the first billion messages in a month. */
  messagesPerMillion: number;
  /** USD per million messages above a billion a month; null where no source gives it. */
  messagesPerMillionOver1B: number | null;
  /** USD per million connection-minutes. */
  connectionMinutesPerMillion: number;
  source: string;
  /** When the figure was last checked against its source. */
  checked: string;
  /** How sure the reference is: 'H' stated by AWS, 'M' one reliable observation. */
  confidence: 'H' | 'M';
}

export const PRICES: Record<'us-east-1' | 'ap-northeast-1', RegionPrices> = {
  'us-east-1': {
    region: 'us-east-1',
    messagesPerMillion: 1.0,
    messagesPerMillionOver1B: 0.8,
    connectionMinutesPerMillion: 0.25,
    source: 'AWS Price List API (effective 2025-07-01); https://aws.amazon.com/api-gateway/pricing/',
    checked: '2026-09-20',
    confidence: 'H',
  },
  'ap-northeast-1': {
    region: 'ap-northeast-1',
    messagesPerMillion: 1.26,
    messagesPerMillionOver1B: null,
    connectionMinutesPerMillion: 0.315,
    source: 'Classmethod, "API Gateway + WebSocket の基本的な使い方" (2020-01-02)',
    checked: '2020-01-02',
    confidence: 'M',
  },
};

/** Messages are metered in 32 KB increments: a 33 KB message bills as two. */
export const METERING_UNIT_BYTES = 32 * 1024;

/** The message tier boundary. */
export const FIRST_TIER_MESSAGES = 1_000_000_000;

/** The free tier for accounts created before 2025-07-15: per month, for 12 months. */
export const LEGACY_FREE_TIER = { messages: 1_000_000, connectionMinutes: 750_000, endsForAccountsCreatedOnOrAfter: '2025-07-15' };
