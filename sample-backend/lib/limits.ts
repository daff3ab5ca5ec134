import { positiveIntegerEnv } from './env.ts';

/**
 * The sample's own limits, chosen so that a public demo endpoint cannot be used to spam others or
 * run up a bill. API Gateway's limits (32 KB frames, 128 KB messages) still apply on top.
 */
export const LIMITS = {
  /** Longest text a broadcast may carry, in characters. */
  broadcastMessageChars: 1000,
  /** Broadcasts one connection may send per window. */
  broadcastsPerWindow: 5,
  broadcastWindowSeconds: 60,
  /**
   * Most connections one broadcast reaches. BROADCAST_MAX_RECIPIENTS raises it for load tests
   * (`npm run bench` sets 1000); it is not set when deployed, so 200 applies there.
   */
  broadcastRecipients: positiveIntegerEnv('BROADCAST_MAX_RECIPIENTS', 200),
  /** Largest message the sample accepts, in bytes. */
  messageBytes: 8 * 1024,
  /** Messages `push` sends, and the pause before each. */
  pushCount: 3,
  pushDelayMs: 500,
  /** Events `inspect` returns at most. */
  inspectEvents: 20,
  /** API Gateway closes every connection after 2 hours; the row's TTL is a little later, as a backstop for a lost `$disconnect`. */
  connectionTtlSeconds: 2 * 60 * 60 + 10 * 60,
  /** Recorded events live for a day. */
  eventTtlSeconds: 24 * 60 * 60,
};

/** Subprotocols the sample speaks, in order of preference. */
export const SUPPORTED_SUBPROTOCOLS = ['apigw-tutorial.v1'];
