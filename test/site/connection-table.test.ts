import { describe, expect, it } from 'vitest';
import { connectionRows, connectionsTableOf, deployedConnectionsTable, timeUntil } from '../../site/client/connection-table.ts';

describe('connectionsTableOf', () => {
  it('finds the sample table of connections among the emulator tables', () => {
    expect(connectionsTableOf(['apigw-websocket-tutorial-local-connections', 'apigw-websocket-tutorial-local-events'])).toBe(
      'apigw-websocket-tutorial-local-connections',
    );
  });

  it('gives null when there is none', () => {
    expect(connectionsTableOf(['orders'])).toBeNull();
    expect(connectionsTableOf([])).toBeNull();
  });
});

describe('deployedConnectionsTable', () => {
  it.each([
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/dev', 'apigw-websocket-tutorial-dev-connections'],
    ['wss://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/', 'apigw-websocket-tutorial-prod-connections'],
    ['wss://ws.example.com', 'apigw-websocket-tutorial-dev-connections'],
    ['nonsense', 'apigw-websocket-tutorial-dev-connections'],
  ])('names the table for %s %s', (endpoint, expected) => {
    expect(deployedConnectionsTable(endpoint)).toBe(expected);
  });
});

describe('connectionRows', () => {
  const items = [
    { connectionId: 'Bbbbbbbbbbbbbbb=', connectedAt: 2000, expiresAt: 9000, sourceIp: '127.0.0.1' },
    { connectionId: 'Ooooooooooooooo=', connectedAt: 500, expiresAt: 8000 },
    { connectionId: 'Aaaaaaaaaaaaaaa=', connectedAt: 1000, expiresAt: 8500, broadcastCount: 2, broadcastWindow: 1 },
  ];

  it('orders rows by connectedAt and labels the clients of this page', () => {
    expect(connectionRows(items, { A: 'Aaaaaaaaaaaaaaa=', B: 'Bbbbbbbbbbbbbbb=' })).toEqual([
      { connectionId: 'Ooooooooooooooo=', connectedAt: 500, expiresAt: 8000, broadcastCount: null, client: null },
      { connectionId: 'Aaaaaaaaaaaaaaa=', connectedAt: 1000, expiresAt: 8500, broadcastCount: 2, client: 'A' },
      { connectionId: 'Bbbbbbbbbbbbbbb=', connectedAt: 2000, expiresAt: 9000, broadcastCount: null, client: 'B' },
    ]);
  });

  it('labels nothing for a client whose id is not known yet', () => {
    expect(connectionRows(items, { A: null, B: null }).map((row) => row.client)).toEqual([null, null, null]);
  });

  it('skips items that are not connection rows', () => {
    expect(connectionRows([null, 'x', { connectedAt: 1 }, { connectionId: 'x=', connectedAt: 'soon' }], {})).toEqual([
      { connectionId: 'x=', connectedAt: null, expiresAt: null, broadcastCount: null, client: null },
    ]);
  });
});

describe('timeUntil', () => {
  it.each([
    [7800, 0, { hours: 2, minutes: 10 }],
    [7800, 7_800_000, { hours: 0, minutes: 0 }],
    [60, 100_000, { hours: 0, minutes: 0 }],
    [3659, 0, { hours: 1, minutes: 0 }],
  ])('counts from %s s at %s ms as %o', (epochSeconds, now, expected) => {
    expect(timeUntil(epochSeconds, now)).toEqual(expected);
  });
});
