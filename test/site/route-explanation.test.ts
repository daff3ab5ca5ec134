import { describe, expect, it } from 'vitest';
import { explainRoute, selectionPaths } from '../../site/client/route-explanation.ts';

const SAMPLE_ROUTES = ['$connect', '$disconnect', '$default', 'whoami', 'broadcast', 'push', 'inspect', 'ping', 'time'];
const ACTION = '$request.body.action';

describe('explainRoute with the sample routes', () => {
  const cases: { body: string; routeKey: string | null; outcome: string; value: string | null; differsInCaseFrom?: string }[] = [
    { body: 'hello', routeKey: '$default', outcome: 'not-json', value: null },
    { body: '"hello"', routeKey: '$default', outcome: 'not-json', value: null },
    { body: '{"action":"whoami"}', routeKey: 'whoami', outcome: 'matched', value: 'whoami' },
    { body: '{"action":"nope"}', routeKey: '$default', outcome: 'no-route', value: 'nope' },
    { body: '{"action":"Time"}', routeKey: '$default', outcome: 'no-route', value: 'Time', differsInCaseFrom: 'time' },
    { body: '{"message":"hi"}', routeKey: '$default', outcome: 'no-field', value: '' },
    { body: '{"action":null}', routeKey: '$default', outcome: 'no-field', value: '' },
    { body: '{"action":""}', routeKey: '$default', outcome: 'no-route', value: '' },
    { body: '{"action":"$connect"}', routeKey: '$default', outcome: 'reserved', value: '$connect' },
    { body: '[1,2]', routeKey: '$default', outcome: 'no-field', value: '' },
    { body: '{"action":', routeKey: '$default', outcome: 'not-json', value: null },
  ];
  for (const { body, routeKey, outcome, value, differsInCaseFrom = null } of cases) {
    it(`routes ${body} to ${routeKey} (${outcome})`, () => {
      const explanation = explainRoute(ACTION, body, SAMPLE_ROUTES);
      expect(explanation).toMatchObject({ routeKey, outcome, value, differsInCaseFrom, paths: [['action']] });
    });
  }

  it('keeps the parsed body for the JSON view, and none when it is not JSON', () => {
    expect(explainRoute(ACTION, '{"action":"ping","n":1}', SAMPLE_ROUTES).parsed).toEqual({ action: 'ping', n: 1 });
    expect(explainRoute(ACTION, 'hello', SAMPLE_ROUTES).parsed).toBeUndefined();
  });
});

describe('explainRoute without $default', () => {
  it('chooses no route (a Forbidden frame) when nothing matches', () => {
    expect(explainRoute(ACTION, '{"action":"nope"}', ['$connect', 'whoami'])).toMatchObject({ routeKey: null, outcome: 'no-route' });
    expect(explainRoute(ACTION, 'hello', ['whoami'])).toMatchObject({ routeKey: null, outcome: 'not-json' });
  });
});

describe('explainRoute with a template expression', () => {
  const expression = '${request.body.service}/${request.body.action}';
  it('matches the joined value and reads both fields', () => {
    expect(explainRoute(expression, '{"service":"chat","action":"join"}', ['chat/join', '$default'])).toMatchObject({
      routeKey: 'chat/join',
      value: 'chat/join',
      outcome: 'matched',
      paths: [['service'], ['action']],
    });
  });
  it('says no-field only when every field is missing', () => {
    expect(explainRoute(expression, '{"x":1}', ['chat/join', '$default']).outcome).toBe('no-field');
    expect(explainRoute(expression, '{"action":"join"}', ['chat/join', '$default'])).toMatchObject({ outcome: 'no-route', value: '/join' });
  });
});

describe('selectionPaths', () => {
  it('reads the fields of plain, nested and template expressions', () => {
    expect(selectionPaths('$request.body.action')).toEqual([['action']]);
    expect(selectionPaths('$request.body.message.type')).toEqual([['message', 'type']]);
    expect(selectionPaths('${request.body.service}/${request.body.action}')).toEqual([['service'], ['action']]);
    expect(selectionPaths('fixed')).toEqual([]);
  });
});
