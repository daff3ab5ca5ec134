import { afterEach, describe, expect, it } from 'vitest';
import { rewriteTopLevelDeclarations } from '../../site/client/notebook-rewrite.ts';

describe('rewriteTopLevelDeclarations', () => {
  it.each([
    ['const ws = new WebSocket(ENDPOINT);', 'var ws = new WebSocket(ENDPOINT);'],
    ['let count = 0', 'var count = 0'],
    ['const { data } = event, [first] = list;', 'var { data } = event, [first] = list;'],
    ['let [a, b] = pair', 'var [a, b] = pair'],
    ['class Client extends Base { send() {} }', 'var Client = class Client extends Base { send() {} };'],
    ['class A extends mixin({ a: 1 }) {}\n[1].map(f)', 'var A = class A extends mixin({ a: 1 }) {};\n[1].map(f)'],
    ['foo()\nconst x = 1', 'foo()\nvar x = 1'],
    ['if (x) {} let y = 2', 'if (x) {} var y = 2'],
  ])('turns a top-level declaration into a var: %s', (code, rewritten) => {
    expect(rewriteTopLevelDeclarations(code)).toBe(rewritten);
  });

  it.each([
    'for (let i = 0; i < 3; i++) {}',
    'for (const item of items) console.log(item)',
    'if (ok) { const inner = 1; }',
    'function f() { let a = 1; const b = 2; class C {} }',
    'setInterval(() => { const now = Date.now(); }, 1000)',
    'x = class Named {}',
    'let = 5',
    'label: { const inBlock = 1 }',
    'x = `${(() => { const a = 1; return a })()}`',
    "log('const a = 1; let b'); // let c = 3",
  ])('leaves declarations that are not top-level, and look-alikes, alone: %s', (code) => {
    expect(rewriteTopLevelDeclarations(code)).toBe(code);
  });

  it('changes only the top-level declaration, not the code, strings or comments after it', () => {
    const code = "const text = 'const a = 1'; // let c = 3\nfunction f() { let a = 1; }";
    expect(rewriteTopLevelDeclarations(code)).toBe(
      "var text = 'const a = 1'; // let c = 3\nfunction f() { let a = 1; }",
    );
  });
});

// The kernel runs cells with indirect eval; the same happens here in Node's global scope.
describe('cells run one after another with indirect eval', () => {
  const indirectEval = globalThis.eval;
  const run = (code: string): unknown => indirectEval(rewriteTopLevelDeclarations(code));
  const created = [
    'notebookTestSocket',
    'notebookTestCount',
    'NotebookTestClass',
    'notebookTestFn',
    'notebookTestA',
    'notebookTestB',
  ];

  afterEach(() => {
    for (const name of created) delete (globalThis as Record<string, unknown>)[name];
  });

  it('keeps a const from one cell for the next', () => {
    run('const notebookTestSocket = { readyState: 1 };');
    expect(run('notebookTestSocket.readyState')).toBe(1);
  });

  it('lets a cell run twice without "has already been declared"', () => {
    run('let notebookTestCount = 1;');
    expect(() => run('let notebookTestCount = 2;')).not.toThrow();
    expect(run('notebookTestCount')).toBe(2);
  });

  it('keeps classes, functions and destructured names', () => {
    run(
      'class NotebookTestClass { hello() { return "hi"; } }\nfunction notebookTestFn() { return 42; }\nconst [notebookTestA, { b: notebookTestB }] = [1, { b: 2 }];',
    );
    expect(run('[new NotebookTestClass().hello(), notebookTestFn(), notebookTestA, notebookTestB]')).toEqual([
      'hi',
      42,
      1,
      2,
    ]);
  });

  it('returns the value of the last expression, and nothing for a declaration', () => {
    expect(run('const notebookTestCount = 3;')).toBeUndefined();
    expect(run('notebookTestCount * 2')).toBe(6);
  });

  it('reports a variable that no cell declared', () => {
    expect(() => run('notebookTestMissing.send("hello")')).toThrow(ReferenceError);
  });
});
