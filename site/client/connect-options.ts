/**
 * The optional parts of a WebSocket connect: a query string and subprotocols, and the wscat
 * command that opens the same connection from a terminal. Pure, so the tests can check the
 * exact URL and command a reader copies.
 */

/** `endpoint` with `query` as its query string (`room=lobby` or `?room=lobby`); an empty query keeps the endpoint's own. */
export function urlWithQuery(endpoint: string, query: string): string {
  const search = query.trim().replace(/^\?/, '');
  if (search === '') return endpoint;
  const url = new URL(endpoint);
  url.search = search;
  return url.href;
}

export type SubprotocolCheck = { ok: true; protocols: string[] } | { ok: false; invalid: string };

// A subprotocol is an HTTP token (RFC 6455 §4.1, RFC 9110 §5.6.2); browsers throw on anything else.
const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Splits `a, b` into subprotocols; the first one that is not a token, or a repeat, is returned as invalid. */
export function parseSubprotocols(text: string): SubprotocolCheck {
  const protocols: string[] = [];
  for (const raw of text.split(',')) {
    const protocol = raw.trim();
    if (protocol === '' && text.trim() === '') continue;
    if (!token.test(protocol) || protocols.includes(protocol)) return { ok: false, invalid: protocol };
    protocols.push(protocol);
  }
  return { ok: true, protocols };
}

/** Quotes a word for a POSIX shell unless it is plainly safe. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9._\-/:=@%+]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `npx wscat -c 'ws://localhost:3001/local?room=lobby' -s apigw-tutorial.v1`: the same connection from a terminal. */
export function wscatCommand(url: string, protocols: readonly string[]): string {
  return ['npx wscat -c', `'${url.replaceAll("'", `'\\''`)}'`, ...protocols.map((protocol) => `-s ${shellWord(protocol)}`)].join(' ');
}
