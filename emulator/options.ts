/**
 * Every setting of the emulator in one place, each with what it imitates and its default.
 * Section numbers point into the project's AWS behaviour reference
 * (../shared/reference/aws-websocket-behavior.md).
 */
export const EMULATOR_DEFAULTS = {
  /** The stage name, the first path segment of both URLs. */
  stage: 'local',
  /** Port for WebSocket connections and @connections (both on one port, like one API Gateway domain). 0 picks a free one. */
  port: 3001,
  /** Loopback only: the emulator is for this machine. */
  host: '127.0.0.1',
  /** The API's route selection expression (§5.1). */
  routeSelectionExpression: '$request.body.action',
  /** Divides the idle and 2-hour timers, e.g. 60 makes them 10 seconds and 2 minutes, for demonstrations. */
  timeScale: 1,
  /** A connection with no data messages for this long is closed with 1001 "Going away" (§1, §2: 10 minutes, fixed). */
  idleTimeoutMs: 10 * 60 * 1000,
  /** Every connection is closed after this long, busy or not (§1, §2: 2 hours, fixed). */
  maxConnectionMs: 2 * 60 * 60 * 1000,
  /** Whether a ping frame resets the idle timer. UNCONFIRMED on AWS (§2.1); off is the conservative choice. */
  pingResetsIdleTimer: false,
  /** API Gateway stops waiting for an integration after this long (§1: 29 seconds for WebSocket APIs). */
  integrationTimeoutMs: 29_000,
  /** A frame above this closes the connection with 1009 (§1: 32 KB). */
  maxFrameBytes: 32 * 1024,
  /** A message (all its frames) above this closes the connection with 1009 (§1: 128 KB). */
  maxMessageBytes: 128 * 1024,
  /** PostToConnection `Data` above this answers 413 (§1, §6.2: 131072 bytes). */
  maxPostBytes: 131072,
  /** New connections per second before handshakes get 429 (§1: 500 per account and Region, raisable). */
  maxConnectsPerSecond: 500,
  /** Origins besides loopback ones (http://localhost:*, http://127.0.0.1:*) that may read the `/_emulator/` endpoints and call @connections from a page. */
  allowedOrigins: [] as string[],
};

export type EmulatorSettings = typeof EMULATOR_DEFAULTS;
