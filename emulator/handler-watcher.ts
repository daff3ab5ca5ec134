/**
 * Hot reload: watches a service's folder and reports changed source files, so that the next
 * invocation loads the new code while open connections stay open.
 */
import { watch, type FSWatcher } from 'node:fs';

const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
const IGNORED = /(^|[\\/])(node_modules|\.serverless|\.git|dist)([\\/]|$)/;

/** Calls `onChange` with the changed files, at most once per `debounceMs`. Returns the stop function. */
export function watchHandlers(folder: string, onChange: (files: string[]) => void, debounceMs = 100): () => void {
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(folder, { recursive: true }, (_event, file) => {
      if (!file || IGNORED.test(file) || !SOURCE_FILE.test(file)) return;
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...pending];
        pending = new Set();
        onChange(files);
      }, debounceMs);
    });
  } catch {
    // Some file systems cannot be watched; the emulator still works, only without hot reload.
    return () => {};
  }
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
