/**
 * How API Gateway reads what a Lambda proxy integration returned (reference sections 4 and 5).
 */

// The standard proxy response keys; anything else makes the result malformed (middyjs/middy#1219).
const PROXY_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded', 'cookies']);

export type ProxyResult =
  | { valid: true; statusCode: number | undefined; body: string | undefined; headers: Record<string, string> }
  | { valid: false };

/** Checks the shape of a handler's return value. `null`, arrays, non-objects and extra keys are malformed. */
export function readProxyResult(result: unknown): ProxyResult {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return { valid: false };
  const record = result as Record<string, unknown>;
  if (Object.keys(record).some((key) => !PROXY_KEYS.has(key))) return { valid: false };
  const { statusCode, body, headers } = record;
  if (statusCode !== undefined && typeof statusCode !== 'number' && typeof statusCode !== 'string') return { valid: false };
  const status = statusCode === undefined ? undefined : Number(statusCode);
  if (status !== undefined && !Number.isInteger(status)) return { valid: false };
  return {
    valid: true,
    statusCode: status,
    body: body === undefined || body === null ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    headers: typeof headers === 'object' && headers !== null ? stringValues(headers as Record<string, unknown>) : {},
  };
}

export type ConnectDecision =
  | { accept: true; subprotocol: string | undefined }
  | { accept: false; status: number };

/**
 * `$connect`: a 2xx (or no `statusCode` at all, which AWS accepts) completes the handshake;
 * any other status is passed through as the handshake's HTTP status; a malformed result is a 502.
 * Only `Sec-WebSocket-Protocol` from the response headers reaches the client.
 */
export function decideConnect(result: unknown): ConnectDecision {
  const read = readProxyResult(result);
  if (!read.valid) return { accept: false, status: 502 };
  const status = read.statusCode;
  if (status !== undefined && (status < 200 || status > 299)) {
    return { accept: false, status: status >= 100 && status <= 599 ? status : 502 };
  }
  const protocolHeader = Object.entries(read.headers).find(([name]) => name.toLowerCase() === 'sec-websocket-protocol');
  return { accept: true, subprotocol: protocolHeader?.[1] };
}

function stringValues(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
