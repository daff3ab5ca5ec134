import { expect, test, type Page } from '@playwright/test';
import { LANGUAGES, type Language } from './languages.ts';

// Against `npm start`: the site's dev server and the emulator running the real sample backend.

function panelParts(page: Page, text: Language) {
  const panel = page.locator('apigw-connection-panel');
  return {
    panel,
    state: panel.getByRole('status', { name: 'readyState' }),
    connect: panel.getByRole('button', { name: text.connect, exact: true }),
    disconnect: panel.getByRole('button', { name: text.disconnect, exact: true }),
    message: panel.getByRole('textbox', { name: text.message }),
    send: panel.getByRole('button', { name: text.send, exact: true }),
    log: panel.getByRole('list', { name: text.log }),
  };
}

for (const text of LANGUAGES) {
  test.describe(`the ${text.lang} lesson`, () => {
    test('connects, sees hello echoed by the $default Lambda, and disconnects', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await expect(parts.state).not.toContainText('OPEN');

      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');

      await parts.message.fill('hello');
      await parts.send.click();
      // The echo is the JSON the sample's $default handler posts through @connections.
      await expect(parts.log).toContainText('"echo":"hello"');
      await expect(parts.log).toContainText('"routeKey":"$default"');

      await parts.disconnect.click();
      await expect(parts.state).toContainText('3 CLOSED');
      await expect(parts.send).toBeDisabled();
    });

    test('offers the endpoint deploy:sample saved, and connects to it', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.panel.getByRole('button', { name: text.useDeployed }).click();
      await expect(parts.panel.getByRole('textbox', { name: text.endpoint })).toHaveValue(/^ws:\/\/127\.0\.0\.1:\d+\/local$/);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
    });

    test('sends with Ctrl+Enter and logs the sent message with a timestamp', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.message.fill('typed then Ctrl+Enter');
      await parts.message.press('Control+Enter');
      await expect(parts.log).toContainText('"echo":"typed then Ctrl+Enter"');
      await expect(parts.log.getByRole('listitem').filter({ hasText: 'typed then Ctrl+Enter' }).first()).toContainText(
        /\d\d:\d\d:\d\d\.\d{3}/,
      );
    });
  });
}
