/**
 * Pretty-printed JSON as plain text segments, some of them marked: the widgets show a Lambda event
 * or a message body with the fields that matter highlighted, and build the markup from the
 * segments with textContent (never innerHTML). Pure: the server render, the browser and the tests share it.
 */

/** A run of text; `mark` names the highlighted field it belongs to (its path joined with dots). */
export interface Segment {
  text: string;
  mark?: string;
}

/** A path into a JSON value: object keys and array indexes (`['requestContext', 'routeKey']`). */
export type JsonPath = readonly (string | number)[];

const INDENT = '  ';

/**
 * `value` printed as `JSON.stringify(value, null, 2)` would print it, split so that each field on
 * one of `marked` paths (its key and its value) is a segment of its own. Adjacent unmarked text is merged.
 */
export function jsonSegments(value: unknown, marked: readonly JsonPath[] = []): Segment[] {
  const wanted = new Map(marked.map((path) => [pathKey(path), path.join('.')]));
  const segments: Segment[] = [];
  const push = (text: string, mark?: string) => {
    const last = segments.at(-1);
    if (mark === undefined && last !== undefined && last.mark === undefined) last.text += text;
    else segments.push(mark === undefined ? { text } : { text, mark });
  };

  const write = (node: unknown, path: (string | number)[], depth: number): void => {
    const pad = INDENT.repeat(depth + 1);
    if (Array.isArray(node) && node.length > 0) {
      push('[\n');
      node.forEach((item, index) => {
        push(pad);
        member(undefined, item, [...path, index], depth);
        push(index < node.length - 1 ? ',\n' : '\n');
      });
      push(`${INDENT.repeat(depth)}]`);
    } else if (isPlainObject(node) && Object.keys(node).length > 0) {
      const entries = Object.entries(node).filter(([, item]) => item !== undefined);
      push('{\n');
      entries.forEach(([key, item], index) => {
        push(pad);
        member(key, item, [...path, key], depth);
        push(index < entries.length - 1 ? ',\n' : '\n');
      });
      push(`${INDENT.repeat(depth)}}`);
    } else {
      push(scalar(node));
    }
  };

  const member = (key: string | undefined, item: unknown, path: (string | number)[], depth: number): void => {
    const label = key === undefined ? '' : `${JSON.stringify(key)}: `;
    const mark = wanted.get(pathKey(path));
    if (mark !== undefined && !isContainer(item)) {
      push(label + scalar(item), mark);
      return;
    }
    // A marked object or array: mark its key only, so the lines inside stay readable.
    if (label) push(label, mark);
    write(item, path, depth + 1);
  };

  write(value, [], 0);
  return segments;
}

/** The value at `path`, or undefined. */
export function valueAt(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function scalar(value: unknown): string {
  // JSON.stringify gives undefined for functions and undefined; a parsed JSON value has neither.
  return JSON.stringify(value) ?? 'null';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isContainer(value: unknown): boolean {
  return (Array.isArray(value) && value.length > 0) || (isPlainObject(value) && Object.keys(value).length > 0);
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path.map(String));
}
