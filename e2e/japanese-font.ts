/**
 * Playwright's global setup: the browser tests stop before the first test, with a message saying
 * what to install, when this machine's Chromium cannot draw Japanese.
 *
 * Why: without a Japanese font every kana and kanji is drawn as the same empty box. The Japanese
 * pages then lay out differently from what any reader's computer shows, and layout checks pass or
 * fail by what fonts a machine happens to have (a layout shift of 0.013 on a fresh Debian, none
 * with the IPA fonts). So the tests see the pages as readers do, or do not run at all.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.ts';

/** Characters with visibly different shapes; a missing font draws all of them as one box. */
const SAMPLES = ['あ', 'ア', '日', '語'];

export default async function checkJapaneseFont(): Promise<void> {
  const browser = await chromium.launch({ executablePath: findChromium().executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const drawings = await page.evaluate((samples) => {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 40;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.font = '32px sans-serif';
      context.textBaseline = 'top';
      return samples.map((character) => {
        context.clearRect(0, 0, 40, 40);
        context.fillText(character, 2, 2);
        const { data } = context.getImageData(0, 0, 40, 40);
        // Only the alpha channel matters: what was drawn where.
        let shape = '';
        for (let i = 3; i < data.length; i += 4) shape += data[i]! > 127 ? '1' : '0';
        return shape;
      });
    }, SAMPLES);
    const distinct = new Set(drawings).size;
    if (distinct < SAMPLES.length || drawings.every((shape) => !shape.includes('1'))) {
      throw new Error(
        `This machine's Chromium draws Japanese as boxes (${SAMPLES.join(' ')} came out as ${distinct} distinct shape(s)), so the ` +
          'Japanese pages would not look as they do for readers. Install a Japanese font ' +
          '(Debian/Ubuntu: apt-get install -y fonts-ipafont-gothic fonts-ipafont-mincho; .ci/run does this when they are missing).',
      );
    }
  } finally {
    await browser.close();
  }
}
