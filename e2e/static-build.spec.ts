import { expect, test } from './fixtures.ts';
import { freePort } from './free-port.ts';
import { LANGUAGES } from './languages.ts';
import { lessonPages } from './lesson-pages.ts';

// The static build in dist/, served the way any static host would serve it.
const staticSite = `http://127.0.0.1:${process.env.E2E_STATIC_PORT}`;
const emulatorUrl = `ws://127.0.0.1:${process.env.E2E_WS_PORT}/local`;

for (const text of LANGUAGES) {
  test.describe(`the built ${text.lang} lesson`, () => {
    test('says that no backend answered and how to start one', async ({ page }) => {
      const closedPort = await freePort();
      await page.goto(staticSite + text.lessonPath);
      const panel = page.locator('apigw-connection-panel');
      await panel.getByRole('textbox', { name: text.endpoint }).fill(`ws://127.0.0.1:${closedPort}/local`);
      await panel.getByRole('button', { name: text.connect, exact: true }).click();
      const alert = panel.getByRole('alert');
      await expect(alert).toBeVisible();
      await expect(alert).toContainText('npm start');
      await expect(panel.getByRole('status', { name: 'readyState' })).toContainText('3 CLOSED');
    });

    test('works against a running emulator', async ({ page }) => {
      await page.goto(staticSite + text.lessonPath);
      const panel = page.locator('apigw-connection-panel');
      await panel.getByRole('textbox', { name: text.endpoint }).fill(emulatorUrl);
      await panel.getByRole('button', { name: text.connect, exact: true }).click();
      await expect(panel.getByRole('status', { name: 'readyState' })).toContainText('1 OPEN');
      await panel.getByRole('textbox', { name: text.message }).fill('hello');
      await panel.getByRole('button', { name: text.send, exact: true }).click();
      await expect(panel.getByRole('list', { name: text.log })).toContainText('"echo":"hello"');
    });
  });
}

// A published copy: nothing behind the default endpoint, and a reader who has not touched a widget.
// Each request that failed would be an error in the reader's console (and a reach into their
// machine they did not ask for), so the widgets wait for the reader before looking for a backend.
test.describe('a built lesson with no backend, before the reader does anything', () => {
  for (const lesson of [...lessonPages('ja'), ...lessonPages('en')]) {
    test(`${lesson.path} asks nothing of any backend and logs no console error`, async ({ page }) => {
      const elsewhere: string[] = [];
      const consoleErrors: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(staticSite)) elsewhere.push(request.url());
      });
      page.on('websocket', (socket) => elsewhere.push(socket.url()));
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.goto(staticSite + lesson.path, { waitUntil: 'networkidle' });
      // Every widget's script has run: no custom element on the page is still undefined.
      await page.waitForFunction(() => document.querySelectorAll(':not(:defined)').length === 0);
      expect(elsewhere).toEqual([]);
      expect(consoleErrors).toEqual([]);
    });
  }
});
