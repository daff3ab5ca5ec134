import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapCompactor } from '../../emulator/idle-heap-compaction.ts';

describe('heapCompactor', () => {
  it('gives the heap a burst grew into back once idle, and exposes no gc global', async () => {
    const compact = heapCompactor();
    let burst: number[][] | undefined = Array.from({ length: 400 }, () => Array.from({ length: 20_000 }, (_, i) => i));
    const grown = getHeapStatistics().total_heap_size;
    expect(burst.length).toBe(400);
    burst = undefined;
    // As the frozen environment calls it, once idle (environment-freeze.ts).
    await new Promise((resolve) => setTimeout(resolve, 20));
    compact();
    const after = getHeapStatistics().total_heap_size;
    expect(after).toBeLessThan(grown - 20 * 1024 * 1024);
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

});
