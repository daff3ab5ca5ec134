import { describe, expect, it } from 'vitest';
import { parseSubprotocols, urlWithQuery, wscatCommand } from '../../site/client/connect-options.ts';

describe('urlWithQuery', () => {
  it.each([
    ['ws://localhost:3001/local', 'room=lobby', 'ws://localhost:3001/local?room=lobby'],
    ['ws://localhost:3001/local', '?room=lobby&user=ann', 'ws://localhost:3001/local?room=lobby&user=ann'],
    ['ws://localhost:3001/local', '  ', 'ws://localhost:3001/local'],
    ['ws://localhost:3001/local?room=a', '', 'ws://localhost:3001/local?room=a'],
    ['ws://localhost:3001/local?room=a', 'room=b', 'ws://localhost:3001/local?room=b'],
    ['wss://abc.execute-api.us-east-1.amazonaws.com/dev', 'name=a b', 'wss://abc.execute-api.us-east-1.amazonaws.com/dev?name=a%20b'],
  ])('%s with %j is %s', (endpoint, query, url) => {
    expect(urlWithQuery(endpoint, query)).toBe(url);
  });
});

describe('parseSubprotocols', () => {
  it.each([
    ['', []],
    ['apigw-tutorial.v1', ['apigw-tutorial.v1']],
    [' apigw-tutorial.v1 , chat.v2 ', ['apigw-tutorial.v1', 'chat.v2']],
  ])('reads %j', (text, protocols) => {
    expect(parseSubprotocols(text)).toEqual({ ok: true, protocols });
  });

  it.each([
    ['two words', 'two words'],
    ['a,', ''],
    ['a, a', 'a'],
    ['chat/v2', 'chat/v2'],
  ])('refuses %j, naming %j', (text, invalid) => {
    expect(parseSubprotocols(text)).toEqual({ ok: false, invalid });
  });
});

describe('wscatCommand', () => {
  it('quotes the URL and adds one -s per subprotocol', () => {
    expect(wscatCommand('ws://localhost:3001/local?room=lobby', ['apigw-tutorial.v1'])).toBe(
      "npx wscat -c 'ws://localhost:3001/local?room=lobby' -s apigw-tutorial.v1",
    );
    expect(wscatCommand('ws://localhost:3001/local', [])).toBe("npx wscat -c 'ws://localhost:3001/local'");
    expect(wscatCommand('ws://h/local', ['a', 'b'])).toBe("npx wscat -c 'ws://h/local' -s a -s b");
  });

  it('quotes what a shell would read', () => {
    expect(wscatCommand("ws://h/local?q=it's", ['a$b'])).toBe(`npx wscat -c 'ws://h/local?q=it'\\''s' -s 'a$b'`);
  });
});
