import { expect, test } from './fixtures.ts';
import { accessibilityViolations } from './accessibility.ts';
import { lessonPages } from './lesson-pages.ts';

// The built site, as a reader gets it from any static host.
const staticSite = `http://127.0.0.1:${process.env.E2E_STATIC_PORT}`;

const words = {
  ja: { sources: '出典', map: 'レッスン一覧を開く', next: '次のレッスン', previous: '前のレッスン', check: '答え合わせ', correct: '正解です。', theme: 'テーマ' },
  en: { sources: 'Sources', map: 'All lessons', next: 'Next lesson', previous: 'Previous lesson', check: 'Check my answer', correct: 'Correct.', theme: 'Theme' },
} as const;

test.use({ baseURL: staticSite });

for (const lang of ['ja', 'en'] as const) {
  const lessons = lessonPages(lang);

  test(`the ${lang} edition has all ten lessons, in the same order as the other edition`, () => {
    expect(lessons.map((lesson) => lesson.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(lessons.map((lesson) => lesson.slug)).toEqual(lessonPages(lang === 'ja' ? 'en' : 'ja').map((lesson) => lesson.slug));
  });

  for (const [index, lesson] of lessons.entries()) {
    test(`${lesson.path} renders, links work, axe finds no violations and it fits a phone`, async ({ page, request }) => {
      // axe checks the contrast of every highlighted token, in both themes: long lessons take a while.
      test.setTimeout(60_000);
      const response = await page.goto(lesson.path);
      expect(response?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

      // Sources: a heading followed by a list of links.
      const sources = page.locator('article h2').filter({ hasText: new RegExp(`^${words[lang].sources}$`) });
      await expect(sources).toHaveCount(1);
      expect(await sources.locator('xpath=following-sibling::ul[1]').locator('a[href^="http"]').count()).toBeGreaterThan(0);

      // A knowledge check, and previous/next in reading order.
      await expect(page.locator('apigw-knowledge-check').first()).toBeVisible();
      const lessonNav = page.locator('nav.lesson-nav');
      const next = lessons[index + 1];
      if (next) await expect(lessonNav.getByRole('link', { name: new RegExp(words[lang].next) })).toHaveAttribute('href', next.path);
      const previous = lessons[index - 1];
      if (previous) await expect(lessonNav.getByRole('link', { name: new RegExp(words[lang].previous) })).toHaveAttribute('href', previous.path);

      // Every link inside the site answers 200.
      const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
      for (const href of new Set(hrefs)) {
        expect((await request.get(href)).status(), `link to ${href}`).toBe(200);
      }

      // Every rule in the light theme; the dark theme changes only colours, so contrast is what it can break (of text, and of links told apart by colour).
      await page.emulateMedia({ colorScheme: 'light' });
      expect((await accessibilityViolations(page)).map((violation) => `light: ${violation}`)).toEqual([]);
      await page.emulateMedia({ colorScheme: 'dark' });
      expect((await accessibilityViolations(page, { rules: ['color-contrast', 'link-in-text-block'] })).map((violation) => `dark: ${violation}`)).toEqual([]);

      // On a phone: nothing wider than a 360 px screen, so no sideways scrolling.
      await page.setViewportSize({ width: 360, height: 740 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }

  test(`the ${lang} lesson map lists every lesson and marks the current one`, async ({ page }) => {
    const lesson = lessons[1]!;
    await page.goto(lesson.path);
    await page.getByText(words[lang].map).click();
    const map = page.locator('.lesson-map nav');
    await expect(map.getByRole('link')).toHaveCount(lessons.length);
    await expect(map.locator('[aria-current="page"]')).toHaveAttribute('href', lesson.path);
    await page.keyboard.press('Escape');
    await expect(map).toBeHidden();
  });
}

test('a correct answer marks the lesson done, in both languages, after a reload', async ({ page }) => {
  const lesson = lessonPages('en')[0]!;
  await page.goto(lesson.path);
  const check = page.locator('apigw-knowledge-check').first();
  const wrong = check.locator('input[type="radio"]:not([data-correct])').first();
  await wrong.check();
  await check.getByRole('button', { name: words.en.check }).click();
  await expect(check.getByRole('status')).not.toContainText(words.en.correct);
  await check.locator('input[data-correct="true"]').check();
  await check.getByRole('button', { name: words.en.check }).click();
  await expect(check.getByRole('status')).toContainText(words.en.correct);

  await page.goto(`/${lesson.slug}/`);
  await page.getByText(words.ja.map).click();
  await expect(page.locator(`.lesson-map li[data-lesson-slug="${lesson.slug}"]`)).toHaveAttribute('data-progress', 'done');
  await expect(page.locator(`.lesson-map li[data-lesson-slug="${lesson.slug}"]`)).toContainText('確認問題に正解');
});

test('the language switch opens the other edition at the same section', async ({ page }) => {
  const lesson = lessonPages('ja')[0]!;
  await page.goto(lesson.path);
  await page.locator('article h2').nth(2).evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  // The header is sticky, so the reader clicks the switch where it is; Playwright's click would scroll first.
  await page.getByRole('link', { name: 'English' }).dispatchEvent('click');
  await expect(page).toHaveURL(new RegExp(`/en/${lesson.slug}/#section-3$`));
  await expect(page.locator('article h2').nth(2)).toBeInViewport();
});

test('nothing on a lesson moves once its scripts have started, on a phone', async ({ page }) => {
  // The header's theme choice used to appear only when the module script ran, and on a narrow
  // screen it pushed the whole lesson down (Lighthouse's layout-shift audit).
  await page.setViewportSize({ width: 412, height: 823 });
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  for (const path of ['/sending-from-the-server/', '/en/introduction/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);
    expect(shifts, path).toEqual([]);
  }
});

test('a chosen dark theme is applied before any module script runs, so it never flashes', async ({ page }) => {
  await page.goto('/en/');
  await page.getByLabel(words.en.theme).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // With the bundled scripts blocked, only the inline head script can set the theme.
  await page.route('**/_astro/*.js', (route) => route.abort());
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
});

test('a code block copies its text with one button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/en/deploy/');
  const block = page.locator('.code-block').first();
  await block.getByRole('button', { name: 'Copy' }).click();
  await expect(block.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await block.locator('pre').innerText()).trimEnd());
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  for (const lesson of [...lessonPages('ja'), ...lessonPages('en')]) {
    test(`${lesson.path} is readable and its answers can be opened`, async ({ page }) => {
      await page.goto(lesson.path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const answers = page.locator('.check-answers').first();
      await answers.locator('summary').click();
      await expect(answers.locator('li[data-correct="true"]')).toBeVisible();
    });
  }
});
