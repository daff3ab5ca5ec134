/**
 * Where the widgets' sockets and requests go: to the network, or to the in-page emulator when the
 * endpoint is one of its `.in-page` hosts (in-page-emulator.ts). The widgets call these instead of
 * `new WebSocket()`, `fetch()` and `new EventSource()`, and otherwise never know the difference.
 */
import { InPageWebSocket } from '../../emulator/in-page-websocket.ts';
import { InPageEventSource } from './in-page-event-source.ts';
import { inPageClient, isInPageEndpoint } from './in-page-emulator.ts';

/** A WebSocket to the endpoint: the browser's, or the in-page stand-in with the same interface and events. */
export function openWebSocket(url: string, protocols?: string | string[]): WebSocket {
  if (!isInPageEndpoint(url)) return new WebSocket(url, protocols);
  return new InPageWebSocket(inPageClient(url), url, protocols) as unknown as WebSocket;
}

/** fetch(), answered by the in-page emulator for its hosts. */
export async function fetchFrom(url: string, init: { method?: string; body?: string; signal?: AbortSignal | undefined; cache?: RequestCache; mode?: RequestMode } = {}): Promise<Response> {
  if (!isInPageEndpoint(url)) return fetch(url, init);
  init.signal?.throwIfAborted();
  // An emulator that cannot start is a network error, as fetch() reports a server that is not there.
  const answer = await inPageClient(url)
    .request(init.method ?? 'GET', url, { headers: { Origin: location.origin }, ...(init.body === undefined ? {} : { body: init.body }) })
    .catch((error: unknown) => {
      throw new TypeError(`Failed to fetch: ${error instanceof Error ? error.message : String(error)}`);
    });
  init.signal?.throwIfAborted();
  const nullBody = answer.status === 204 || answer.status === 205 || answer.status === 304;
  return new Response(nullBody ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/** An EventSource for the feed at this URL (the emulator's `/_emulator/inspector`). */
export function openEventSource(url: string): EventSource {
  if (!isInPageEndpoint(url)) return new EventSource(url);
  return new InPageEventSource(inPageClient(url), url) as unknown as EventSource;
}
