import { startLocalStack, type LocalStack } from '../emulator/local-stack.ts';
import { expect, test } from './fixtures.ts';
import { freePort } from './free-port.ts';
import { LANGUAGES } from './languages.ts';

// The emulator stops while a reader is connected (Ctrl+C, or a crash) and starts again. The page
// must say what happened and work again without a reload. The built site, with an emulator of
// this test's own, so that stopping it disturbs no other test.
const staticSite = `http://127.0.0.1:${process.env.E2E_STATIC_PORT}`;
const text = LANGUAGES[1];

function startEmulator(port: number): Promise<LocalStack> {
  return startLocalStack({ config: 'sample-backend/serverless.yml', stage: 'local', port, hotReload: false });
}

test('a connection panel says the emulator went away, and connects again once it is back', async ({ page }) => {
  test.slow();
  const pageErrors: Error[] = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  const port = await freePort();
  let stack = await startEmulator(port);
  try {
    await page.goto(staticSite + text.lessonPath);
    const panel = page.locator('apigw-connection-panel');
    const readyState = panel.getByRole('status', { name: 'readyState' });
    await panel.getByRole('textbox', { name: text.endpoint }).fill(`ws://127.0.0.1:${port}/local`);
    await panel.getByRole('button', { name: text.connect, exact: true }).click();
    await expect(readyState).toContainText('1 OPEN');

    await stack.close();
    await expect(readyState).toContainText('3 CLOSED');
    await expect(panel.getByRole('button', { name: text.send, exact: true })).toBeDisabled();
    // The close is explained in words, with its code.
    await expect(panel.getByRole('region', { name: text.lastClose })).toContainText(/10\d\d/);

    stack = await startEmulator(port);
    await panel.getByRole('button', { name: text.connect, exact: true }).click();
    await expect(readyState).toContainText('1 OPEN');
    await panel.getByRole('textbox', { name: text.message }).fill('hello again');
    await panel.getByRole('button', { name: text.send, exact: true }).click();
    await expect(panel.getByRole('list', { name: text.log })).toContainText('"echo":"hello again"');
    expect(pageErrors).toEqual([]);
  } finally {
    await stack.close();
  }
});
