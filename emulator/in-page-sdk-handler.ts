/**
 * An AWS SDK v3 request handler that delivers `@connections` calls to an in-page server instead of
 * the network: the SDK's own extension point (`requestHandler` in a client's configuration), so a
 * handler's SDK code runs unchanged, signing and error parsing included. No Node imports.
 */
import type { HttpRequest, HttpResponse } from '@smithy/types';
import type { InPageServer } from './in-page-transport.ts';

export class InPageRequestHandler {
  readonly #server: InPageServer;

  constructor(server: InPageServer) {
    this.#server = server;
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(request.query ?? {})) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== null) query.append(name, one);
    }
    const target = request.path + (query.size > 0 ? `?${query}` : '');
    const body = request.body === undefined || request.body === null ? undefined : typeof request.body === 'string' ? request.body : new Uint8Array(request.body as ArrayBuffer);
    const answer = await this.#server.request(request.method, target, { ...(body === undefined ? {} : { body }), headers: request.headers });
    return {
      // A plain object: the SDK reads responses by their shape, and bytes are a body it can collect.
      response: { statusCode: answer.status, headers: answer.headers, body: new TextEncoder().encode(answer.body) },
    };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
