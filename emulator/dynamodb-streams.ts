/**
 * DynamoDB streams for the local tables: each write the store reports (dynalite-thread.ts) becomes a
 * stream record shaped as Lambda delivers it, and the functions with a `stream` event on that table
 * get them in batches, in the order they were written, one batch at a time per function.
 *
 * Emulator choices, where AWS's timing cannot be copied: a batch goes as soon as the writes of the
 * same moment are in (AWS polls the stream about four times a second), and a batch whose invocation
 * fails is tried twice more and then dropped with a log line (AWS retries it until its records
 * expire after 24 hours, unless the event source mapping limits the retries).
 */
import { randomBytes } from 'node:crypto';
import type { DynaliteItem } from 'dynalite/db/index.js';
import type { StreamTrigger, TableDefinition } from './serverless-config.ts';

export interface TableChange {
  tableName: string;
  keySchema: { AttributeName: string }[];
  oldItem?: DynaliteItem;
  newItem?: DynaliteItem;
}

export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: '1.1';
  eventSource: 'aws:dynamodb';
  awsRegion: string;
  dynamodb: Record<string, unknown>;
  eventSourceARN: string;
}

const ATTEMPTS = 3;
/** A stream's label is when it was made; locally, when the emulator started. */
const STREAMS_MADE = new Date();

/** The stream ARN of a table, as `Fn::GetAtt Table.StreamArn` gives it. */
export function streamArn(tableArn: string): string {
  return `${tableArn}/stream/${STREAMS_MADE.toISOString().replace(/Z$/, '')}`;
}

/** Builds the records of one table's changes. */
export function streamRecorder(table: TableDefinition, tableArn: string, region: string) {
  const arn = streamArn(tableArn);
  const viewType = table.StreamViewType ?? 'NEW_AND_OLD_IMAGES';
  let sequence = 100_000_000_000_000_000_000n;
  return (change: TableChange): StreamRecord => {
    const image = change.newItem ?? change.oldItem ?? {};
    const keys = Object.fromEntries(change.keySchema.map(({ AttributeName }) => [AttributeName, image[AttributeName]]));
    sequence += 1n;
    const dynamodb: Record<string, unknown> = {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: keys,
      ...(change.newItem && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? { NewImage: change.newItem } : {}),
      ...(change.oldItem && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') ? { OldImage: change.oldItem } : {}),
      SequenceNumber: sequence.toString(),
      SizeBytes: JSON.stringify(keys).length + JSON.stringify(change.newItem ?? {}).length + JSON.stringify(change.oldItem ?? {}).length,
      StreamViewType: viewType,
    };
    return {
      eventID: randomBytes(16).toString('hex'),
      eventName: !change.oldItem ? 'INSERT' : !change.newItem ? 'REMOVE' : 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: region,
      dynamodb,
      eventSourceARN: arn,
    };
  };
}

/**
 * Delivers records to one function: queued, sent in batches of at most `trigger.batchSize`, the next
 * batch only once the previous invocation has ended.
 */
export function streamDelivery(trigger: StreamTrigger, functionName: string, invoke: (event: { Records: StreamRecord[] }) => Promise<unknown>, log: (line: string) => void) {
  const queue: StreamRecord[] = [];
  let running = false;
  async function drain(): Promise<void> {
    running = true;
    // The writes of this moment first, so that one batch holds them.
    await new Promise((resolve) => setImmediate(resolve));
    while (queue.length > 0) {
      const batch = queue.splice(0, trigger.batchSize);
      for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
        try {
          const startedAt = Date.now();
          await invoke({ Records: batch });
          log(`stream ${trigger.tableName} → ${functionName}: ${batch.length} record${batch.length === 1 ? '' : 's'} handled in ${Date.now() - startedAt} ms`);
          break;
        } catch (error) {
          const last = attempt === ATTEMPTS;
          log(`stream ${trigger.tableName} → ${functionName}: ${batch.length} records failed (${error instanceof Error ? error.message : String(error)})${last ? `; dropped after ${ATTEMPTS} attempts (AWS would retry until they expire, 24 h, unless MaximumRetryAttempts is set)` : '; trying again'}`);
        }
      }
    }
    running = false;
  }
  return {
    add(record: StreamRecord): void {
      queue.push(record);
      if (!running) void drain();
    },
  };
}
