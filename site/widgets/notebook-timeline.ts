/**
 * The readyState timeline of a notebook cell, worked out from its output: a cell that logs
 * `ws.readyState` every second prints lines that are just `0`, `1`, `2` or `3`, and the timeline
 * shows when the value changed. Pure, so the drawing code only draws.
 */

export interface ReadyStateSample {
  /** Milliseconds since the cell was run. */
  at: number;
  state: number;
}

export interface TimelineSegment {
  state: number;
  from: number;
  to: number;
}

export interface Transition {
  at: number;
  /** null for the first value the cell logged. */
  from: number | null;
  to: number;
}

/** The readyState a log line holds, or null when the line is anything else. */
export function readyStateOf(text: string): number | null {
  const trimmed = text.trim();
  return /^[0-3]$/.test(trimmed) ? Number(trimmed) : null;
}

/** Runs of the same state (each lasting until the next state was first seen) and the changes between them. */
export function readyStateTimeline(samples: readonly ReadyStateSample[]): {
  segments: TimelineSegment[];
  transitions: Transition[];
} {
  const segments: TimelineSegment[] = [];
  const transitions: Transition[] = [];
  for (const { at, state } of samples) {
    const last = segments.at(-1);
    if (last && last.state === state) {
      last.to = at;
      continue;
    }
    if (last) last.to = at;
    segments.push({ state, from: at, to: at });
    transitions.push({ at, from: last?.state ?? null, to: state });
  }
  return { segments, transitions };
}

/** Time since the run as the timeline labels it: `+1.0 s`. */
export function formatOffset(ms: number): string {
  return `+${(Math.max(0, ms) / 1000).toFixed(1)} s`;
}
