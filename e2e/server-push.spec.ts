import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { connectionPanelText } from '../site/widgets/connection-panel-text.ts';
import { serverPushText } from '../site/widgets/server-push-text.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The widget watches connection A, which the lesson's connection panel (just above it) opens.

const LESSONS = [
  { lang: 'ja', path: '/sending-from-the-server/' },
  { lang: 'en', path: '/en/sending-from-the-server/' },
] as const;

const ID = /^[\w-]{15}=$/;

function parts(page: Page, lang: 'ja' | 'en') {
  const text = serverPushText[lang];
  const panelText = connectionPanelText[lang];
  const panel = page.locator('apigw-connection-panel').first();
  const widget = page.locator('apigw-server-push');
  return {
    text,
    widget,
    connect: panel.getByRole('button', { name: panelText.connect, exact: true }),
    disconnect: panel.getByRole('button', { name: panelText.disconnect, exact: true }),
    state: widget.getByRole('status', { name: text.connection }),
    push: widget.getByRole('button', { name: text.pushButton }),
    broadcastMessage: widget.getByRole('textbox', { name: text.broadcastMessage }),
    broadcast: widget.getByRole('button', { name: text.broadcast, exact: true }),
    log: widget.getByRole('list', { name: text.arrived }),
    data: widget.getByRole('textbox', { name: text.data }),
    command: widget.getByRole('region', { name: text.command }),
    copy: widget.getByRole('button', { name: text.copy }),
    post: widget.getByRole('button', { name: text.post }),
    result: widget.getByRole('status', { name: text.postResult }),
    reset: widget.getByRole('button', { name: text.reset }),
  };
}

/**
 * Connects A in the lesson's panel and returns the connectionId the widget learned with whoami.
 * The first connection of a run waits for cold Lambda workers ($connect, whoami), hence the longer wait.
 */
async function connect(p: ReturnType<typeof parts>): Promise<string> {
  await p.connect.click();
  await expect(p.state).toHaveText('1 OPEN', { timeout: 20_000 });
  await expect(p.command).toContainText(/--connection-id '[\w-]{15}='/, { timeout: 20_000 });
  const id = /--connection-id '([\w-]{15}=)'/.exec((await p.command.textContent()) ?? '')?.[1] ?? '';
  expect(id).toMatch(ID);
  return id;
}

// Cold Lambda workers and a busy machine: a test's first connection can take several seconds.
test.describe.configure({ timeout: 60_000 });

let pageErrors: Error[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

for (const { lang, path } of LESSONS) {
  test.describe(`the ${lang} lesson`, () => {
    const myTurn = takingTurns(lang);
    test('learns the connectionId, and three pushes arrive from one request', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await expect(p.push).toBeDisabled();
      const id = await connect(p);
      await expect(p.log).toContainText(p.text.whoami(id));

      await p.push.click();
      for (const n of [1, 2, 3]) {
        await expect(p.log.getByRole('listitem').filter({ hasText: p.text.push(n, 3) })).toHaveCount(1);
      }
      await expect(p.log.getByRole('listitem').filter({ hasText: '{"action":"push"}' })).toHaveCount(1);
    });

    if (myTurn()) test('fills the AWS CLI command with the endpoint, the connectionId and the data, and copies it', async ({ page, context, baseURL }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
      await page.goto(path);
      const p = parts(page, lang);
      await expect(p.command).toContainText(p.text.idPlaceholder);
      await expect(p.copy).toBeDisabled();
      const id = await connect(p);
      await p.data.fill(`it's from the test`);
      const command = [
        'AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\',
        'aws apigatewaymanagementapi post-to-connection \\',
        expect.stringMatching(/^ {2}--endpoint-url http:\/\/localhost:\d+\/local \\$/),
        '  --region us-east-1 \\',
        `  --connection-id '${id}' \\`,
        '  --cli-binary-format raw-in-base64-out \\',
        `  --data 'it'\\''s from the test'`,
      ];
      expect(((await p.command.textContent()) ?? '').split('\n')).toEqual(command);
      await p.copy.click();
      await expect(p.widget.getByRole('status').filter({ hasText: p.text.copied })).toHaveCount(1);
      expect((await page.evaluate(() => navigator.clipboard.readText())).split('\n')).toEqual(command);
    });

    if (myTurn()) test('POSTs to @connections from the page: 200 while connected, 410 GoneException after the disconnect', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await expect(p.post).toBeDisabled();
      const id = await connect(p);
      await p.data.fill('posted from the page');
      await p.post.click();
      await expect(p.result).toHaveText(p.text.postOk(id));
      await expect(p.log.getByRole('listitem').filter({ hasText: 'posted from the page' })).toHaveCount(1);

      await p.disconnect.click();
      await expect(p.state).toHaveText('3 CLOSED');
      await expect(p.widget).toContainText(p.text.idClosed);
      await expect(p.post).toBeEnabled();
      // The emulator forgets the connection when its side of the close completes, a moment after
      // the browser's; press again until it has (it answers 410 from then on).
      await expect(async () => {
        await p.post.click();
        await expect(p.result).toContainText(p.text.postGoneTitle, { timeout: 1000 });
      }).toPass();
      await expect(p.result).toContainText(p.text.postGone(id));
      await expect(p.log).toContainText('410 · GoneException');
    });

    if (myTurn()) test('a broadcast comes back, and markup in it shows as text', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await connect(p);
      const markup = '<img src=x onerror="window.injected=true">';
      await p.broadcastMessage.fill(markup);
      await p.broadcast.click();
      await expect(p.log.getByRole('listitem').filter({ hasText: p.text.broadcastFromYou(markup) })).toHaveCount(1);
      await expect(p.log).toContainText('broadcast-result');
      await expect(p.widget.locator('img')).toHaveCount(0);
      expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    });

    if (myTurn()) test('remembers the inputs after a reload, until Reset', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await p.data.fill('kept across reloads');
      await p.broadcastMessage.fill('also kept');
      await page.reload();
      await expect(p.data).toHaveValue('kept across reloads');
      await expect(p.broadcastMessage).toHaveValue('also kept');
      await expect(p.command).toContainText(`--data 'kept across reloads'`);
      await p.reset.click();
      await expect(p.data).toHaveValue(p.text.defaultData);
      await expect(p.broadcastMessage).toHaveValue(p.text.defaultBroadcast);
      await page.reload();
      await expect(p.data).toHaveValue(p.text.defaultData);
    });
  });
}
