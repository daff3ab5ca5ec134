/** Small pieces the entry points in scripts/ share: log lines, clean shutdown, readable start-up errors. */

/** Prints one activity line with a wall-clock time, e.g. `12:00:01.123 $connect … accepted`. */
export function logLine(line: string): void {
  console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
}

/** Runs `stop` once on Ctrl+C or SIGTERM, then exits; a second Ctrl+C exits at once. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopping…');
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

export interface PortRole {
  port: number;
  /** e.g. "the emulator" */
  what: string;
  flag: string;
  variable: string;
}

/** Turns EADDRINUSE into a sentence that says which port and how to choose another. */
export function describeStartupError(error: unknown, role: PortRole): string {
  if (isAddressInUse(error)) return portBusyMessage(role);
  return error instanceof Error ? `Could not start ${role.what}: ${error.message}` : String(error);
}

export function portBusyMessage({ port, what, flag, variable }: PortRole): string {
  return `Port ${port} is already in use, so ${what} cannot start. Stop the program using it, or choose another port: npm start -- ${flag} ${port + 1} (or ${variable}=${port + 1} npm start).`;
}

export function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}
