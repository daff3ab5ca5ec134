/**
 * Which Chromium the browser tests drive: `CHROME_PATH`, then Debian's `/usr/bin/chromium`,
 * then Playwright's own download. With none of them the tests fail (never skip) and say how to get one.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export interface FoundChromium {
  /** undefined means Playwright's own download. */
  executablePath: string | undefined;
  source: string;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
    return { executablePath: fromEnv, source: `CHROME_PATH (${fromEnv})` };
  }
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', source: 'Debian package (/usr/bin/chromium)' };
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return { executablePath: undefined, source: `Playwright's download (${bundled})` };
  throw new Error(
    'No Chromium found for the browser tests. Install one (Debian/Ubuntu: apt-get install -y chromium; ' +
      'elsewhere: npx playwright install chromium) or set CHROME_PATH to a Chrome or Chromium executable.',
  );
}

/** Flags for a headless Chromium on a closed network: no first-run, sync or update traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
