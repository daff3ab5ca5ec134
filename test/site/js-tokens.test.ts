import { describe, expect, it } from 'vitest';
import { tokenize, type TokenKind } from '../../site/client/js-tokens.ts';

/** The significant tokens as `kind:text`, whitespace left out. */
function kinds(code: string): string[] {
  return tokenize(code)
    .filter((token) => token.kind !== 'whitespace')
    .map((token) => `${token.kind}:${token.text}`);
}

describe('tokenize', () => {
  it.each([
    'const ws = new WebSocket(ENDPOINT);\nconst timer = setInterval(() => console.log(ws.readyState), 1000);',
    "ws.send('hello'); ws.onmessage = (e) => console.log(e.data);",
    'const s = `a ${b ? `nested ${c}` : "}"} d`; // done',
    "/* unclosed comment\nconst x = 'open string\nlet y = `open template ${ z",
    'a /= 2 / b; c = /re[/]g/gi.test(d) ? 1e3 : .5 ?? 0x1F ?.5 : 1_000n;',
    '\\u0061 # @ ¥ 😀 変数 = 1',
    '',
  ])('gives back the input exactly: %j', (code) => {
    expect(
      tokenize(code)
        .map((token) => token.text)
        .join(''),
    ).toBe(code);
  });

  it('splits the first experiment into keywords, names, numbers and punctuation', () => {
    expect(kinds('const timer = setInterval(() => console.log(ws.readyState), 1000);')).toEqual([
      'keyword:const',
      'identifier:timer',
      'operator:=',
      'identifier:setInterval',
      'punctuation:(',
      'punctuation:(',
      'punctuation:)',
      'operator:=>',
      'identifier:console',
      'punctuation:.',
      'identifier:log',
      'punctuation:(',
      'identifier:ws',
      'punctuation:.',
      'identifier:readyState',
      'punctuation:)',
      'punctuation:,',
      'number:1000',
      'punctuation:)',
      'punctuation:;',
    ]);
  });

  it.each<[string, TokenKind, string]>([
    ['x = /ab+c/g.test(y)', 'regex', '/ab+c/g'],
    ['return /x/', 'regex', '/x/'],
    ['a = b / c / d', 'operator', '/'],
    ['f(x) / 2', 'operator', '/'],
    ['[1] / 2', 'operator', '/'],
    ['x = /[/]/', 'regex', '/[/]/'],
  ])('tells a regular expression from a division: %s', (code, kind, text) => {
    expect(tokenize(code).find((token) => token.text.startsWith('/'))).toEqual({ kind, text });
  });

  it('keeps the substitutions of a template literal as code, with nested braces and templates', () => {
    expect(kinds('`a${ {x: 1}.x }b${`c${d}`}e`')).toEqual([
      'template:`a${',
      'punctuation:{',
      'identifier:x',
      'punctuation::',
      'number:1',
      'punctuation:}',
      'punctuation:.',
      'identifier:x',
      'template:}b${',
      'template:`c${',
      'identifier:d',
      'template:}`',
      'template:}e`',
    ]);
  });

  it('reads a keyword after a dot as a property name', () => {
    expect(kinds('ws.close(); x.new; a?.class')).toContain('identifier:close');
    expect(kinds('ws.close(); x.new; a?.class')).toContain('identifier:new');
    expect(kinds('ws.close(); x.new; a?.class')).toContain('identifier:class');
  });

  it('ends an unterminated string at the end of its line', () => {
    expect(kinds("'open\nnext")).toEqual(["string:'open", 'identifier:next']);
  });

  it.each(['1000', '0x1F', '0b101', '0o17', '1e3', '1.5e-3', '.5', '1_000n', '3.'])(
    'reads %s as one number',
    (number) => {
      expect(kinds(number)).toEqual([`number:${number}`]);
    },
  );

  it('keeps comments whole and apart from the code', () => {
    expect(kinds('a // one\n/* two\nlines */ b')).toEqual([
      'identifier:a',
      'comment:// one',
      'comment:/* two\nlines */',
      'identifier:b',
    ]);
  });

  it('tells optional chaining from a conditional followed by a number', () => {
    expect(kinds('a?.b')).toEqual(['identifier:a', 'punctuation:?.', 'identifier:b']);
    expect(kinds('a?.5:1')).toEqual(['identifier:a', 'operator:?', 'number:.5', 'punctuation::', 'number:1']);
  });
});
