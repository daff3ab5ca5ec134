/**
 * The emulator-only query parameter that warps the idle and 2-hour timers of one connection:
 * `ws://localhost:3001/local?x-emulator-time-scale=60`. API Gateway has nothing like it. The
 * emulator takes it out of the handshake URL before anything else reads the URL, so it never
 * reaches the `$connect` event; a deployed API would pass it to `$connect` as an ordinary
 * query string parameter and ignore it, which is why the site only adds it for the emulator.
 */

export const CONNECTION_TIME_SCALE_PARAMETER = 'x-emulator-time-scale';

/** The largest warp a connection may ask for: at 100000 the 10-minute idle timeout is 6 ms. */
export const MAX_CONNECTION_TIME_SCALE = 100_000;

export type TimeScaleRequest =
  /** `url` is the request target without the parameter; `timeScale` is undefined when it was absent. */
  | { ok: true; url: string; timeScale: number | undefined }
  | { ok: false; problem: string };

/**
 * Reads and removes the time-scale parameter from a request target such as `/local?room=a&x-emulator-time-scale=60`.
 * Other parameters keep their exact bytes and order; a query left empty is dropped with its `?`,
 * so the `$connect` event has no query string keys at all, as for a URL that never had one (§3).
 */
export function takeConnectionTimeScale(target: string): TimeScaleRequest {
  const questionMark = target.indexOf('?');
  if (questionMark === -1) return { ok: true, url: target, timeScale: undefined };
  const path = target.slice(0, questionMark);
  const kept: string[] = [];
  const values: string[] = [];
  for (const pair of target.slice(questionMark + 1).split('&')) {
    const [name = '', value = ''] = [...new URLSearchParams(pair).entries()][0] ?? [];
    if (name === CONNECTION_TIME_SCALE_PARAMETER) values.push(value);
    else kept.push(pair);
  }
  const url = kept.some((pair) => pair !== '') ? `${path}?${kept.join('&')}` : path;
  if (values.length === 0) return { ok: true, url: target, timeScale: undefined };
  if (values.length > 1) return { ok: false, problem: `${CONNECTION_TIME_SCALE_PARAMETER} was given ${values.length} times; give it once` };
  const text = values[0] as string;
  const timeScale = Number(text);
  // Misuse fails the handshake at once with the reason, rather than silently running at real time.
  if (text.trim() === '' || !Number.isFinite(timeScale) || timeScale < 1 || timeScale > MAX_CONNECTION_TIME_SCALE) {
    return { ok: false, problem: `${CONNECTION_TIME_SCALE_PARAMETER} must be a number from 1 to ${MAX_CONNECTION_TIME_SCALE}, got "${text}"` };
  }
  return { ok: true, url, timeScale };
}
