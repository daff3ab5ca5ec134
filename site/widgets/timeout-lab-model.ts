/**
 * The timeout lab's pure parts: its settings and measurements, how they are stored, the URL that
 * asks the emulator to warp time, and which clock a measured disconnect points to. No DOM here,
 * so the rules are unit-tested (test/site/timeout-lab-model.test.ts).
 */

/** API Gateway's idle timeout: 10 minutes without a data message in either direction (quota table, fixed). */
export const AWS_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
/** API Gateway's connection duration limit: 2 hours, busy or not (quota table, fixed). */
export const AWS_MAX_CONNECTION_MS = 2 * 60 * 60 * 1000;

/** Speeds offered on the emulator: ×60 turns the 10-minute idle timeout into 10 seconds, ×600 into 1. */
export const SPEEDS = [1, 60, 600] as const;

/** The keep-alive a browser can send: a data message to the sample's `ping` route (browsers cannot send ping frames). */
export const KEEP_ALIVE_MESSAGE = '{"action":"ping"}';

/** Keep-alive interval bounds, in seconds on the AWS clock. At ×600 the shortest is 100 ms of real time. */
export const KEEP_ALIVE_SECONDS = { min: 60, max: 3600, default: 300 } as const;

export const STORAGE_KEY = 'apigw-tutorial:timeout-lab';

/** Measurements kept; older ones are dropped. */
export const MAX_RECORDS = 20;

export interface LabSettings {
  /** The time scale asked of the emulator; a deployed API always runs at 1. */
  speed: number;
  keepAlive: boolean;
  /** Keep-alive interval in seconds on the AWS clock (divided by the speed for real time). */
  keepAliveSeconds: number;
}

export const DEFAULT_SETTINGS: LabSettings = { speed: 60, keepAlive: false, keepAliveSeconds: KEEP_ALIVE_SECONDS.default };

/** Which clock ran out, judged from the measurement: the idle timeout, the 2-hour limit, the reader, or none of them. */
export type CloseCause = 'idle' | 'max' | 'client' | 'other';

export interface DisconnectRecord {
  /** When it closed (ISO 8601). */
  at: string;
  /** From `open` to `close`, real milliseconds. */
  lastedMs: number;
  /** From the last data message either way to `close`, real milliseconds. */
  sinceActivityMs: number;
  speed: number;
  keepAlive: boolean;
  keepAliveSeconds: number;
  keepAlivesSent: number;
  code: number;
  reason: string;
  cause: CloseCause;
  /** Whether the emulator (which can warp time) or another endpoint (a deployed API) answered. */
  target: 'emulator' | 'deployed';
}

export interface LabState {
  settings: LabSettings;
  records: DisconnectRecord[];
}

export interface CloseMeasurement {
  lastedMs: number;
  sinceActivityMs: number;
  speed: number;
  code: number;
  closeRequested: boolean;
}

/** The close code both clocks are seen (idle) or assumed (2 hours, UNCONFIRMED) to send. */
const GOING_AWAY = 1001;

/**
 * Names the clock that closed the connection. Times are compared on the AWS clock (real × speed),
 * with slack for a close frame in flight and timers that fire late. A busy laptop can delay a
 * message by a few hundred milliseconds, a large share of the 1-second idle timeout at ×600, so a
 * gateway's 1001 needs only half the idle period to count as the idle timeout.
 */
export function classifyClose(measurement: CloseMeasurement): CloseCause {
  const { lastedMs, sinceActivityMs, speed, code, closeRequested } = measurement;
  if (closeRequested) return 'client';
  if (lastedMs * speed >= AWS_MAX_CONNECTION_MS * 0.97) return 'max';
  const idleShare = (sinceActivityMs * speed) / AWS_IDLE_TIMEOUT_MS;
  if (idleShare >= 0.9 || (code === GOING_AWAY && idleShare >= 0.5)) return 'idle';
  return 'other';
}

/**
 * The endpoint with the emulator-only time-scale parameter added. Appended by hand rather than
 * through URLSearchParams, so the reader's own parameters keep their exact bytes.
 */
export function withTimeScale(endpoint: string, parameter: string, speed: number): string {
  const base = endpoint.endsWith('?') ? endpoint.slice(0, -1) : endpoint;
  return `${base}${base.includes('?') ? '&' : '?'}${encodeURIComponent(parameter)}=${speed}`;
}

/** Real milliseconds between keep-alives for an interval on the AWS clock. */
export function keepAliveRealMs(settings: Pick<LabSettings, 'keepAliveSeconds'>, speed: number): number {
  return (settings.keepAliveSeconds * 1000) / speed;
}

/** Clamps an interval typed by the reader to the allowed range; NaN gives the default. */
export function clampKeepAliveSeconds(value: number): number {
  if (!Number.isFinite(value)) return KEEP_ALIVE_SECONDS.default;
  return Math.min(KEEP_ALIVE_SECONDS.max, Math.max(KEEP_ALIVE_SECONDS.min, Math.round(value)));
}

/** Reads what `serializeLabState` wrote; anything missing or malformed falls back to the defaults. */
export function parseLabState(text: string | null): LabState {
  const fresh: LabState = { settings: { ...DEFAULT_SETTINGS }, records: [] };
  if (text === null) return fresh;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return fresh;
  }
  if (!isObject(saved)) return fresh;
  const settings = isObject(saved.settings) ? saved.settings : {};
  const speed = SPEEDS.find((s) => s === settings.speed) ?? DEFAULT_SETTINGS.speed;
  const keepAlive = typeof settings.keepAlive === 'boolean' ? settings.keepAlive : DEFAULT_SETTINGS.keepAlive;
  const keepAliveSeconds =
    typeof settings.keepAliveSeconds === 'number' ? clampKeepAliveSeconds(settings.keepAliveSeconds) : DEFAULT_SETTINGS.keepAliveSeconds;
  const records = Array.isArray(saved.records) ? saved.records.filter(isRecord).slice(0, MAX_RECORDS) : [];
  return { settings: { speed, keepAlive, keepAliveSeconds }, records };
}

export function serializeLabState(state: LabState): string {
  return JSON.stringify({ settings: state.settings, records: state.records.slice(0, MAX_RECORDS) });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const CAUSES: readonly string[] = ['idle', 'max', 'client', 'other'] satisfies CloseCause[];

function isRecord(value: unknown): value is DisconnectRecord {
  if (!isObject(value)) return false;
  const numbers = ['lastedMs', 'sinceActivityMs', 'speed', 'keepAliveSeconds', 'keepAlivesSent', 'code'];
  return (
    typeof value.at === 'string' &&
    numbers.every((key) => typeof value[key] === 'number' && Number.isFinite(value[key])) &&
    typeof value.keepAlive === 'boolean' &&
    typeof value.reason === 'string' &&
    typeof value.cause === 'string' &&
    CAUSES.includes(value.cause) &&
    (value.target === 'emulator' || value.target === 'deployed')
  );
}
