/**
 * Lets unchanged handler code reach the emulator's @connections API.
 *
 * On AWS a handler posts to `https://{domainName}/{stage}`. Locally `domainName` is the emulator's
 * `localhost:PORT`, which speaks plain HTTP. Inside the Lambda worker we send HTTPS requests for
 * exactly that loopback host and port over HTTP instead, so the handler needs no "am I local?" branch.
 */
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

type RequestArgs = Parameters<typeof https.request>;

export function sendEmulatorHttpsOverHttp(emulatorPort: number): void {
  const originalRequest = https.request;
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
  const isEmulator = (options: http.RequestOptions): boolean =>
    LOOPBACK_HOSTS.has(String(options.hostname ?? options.host ?? '')) && Number(options.port) === emulatorPort;

  const request = ((...args: RequestArgs) => {
    const { options, callback } = normalizeArguments(args);
    if (!isEmulator(options)) return (originalRequest as (...a: RequestArgs) => http.ClientRequest)(...args);
    // The caller's agent is an https.Agent; plain HTTP needs an http one.
    const { agent: httpsAgent, ...rest } = options;
    const agent = httpAgentFor(httpsAgent);
    return http.request({ ...rest, protocol: 'http:', ...(agent ? { agent } : {}) }, callback);
  }) as typeof https.request;

  https.request = request;
  https.get = ((...args: RequestArgs) => {
    const req = (request as (...a: RequestArgs) => http.ClientRequest)(...args);
    req.end();
    return req;
  }) as typeof https.get;
  syncBuiltinESMExports();
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
