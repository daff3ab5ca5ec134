import { GoneException, LimitExceededException } from '@aws-sdk/client-apigatewaymanagementapi';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStore } from '../../sample-backend/lib/connections.ts';
import type { WebSocketEvent } from '../../sample-backend/lib/websocket-event.ts';

// Stand in for @connections: `gone` has left, `busy` fails with another error, the rest receive.
vi.mock('../../sample-backend/lib/management.ts', () => ({
  postToConnection: vi.fn(async (_event: unknown, connectionId: string) => {
    if (connectionId === 'gone') throw new GoneException({ message: '', $metadata: {} });
    if (connectionId === 'busy') throw new LimitExceededException({ message: 'buffer full', $metadata: {} });
  }),
}));
const { broadcast } = await import('../../sample-backend/lib/broadcast.ts');

function storeWith(ids: string[]): ConnectionStore & { removed: string[] } {
  const removed: string[] = [];
  return {
    removed,
    save: async () => {},
    remove: async (id) => void removed.push(id),
    async *ids(limit) {
      yield* ids.slice(0, limit);
    },
    takeBroadcastAllowance: async () => true,
  };
}

const senderEvent = { requestContext: { connectionId: 'sender' } } as WebSocketEvent;

describe('broadcast', () => {
  it('deletes only the recipient that is gone, reports other errors, and counts what was sent', async () => {
    const store = storeWith(['sender', 'a', 'gone', 'busy', 'b']);
    const report = await broadcast(senderEvent, store, 'hello', 100);
    expect(report.sent).toBe(3);
    expect(report.removedStale).toEqual(['gone']);
    expect(report.failed).toEqual([{ connectionId: 'busy', error: 'LimitExceededException' }]);
    expect(store.removed).toEqual(['gone']);
  });

  it('stops at the recipient limit', async () => {
    const store = storeWith(['a', 'b', 'c', 'd']);
    expect((await broadcast(senderEvent, store, 'hello', 2)).sent).toBe(2);
  });
});
