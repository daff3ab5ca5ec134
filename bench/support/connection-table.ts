/** Counting the sample's connection rows in the emulator's local DynamoDB, from outside its process. */
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '../../emulator/local-dynamodb.ts';

export const SAMPLE_CONNECTIONS_TABLE = 'apigw-websocket-tutorial-local-connections';

export class ConnectionTable {
  #client: DynamoDBClient;

  constructor(endpoint: string, region: string) {
    this.#client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  }

  /** How many rows the table holds now. */
  async count(tableName = SAMPLE_CONNECTIONS_TABLE): Promise<number> {
    let count = 0;
    let startKey: Record<string, never> | undefined;
    do {
      const page = await this.#client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
      count += page.Count ?? 0;
      startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
    } while (startKey);
    return count;
  }

  /**
   * Polls until the table holds `expected` rows; resolves with how long that took. Rejects once the
   * count has not moved for `stalledMs`: a busy machine may take long, but it must make progress.
   */
  async waitForCount(expected: number, stalledMs: number): Promise<number> {
    const started = Date.now();
    let last = -1;
    let movedAt = started;
    while (Date.now() - movedAt < stalledMs) {
      const count = await this.count();
      if (count === expected) return Date.now() - started;
      if (count !== last) movedAt = Date.now();
      last = count;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the connection table held ${last} rows, not ${expected}, and had not changed for ${stalledMs / 1000} s`);
  }

  /**
   * How many rows of a connection's size the store takes per second with `inFlight` writes at a
   * time, from this process: the ceiling for anything that writes to it. The rows are deleted after.
   */
  async putsPerSecond(count: number, inFlight: number): Promise<number> {
    const ids = Array.from({ length: count }, (_, i) => `bench-put-${i}`);
    const started = performance.now();
    for (let i = 0; i < ids.length; i += inFlight) {
      await Promise.all(
        ids.slice(i, i + inFlight).map((id) =>
          this.#client.send(
            new PutItemCommand({
              TableName: SAMPLE_CONNECTIONS_TABLE,
              Item: { connectionId: { S: id }, connectedAt: { N: String(Date.now()) }, sourceIp: { S: '127.0.0.1' }, userAgent: { S: 'bench' }, expiresAt: { N: '0' } },
            }),
          ),
        ),
      );
    }
    const elapsedMs = performance.now() - started;
    for (let i = 0; i < ids.length; i += inFlight) {
      await Promise.all(ids.slice(i, i + inFlight).map((id) => this.#client.send(new DeleteItemCommand({ TableName: SAMPLE_CONNECTIONS_TABLE, Key: { connectionId: { S: id } } }))));
    }
    return (count / elapsedMs) * 1000;
  }

  destroy(): void {
    this.#client.destroy();
  }
}
