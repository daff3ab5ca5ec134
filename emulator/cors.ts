/**
 * Which web pages may read the emulator's HTTP answers: pages served from this machine (loopback
 * origins, such as the tutorial's dev server) and the origins given with `--allow-origin`. Any other
 * site gets no CORS headers, so a page on the internet cannot read a reader's local emulator.
 */

const LOOPBACK_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** The CORS headers to answer a request from `origin` with: none unless it is loopback or allowed. */
export function corsHeaders(origin: string | undefined, allowedOrigins: readonly string[]): Record<string, string> {
  return origin && (LOOPBACK_ORIGIN.test(origin) || allowedOrigins.includes(origin))
    ? { 'access-control-allow-origin': origin, vary: 'Origin' }
    : {};
}
