/** Small pieces the entry points in scripts/ share: emulator flags, log lines, clean shutdown, readable start-up errors. */
import { parseArgs, type ParseArgsConfig, type ParseArgsOptionsConfig } from 'node:util';
import { EMULATOR_DEFAULTS } from '../emulator/options.ts';

/** Exit status for a mistyped command line, as most command-line tools use it. */
export const USAGE_ERROR_EXIT = 2;

/**
 * node:util parseArgs for an entry point: an unknown flag, a missing value or a stray argument
 * ends with parseArgs' own message and the usage (exit 2) instead of a stack trace. `usage` is the
 * same text `--help` prints.
 */
export function parseCommandLine<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    console.error(`${error.message}

${usage}`);
    process.exit(USAGE_ERROR_EXIT);
  }
}

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS_');
}

/** The emulator's command-line flags, shared by `npm start` and `npm run emulator` (for node:util parseArgs). */
export const EMULATOR_CLI_OPTIONS = {
  port: { type: 'string', default: process.env.WS_PORT ?? String(EMULATOR_DEFAULTS.port) },
  // No default here: `npm start` uses the tutorial's `local`, `npm run emulator` the file's `provider.stage`.
  stage: { type: 'string' },
  'time-scale': { type: 'string', default: process.env.TIME_SCALE ?? String(EMULATOR_DEFAULTS.timeScale) },
  'ping-resets-idle-timer': { type: 'boolean', default: EMULATOR_DEFAULTS.pingResetsIdleTimer },
  'allow-origin': { type: 'string', multiple: true, default: [] as string[] },
  'keep-warm': { type: 'string', default: '300' },
} satisfies ParseArgsOptionsConfig;

/** The help text for those flags; `stageDefault` says what `--stage` is when not given. */
export const emulatorCliHelp = (stageDefault: string) => `  --stage <name>             stage name, the first path segment (default ${stageDefault})
  --port <number>            WebSocket API and @connections port (default ${EMULATOR_DEFAULTS.port}, or WS_PORT)
  --time-scale <n>           divide the 10-minute idle and 2-hour limits by n (default 1, or TIME_SCALE);
                             60 makes them 10 seconds and 2 minutes
  --ping-resets-idle-timer   let ping frames reset the idle timer (unconfirmed on AWS; default off)
  --allow-origin <origin>    a non-loopback site that may read the emulator's endpoints (repeatable)
  --keep-warm <seconds>      how long a function's last warm Lambda environment stays after its last
                             invocation before it is stopped (default 300; 0 never stops it)`;

export interface EmulatorCliValues {
  port: string;
  stage?: string | undefined;
  'time-scale': string;
  'ping-resets-idle-timer': boolean;
  'allow-origin': string[];
  'keep-warm': string;
}

/** Turns parsed flags into emulator settings, exiting with a clear message on a bad number. */
export function emulatorSettingsFrom(values: EmulatorCliValues) {
  return {
    port: positiveNumber(values.port, '--port', { allowZero: true }),
    stage: values.stage,
    timeScale: positiveNumber(values['time-scale'], '--time-scale'),
    pingResetsIdleTimer: values['ping-resets-idle-timer'],
    allowedOrigins: values['allow-origin'],
    // 0 means "keep it warm": an idle spell of 0 s would stop every environment as soon as it answered.
    lastEnvironmentIdleMs: keepWarmMs(positiveNumber(values['keep-warm'], '--keep-warm', { allowZero: true })),
  };
}

const keepWarmMs = (seconds: number) => (seconds === 0 ? Infinity : seconds * 1000);

function positiveNumber(text: string, flag: string, { allowZero = false } = {}): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (value === 0 && !allowZero)) {
    console.error(`${flag} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${text}"`);
    process.exit(1);
  }
  return value;
}

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
