import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './e2e/find-chromium.ts';
import { freePort } from './e2e/free-port.ts';

// Playwright loads this file in its runner and again in every worker: pick the ports once and
// hand them down through the environment so that all of them agree.
process.env.E2E_SITE_PORT ??= String(await freePort());
process.env.E2E_WS_PORT ??= String(await freePort());
process.env.E2E_STATIC_PORT ??= String(await freePort());
process.env.E2E_AUTH_PORT ??= String(await freePort());
const sitePort = Number(process.env.E2E_SITE_PORT);
const wsPort = Number(process.env.E2E_WS_PORT);
const staticPort = Number(process.env.E2E_STATIC_PORT);
const authPort = Number(process.env.E2E_AUTH_PORT);

const browser = findChromium();
const BROADCASTING_SPECS = [/two-clients\.spec\.ts/, /server-push\.spec\.ts/];
if (!process.env.TEST_WORKER_INDEX) console.log(`Browser tests use Chromium from ${browser.source}`);

export default defineConfig({
  testDir: 'e2e',
  // Stops the run at once, saying what to install, where Chromium would draw Japanese as boxes.
  globalSetup: './e2e/japanese-font.ts',
  reporter: 'list',
  // Two workers for two cores. Each names itself in its User-Agent (e2e/fixtures.ts), so the event
  // inspector never takes one worker's connection for the other's reader.
  workers: 2,
  fullyParallel: true,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${sitePort}`,
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' }, testIgnore: BROADCASTING_SPECS },
    // A broadcast reaches every connection on the emulator, so the specs that broadcast run after
    // the others, where they cannot add messages to a test that counts them.
    // One at a time among themselves too: each counts the broadcasts it receives.
    { name: 'broadcasting', use: { browserName: 'chromium' }, testMatch: BROADCASTING_SPECS, dependencies: ['chromium'], workers: 1 },
  ],
  webServer: [
    {
      // Exactly what a reader runs: the emulator with the sample backend, and the site built for it and served.
      command: `node --experimental-strip-types scripts/start.ts --port ${wsPort} --auth-port ${authPort} --site-port ${sitePort}`,
      url: `http://127.0.0.1:${sitePort}/`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      // As if `npm run deploy:sample` had saved its endpoints: here they are the same emulators.
      env: { PUBLIC_DEPLOYED_WS_ENDPOINT: `ws://127.0.0.1:${wsPort}/local`, PUBLIC_DEPLOYED_AUTH_WS_ENDPOINT: `ws://127.0.0.1:${authPort}/local` },
    },
    {
      // The static build in dist/, as any static host would serve it (npm test builds it first).
      command: `npx astro preview --ignore-lock --host 127.0.0.1 --port ${staticPort}`,
      url: `http://127.0.0.1:${staticPort}/`,
      timeout: 60_000,
      reuseExistingServer: false,
    },
  ],
});
