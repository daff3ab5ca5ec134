/** What every benchmark returns, and how figures are written. */

export interface Figure {
  /** What was measured, e.g. "p50 round trip, two-way route". */
  name: string;
  value: string;
  /** The target, e.g. "≤ 5× bare ws"; absent for figures that are only reported. */
  target?: string;
  met?: boolean;
  /** Why the target is met or not, or where the time goes. */
  note?: string;
}

export interface BenchmarkResult {
  title: string;
  /** What was run, in a sentence or two: sizes, concurrency, which handlers. */
  method: string;
  figures: Figure[];
  /** Anything a reader needs to judge the figures (limits raised, what could not run and why). */
  notes: string[];
}

/** The sizes every benchmark reads; `--quick` shrinks them to try the benchmarks out. */
export interface BenchSizes {
  quick: boolean;
  /** One client, one message at a time: pure latency. */
  sequentialMs: number;
  /** Many clients, one message in flight each: throughput and latency under load. */
  loadMs: number;
  loadClients: number;
  /** Messages each client sends before anything is timed, so that no cold start is counted. */
  warmUpMessages: number;
  idleConnections: number;
  /** Handshakes in flight while opening connections. */
  connectConcurrency: number;
  fanOutConnections: number;
  fanOutRepeats: number;
}

export const FULL_SIZES: BenchSizes = {
  quick: false,
  sequentialMs: 4000,
  loadMs: 6000,
  loadClients: 32,
  warmUpMessages: 50,
  idleConnections: 10_000,
  connectConcurrency: 64,
  fanOutConnections: 1000,
  fanOutRepeats: 5,
};

export const QUICK_SIZES: BenchSizes = {
  quick: true,
  sequentialMs: 1000,
  loadMs: 1500,
  loadClients: 16,
  warmUpMessages: 20,
  idleConnections: 1000,
  connectConcurrency: 32,
  fanOutConnections: 200,
  fanOutRepeats: 2,
};

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function perSecond(value: number): string {
  return `${Math.round(value).toLocaleString('en')}/s`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function ratio(value: number): string {
  return `${value.toFixed(1)}×`;
}
