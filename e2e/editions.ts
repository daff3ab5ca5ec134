type Edition = 'ja' | 'en';

/**
 * Whose turn it is to run a widget's next test: the 1st in Japanese, the 2nd in English, and so
 * on. Make one per edition's describe block and ask it before each further test,
 * `if (myTurn()) test(…)`; each counts its own questions, so the n-th test is the same test in
 * both blocks and runs in one. (The `test(…)` call stays in the spec, so a failure points there.)
 *
 * Why not both: the two editions run the same widget code with different words, and the words are
 * checked by their types. A widget's first test stays a plain `test` in both editions, so every
 * page is still seen working in both languages; the rest would double the browser tests' time.
 */
export function takingTurns(edition: Edition): () => boolean {
  let count = 0;
  return () => {
    const turn: Edition = count % 2 === 0 ? 'ja' : 'en';
    count += 1;
    return turn === edition;
  };
}
