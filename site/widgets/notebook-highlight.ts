import { tokenize, type Token } from '../client/js-tokens.ts';

/**
 * Colours a notebook cell's JavaScript with the colours Shiki's github-light and github-dark themes
 * give the same tokens, so an edited cell looks like the server-highlighted one and like every code
 * block on the site. A few rules approximate Shiki's grammar; the server's first rendering is exact.
 */

export type Tone = 'comment' | 'string' | 'keyword' | 'constant' | 'function';

/**
 * The themes' colours (light, dark), read from Shiki's output for github-light and github-dark.
 * One exception: github-dark's comment grey (#6A737D) has a contrast of 3:1 on its background,
 * below WCAG's 4.5:1, so comments a reader types get a lighter grey (5.3:1).
 */
export const toneColours: Record<Tone, { light: string; dark: string }> = {
  comment: { light: '#6A737D', dark: '#959DA5' },
  string: { light: '#032F62', dark: '#9ECBFF' },
  keyword: { light: '#D73A49', dark: '#F97583' },
  constant: { light: '#005CC5', dark: '#79B8FF' },
  function: { light: '#6F42C1', dark: '#B392F0' },
};

export interface HighlightedPiece {
  text: string;
  /** null: the theme's default text colour. */
  tone: Tone | null;
}

/** Words Shiki colours as constants (`constant.language`, `variable.language`). */
const constantWords = new Set(['true', 'false', 'null', 'undefined', 'this', 'super', 'NaN', 'Infinity']);
/** Keywords after which Shiki colours the next name as a function or class name. */
const namingKeywords = new Set(['function', 'class', 'new', 'extends']);

function significant(token: Token | undefined): boolean {
  return token !== undefined && token.kind !== 'whitespace' && token.kind !== 'comment';
}

function toneOf(tokens: Token[], index: number): Tone | null {
  const token = tokens[index]!;
  switch (token.kind) {
    case 'comment':
      return 'comment';
    case 'string':
    case 'template':
    case 'regex':
      return 'string';
    case 'number':
      return 'constant';
    case 'operator':
      return 'keyword';
    case 'keyword':
      return constantWords.has(token.text) ? 'constant' : 'keyword';
    case 'identifier': {
      if (constantWords.has(token.text) || /^[A-Z][A-Z\d_]+$/.test(token.text)) return 'constant';
      let after = index + 1;
      while (tokens[after] !== undefined && !significant(tokens[after])) after += 1;
      if (tokens[after]?.text === '(') return 'function';
      let before = index - 1;
      while (before >= 0 && !significant(tokens[before])) before -= 1;
      const previous = tokens[before];
      if (previous?.kind === 'keyword' && previous.text === 'const') return 'constant';
      if (previous?.kind === 'keyword' && namingKeywords.has(previous.text)) return 'function';
      return null;
    }
    default:
      return null;
  }
}

/** The code in pieces with their tone; neighbouring pieces of the same tone are merged. */
export function highlight(code: string): HighlightedPiece[] {
  const tokens = tokenize(code);
  const pieces: HighlightedPiece[] = [];
  tokens.forEach((token, index) => {
    // Whitespace takes no colour of its own: it joins whatever piece it sits next to.
    const tone = token.kind === 'whitespace' ? (pieces.at(-1)?.tone ?? null) : toneOf(tokens, index);
    const last = pieces.at(-1);
    if (last && last.tone === tone) last.text += token.text;
    else pieces.push({ text: token.text, tone });
  });
  return pieces;
}
