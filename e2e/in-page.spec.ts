import { expect, test, type Page } from './fixtures.ts';
import { authLabText } from '../site/widgets/auth-lab-text.ts';
import { connectionPanelText } from '../site/widgets/connection-panel-text.ts';
import { endpointNoteText } from '../site/widgets/endpoint-note-text.ts';
import { eventInspectorText } from '../site/widgets/event-inspector-text.ts';
import { serverPushText } from '../site/widgets/server-push-text.ts';
import { twoClientsParts } from './two-clients-parts.ts';
import { richToString } from '../site/client/rich-text.ts';

// The static build in dist/, served with no emulator behind it: a published copy of the site. Every
// widget falls back to the in-page emulator, the sample backend running in a Web Worker of the tab,
// and each test checks that nothing but the site's own origin was asked for anything. At phone width.

const staticSite = `http://127.0.0.1:${process.env.E2E_STATIC_PORT}`;
const EDITIONS = [
  { lang: 'ja', prefix: '' },
  { lang: 'en', prefix: '/en' },
] as const;

test.use({ viewport: { width: 390, height: 844 } });

let pageErrors: Error[] = [];
let elsewhere: string[] = [];
let workerScripts: string[] = [];
/** The one origin the page may ask anything of: the static build's (null: anything goes, under `npm start`). */
let siteOrigin: string | null = staticSite;

test.beforeEach(({ page }) => {
  pageErrors = [];
  elsewhere = [];
  workerScripts = [];
  siteOrigin = staticSite;
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('request', (request) => {
    if (siteOrigin !== null && !request.url().startsWith(siteOrigin)) elsewhere.push(request.url());
    // The build names each worker with a hash of its content: `/_in-page/sample.1a2b3c4d.js` is recorded as `sample`.
    const worker = /\/_in-page\/(\w+)\.[0-9a-f]{8}\.js$/.exec(new URL(request.url()).pathname);
    if (worker) workerScripts.push(worker[1]!);
  });
  page.on('websocket', (socket) => {
    if (siteOrigin !== null) elsewhere.push(socket.url());
  });
});

test.afterEach(() => {
  expect(pageErrors).toEqual([]);
  // No socket and no request left the page's own origin: the reader's machine was not probed.
  expect(elsewhere).toEqual([]);
});

function panelParts(page: Page, lang: 'ja' | 'en') {
  const text = connectionPanelText[lang];
  const panel = page.locator('apigw-connection-panel').first();
  return {
    panel,
    endpoint: panel.getByRole('textbox', { name: text.endpoint }),
    connect: panel.getByRole('button', { name: text.connect, exact: true }),
    disconnect: panel.getByRole('button', { name: text.disconnect, exact: true }),
    message: panel.getByRole('textbox', { name: text.message, exact: true }),
    send: panel.getByRole('button', { name: text.send, exact: true }),
    state: panel.getByRole('status', { name: 'readyState' }),
    connectionId: panel.getByRole('status', { name: text.connectionId }),
    log: panel.getByRole('list', { name: text.log }),
  };
}

for (const { lang, prefix } of EDITIONS) {
  test.describe(`the built ${lang} edition, with no emulator running`, () => {
    test('says it uses the in-page emulator, loads it on Connect, and echoes and answers whoami', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/introduction/`, { waitUntil: 'networkidle' });
      const p = panelParts(page, lang);
      await expect(p.endpoint).toHaveValue('ws://sample.in-page/local');
      await expect(p.panel.locator('apigw-endpoint-note')).toContainText(endpointNoteText[lang].kinds['in-page']);
      // The emulator's bundle loads when a widget first needs it, not with the page.
      expect(workerScripts).toEqual([]);

      await p.connect.click();
      await expect(p.state).toContainText('1 OPEN');
      expect(workerScripts).toEqual(['sample']);
      await p.message.fill('hello');
      await p.send.click();
      await expect(p.log).toContainText('"echo":"hello"');
      await p.message.fill('{"action":"whoami"}');
      await p.send.click();
      await expect(p.log).toContainText('"type":"whoami"');
      await expect(p.connectionId).toHaveText(/^[\w-]{15}=$/);
      await p.disconnect.click();
      await expect(p.state).toContainText('3 CLOSED');
    });

    test('when the emulator cannot load, the panel says nothing answered and the page keeps working', async ({ page }) => {
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await page.route('**/_in-page/sample.*.js', (route) => route.fulfill({ status: 404, body: 'not here' }));
      await page.goto(`${staticSite}${prefix}/introduction/`);
      const p = panelParts(page, lang);
      await p.connect.click();
      await expect(p.panel.getByRole('alert')).toBeVisible();
      await expect(p.state).toContainText('3 CLOSED');
      expect(consoleErrors.some((text) => text.includes("in-page emulator's worker (sample) did not load"))).toBe(true);
      // Asked once: a failed worker is not fetched again on every check.
      expect(workerScripts).toEqual(['sample']);
    });

    test('closes with 1009 a message over the 32 KB frame limit', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/limits/`);
      const p = panelParts(page, lang);
      await p.connect.click();
      await expect(p.state).toContainText('1 OPEN');
      await p.panel.getByRole('button', { name: /^31 KB/ }).click();
      await p.send.click();
      await expect(p.log.getByRole('listitem').filter({ hasText: '"type":"echo"' })).toContainText(/31\.\d KB/);
      await p.panel.getByRole('button', { name: /^33 KB/ }).click();
      await p.send.click();
      await expect(p.state).toContainText('3 CLOSED');
      await expect(p.panel).toContainText('1009');
    });

    test('two clients in the page broadcast to each other through the sample backend', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/sample-backend/`);
      const { text, A: a, B: b, table } = twoClientsParts(page, lang);
      for (const one of [a, b]) {
        await one.connect.click();
        await expect(one.state).toHaveText('1 OPEN');
        await expect(one.log.getByRole('listitem').filter({ hasText: text.whoami('') })).toHaveCount(1);
      }
      await a.message.fill('from A, in the page');
      await a.broadcast.click();
      await expect(b.log.getByRole('listitem').filter({ hasText: text.broadcastFrom('A', 'from A, in the page') })).toHaveCount(1);
      // The connection table is read from the in-page DynamoDB.
      await expect(table.getByRole('rowheader', { name: 'A', exact: true })).toHaveCount(1);
      await expect(table.getByRole('rowheader', { name: 'B', exact: true })).toHaveCount(1);
    });

    test('pushes from the server, and @connections answers 410 after the disconnect', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/sending-from-the-server/`);
      const text = serverPushText[lang];
      const p = panelParts(page, lang);
      const widget = page.locator('apigw-server-push');
      const log = widget.getByRole('list', { name: text.arrived });
      const result = widget.getByRole('status', { name: text.postResult });
      const post = widget.getByRole('button', { name: text.post });
      await p.connect.click();
      await expect(widget.getByRole('region', { name: text.command })).toContainText(/--connection-id '[\w-]{15}='/);
      await widget.getByRole('button', { name: text.pushButton }).click();
      for (const n of [1, 2, 3]) await expect(log.getByRole('listitem').filter({ hasText: text.push(n, 3) })).toHaveCount(1);

      await widget.getByRole('textbox', { name: text.data }).fill('posted in the page');
      await post.click();
      await expect(result).toContainText('200');
      await p.disconnect.click();
      await expect(p.state).toContainText('3 CLOSED');
      await expect(async () => {
        await post.click();
        await expect(result).toContainText(text.postGoneTitle, { timeout: 1000 });
      }).toPass();
      await expect(log).toContainText('410 · GoneException');
    });

    test('a time-warped idle timeout closes the connection with 1001', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/timeouts/`);
      const lab = page.locator('apigw-timeout-lab');
      await lab.getByRole('radio', { name: /^×600\b/ }).check();
      await lab.getByRole('button', { name: lang === 'ja' ? '接続' : 'Connect', exact: true }).click();
      // At ×600 the 10-minute idle timeout is one second of real time.
      await expect(lab.getByRole('list', { name: lang === 'ja' ? '測った切断' : 'Measured disconnects' }).getByRole('listitem').first()).toContainText(
        '1001 "Going away"',
      );
    });

    test('the event inspector shows the Lambda events the messages caused', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/three-events/`);
      const text = eventInspectorText[lang];
      const p = panelParts(page, lang);
      const timeline = page.locator('apigw-event-inspector').getByRole('list', { name: text.timeline });
      const row = (rich: Parameters<typeof richToString>[0]) => timeline.getByRole('listitem').filter({ hasText: richToString(rich) });
      await p.connect.click();
      await expect(row(text.row.invoke('$connect', 'CONNECT'))).toHaveCount(1);
      await p.message.fill('{"action":"whoami"}');
      await p.send.click();
      await expect(row(text.row.routeMatched('whoami', 'whoami'))).toHaveCount(1);
      await expect(row(text.row.invoke('whoami', 'MESSAGE'))).toHaveCount(1);
      await expect(row(text.row.management('POST', 200))).toHaveCount(1);
    });

    test('the authentication lab: no token is refused with 401 before the authorizer, Alice gets in', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/authentication/`);
      const text = authLabText[lang];
      const widget = page.locator('apigw-auth-lab');
      const record = (kind: string) => widget.getByRole('list', { name: text.attemptsLabel }).locator(`li[data-kind="${kind}"]`).first();
      const row = (kind: string, name: string) => record(kind).locator(`dd[data-row="${name}"]`);
      await widget.getByRole('button', { name: text.attempt.none, exact: true }).click();
      await expect(row('none', 'server')).toContainText('HTTP 401');
      await expect(row('none', 'authorizer')).toHaveText(text.authorizerNotRun);
      await widget.getByRole('button', { name: text.attempt.alice, exact: true }).click();
      await expect(record('alice')).toHaveAttribute('data-outcome', 'connected');
      await expect(row('alice', 'reply')).toContainText('"principalId": "alice"');
      expect(workerScripts).toEqual(['auth']);
    });

    test('the notebook cells connect, send and read the echo', async ({ page }) => {
      await page.goto(`${staticSite}${prefix}/introduction/`);
      const notebook = page.locator('apigw-notebook');
      const [connectTitle, sendTitle] = lang === 'ja' ? ['1. 接続して readyState を見る', '2. 送ってから、返事を見る'] : ['1. Connect and watch readyState', '2. Send, then watch for the reply'];
      const cell = (title: string) => notebook.getByRole('group', { name: title });
      const run = lang === 'ja' ? '実行' : 'Run';
      const output = lang === 'ja' ? '出力' : 'Output';
      await cell(connectTitle).getByRole('button', { name: run, exact: true }).click();
      await expect(cell(connectTitle).getByRole('log', { name: output }).getByText('1', { exact: true }).first()).toBeVisible();
      await cell(sendTitle).getByRole('button', { name: run, exact: true }).click();
      await expect(cell(sendTitle).getByRole('log', { name: output })).toContainText('"echo":"hello"');
    });
  });
}

// Under `npm start` the widgets start on the local emulator; the reader can switch to the in-page
// one (built with the site) and back, and the note under the endpoint follows.
test('under npm start, the endpoint note switches to the in-page emulator and back', async ({ page }) => {
  // The local emulator, which the site was built for, is expected here.
  siteOrigin = null;
  await page.goto('/en/introduction/');
  const p = panelParts(page, 'en');
  const note = p.panel.locator('apigw-endpoint-note');
  const words = endpointNoteText.en;
  await expect(note).toContainText(words.kinds.local);
  await note.getByRole('button', { name: words.useInPage }).click();
  await expect(p.endpoint).toHaveValue('ws://sample.in-page/local');
  await expect(note).toContainText(words.kinds['in-page']);
  await p.connect.click();
  await expect(p.state).toContainText('1 OPEN');
  await p.message.fill('hello');
  await p.send.click();
  await expect(p.log).toContainText('"echo":"hello"');
  await p.disconnect.click();
  await expect(p.state).toContainText('3 CLOSED');
  await note.getByRole('button', { name: words.useLocal }).click();
  // The local emulator the site was built for, on the port npm start was given, not the default 3001.
  await expect(p.endpoint).toHaveValue(`ws://localhost:${process.env.E2E_WS_PORT}/local`);
  await expect(note).toContainText(words.kinds.local);
});
