import { GoneException, LimitExceededException } from '@aws-sdk/client-apigatewaymanagementapi';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStore } from '../../sample-backend/lib/connections.ts';
import type { WebSocketEvent } from '../../sample-backend/lib/websocket-event.ts';

// How many posts are under way now, and the most there have been at once.
const posting = { now: 0, most: 0 };

// Stand in for @connections: `gone` has left, `busy` fails with another error, the rest receive
// after a moment, so that posts overlap.
vi.mock('../../sample-backend/lib/management.ts', () => ({
  postToConnection: vi.fn(async (_event: unknown, connectionId: string) => {
    posting.now++;
    posting.most = Math.max(posting.most, posting.now);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (connectionId === 'gone') throw new GoneException({ message: '', $metadata: {} });
      if (connectionId === 'busy') throw new LimitExceededException({ message: 'buffer full', $metadata: {} });
    } finally {
      posting.now--;
    }
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

  it('reaches a thousand recipients with at most 50 posts under way at once', async () => {
    posting.most = 0;
    const ids = Array.from({ length: 1000 }, (_, i) => `c${i}`);
    const report = await broadcast(senderEvent, storeWith([...ids, 'gone']), 'hello', 2000);
    expect(report.sent).toBe(1000);
    expect(report.removedStale).toEqual(['gone']);
    expect(posting.most).toBe(50);
    expect(posting.now).toBe(0);
  });

  it('stops at the recipient limit', async () => {
    const store = storeWith(['a', 'b', 'c', 'd']);
    expect((await broadcast(senderEvent, store, 'hello', 2)).sent).toBe(2);
  });
});
