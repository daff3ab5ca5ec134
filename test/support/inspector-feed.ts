/** Reads the emulator's inspector feed (`/_emulator/inspector`, Server-Sent Events) from outside its process. */
import type { StampedEntry } from '../../emulator/inspector.ts';

export interface FeedReader {
  /** Entries received so far, live ones only (the replayed backlog is skipped). */
  entries: StampedEntry[];
  stop(): void;
}

export async function readInspectorFeed(port: number): Promise<FeedReader> {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/_emulator/inspector`, { signal: controller.signal });
  if (!response.body) throw new Error('the inspector feed has no body');
  const entries: StampedEntry[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = response.body.getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          entries.push(JSON.parse(data.slice(6)) as StampedEntry);
        }
      }
    } catch {
      // Aborted by stop().
    }
  })();
  // The feed replays recent entries first. Nothing happens while we wait here, so all of it is backlog.
  await new Promise((resolve) => setTimeout(resolve, 300));
  entries.length = 0;
  return {
    entries,
    stop: () => controller.abort(),
  };
}
