/**
 * The environment a reader's shell would give a child process: this one's, without the variables
 * Vitest adds (MODE, BASE_URL, DEV…), which would change how the emulator and Astro behave.
 */
const VITEST_VARIABLES = /^(VITEST.*|TEST|NODE_ENV|MODE|BASE_URL|PROD|DEV|SSR)$/;

export function readerEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !VITEST_VARIABLES.test(name))), ...extra };
}
