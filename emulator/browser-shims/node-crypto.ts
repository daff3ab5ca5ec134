/**
 * The two parts of Node's `crypto` that dynalite's engine uses, for the browser bundle: an MD5
 * hash (dynalite orders items by an MD5 prefix of their key, as DynamoDB spreads them over
 * partitions, so Scan returns the same order in the page as on the Node emulator) and random bytes.
 */
import { Buffer } from 'buffer';
import SparkMD5 from 'spark-md5';

export function createHash(algorithm: string) {
  if (algorithm !== 'md5') throw new Error(`The in-page emulator's crypto has only md5, not ${algorithm}`);
  const hash = new SparkMD5.ArrayBuffer();
  const digestor = {
    update(data: string | Uint8Array) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      hash.append(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      return digestor;
    },
    digest(encoding?: 'hex') {
      const hex = hash.end();
      return encoding === 'hex' ? hex : Buffer.from(hex, 'hex');
    },
  };
  return digestor;
}

export function randomBytes(size: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(size)));
}

export default { createHash, randomBytes };
