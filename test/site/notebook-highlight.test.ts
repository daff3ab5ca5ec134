import { createHighlighter, type Highlighter } from 'shiki';
import { beforeAll, describe, expect, it } from 'vitest';
import { CODE_THEMES } from '../../site/lib/code-themes.ts';
import { highlight, toneColours, type Tone } from '../../site/widgets/notebook-highlight.ts';

/** The coloured pieces as `tone:text`, uncoloured ones left out. */
function toned(code: string): string[] {
  return highlight(code)
    .filter((piece) => piece.tone !== null)
    .map((piece) => `${piece.tone}:${piece.text.trim()}`);
}

describe('highlight', () => {
  // Shiki's github-light-high-contrast colours for the same line: const #A0111F, ws #023B95,
  // = #A0111F, new #A0111F, WebSocket #622CBC, ENDPOINT #023B95 (the Shiki tests below check them).
  it('colours the first experiment as Shiki does', () => {
    expect(toned('const ws = new WebSocket(ENDPOINT);')).toEqual([
      'keyword:const',
      'constant:ws',
      'keyword:= new',
      'function:WebSocket',
      'constant:ENDPOINT',
    ]);
  });

  it('colours strings, numbers, comments, calls and arrows', () => {
    expect(toned("setInterval(() => ws.send('ping'), 60000); // keep alive")).toEqual([
      'function:setInterval',
      'keyword:=>',
      'function:send',
      "string:'ping'",
      'constant:60000',
      'comment:// keep alive',
    ]);
  });

  it('colours true, null, this and ALL_CAPS names as constants', () => {
    expect(toned('x = true; y = null; this.z; JSON')).toEqual([
      'keyword:=',
      'constant:true',
      'keyword:=',
      'constant:null',
      'constant:this',
      'constant:JSON',
    ]);
  });

  it('keeps every character of the code', () => {
    const code = 'const a = `t${b}`;\n\n  /re/g; // c\n';
    expect(
      highlight(code)
        .map((piece) => piece.text)
        .join(''),
    ).toBe(code);
  });
});

/** WCAG's contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [red, green, blue] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('the colours, against Shiki with CODE_THEMES', () => {
  // Code whose every token the notebook's rules colour as Shiki does, with each tone in it.
  const sample = [
    'const ws = new WebSocket(ENDPOINT); // connect',
    "setInterval(() => ws.send(JSON.stringify({ action: 'ping', n: 1 })), 60000);",
    'const t = `at noon`; x = true ?? null; this.close();',
    'function f() {}',
  ].join('\n');
  let shiki: Highlighter;
  let expected: { light: string; dark: string }[];

  // In the hook, with its longer timeout: the first tokenizing takes seconds on a busy machine.
  beforeAll(async () => {
    shiki = await createHighlighter({ langs: ['js'], themes: Object.values(CODE_THEMES) });
    expected = shikiColours(sample);
  });

  /** Shiki's colours for each character of `code` (none for a line break), from the styles it writes. */
  function shikiColours(code: string): { light: string; dark: string }[] {
    // No time limit: a cold tokenizer on a busy machine can pass the default 500 ms, and Shiki
    // then leaves the rest of the line as one uncoloured token.
    const { tokens } = shiki.codeToTokens(code, { lang: 'js', themes: CODE_THEMES, tokenizeTimeLimit: 0 });
    return tokens.flatMap((line, index) => [
      ...(index > 0 ? [{ light: '', dark: '' }] : []),
      ...line.flatMap((token) =>
        [...token.content].map(() => ({
          light: token.htmlStyle?.color?.toUpperCase() ?? '',
          dark: token.htmlStyle?.['--shiki-dark']?.toUpperCase() ?? '',
        })),
      ),
    ]);
  }

  /** The themes' default text colours, which Shiki writes on uncoloured tokens. */
  function foreground(): { light: string; dark: string } {
    return {
      light: shiki.getTheme(CODE_THEMES.light).fg.toUpperCase(),
      dark: shiki.getTheme(CODE_THEMES.dark).fg.toUpperCase(),
    };
  }

  it('gives every coloured piece the colours Shiki gives its characters in both themes', () => {
    const seen = new Set<Tone>();
    let at = 0;
    for (const { text, tone } of highlight(sample)) {
      for (const character of text) {
        if (character.trim() !== '') {
          const colours = tone === null ? foreground() : toneColours[tone];
          expect({ character, at, ...colours }).toEqual({ character, at, ...expected[at] });
        }
        at += 1;
      }
      if (tone !== null) seen.add(tone);
    }
    expect([...seen].sort()).toEqual(Object.keys(toneColours).sort());
  });

  it('has every colour at 4.5:1 or more on its theme background (WCAG AA), comments included', () => {
    const light = shiki.getTheme(CODE_THEMES.light).bg;
    const dark = shiki.getTheme(CODE_THEMES.dark).bg;
    for (const [tone, colours] of Object.entries(toneColours)) {
      expect({ tone, light: contrast(colours.light, light) >= 4.5 }).toEqual({ tone, light: true });
      expect({ tone, dark: contrast(colours.dark, dark) >= 4.5 }).toEqual({ tone, dark: true });
    }
  });
});
