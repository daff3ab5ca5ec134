/**
 * Sends one message to every stored connection. A `GoneException` means that *recipient* has gone
 * without its `$disconnect` being processed, so its row is stale: delete that row, the recipient's,
 * never the sender's. Any other error is collected and reported, not swallowed.
 */
import { GoneException } from '@aws-sdk/client-apigatewaymanagementapi';
import type { ConnectionStore } from './connections.ts';
import { postToConnection } from './management.ts';
import type { WebSocketEvent } from './websocket-event.ts';

/**
 * Posts under way at once. The SDK's HTTP agent sends at most 50 at a time anyway, and starting
 * every post together makes the first wait until all of them have been prepared and signed: a
 * thousand recipients would hear nothing for most of a second, then everything at once.
 */
const POSTS_IN_FLIGHT = 50;

export interface BroadcastReport {
  sent: number;
  /** Stale connections found and deleted. */
  removedStale: string[];
  failed: { connectionId: string; error: string }[];
}

export async function broadcast(
  event: WebSocketEvent,
  store: ConnectionStore,
  data: string,
  maxRecipients: number,
): Promise<BroadcastReport> {
  const report: BroadcastReport = { sent: 0, removedStale: [], failed: [] };
  const inFlight = new Set<Promise<void>>();
  for await (const recipient of store.ids(maxRecipients)) {
    if (inFlight.size >= POSTS_IN_FLIGHT) await Promise.race(inFlight);
    const post: Promise<void> = postToConnection(event, recipient, data)
      .then(
        () => {
          report.sent++;
        },
        async (error: unknown) => {
          if (error instanceof GoneException) {
            await store.remove(recipient);
            report.removedStale.push(recipient);
          } else {
            report.failed.push({ connectionId: recipient, error: error instanceof Error ? error.name : String(error) });
          }
        },
      )
      .finally(() => inFlight.delete(post));
    inFlight.add(post);
  }
  await Promise.all(inFlight);
  return report;
}
