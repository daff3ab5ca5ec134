/**
 * What API Gateway would bill, counted per connection and in total (reference §9): messages in both
 * directions in 32 KB units (a 33 KB message is two), connection-minutes, and ConnectCount.
 * UNCONFIRMED on AWS, and so counted apart: whether gateway error frames are billed, and how
 * connection-minutes are rounded (we report exact fractional minutes).
 */
// The site's pricing module is pure and the one place the 32 KB rule lives.
import { billedMessagesPer as billedUnits } from '../site/client/pricing.ts';

export interface ConnectionUsage {
  connectionId: string;
  connectedAt: number;
  disconnectedAt: number | undefined;
  messagesIn: number;
  messagesOut: number;
  unitsIn: number;
  unitsOut: number;
  /** Forbidden / Internal server error / timed-out frames the gateway sent; their billing is UNCONFIRMED. */
  errorFrames: number;
}

export interface UsageReport {
  totals: {
    /** Handshakes that reached the `$connect` integration (CloudWatch's ConnectCount). */
    connectCount: number;
    openConnections: number;
    messagesIn: number;
    messagesOut: number;
    /** 32 KB units in both directions: what the messages meter bills. */
    billedMessageUnits: number;
    errorFrames: number;
    connectionMinutes: number;
  };
  connections: (ConnectionUsage & { connectionMinutes: number })[];
}

/** Closed connections kept for the report, so a long session does not grow without bound. */
const MAX_CLOSED_KEPT = 1000;

export class Metering {
  #connectCount = 0;
  #open = new Map<string, ConnectionUsage>();
  #closed: ConnectionUsage[] = [];
  /** Totals of connections dropped from #closed, so totals stay exact. */
  #forgotten = { messagesIn: 0, messagesOut: 0, units: 0, errorFrames: 0, connectionMs: 0 };

  countConnectAttempt(): void {
    this.#connectCount++;
  }

  opened(connectionId: string, connectedAt: number): void {
    this.#open.set(connectionId, {
      connectionId, connectedAt, disconnectedAt: undefined,
      messagesIn: 0, messagesOut: 0, unitsIn: 0, unitsOut: 0, errorFrames: 0,
    });
  }

  messageIn(connectionId: string, bytes: number): void {
    const usage = this.#open.get(connectionId);
    if (!usage) return;
    usage.messagesIn++;
    usage.unitsIn += billedUnits(bytes);
  }

  messageOut(connectionId: string, bytes: number): void {
    const usage = this.#open.get(connectionId);
    if (!usage) return;
    usage.messagesOut++;
    usage.unitsOut += billedUnits(bytes);
  }

  errorFrame(connectionId: string): void {
    const usage = this.#open.get(connectionId);
    if (usage) usage.errorFrames++;
  }

  closed(connectionId: string, at: number): void {
    const usage = this.#open.get(connectionId);
    if (!usage) return;
    this.#open.delete(connectionId);
    usage.disconnectedAt = at;
    this.#closed.push(usage);
    if (this.#closed.length > MAX_CLOSED_KEPT) {
      const dropped = this.#closed.shift() as ConnectionUsage;
      this.#forgotten.messagesIn += dropped.messagesIn;
      this.#forgotten.messagesOut += dropped.messagesOut;
      this.#forgotten.units += dropped.unitsIn + dropped.unitsOut;
      this.#forgotten.errorFrames += dropped.errorFrames;
      this.#forgotten.connectionMs += (dropped.disconnectedAt ?? at) - dropped.connectedAt;
    }
  }

  /** The report, optionally for one connection only. */
  report(now = Date.now(), connectionId?: string): UsageReport {
    const all = [...this.#closed, ...this.#open.values()]
      .filter((usage) => connectionId === undefined || usage.connectionId === connectionId)
      .map((usage) => ({ ...usage, connectionMinutes: ((usage.disconnectedAt ?? now) - usage.connectedAt) / 60_000 }));
    const forgotten = connectionId === undefined ? this.#forgotten : { messagesIn: 0, messagesOut: 0, units: 0, errorFrames: 0, connectionMs: 0 };
    const sum = (pick: (usage: (typeof all)[number]) => number) => all.reduce((total, usage) => total + pick(usage), 0);
    return {
      totals: {
        connectCount: this.#connectCount,
        openConnections: this.#open.size,
        messagesIn: forgotten.messagesIn + sum((u) => u.messagesIn),
        messagesOut: forgotten.messagesOut + sum((u) => u.messagesOut),
        billedMessageUnits: forgotten.units + sum((u) => u.unitsIn + u.unitsOut),
        errorFrames: forgotten.errorFrames + sum((u) => u.errorFrames),
        connectionMinutes: forgotten.connectionMs / 60_000 + sum((u) => u.connectionMinutes),
      },
      connections: all,
    };
  }
}
