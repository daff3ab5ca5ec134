/**
 * The `test` and `expect` every spec uses: Playwright's own, except that each worker's browser
 * tells the emulator which worker it is in its User-Agent.
 *
 * Why: the event inspector picks the reader's connection out of everyone's on the emulator by
 * path, Origin and User-Agent (site/client/connection-matcher.ts). Two workers' Chromiums share
 * all three, so one worker's connections would look like a second tab of the other's reader. Two
 * real readers' browsers differ; the suffix makes the test workers differ in the same way.
 */
import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { Locator, Page } from '@playwright/test';

export const test = base.extend<object, { browserUserAgent: string }>({
  // Asked once per worker, so that only the suffix differs from what this Chromium really sends.
  browserUserAgent: [
    async ({ browser }, use) => {
      const page = await browser.newPage();
      const userAgent = await page.evaluate(() => navigator.userAgent);
      await page.close();
      await use(userAgent);
    },
    { scope: 'worker' },
  ],
  userAgent: async ({ browserUserAgent }, use, testInfo) => {
    await use(`${browserUserAgent} e2e-worker/${testInfo.parallelIndex}`);
  },
});
