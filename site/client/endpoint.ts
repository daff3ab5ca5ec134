/**
 * The WebSocket endpoint the reader points the widgets at, and a cheap check that something listens there.
 * The widgets never know whether the emulator or a deployed API answers.
 */
import { fetchFrom } from './network.ts';

const storageKey = 'apigw-tutorial:endpoint';

/** The endpoint the reader typed earlier, or null. Storage can be blocked (privacy modes), so failures mean "nothing saved". */
export function loadSavedEndpoint(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Fired on window when the reader chooses another endpoint; detail is the new endpoint. */
export const ENDPOINT_CHANGED_EVENT = 'apigw-endpoint-changed';

/** The endpoint every widget should use: the reader's saved choice, else the page's default. */
export function currentEndpoint(defaultEndpoint: string): string {
  return loadSavedEndpoint() ?? defaultEndpoint;
}

/** Remembers the reader's endpoint and tells the page's other widgets; saving the default again forgets it, so a changed default reaches them. */
export function saveEndpoint(endpoint: string, defaultEndpoint: string): void {
  try {
    if (endpoint === defaultEndpoint) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, endpoint);
  } catch {
    // Blocked storage only costs the reader their setting on reload.
  }
  window.dispatchEvent(new CustomEvent(ENDPOINT_CHANGED_EVENT, { detail: endpoint }));
}

export type EndpointCheck = { ok: true; url: string } | { ok: false; problem: 'not-a-url' | 'not-websocket' };

/** Whether text can be used as a WebSocket endpoint: a ws:// or wss:// URL. */
export function validateEndpoint(text: string): EndpointCheck {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return { ok: false, problem: 'not-websocket' };
  return { ok: true, url: url.href.replace(/\/$/, '') };
}

/** What the emulator's `/_emulator/status` says about itself (a subset; see emulator/local-endpoints.ts). */
export interface EmulatorStatus {
  emulator: string;
  stage: string;
  webSocketUrl: string;
  managementUrl: string;
  routes: string[];
  routeSelectionExpression: string;
  timeScale: number;
  idleTimeoutMs: number;
  maxConnectionMs: number;
  pingResetsIdleTimer: boolean;
  /** The emulator-only query parameter that warps one connection's idle and 2-hour timers (`x-emulator-time-scale`). */
  connectionTimeScaleParameter?: string;
  /** The largest value that parameter accepts. */
  maxConnectionTimeScale?: number;
}

/** The origin of the emulator's own endpoints (`http://localhost:3001`) for a WebSocket endpoint on the emulator. */
export function emulatorOrigin(endpoint: string): string | null {
  try {
    return new URL(httpUrlOf(endpoint)).origin;
  } catch {
    return null;
  }
}

/**
 * The emulator's status if the endpoint is the local emulator, null if it is anything else
 * (a deployed API has no `/_emulator/`) or nothing answers. Widgets use it to offer what only
 * the emulator can do (its inspector feed, time-warp) and fall back to plain routes otherwise.
 */
export async function emulatorStatus(endpoint: string, signal?: AbortSignal): Promise<EmulatorStatus | null> {
  const origin = emulatorOrigin(endpoint);
  if (!origin) return null;
  try {
    const response = await fetchFrom(`${origin}/_emulator/status`, { cache: 'no-store', signal });
    if (!response.ok) return null;
    const status = (await response.json()) as Partial<EmulatorStatus>;
    return status.emulator === 'apigw-websocket-emulator' ? (status as EmulatorStatus) : null;
  } catch {
    return null;
  }
}

/** The HTTP URL of the same host and path: `ws:` becomes `http:`, `wss:` becomes `https:`. */
export function httpUrlOf(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.protocol === 'ws:') url.protocol = 'http:';
  else if (url.protocol === 'wss:') url.protocol = 'https:';
  return url.href;
}

/**
 * Resolves true if any server answered an HTTP request at the endpoint (any status counts:
 * API Gateway and the emulator answer a plain GET with an error), false on a network error
 * or an unparsable URL. `no-cors` because we only need to know whether something answered.
 * The browser reports the emulator's answer (426 Upgrade Required) in the console as an error, so
 * ask detectBackend() (site/client/backend-kind.ts), which tries the emulator's status page first.
 */
export async function probeEndpoint(endpoint: string, signal?: AbortSignal): Promise<boolean> {
  let url: string;
  try {
    url = httpUrlOf(endpoint);
  } catch {
    return false;
  }
  try {
    await fetchFrom(url, { mode: 'no-cors', cache: 'no-store', signal });
    return true;
  } catch {
    return false;
  }
}
