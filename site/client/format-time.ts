const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Local wall-clock time with milliseconds, `HH:MM:SS.mmm`, for log entries a few ms apart. */
export function formatTime(date: Date): string {
  return `${pad(date.getHours(), 2)}:${pad(date.getMinutes(), 2)}:${pad(date.getSeconds(), 2)}.${pad(date.getMilliseconds(), 3)}`;
}
