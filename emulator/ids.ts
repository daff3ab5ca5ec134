/**
 * Identifiers shaped like API Gateway's (reference section 3.1): 16 characters of base64url
 * with one trailing `=`, i.e. 11 random bytes. Real connection ids carry `C` at index 11,
 * request ids `F`; we copy that so ids look familiar in logs.
 */
/** Hexadecimal digits of `bytes`, as X-Ray trace ids write them. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function awsStyleId(marker: 'C' | 'F'): string {
  const id = btoa(String.fromCharCode(...randomPoolBytes(11))).replaceAll('+', '-').replaceAll('/', '_');
  return id.slice(0, 11) + marker + id.slice(12);
}

export function newConnectionId(): string {
  return awsStyleId('C');
}

/** Used for `requestId`, `extendedRequestId` and, like AWS, a connection-shaped `messageId`. */
export function newRequestId(): string {
  return awsStyleId('F');
}

export function newMessageId(): string {
  return awsStyleId('C');
}

const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let poolOffset = 0;

/**
 * Cryptographically random bytes, taken from a 4 KB pool: one call to the system's generator serves
 * hundreds of ids, where a call per id costs more than the rest of a message's handling.
 * Web Crypto rather than node:crypto, so that the gateway core also runs in a browser.
 */
export function randomPoolBytes(size: number): Uint8Array {
  if (poolOffset + size > pool.length) {
    pool = crypto.getRandomValues(new Uint8Array(Math.max(POOL_BYTES, size)));
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/** API ids are 10 lowercase alphanumerics. */
export function newApiId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(10)), (byte) => alphabet[byte % alphabet.length]).join('');
}
