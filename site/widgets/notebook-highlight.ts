import { tokenize, type Token } from '../client/js-tokens.ts';

/**
 * Colours a notebook cell's JavaScript with the colours Shiki's CODE_THEMES (lib/code-themes.ts:
 * github-light-high-contrast and github-dark-high-contrast) give the same tokens, so an edited cell
 * looks like the server-highlighted one and like every code block on the site. A few rules
 * approximate Shiki's grammar; the server's first rendering is exact.
 */

export type Tone = 'comment' | 'string' | 'keyword' | 'constant' | 'function';

/**
 * The themes' colours (light, dark), read from Shiki's output for CODE_THEMES; the test checks them
 * against Shiki and checks that each has a contrast of at least 4.5:1 (WCAG AA) on its theme's
 * background. The high-contrast comment greys pass (5.0:1 and 11.1:1), so comments keep Shiki's colour.
 */
export const toneColours: Record<Tone, { light: string; dark: string }> = {
  comment: { light: '#66707B', dark: '#BDC4CC' },
  string: { light: '#032563', dark: '#ADDCFF' },
  keyword: { light: '#A0111F', dark: '#FF9492' },
  constant: { light: '#023B95', dark: '#91CBFF' },
  function: { light: '#622CBC', dark: '#DBB7FF' },
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
