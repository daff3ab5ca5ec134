import { describe, expect, it } from 'vitest';
import {
  formatError,
  formatLogArguments,
  formatResult,
  formatValue,
  maxOutputLength,
} from '../../site/client/notebook-format.ts';

describe('formatLogArguments', () => {
  it('prints strings as they are and other values formatted, separated by spaces', () => {
    expect(formatLogArguments(['closed', 1000, true, null, undefined])).toBe('closed 1000 true null undefined');
  });

  it('prints a message containing markup as the text it is', () => {
    expect(formatLogArguments(['<img src=x onerror=alert(1)>'])).toBe('<img src=x onerror=alert(1)>');
  });

  it('cuts a huge line', () => {
    const line = formatLogArguments(['x'.repeat(maxOutputLength + 50)]);
    expect(line).toHaveLength(maxOutputLength + 1);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('formatResult', () => {
  it.each<[unknown, string]>([
    ['1', '"1"'],
    [1, '1'],
    [-0, '-0'],
    [10n, '10n'],
    [Symbol('s'), 'Symbol(s)'],
    [[1, 'a', [2, [3, [4]]]], '[1, "a", [2, Array(2)]]'],
    [{ action: 'ping', 'odd key': 1 }, '{action: "ping", "odd key": 1}'],
    [new Map([['a', 1]]), 'Map(1) {"a" => 1}'],
    [new Set([1, 2]), 'Set(2) {1, 2}'],
    [new Date('2026-01-02T03:04:05.000Z'), '2026-01-02T03:04:05.000Z'],
    [new ArrayBuffer(8), 'ArrayBuffer(8)'],
    [new Uint8Array(3), 'Uint8Array(3 bytes)'],
    [Promise.resolve(1), 'Promise'],
  ])('formats %s as %s', (value, text) => {
    expect(formatResult(value)).toBe(text);
  });

  it('prints a short arrow function as written, as the console does', () => {
    expect(formatResult((e: { data: string }) => console.log(e.data))).toBe('(e) => console.log(e.data)');
  });

  it('names long or native functions and classes instead of printing them', () => {
    expect(formatResult(Math.max)).toBe('ƒ max()');
    expect(formatResult(class Client {})).toBe('class Client');
  });

  it('marks a value that contains itself', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    expect(formatResult(loop)).toBe('{name: "loop", self: [Circular]}');
  });

  it('names the class of an instance', () => {
    class Point {
      x = 1;
    }
    expect(formatResult(new Point())).toBe('Point {x: 1}');
  });

  it('shows a message event with its data, and a close event with its code and reason', () => {
    expect(formatValue(new MessageEvent('message', { data: 'hello' }))).toBe(
      'MessageEvent {type: "message", data: "hello"}',
    );
    const close = Object.assign(new Event('close'), { code: 1000, reason: '', wasClean: true });
    expect(formatValue(close)).toBe('Event {type: "close", code: 1000, reason: "", wasClean: true}');
  });
});

describe('formatError', () => {
  it('prints the name and message, not the stack', () => {
    expect(formatError(new ReferenceError('ws is not defined'))).toBe('ReferenceError: ws is not defined');
  });

  it('prints a thrown value that is not an Error', () => {
    expect(formatError('boom')).toBe('Uncaught "boom"');
  });
});
