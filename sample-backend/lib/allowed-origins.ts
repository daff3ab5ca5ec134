/**
 * Which web pages may open a connection. API Gateway has no CORS for WebSocket APIs: any page on
 * any site can connect, and the browser sends that site's cookies along. The `Origin` header,
 * which a browser always sets and a page cannot change, tells the handler which site the page is on.
 */

/**
 * True for a handshake without `Origin` (not a browser: wscat, a server; the token still has to
 * be right), for the tutorial running on this machine (`http://localhost:<any port>`, `http://127.0.0.1:<any port>`),
 * and for the origins listed, comma-separated, in `allowed` (the ALLOWED_ORIGINS variable).
 */
export function isAllowedOrigin(origin: string | undefined, allowed: string): boolean {
  if (origin === undefined) return true;
  if (/^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin)) return true;
  return allowed.split(',').map((entry) => entry.trim()).filter(Boolean).includes(origin);
}
