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
  const isEmulator = (options: http.RequestOptions): boolean =>
    LOOPBACK_HOSTS.has(String(options.hostname ?? options.host ?? '')) && Number(options.port) === emulatorPort;

  const request = ((...args: RequestArgs) => {
    const { options, callback } = normalizeArguments(args);
    if (!isEmulator(options)) return (originalRequest as (...a: RequestArgs) => http.ClientRequest)(...args);
    // The caller's agent is an https.Agent; plain HTTP needs the default http agent.
    const { agent: _httpsAgent, ...rest } = options;
    return http.request({ ...rest, protocol: 'http:' }, callback);
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
