import { test } from './fixtures.ts';

type Edition = 'ja' | 'en';
// The body of `test(title, body)`, with the fixtures of e2e/fixtures.ts.
type TestBody = Parameters<typeof test>[2];

/**
 * Declares a widget's further tests in one edition each, taking turns: the 1st in Japanese, the
 * 2nd in English, and so on. Call it once per edition's describe block with that edition; each
 * call counts its own tests, so the n-th test is the same test in both blocks and lands in one.
 *
 * Why not both: the two editions run the same widget code with different words, and the words are
 * checked by their types. A widget's first test stays a plain `test` in both editions, so every
 * page is still seen working in both languages; the rest would double the browser tests' time.
 */
export function takingTurns(edition: Edition): (title: string, body: TestBody) => void {
  let count = 0;
  return (title, body) => {
    const turn: Edition = count % 2 === 0 ? 'ja' : 'en';
    count += 1;
    if (turn === edition) test(title, body);
  };
}
