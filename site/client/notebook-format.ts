/**
 * Turns the values a notebook cell logs or returns into one line of text, as the DevTools console
 * would print them. The kernel's worker formats them before posting, because functions, sockets
 * and events cannot cross to the page, and the page only ever shows text.
 */

/** Nested objects deeper than this print as `{…}`. */
const maxDepth = 2;
/** Arrays and objects print this many entries, then `…`. */
const maxEntries = 20;
/** One output line is cut here, so a huge message cannot swamp the page. */
export const maxOutputLength = 10_000;

const readyStateNames = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];

/** `console.log(a, b)`: strings as they are, everything else formatted, separated by spaces. */
export function formatLogArguments(args: readonly unknown[]): string {
  return clip(args.map((arg) => (typeof arg === 'string' ? arg : formatValue(arg))).join(' '));
}

/** A cell's result: like a logged value, but a string is quoted so `'1'` and `1` look different. */
export function formatResult(value: unknown): string {
  return clip(formatValue(value));
}

/** An error thrown by a cell: `ReferenceError: ws is not defined`. Stacks point into the kernel, so they are left out. */
export function formatError(error: unknown): string {
  if (error instanceof Error) return clip(`${error.name}: ${error.message}`);
  return clip(`Uncaught ${formatValue(error)}`);
}

function clip(text: string): string {
  return text.length > maxOutputLength ? `${text.slice(0, maxOutputLength)}…` : text;
}

/** One value as text; strings are quoted. */
export function formatValue(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return formatFunction(value);
  }
  if (value === null) return 'null';
  const object = value as object;
  if (seen.has(object)) return '[Circular]';
  seen.add(object);
  try {
    return formatObject(object, depth, seen);
  } finally {
    seen.delete(object);
  }
}

function formatFunction(fn: Function): string {
  const source = Function.prototype.toString.call(fn);
  if (source.startsWith('class')) return `class ${fn.name || '(anonymous)'}`;
  // Short one-line functions print as written, as the console does with `ws.onmessage = (e) => …`.
  if (source.length <= 80 && !source.includes('\n') && !source.includes('[native code]')) return source;
  return `ƒ ${fn.name || '(anonymous)'}()`;
}

function formatObject(object: object, depth: number, seen: Set<object>): string {
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (typeof WebSocket !== 'undefined' && object instanceof WebSocket) {
    const state = readyStateNames[object.readyState] ?? '?';
    return `WebSocket {url: ${JSON.stringify(object.url)}, readyState: ${object.readyState} (${state})}`;
  }
  if (typeof Event !== 'undefined' && object instanceof Event) return formatEvent(object, depth, seen);
  if (object instanceof ArrayBuffer) return `ArrayBuffer(${object.byteLength})`;
  if (ArrayBuffer.isView(object)) return `${object.constructor.name}(${object.byteLength} bytes)`;
  if (typeof Blob !== 'undefined' && object instanceof Blob) return `Blob(${object.size})`;
  if (typeof Promise !== 'undefined' && object instanceof Promise) return 'Promise';
  if (depth >= maxDepth) return Array.isArray(object) ? `Array(${object.length})` : '{…}';

  if (Array.isArray(object)) {
    const items = object.slice(0, maxEntries).map((item) => formatValue(item, depth + 1, seen));
    if (object.length > maxEntries) items.push('…');
    return `[${items.join(', ')}]`;
  }
  if (object instanceof Map) {
    const entries = [...object]
      .slice(0, maxEntries)
      .map(([key, item]) => `${formatValue(key, depth + 1, seen)} => ${formatValue(item, depth + 1, seen)}`);
    if (object.size > maxEntries) entries.push('…');
    return `Map(${object.size}) {${entries.join(', ')}}`;
  }
  if (object instanceof Set) {
    const entries = [...object].slice(0, maxEntries).map((item) => formatValue(item, depth + 1, seen));
    if (object.size > maxEntries) entries.push('…');
    return `Set(${object.size}) {${entries.join(', ')}}`;
  }

  const keys = Object.keys(object);
  const entries = keys
    .slice(0, maxEntries)
    .map((key) => `${formatKey(key)}: ${formatValue((object as Record<string, unknown>)[key], depth + 1, seen)}`);
  if (keys.length > maxEntries) entries.push('…');
  const prototype = Object.getPrototypeOf(object) as { constructor?: { name?: string } } | null;
  const name = prototype === null || prototype === Object.prototype ? '' : `${prototype.constructor?.name ?? ''} `;
  return `${name}{${entries.join(', ')}}`;
}

/** Events print their type and the fields a WebSocket lesson cares about (data, code, reason, wasClean). */
function formatEvent(event: Event, depth: number, seen: Set<object>): string {
  const fields = [`type: ${JSON.stringify(event.type)}`];
  const record = event as unknown as Record<string, unknown>;
  for (const field of ['data', 'code', 'reason', 'wasClean']) {
    if (field in event) fields.push(`${field}: ${formatValue(record[field], depth + 1, seen)}`);
  }
  return `${event.constructor.name} {${fields.join(', ')}}`;
}

function formatKey(key: string): string {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$]*$/u.test(key) ? key : JSON.stringify(key);
}
