/** Short human durations for widgets: the gap between two frames, and a running clock. Pure. */

/** `'23 ms'`, `'1.23 s'`, `'2 min 3 s'`: the gap between two frames, precise where it is short. */
export function formatGap(ms: number): string {
  const rounded = Math.max(0, Math.round(ms));
  if (rounded < 1000) return `${rounded} ms`;
  // Below 59.995 s, so that two decimals never round up to "60.00 s".
  if (rounded < 59_995) return `${(rounded / 1000).toFixed(2)} s`;
  const seconds = Math.round(rounded / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `'0:42'`, `'12:05'`, `'1:02:03'`: how long something has been running, to the second. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${minutes}:${pad(seconds)}`;
}
