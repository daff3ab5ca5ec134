/**
 * The WebSocket endpoint the reader points the widgets at, and a cheap check that something listens there.
 * The widgets never know whether the emulator or a deployed API answers.
 */

const storageKey = 'apigw-tutorial:endpoint';

/** The endpoint the reader typed earlier, or null. Storage can be blocked (privacy modes), so failures mean "nothing saved". */
export function loadSavedEndpoint(): string | null {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

/** Remembers the reader's endpoint; saving the default again forgets it, so a changed default reaches them. */
export function saveEndpoint(endpoint: string, defaultEndpoint: string): void {
  try {
    if (endpoint === defaultEndpoint) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, endpoint);
  } catch {
    // Blocked storage only costs the reader their setting on reload.
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
 */
export async function probeEndpoint(endpoint: string, signal?: AbortSignal): Promise<boolean> {
  let url: string;
  try {
    url = httpUrlOf(endpoint);
  } catch {
    return false;
  }
  try {
    await fetch(url, { mode: 'no-cors', cache: 'no-store', signal });
    return true;
  } catch {
    return false;
  }
}
