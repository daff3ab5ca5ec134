import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import WebSocket from 'ws';
import { LANGUAGES, type Language } from './languages.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.

const managementApi = `http://127.0.0.1:${process.env.E2E_WS_PORT}/local/@connections`;
// AWS-shaped connection ids: 16 characters of base64url ending in `=` (emulator/ids.ts).
const connectionIdPattern = /^[A-Za-z0-9_-]{15}=$/;

function panelParts(page: Page, text: Language) {
  const panel = page.locator('apigw-connection-panel');
  return {
    panel,
    state: panel.getByRole('status', { name: 'readyState' }),
    connectionId: panel.getByRole('status', { name: 'connectionId' }),
    endpoint: panel.getByRole('textbox', { name: text.endpoint }),
    query: panel.getByRole('textbox', { name: text.query }),
    subprotocol: panel.getByRole('textbox', { name: text.subprotocol }),
    autoReconnect: panel.getByRole('checkbox', { name: text.autoReconnect }),
    connect: panel.getByRole('button', { name: text.connect, exact: true }),
    disconnect: panel.getByRole('button', { name: text.disconnect, exact: true }),
    message: panel.getByRole('textbox', { name: text.message }),
    send: panel.getByRole('button', { name: text.send, exact: true }),
    log: panel.getByRole('list', { name: text.log }),
    lastClose: panel.getByRole('region', { name: text.lastClose }),
  };
}

// The first call to each Lambda starts its worker, which can take seconds on a busy machine: start
// them before the tests, whose waits are about the panel, not about cold starts.
test.beforeAll(async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${process.env.E2E_WS_PORT}/local`);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const routes = ['hello', '{"action":"whoami"}', '{"action":"time"}', '{"action":"inspect"}'];
  const replies = new Promise((resolve) => {
    let count = 0;
    socket.on('message', () => ++count === routes.length && resolve(undefined));
  });
  for (const message of routes) socket.send(message);
  await replies;
  socket.close(1000);
});

// Nothing the panel does may throw where the reader cannot see it.
let pageErrors: Error[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

for (const text of LANGUAGES) {
  test.describe(`the ${text.lang} lesson`, () => {
    const myTurn = takingTurns(text.lang);
    test('connects, sees hello echoed by the $default Lambda, and disconnects', async ({ page }) => {
      // Nothing goes wrong on the way, so the browser's console stays clean (Lighthouse counts
      // its errors): finding the emulator must not GET its WebSocket path, which answers 426.
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
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
      await expect(parts.lastClose).toContainText('1000');
      expect(consoleErrors).toEqual([]);
    });

    if (myTurn()) test('offers the endpoint deploy:sample saved, and connects to it', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.panel.getByRole('button', { name: text.useDeployed }).click();
      await expect(parts.endpoint).toHaveValue(/^ws:\/\/127\.0\.0\.1:\d+\/local$/);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
    });

    if (myTurn()) test('says what is wrong with an endpoint that is not a WebSocket URL', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.endpoint.fill('https://example.com/dev');
      await parts.connect.click();
      await expect(parts.endpoint).toHaveAttribute('aria-invalid', 'true');
      await expect(parts.endpoint).toHaveAccessibleDescription(/wss:\/\//);
      await expect(parts.state).not.toContainText('CONNECTING');
    });

    if (myTurn()) test('sends with Ctrl+Enter and logs the sent message with a timestamp', async ({ page }) => {
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

    if (myTurn()) test('connects with a query string and the accepted subprotocol, shows the handshake time and the matching wscat command', async ({
      page,
    }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.query.fill('room=lobby');
      await parts.subprotocol.fill('apigw-tutorial.v1');
      await expect(parts.panel.getByText(/^npx wscat -c /)).toHaveText(
        /^npx wscat -c 'ws:\/\/[^']+\/local\?room=lobby' -s apigw-tutorial\.v1$/,
      );

      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await expect(parts.panel.locator('dl')).toContainText(new RegExp(`${text.handshake}\\s*\\d+ ms`));
      await expect(parts.panel.locator('dl')).toContainText('apigw-tutorial.v1');

      // The sample's inspect route returns the Lambda events of this connection: $connect saw the query string.
      await parts.panel.getByRole('button', { name: '{"action":"inspect"}' }).click();
      await parts.send.click();
      await expect(parts.log).toContainText('"queryStringParameters":{"room":"lobby"}');
    });

    if (myTurn()) test('explains why the sample refused another subprotocol', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.subprotocol.fill('chat.v2');
      await parts.connect.click();
      await expect(parts.state).toContainText('3 CLOSED');
      await expect(parts.lastClose).toContainText(text.says.subprotocolRefused);
      await expect(parts.lastClose).toContainText('chat.v2');
      await expect(parts.log).toContainText(text.says.subprotocolRefused);
      await expect(parts.panel.getByRole('alert')).toBeHidden();
    });

    if (myTurn()) test('warns before a 40 KB message, and explains the 1009 close that follows', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.message.fill('a'.repeat(40 * 1024));
      await expect(parts.message).toHaveAccessibleDescription(new RegExp(`40[,.]960.*${text.says.tooBigToSend}.*${text.says.overFrameMeter}`));
      // The limit comes before the price: a message API Gateway refuses is not labelled with what it would bill.
      await expect(parts.message).not.toHaveAccessibleDescription(new RegExp(text.says.billed));
      await parts.message.fill('a'.repeat(1024));
      await expect(parts.message).toHaveAccessibleDescription(new RegExp(text.says.billed));
      await parts.message.fill('a'.repeat(40 * 1024));
      await parts.send.click();

      await expect(parts.state).toContainText('3 CLOSED');
      await expect(parts.lastClose).toContainText('1009');
      await expect(parts.lastClose).toContainText('Message too big');
      await expect(parts.lastClose).toContainText(text.says.tooBig);
      const sent = parts.log.getByRole('listitem').filter({ hasText: 'aaaa' });
      await expect(sent).toContainText(text.says.overFrame);
      await expect(sent).toContainText('40 KB');
    });

    if (myTurn()) test('shows a received message containing HTML as text', async ({ page }) => {
      page.on('dialog', (dialog) => {
        pageErrors.push(new Error(`a dialog opened: ${dialog.message()}`));
        void dialog.dismiss();
      });
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.message.fill('<img src=x onerror=alert(1)>');
      await parts.send.click();
      await expect(parts.log).toContainText('"echo":"<img src=x onerror=alert(1)>"');
      await expect(parts.panel.locator('img')).toHaveCount(0);
    });

    if (myTurn()) test('reconnects after the server closes the connection, and shows the new connectionId', async ({ page }) => {
      // Several round trips through the Lambdas: give a busy machine time.
      test.slow();
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.autoReconnect.check();
      await parts.connect.click();
      await expect(parts.connectionId).toHaveText(connectionIdPattern);
      const first = (await parts.connectionId.textContent()) ?? '';

      // The backend's DeleteConnection, as a Lambda would call it.
      const response = await fetch(`${managementApi}/${encodeURIComponent(first)}`, { method: 'DELETE' });
      expect(response.status).toBe(204);

      await expect(parts.connectionId).not.toHaveText(first);
      await expect(parts.connectionId).toHaveText(connectionIdPattern);
      await expect(parts.state).toContainText('1 OPEN');
      await expect(parts.lastClose).toContainText('1000');
      await expect(parts.lastClose).toContainText(text.says.serverClosedNormally);
      await expect(parts.panel.locator('dl')).toContainText(first);
    });

    if (myTurn()) test('filters the log, pretty-prints JSON, clears it, and jumps back to the latest entry', async ({ page }) => {
      // Several round trips through the Lambdas: give a busy machine time.
      test.slow();
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      for (const n of [1, 2, 3, 4]) {
        await parts.message.fill(`hello ${n}`);
        await parts.send.click();
        await expect(parts.log).toContainText(`"echo":"hello ${n}"`);
      }
      const entries = parts.log.getByRole('listitem');
      const sent = entries.filter({ hasText: /^(?!.*echo).*hello 1/ });
      const received = entries.filter({ hasText: '"echo":"hello 1"' });

      await parts.panel.getByRole('radio', { name: text.show.sent, exact: true }).check();
      await expect(received).toBeHidden();
      await expect(sent).toBeVisible();
      await parts.panel.getByRole('radio', { name: text.show.received, exact: true }).check();
      await expect(sent).toBeHidden();
      await expect(received).toBeVisible();
      await parts.panel.getByRole('radio', { name: text.show.events, exact: true }).check();
      await expect(received).toBeHidden();
      await expect(entries.filter({ visible: true }).first()).toContainText('•');
      await parts.panel.getByRole('radio', { name: text.show.all, exact: true }).check();
      await expect(received).toBeVisible();

      await parts.panel.getByRole('checkbox', { name: text.prettyJson }).check();
      await expect(entries.filter({ hasText: '"echo": "hello 1"' })).toBeVisible();

      // Scrolled up to read, the reader is not pulled down by new entries, and gets a way back.
      const jump = parts.panel.getByRole('button', { name: text.jumpToLatest });
      await parts.log.evaluate((log) => log.scrollTo({ top: 0 }));
      await parts.message.fill('hello 5');
      await parts.send.click();
      await expect(jump).toBeVisible();
      expect(await parts.log.evaluate((log) => log.scrollTop)).toBe(0);
      await jump.click();
      await expect(jump).toBeHidden();
      expect(await parts.log.evaluate((log) => log.scrollTop + log.clientHeight >= log.scrollHeight - 4)).toBe(true);

      // The echo of "hello 5" first: one arriving after Clear would be a new entry.
      await expect(entries.filter({ hasText: '"echo": "hello 5"' })).toBeVisible();
      await parts.panel.getByRole('button', { name: text.clear }).click();
      await expect(entries).toHaveCount(0);
    });

    if (myTurn()) test('fills the message box from a preset', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.panel.getByRole('button', { name: '{"action":"time"}' }).click();
      await expect(parts.message).toHaveValue('{"action":"time"}');
      await expect(parts.message).toBeFocused();
      await parts.message.press('Control+Enter');
      // The time route is two-way: its return value comes back as the route response.
      await expect(parts.log).toContainText('"via":"route response"');
    });

    if (myTurn()) test('keeps the edited message and options across a reload, until Reset', async ({ page }) => {
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.message.fill('my own message');
      await parts.query.fill('room=lobby');
      await parts.autoReconnect.check();
      await page.reload();
      await expect(parts.message).toHaveValue('my own message');
      await expect(parts.query).toHaveValue('room=lobby');
      await expect(parts.autoReconnect).toBeChecked();

      await parts.panel.getByRole('button', { name: text.reset }).click();
      await expect(parts.message).toHaveValue('hello');
      await expect(parts.query).toHaveValue('');
      await expect(parts.autoReconnect).not.toBeChecked();
      await page.reload();
      await expect(parts.message).toHaveValue('hello');
      await expect(parts.query).toHaveValue('');
    });

    if (myTurn()) test('lesson 8 echoes its 31 KB preset and is closed with 1009 by its 33 KB one', async ({ page }) => {
      test.slow();
      await page.goto(text.limitsPath);
      const parts = panelParts(page, text);
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.panel.getByRole('button', { name: /^31 KB/ }).click();
      await parts.send.click();
      // The echo wraps the 31 KB in JSON; received messages are measured against 128 KB.
      await expect(parts.log.getByRole('listitem').filter({ hasText: '"type":"echo"' })).toContainText(/31\.\d KB.*128 KB/);

      await parts.panel.getByRole('button', { name: /^33 KB/ }).click();
      await expect(parts.message).toHaveAccessibleDescription(new RegExp(text.says.overFrameMeter));
      await parts.send.click();
      await expect(parts.state).toContainText('3 CLOSED');
      await expect(parts.lastClose).toContainText('1009');
    });

    if (myTurn()) test('works when the browser blocks storage', async ({ page }) => {
      // As in some privacy modes: touching localStorage throws.
      await page.addInitScript(() => {
        Object.defineProperty(window, 'localStorage', {
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      });
      await page.goto(text.lessonPath);
      const parts = panelParts(page, text);
      await parts.message.fill('hello without storage');
      await parts.connect.click();
      await expect(parts.state).toContainText('1 OPEN');
      await parts.send.click();
      await expect(parts.log).toContainText('"echo":"hello without storage"');
      await parts.panel.getByRole('button', { name: text.reset }).click();
      await expect(parts.message).toHaveValue('hello');
    });
  });
}
