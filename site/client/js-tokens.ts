/**
 * A small, forgiving JavaScript tokenizer: enough to colour a notebook cell like the site's Shiki
 * code blocks and to find a cell's top-level declarations, without shipping a parser to the
 * browser. It never throws, and the tokens' texts joined give back the input exactly, so a
 * half-typed cell (an open string, an unclosed comment) still highlights.
 */

export type TokenKind =
  | 'whitespace'
  | 'comment'
  | 'string'
  /** A literal piece of a template: from a backtick or `}` up to `${` or the closing backtick. */
  | 'template'
  | 'regex'
  | 'number'
  | 'identifier'
  | 'keyword'
  | 'operator'
  | 'punctuation';

export interface Token {
  kind: TokenKind;
  text: string;
}

function wordsOf(text: string): Set<string> {
  return new Set(text.trim().split(/\s+/));
}

/** Reserved words, plus the contextual ones (`let`, `of`, `async`, …) a reader thinks of as keywords. */
const keywords = wordsOf(`
  async await break case catch class const continue debugger default delete do else export extends false finally
  for function if import in instanceof let new null of return super switch this throw true try typeof var void
  while with yield`);

/** After these keywords an expression starts, so a `/` begins a regular expression, not a division. */
const keywordsBeforeExpression = wordsOf(
  'await case delete do else in instanceof new of return throw typeof void yield',
);

// Longest first, so `>>>=` wins over `>>` and `>`.
const operators = [
  ...wordsOf(`>>>= ... === !== **= <<= >>= >>> &&= ||= ??= => == != <= >= && || ?? ++ -- += -= *= /= %= &= |= ^= ** << >>
  = + - * / % < > ! ~ & | ^ ?`),
];
const punctuation = ['(', ')', '[', ']', '{', '}', ';', ',', '.', ':', '#', '@'];

const whitespacePattern = /\s+/y;
const identifierPattern = /[\p{ID_Start}$_\\][\p{ID_Continue}$\u200c\u200d\\]*/uy;
const privateNamePattern = /#[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
const numberPattern =
  /(?:0[xX][\da-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?/y;

function match(pattern: RegExp, code: string, at: number): string | null {
  pattern.lastIndex = at;
  return pattern.exec(code)?.[0] ?? null;
}

/** The end of a quoted string starting at `at`; an unterminated one ends at the line break. */
function endOfString(code: string, at: number): number {
  const quote = code[at];
  let i = at + 1;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') i += 2;
    else if (char === quote) return i + 1;
    else if (char === '\n') return i;
    else i += 1;
  }
  return code.length;
}

/** The end of a template piece starting at `at` (on a backtick or a `}`): after `${`, after the closing backtick, or the end. */
function endOfTemplatePiece(code: string, at: number): { end: number; opensSubstitution: boolean } {
  let i = at + 1;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') i += 2;
    else if (char === '`') return { end: i + 1, opensSubstitution: false };
    else if (char === '$' && code[i + 1] === '{') return { end: i + 2, opensSubstitution: true };
    else i += 1;
  }
  return { end: code.length, opensSubstitution: false };
}

/** The end of a regular expression literal starting at `at`, flags included; an unterminated one ends at the line break. */
function endOfRegex(code: string, at: number): number {
  let i = at + 1;
  let inClass = false;
  while (i < code.length) {
    const char = code[i];
    if (char === '\\') i += 2;
    else if (char === '\n') return i;
    else if (char === '[') ((inClass = true), (i += 1));
    else if (char === ']') ((inClass = false), (i += 1));
    else if (char === '/' && !inClass) {
      i += 1;
      while (i < code.length && /[a-z]/i.test(code[i]!)) i += 1;
      return i;
    } else i += 1;
  }
  return code.length;
}

/** Whether a `/` after this token starts a regular expression (true) or divides (false). */
function regexAllowedAfter(previous: Token | undefined): boolean {
  if (previous === undefined) return true;
  switch (previous.kind) {
    case 'number':
    case 'string':
    case 'regex':
    case 'identifier':
      return false;
    case 'template':
      // After a closing backtick the template is a value; after `${` an expression starts.
      return previous.text.endsWith('${');
    case 'keyword':
      return keywordsBeforeExpression.has(previous.text);
    case 'punctuation':
      return ![')', ']', '}', '.', '?.'].includes(previous.text);
    default:
      return true;
  }
}

/** Splits JavaScript source into tokens. Joining the tokens' `text` gives back `code` exactly. */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  /** For each open `{` or `${`: whether its `}` resumes a template. */
  const braces: boolean[] = [];
  let previous: Token | undefined;
  let i = 0;

  const push = (kind: TokenKind, end: number): void => {
    const token = { kind, text: code.slice(i, end) };
    tokens.push(token);
    if (kind !== 'whitespace' && kind !== 'comment') previous = token;
    i = end;
  };

  while (i < code.length) {
    const char = code[i]!;
    const next = code[i + 1];
    const space = match(whitespacePattern, code, i);
    if (space) {
      push('whitespace', i + space.length);
    } else if (char === '/' && next === '/') {
      const lineEnd = code.indexOf('\n', i);
      push('comment', lineEnd === -1 ? code.length : lineEnd);
    } else if (char === '/' && next === '*') {
      const close = code.indexOf('*/', i + 2);
      push('comment', close === -1 ? code.length : close + 2);
    } else if (char === '"' || char === "'") {
      push('string', endOfString(code, i));
    } else if (char === '`' || (char === '}' && braces.at(-1) === true)) {
      if (char === '}') braces.pop();
      const piece = endOfTemplatePiece(code, i);
      if (piece.opensSubstitution) braces.push(true);
      push('template', piece.end);
    } else if (char === '/' && regexAllowedAfter(previous)) {
      push('regex', endOfRegex(code, i));
    } else if (/\d/.test(char) || (char === '.' && next !== undefined && /\d/.test(next))) {
      push('number', i + (match(numberPattern, code, i)?.length ?? 1));
    } else if (char === '#' && match(privateNamePattern, code, i)) {
      push('identifier', i + match(privateNamePattern, code, i)!.length);
    } else if (match(identifierPattern, code, i)) {
      const word = match(identifierPattern, code, i)!;
      // `ws.close` or `event.type`: a property name is never a keyword, even when it is spelled like one.
      const isProperty = previous?.kind === 'punctuation' && (previous.text === '.' || previous.text === '?.');
      push(keywords.has(word) && !isProperty ? 'keyword' : 'identifier', i + word.length);
    } else {
      // `?.` chains, but `a?.5:b` is a conditional followed by a number.
      const chain = code.startsWith('?.', i) && !/\d/.test(code[i + 2] ?? '');
      const operator = chain ? undefined : operators.find((candidate) => code.startsWith(candidate, i));
      const mark = chain ? '?.' : operator ? undefined : punctuation.find((candidate) => code.startsWith(candidate, i));
      if (mark !== undefined) {
        if (mark === '{') braces.push(false);
        else if (mark === '}') braces.pop();
        push('punctuation', i + mark.length);
      } else {
        // Anything unexpected (a stray character) is kept as an operator of one character.
        push('operator', i + (operator?.length ?? 1));
      }
    }
  }
  return tokens;
}
