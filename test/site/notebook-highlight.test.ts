import { describe, expect, it } from 'vitest';
import { highlight, toneColours } from '../../site/widgets/notebook-highlight.ts';

/** The coloured pieces as `tone:text`, uncoloured ones left out. */
function toned(code: string): string[] {
  return highlight(code)
    .filter((piece) => piece.tone !== null)
    .map((piece) => `${piece.tone}:${piece.text.trim()}`);
}

describe('highlight', () => {
  // Shiki's github-light colours for the same line: const #D73A49, ws #005CC5, = #D73A49, new #D73A49,
  // WebSocket #6F42C1, ENDPOINT #005CC5 (read from `codeToTokens`).
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

  it('uses the github-light and github-dark colours, with a readable grey for comments in the dark', () => {
    expect(toneColours.keyword).toEqual({ light: '#D73A49', dark: '#F97583' });
    expect(toneColours.string).toEqual({ light: '#032F62', dark: '#9ECBFF' });
    expect(toneColours.constant).toEqual({ light: '#005CC5', dark: '#79B8FF' });
    expect(toneColours.comment).toEqual({ light: '#6A737D', dark: '#959DA5' });
    expect(toneColours.function).toEqual({ light: '#6F42C1', dark: '#B392F0' });
  });
});
