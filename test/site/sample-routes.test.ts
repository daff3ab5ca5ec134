import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routesFromServerlessYml } from '../../site/lib/sample-routes.ts';

describe('routesFromServerlessYml', () => {
  it("reads the sample backend's routes and expression from its serverless.yml", () => {
    const text = readFileSync(new URL('../../sample-backend/serverless.yml', import.meta.url), 'utf8');
    expect(routesFromServerlessYml(text)).toEqual({
      routes: ['$connect', '$disconnect', '$default', 'whoami', 'broadcast', 'push', 'inspect', 'ping', 'time'],
      routeSelectionExpression: '$request.body.action',
    });
  });

  it('accepts the short `websocket: route` form and defaults the expression as the Serverless Framework does', () => {
    const text = `
functions:
  a:
    handler: a.handler
    events:
      - websocket: $default
      - http: { path: x, method: get }
  b:
    handler: b.handler
    events:
      - websocket: { route: hello }
  c:
    handler: c.handler
`;
    expect(routesFromServerlessYml(text)).toEqual({ routes: ['$default', 'hello'], routeSelectionExpression: '$request.body.action' });
  });
});
