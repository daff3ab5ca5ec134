/** Names of `WebSocket.readyState` values, in the order the WHATWG spec numbers them. */
const names = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;

export type ReadyStateName = (typeof names)[number];

/** `readyStateName(1)` is `"OPEN"`; a number outside 0–3 throws, because it can only be a bug. */
export function readyStateName(readyState: number): ReadyStateName {
  const name = names[readyState];
  if (name === undefined) throw new RangeError(`Unknown readyState: ${readyState}`);
  return name;
}
