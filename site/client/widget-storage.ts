/**
 * A widget's settings in localStorage under `apigw-tutorial:<widget>`, as one JSON object.
 * Storage can be blocked or full (privacy modes): then nothing is remembered and nothing breaks.
 */

function key(widget: string): string {
  return `apigw-tutorial:${widget}`;
}

/** The saved object, or `{}` when there is none, it is unreadable, or storage is blocked. */
export function loadWidgetState(widget: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key(widget)) ?? '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Merges `change` into the saved object. */
export function saveWidgetState(widget: string, change: Record<string, unknown>): void {
  try {
    localStorage.setItem(key(widget), JSON.stringify({ ...loadWidgetState(widget), ...change }));
  } catch {
    // Blocked storage only costs the reader their setting on reload.
  }
}

export function forgetWidgetState(widget: string): void {
  try {
    localStorage.removeItem(key(widget));
  } catch {
    // Nothing was saved, then.
  }
}

/** A saved string, or `fallback` when none was saved. */
export function savedText(state: Record<string, unknown>, name: string, fallback: string): string {
  const value = state[name];
  return typeof value === 'string' ? value : fallback;
}
