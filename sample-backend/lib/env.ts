/** Reads a required environment variable, failing at cold start rather than on the first request. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}

/** Reads an optional whole number above zero, with `fallback` when it is not set; fails at cold start on anything else. */
export function positiveIntegerEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`Environment variable ${name} must be a whole number above 0, got "${text}"`);
  return value;
}
