/**
 * In a Lambda environment: the AWS SDK v3's calls to this API's @connections and to the local
 * DynamoDB travel over MessagePorts (to the gateway, and to the DynamoDB thread) instead of HTTP on
 * loopback. They are the same calls, signed, serialised and parsed by the handler's own SDK; only
 * the last step, the socket, is left out. Profiling the sample's `$connect` showed Node's HTTP
 * client and dynalite's HTTP server taking about a third of each call's CPU time.
 *
 * The hook point is the SDK's Node request handler, `NodeHttpHandler` of `@smithy/node-http-handler`,
 * which every v3 client uses unless given another: when that module loads, its `handle` is wrapped
 * so that requests for a local stand-in (local-redirects.ts decides which) go to a port, and every
 * other request goes on as before. Where this cannot apply, the HTTPS redirect of local-redirects.ts
 * still carries the call: the SDK v2 (its own HTTP client), a bundle with the SDK inlined (no module
 * of that name loads), a request whose body is a stream, and Node 22.12 to 22.14, which have no
 * `module.registerHooks`.
 */
import module from 'node:module';
import { Readable } from 'node:stream';
import type { MessagePort } from 'node:worker_threads';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { InPagePortClient } from './in-page-port-client.ts';
import type { PortLike, PortReply, PortRequest } from './in-page-port-protocol.ts';
import type { InPageRequestTarget } from './in-page-sdk-handler.ts';
import { InPageRequestHandler } from './in-page-sdk-handler.ts';
import { localServiceFor, type LocalEndpoints } from './local-redirects.ts';

/** The ports an environment's SDK calls take: to the gateway's @connections, and to the local DynamoDB when the stack has one. */
export interface DirectPorts {
  management: MessagePort;
  dynamoDb?: MessagePort | undefined;
}

const NODE_HTTP_HANDLER = /[/\\]@smithy[/\\]node-http-handler[/\\]dist-cjs[/\\]index\.js$/;
/** How the loaded module hands its exports to this file: a global both can reach, under a name nothing else uses. */
const WRAP_KEY = 'apigw-websocket-emulator.wrapNodeHttpHandler';
const WRAP = Symbol.for(WRAP_KEY);
const WRAPPED = Symbol.for('apigw-websocket-emulator.wrapped');

type Handle = (this: unknown, request: HttpRequest, options?: { abortSignal?: AbortSignal }) => Promise<{ response: HttpResponse }>;

export function deliverSdkCallsOverPorts(endpoints: LocalEndpoints, ports: DirectPorts): void {
  if (typeof module.registerHooks !== 'function') return;
  const management = new InPagePortClient(portLike(ports.management, 'the emulator'));
  const dynamoDb = ports.dynamoDb ? new InPagePortClient(portLike(ports.dynamoDb, 'the local DynamoDB')) : undefined;
  const targetFor = (request: HttpRequest): InPageRequestTarget | undefined => {
    // A streamed body is rare for these two APIs; HTTP carries it rather than this reading it here.
    if (request.body !== undefined && request.body !== null && typeof request.body !== 'string' && !(request.body instanceof Uint8Array)) return undefined;
    const service = localServiceFor(request.hostname, request.port, endpoints);
    return service === 'emulator' ? management : service === 'dynamodb' ? dynamoDb : undefined;
  };
  const direct = new InPageRequestHandler(targetFor);

  (globalThis as Record<symbol, unknown>)[WRAP] = (exports: { NodeHttpHandler?: { prototype: Record<string | symbol, unknown> } }) => {
    const prototype = exports.NodeHttpHandler?.prototype;
    if (!prototype || prototype[WRAPPED] || typeof prototype.handle !== 'function') return;
    const original = prototype.handle as Handle;
    prototype.handle = async function handle(this: unknown, request: HttpRequest, options?: { abortSignal?: AbortSignal }) {
      if (!targetFor(request)) return original.call(this, request, options);
      options?.abortSignal?.throwIfAborted?.();
      const { response } = await direct.handle(request);
      // Node's SDK reads a body as a stream (the browser's takes the bytes themselves).
      return { response: { ...response, body: Readable.from([response.body as Uint8Array]) } };
    };
    prototype[WRAPPED] = true;
  };
  module.registerHooks({
    load(url, context, nextLoad) {
      const loaded = nextLoad(url, context);
      if (!NODE_HTTP_HANDLER.test(url) || loaded.source === undefined || loaded.source === null) return loaded;
      const source = typeof loaded.source === 'string' ? loaded.source : new TextDecoder().decode(loaded.source as Uint8Array);
      return { ...loaded, source: `${source}\n;globalThis[Symbol.for(${JSON.stringify(WRAP_KEY)})]?.(module.exports);\n` };
    },
  });
}

/**
 * A Node MessagePort as the browser-shaped port InPagePortClient takes (`onmessage` receives `{ data }`).
 * When the other end goes away (the store's thread stopped), every call waiting or to come fails, as
 * a refused connection would fail it over HTTP.
 */
function portLike(port: MessagePort, service: string): PortLike<PortReply, PortRequest> {
  // Ports a worker received would keep it alive on their own; the environment's life is the emulator's to decide.
  port.unref();
  let deliver: ((event: MessageEvent<PortReply>) => void) | null = null;
  port.on('message', (data: PortReply) => deliver?.({ data } as MessageEvent<PortReply>));
  port.once('close', () => deliver?.({ data: { type: 'failed', message: `connect ECONNREFUSED: ${service} is not running` } } as MessageEvent<PortReply>));
  return {
    postMessage: (message) => port.postMessage(message),
    get onmessage() {
      return deliver;
    },
    set onmessage(listener) {
      deliver = listener;
    },
  };
}
