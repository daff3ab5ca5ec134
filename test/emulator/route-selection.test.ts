import { describe, expect, it } from 'vitest';
import { evaluateSelectionExpression, selectRoute } from '../../emulator/route-selection.ts';

const ACTION = '$request.body.action';
const withDefault = ['$connect', '$disconnect', '$default', 'sendmessage', 'chat/join'];
const withoutDefault = ['$connect', 'sendmessage'];

describe('selectRoute', () => {
  it.each([
    ['selects the route the action names', ACTION, '{"action":"sendmessage"}', withDefault, { routeKey: 'sendmessage', value: 'sendmessage', reason: 'matched' }],
    ['selects $default when the body is not JSON', ACTION, 'hello', withDefault, { routeKey: '$default', value: null, reason: 'not-json' }],
    ['selects $default when the body is a JSON string, not an object', ACTION, '"sendmessage"', withDefault, { routeKey: '$default', value: null, reason: 'not-json' }],
    ['selects $default when the action names no route', ACTION, '{"action":"nope"}', withDefault, { routeKey: '$default', value: 'nope', reason: 'no-match' }],
    ['selects $default when the action is missing', ACTION, '{"message":"hi"}', withDefault, { routeKey: '$default', value: '', reason: 'no-match' }],
    ['matches exactly, so case matters', ACTION, '{"action":"SendMessage"}', withDefault, { routeKey: '$default', value: 'SendMessage', reason: 'no-match' }],
    ['never selects a reserved route by name', ACTION, '{"action":"$connect"}', withDefault, { routeKey: '$default', value: '$connect', reason: 'no-match' }],
    ['returns no route when nothing matches and there is no $default', ACTION, '{"action":"nope"}', withoutDefault, { routeKey: null, value: 'nope', reason: 'no-match' }],
    ['returns no route for non-JSON when there is no $default', ACTION, 'hello', withoutDefault, { routeKey: null, value: null, reason: 'not-json' }],
    ['combines fields with a template expression', '${request.body.service}/${request.body.action}', '{"service":"chat","action":"join"}', withDefault, { routeKey: 'chat/join', value: 'chat/join', reason: 'matched' }],
  ])('%s', (_name, expression, body, keys, expected) => {
    expect(selectRoute(expression, body, keys)).toEqual(expected);
  });
});

describe('evaluateSelectionExpression', () => {
  it.each([
    ['reads a nested path', '$request.body.meta.kind', { meta: { kind: 'ping' } }, 'ping'],
    ['turns a number into its text', '$request.body.action', { action: 42 }, '42'],
    ['turns a missing path into an empty string inside a template', '${request.body.action}-${request.body.invalidPath}', { action: 'join' }, 'join-'],
    ['writes an array as the AWS docs show it', '$request.body.items', { items: ['item1', 'item2'] }, '[item1, item2]'],
  ])('%s', (_name, expression, body, expected) => {
    expect(evaluateSelectionExpression(expression, body)).toBe(expected);
  });
});
