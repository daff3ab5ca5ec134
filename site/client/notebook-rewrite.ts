import { tokenize, type Token } from './js-tokens.ts';

/**
 * Makes a notebook cell's top-level `let`, `const` and `class` declarations outlive the cell.
 *
 * The kernel runs each cell with indirect eval, which runs it as a global script: its completion
 * value comes back (what the console shows as the result), and `var` and function declarations
 * land on the worker's global object, where the next cell finds them. `let`, `const` and `class`
 * would stay in a scope of their own and vanish when the cell ends, so the top-level ones become
 * `var` (classes: `var Name = class Name …;`). Running a cell twice then redeclares instead of
 * failing with "has already been declared", as it does in the DevTools console. Declarations
 * inside blocks and functions are left alone. The price: a rewritten `const` can be reassigned.
 */
export function rewriteTopLevelDeclarations(code: string): string {
  const tokens = tokenize(code);
  const out: string[] = [];
  /** Open (, [, { and template substitutions; a declaration at depth 0 is top-level. */
  let depth = 0;
  let previous: Token | undefined;
  let lineBreakSincePrevious = false;
  /** Set while inside a rewritten class: the class body has started, and at what depth it ends. */
  let classBody: 'before-body' | 'in-body' | null = null;

  tokens.forEach((token, index) => {
    let text = token.text;
    if (token.kind === 'whitespace' || token.kind === 'comment') {
      if (token.text.includes('\n')) lineBreakSincePrevious = true;
      out.push(text);
      return;
    }

    const startsStatement =
      previous === undefined ||
      (previous.kind === 'punctuation' && (previous.text === ';' || previous.text === '}')) ||
      (lineBreakSincePrevious && !expectsOperand(previous));

    if (depth === 0 && token.kind === 'keyword' && classBody === null) {
      const next = nextSignificant(tokens, index);
      if (token.text === 'const' && next !== undefined) {
        text = 'var';
      } else if (token.text === 'let' && startsStatement && next !== undefined && startsBinding(next)) {
        text = 'var';
      } else if (token.text === 'class' && startsStatement && next?.kind === 'identifier') {
        text = `var ${next.text} = class`;
        classBody = 'before-body';
      }
    }

    if (token.kind === 'punctuation' && '([{'.includes(token.text)) {
      if (classBody === 'before-body' && depth === 0 && token.text === '{') classBody = 'in-body';
      depth += 1;
    } else if (token.kind === 'punctuation' && ')]}'.includes(token.text)) {
      depth = Math.max(0, depth - 1);
      // The class is an expression now, so end its statement: a line starting with `(` or `[` must not call it.
      if (classBody === 'in-body' && depth === 0) {
        text += ';';
        classBody = null;
      }
    } else if (token.kind === 'template') {
      if (token.text.startsWith('}')) depth = Math.max(0, depth - 1);
      if (token.text.endsWith('${')) depth += 1;
    }

    out.push(text);
    previous = token;
    lineBreakSincePrevious = false;
  });
  return out.join('');
}

function nextSignificant(tokens: Token[], index: number): Token | undefined {
  for (let i = index + 1; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    if (token.kind !== 'whitespace' && token.kind !== 'comment') return token;
  }
  return undefined;
}

/** `let x`, `let [a]`, `let {a}` declare; `let = 1` or `let.x` use a variable named let. */
function startsBinding(token: Token): boolean {
  return (
    token.kind === 'identifier' ||
    (token.kind === 'keyword' && ['await', 'yield', 'async', 'of'].includes(token.text)) ||
    token.text === '[' ||
    token.text === '{'
  );
}

/** Whether the expression cannot end after this token, so a line break does not end the statement. */
function expectsOperand(token: Token): boolean {
  if (token.kind === 'operator') return token.text !== '++' && token.text !== '--';
  if (token.kind === 'punctuation') return ['(', '[', '{', ',', '.', '?.', ':'].includes(token.text);
  if (token.kind === 'keyword') return !['this', 'super', 'true', 'false', 'null'].includes(token.text);
  return false;
}
