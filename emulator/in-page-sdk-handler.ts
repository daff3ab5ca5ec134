/**
 * An AWS SDK v3 request handler that delivers calls to in-page services instead of the network: the
 * SDK's own extension point (`requestHandler` in a client's configuration), so a handler's SDK code
 * runs unchanged, signing and error parsing included. A target is an in-page server (its
 * `@connections`) or the in-page DynamoDB; a request no target claims goes to the fallback handler
 * (the SDK's own fetch handler in a browser), as it would leave for the network. No Node imports.
 */
import type { HttpRequest, HttpResponse } from '@smithy/types';
import type { InPageResponse } from './in-page-transport.ts';

/** Anything that answers plain requests: an in-page server, or dynalite's engine (dynalite-engine.ts). */
export interface InPageRequestTarget {
  request(method: string, target: string, init?: { body?: Uint8Array | string; headers?: Record<string, string> }): Promise<InPageResponse>;
}

interface FallbackHandler {
  handle(request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }>;
}

export class InPageRequestHandler {
  readonly #pick: (request: HttpRequest) => InPageRequestTarget | undefined;
  readonly #fallback: FallbackHandler | undefined;

  /** `target` serves every request, or picks the target for each; `fallback` takes the rest. */
  constructor(target: InPageRequestTarget | ((request: HttpRequest) => InPageRequestTarget | undefined), fallback?: FallbackHandler) {
    this.#pick = typeof target === 'function' ? target : () => target;
    this.#fallback = fallback;
  }

  async handle(request: HttpRequest, options?: unknown): Promise<{ response: HttpResponse }> {
    const target = this.#pick(request);
    if (!target) {
      if (this.#fallback) return this.#fallback.handle(request, options);
      throw new Error(`No in-page service answers ${request.hostname}`);
    }
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== null) query.append(name, one);
    }
    const path = request.path + (query.size > 0 ? `?${query}` : '');
    const body = request.body === undefined || request.body === null ? undefined : typeof request.body === 'string' ? request.body : new Uint8Array(request.body as ArrayBuffer);
    const answer = await target.request(request.method, path, { ...(body === undefined ? {} : { body }), headers: request.headers });
    return {
      // A plain object: the SDK reads responses by their shape, and bytes are a body it can collect.
      // Header names in lower case, as an HTTP client delivers them to the SDK.
      response: {
        statusCode: answer.status,
        headers: Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value])),
        body: new TextEncoder().encode(answer.body),
      },
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
