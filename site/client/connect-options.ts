/**
 * The optional parts of a WebSocket connect: a query string and subprotocols, and the wscat
 * command that opens the same connection from a terminal. Pure, so the tests can check the
 * exact URL and command a reader copies.
 */
import { IN_PAGE_AUTH_ENDPOINT, isInPageEndpoint } from './in-page-emulator.ts';

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
  const target = realSocketUrl(url);
  return ['npx wscat -c', `'${target.replaceAll("'", `'\\''`)}'`, ...protocols.map((protocol) => `-s ${shellWord(protocol)}`)].join(' ');
}

/**
 * wscat opens real sockets, which the in-page emulator has none of: for its endpoints the command
 * names the local emulator that `npm start` runs (the sample on port 3001, the authentication API on 3002),
 * with the same stage, path and query.
 */
function realSocketUrl(url: string): string {
  if (!isInPageEndpoint(url)) return url;
  const parsed = new URL(url);
  const port = parsed.hostname === new URL(IN_PAGE_AUTH_ENDPOINT).hostname ? 3002 : 3001;
  return `ws://localhost:${port}${parsed.pathname}${parsed.search}`;
}

