/**
 * Sends a Lambda worker's HTTPS requests for this API's own AWS endpoints to the local stand-ins, so
 * that handler code written for AWS runs unchanged, with no "running locally" branch.
 *
 * Handlers find the @connections API as `https://{domainName}/{stage}` (locally the emulator's
 * `localhost:PORT`), as `https://{apiId}.execute-api.{region}.amazonaws.com/{stage}`, or through an
 * environment variable built the same way; and DynamoDB clients given only a region (the AWS SDK v2
 * ignores `AWS_ENDPOINT_URL_DYNAMODB`) call `https://dynamodb.{region}.amazonaws.com`. Inside the
 * worker, requests for exactly these hosts go over plain HTTP to the emulator or the local DynamoDB;
 * any other host (another API, another Region) goes to the network as it would on AWS.
 *
 * Only the socket's destination changes: the path and the headers, the signed `Host` among them, stay
 * as the SDK made them. Neither the emulator nor dynalite checks signatures, and the emulator routes
 * @connections calls by path alone.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

/** What the emulator tells each worker about the local stand-ins (the redirect table). */
export interface LocalEndpoints {
  /** The emulator's port on 127.0.0.1 (WebSocket API and @connections). */
  emulatorPort: number;
  /** This API's id, as `requestContext.apiId` reports it. */
  apiId: string;
  /** The function's Region (`AWS_REGION`). */
  region: string;
  /** The local DynamoDB, `http://127.0.0.1:PORT`; absent when the stack has none. */
  dynamoDbEndpoint?: string | undefined;
}

/** Where a redirected request goes instead: always plain HTTP on loopback. */
export interface RedirectTarget {
  hostname: string;
  port: number;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1']);

/** Which local stand-in serves `hostname:port`: this API's emulator, the local DynamoDB, or neither (the network). */
export type LocalService = 'emulator' | 'dynamodb';

/**
 * The local stand-in an HTTPS request for `hostname:port` is meant for, or undefined when the request
 * must go to the network. Pure, so that the table can be tested on its own.
 */
export function localServiceFor(hostname: string, port: string | number | undefined, endpoints: LocalEndpoints): LocalService | undefined {
  // Host names are case-insensitive and may end in the root's dot; `[::1]` arrives with brackets from a URL.
  const host = hostname.toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
  const portNumber = port === undefined || port === '' ? 443 : Number(port);
  if (LOOPBACK_HOSTS.has(host)) {
    if (portNumber === endpoints.emulatorPort) return 'emulator';
    // AWS_ENDPOINT_URL_DYNAMODB, which the emulator sets for every function.
    if (endpoints.dynamoDbEndpoint && portNumber === Number(new URL(endpoints.dynamoDbEndpoint).port)) return 'dynamodb';
    return undefined;
  }
  // AWS's endpoints listen on 443 only; another port is not this API.
  if (portNumber !== 443) return undefined;
  const { apiId, region } = endpoints;
  if (host === `${apiId}.execute-api.${region}.amazonaws.com`) return 'emulator';
  if (host === `dynamodb.${region}.amazonaws.com` && endpoints.dynamoDbEndpoint) return 'dynamodb';
  return undefined;
}

/** Where a request for `hostname:port` goes instead, over plain HTTP, or undefined for the network. */
export function redirectTarget(hostname: string, port: string | number | undefined, endpoints: LocalEndpoints): RedirectTarget | undefined {
  const service = localServiceFor(hostname, port, endpoints);
  if (service === 'emulator') return { hostname: '127.0.0.1', port: endpoints.emulatorPort };
  if (service === 'dynamodb') {
    const local = new URL(endpoints.dynamoDbEndpoint as string);
    return { hostname: local.hostname, port: Number(local.port) };
  }
  return undefined;
}

type RequestArgs = Parameters<typeof https.request>;

/** Replaces `https.request` and `https.get` in this thread (CommonJS and ES module callers alike). */
export function installLocalRedirects(endpoints: LocalEndpoints): void {
  const originalRequest = https.request as (...args: RequestArgs) => http.ClientRequest;
  const httpAgents = new WeakMap<http.Agent, http.Agent>();
  // The caller's agent carries its socket pool settings (the AWS SDK's: keep-alive, at most 50
  // sockets), so plain HTTP gets an agent with the same settings. Without one, a broadcast's
  // thousand concurrent posts would open a thousand sockets at once.
  const httpAgentFor = (agent: unknown): http.Agent | undefined => {
    if (!(agent instanceof http.Agent)) return undefined;
    let plain = httpAgents.get(agent);
    if (!plain) {
      // Node sets `keepAlive` and `keepAliveMsecs` on every agent; @types/node does not declare them.
      const { keepAlive, keepAliveMsecs } = agent as http.Agent & { keepAlive?: boolean; keepAliveMsecs?: number };
      plain = new http.Agent({ keepAlive, keepAliveMsecs, maxSockets: agent.maxSockets, maxFreeSockets: agent.maxFreeSockets });
      httpAgents.set(agent, plain);
    }
    return plain;
  };

  const request = ((...args: RequestArgs) => {
    const { options, callback } = normalizeArguments(args);
    const hostname = String(options.hostname ?? options.host ?? 'localhost');
    const target = redirectTarget(hostname, options.port ?? undefined, endpoints);
    if (!target) return originalRequest(...args);
    // The caller's agent is an https.Agent; plain HTTP needs an http one.
    const { agent: httpsAgent, host: _host, ...rest } = options;
    const agent = httpAgentFor(httpsAgent);
    const headers = withHostHeader(options.headers, hostname, options.port);
    return http.request({ ...rest, ...target, protocol: 'http:', headers, ...(agent ? { agent } : {}) }, callback);
  }) as typeof https.request;

  https.request = request;
  https.get = ((...args: RequestArgs) => {
    const req = (request as (...a: RequestArgs) => http.ClientRequest)(...args);
    req.end();
    return req;
  }) as typeof https.get;
  syncBuiltinESMExports();
}

/** Keeps the Host the caller meant (the SDKs sign it); Node would otherwise write the loopback address. */
function withHostHeader(headers: http.OutgoingHttpHeaders | readonly string[] | undefined, hostname: string, port: unknown): http.OutgoingHttpHeaders | readonly string[] {
  if (Array.isArray(headers)) return headers;
  const record = { ...(headers as http.OutgoingHttpHeaders | undefined) };
  if (Object.keys(record).some((name) => name.toLowerCase() === 'host')) return record;
  const explicitPort = port === undefined || port === null || port === '' || Number(port) === 443 ? '' : `:${String(port)}`;
  record.host = `${hostname.includes(':') ? `[${hostname}]` : hostname}${explicitPort}`;
  return record;
}

function normalizeArguments(args: RequestArgs): {
  options: http.RequestOptions;
  callback: ((res: http.IncomingMessage) => void) | undefined;
} {
  const [first, second, third] = args as unknown[];
  const callback = [second, third].find((value) => typeof value === 'function') as
    | ((res: http.IncomingMessage) => void)
    | undefined;
  const extra = typeof second === 'object' && second !== null ? (second as http.RequestOptions) : {};
  if (typeof first === 'string' || first instanceof URL) {
    const url = new URL(first);
    return {
      options: {
        hostname: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        ...extra,
      },
      callback,
    };
  }
  return { options: { ...(first as http.RequestOptions), ...extra }, callback };
}
