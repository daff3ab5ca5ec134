/**
 * The Node globals that dynalite, its store and the Lambda handlers expect, for the browser bundle
 * (esbuild's `inject`): `process` (its `env` is where handlers read their configuration),
 * `Buffer` and `setImmediate`.
 */
import { Buffer } from 'buffer';

export { Buffer };

export const process = {
  env: {} as Record<string, string | undefined>,
  browser: true,
  platform: 'browser',
  version: '',
  versions: {},
  argv: [] as string[],
  cwd: () => '/',
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]) => queueMicrotask(() => callback(...args)),
  emitWarning: () => {},
};

export function setImmediate(callback: (...args: unknown[]) => void, ...args: unknown[]): ReturnType<typeof setTimeout> {
  return setTimeout(callback, 0, ...args);
}
