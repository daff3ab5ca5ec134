import { describe, expect, it } from 'vitest';
import { jsonSegments, valueAt } from '../../site/client/json-view.ts';

const text = (segments: { text: string }[]) => segments.map((segment) => segment.text).join('');

describe('jsonSegments', () => {
  const values: [string, unknown][] = [
    ['an object', { a: 1, b: 'two', c: [true, null], d: {} , e: [] }],
    ['an array', [1, { x: 'y' }]],
    ['a string', 'hello'],
    ['a number', 42],
    ['null', null],
    ['nested objects', { requestContext: { routeKey: '$default', identity: { sourceIp: '127.0.0.1' } }, body: 'hi' }],
  ];
  for (const [name, value] of values) {
    it(`prints ${name} exactly as JSON.stringify(value, null, 2) does`, () => {
      expect(text(jsonSegments(value, [['requestContext', 'routeKey'], ['body'], ['a']]))).toBe(JSON.stringify(value, null, 2));
    });
  }

  it('marks a scalar field, key and value, with its dotted path', () => {
    const segments = jsonSegments({ requestContext: { routeKey: 'whoami', stage: 'local' }, body: '{"action":"whoami"}' }, [
      ['requestContext', 'routeKey'],
      ['body'],
    ]);
    expect(segments.filter((segment) => segment.mark)).toEqual([
      { text: '"routeKey": "whoami"', mark: 'requestContext.routeKey' },
      { text: '"body": "{\\"action\\":\\"whoami\\"}"', mark: 'body' },
    ]);
  });

  it('marks only the key of an object field, so its lines stay plain', () => {
    const segments = jsonSegments({ action: { name: 'x' } }, [['action']]);
    expect(segments.filter((segment) => segment.mark)).toEqual([{ text: '"action": ', mark: 'action' }]);
  });

  it('marks nothing for a path that is not there', () => {
    expect(jsonSegments({ message: 'hi' }, [['action']])).toEqual([{ text: '{\n  "message": "hi"\n}' }]);
  });

  it('keeps markup-like text as plain text', () => {
    expect(text(jsonSegments({ body: '<img src=x onerror=alert(1)>' }, [['body']]))).toContain('"<img src=x onerror=alert(1)>"');
  });

  it('merges adjacent unmarked text into one segment', () => {
    const segments = jsonSegments({ a: 1, b: 2, c: 3 }, [['b']]);
    expect(segments.map((segment) => segment.mark ?? '-')).toEqual(['-', 'b', '-']);
  });
});

describe('valueAt', () => {
  it('reads nested keys and array indexes, and gives undefined where the path leads nowhere', () => {
    const value = { a: { b: [10, 20] } };
    expect(valueAt(value, ['a', 'b', 1])).toBe(20);
    expect(valueAt(value, ['a', 'x', 'y'])).toBeUndefined();
    expect(valueAt('text', ['length'])).toBeUndefined();
  });
});
