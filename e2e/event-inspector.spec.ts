import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { connectionPanelText } from '../site/widgets/connection-panel-text.ts';
import { richToString } from '../site/client/rich-text.ts';
import { eventInspectorText } from '../site/widgets/event-inspector-text.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The inspector watches connection A, which the lesson's first connection panel opens.

const LESSONS = [
  { lang: 'ja', path: '/three-events/' },
  { lang: 'en', path: '/en/three-events/' },
] as const;

const INJECTION = '<img src=x onerror="window.__injected=1">';

function parts(page: Page, lang: 'ja' | 'en') {
  const text = eventInspectorText[lang];
  const panelText = connectionPanelText[lang];
  const panel = page.locator('apigw-connection-panel').first();
  const inspector = page.locator('apigw-event-inspector');
  const timeline = inspector.getByRole('list', { name: text.timeline });
  return {
    text,
    inspector,
    status: inspector.getByRole('status'),
    timeline,
    /** The timeline's row whose words are exactly those of `rich`. */
    row: (rich: Parameters<typeof richToString>[0]) => timeline.getByRole('listitem').filter({ hasText: richToString(rich) }),
    connect: panel.getByRole('button', { name: panelText.connect, exact: true }),
    readyState: panel.getByRole('status', { name: 'readyState' }),
    disconnect: panel.getByRole('button', { name: panelText.disconnect, exact: true }),
    message: panel.getByRole('textbox', { name: panelText.message, exact: true }),
    send: panel.getByRole('button', { name: panelText.send, exact: true }),
  };
}

/** The status once the inspector has found the reader's connection (open or closed), with the connectionId in it. */
function matchedStatus(lang: 'ja' | 'en', which: 'matched' | 'matchedClosed' = 'matched'): RegExp {
  const [before, after] = eventInspectorText[lang].status[which]('\u0000').split('\u0000');
  const escape = (text = '') => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escape(before)}[\\w-]{15}=${escape(after)}$`);
}

async function send(p: ReturnType<typeof parts>, message: string): Promise<void> {
  await p.message.fill(message);
  await p.send.click();
}

let pageErrors: Error[] = [];
test.beforeEach(({ page }) => {
  // Each test waits on cold Lambda workers and the first load of the page.
  test.slow();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
});
test.afterEach(() => {
  expect(pageErrors).toEqual([]);
});

for (const { lang, path } of LESSONS) {
  test.describe(`the ${lang} lesson`, () => {
    const myTurn = takingTurns(lang);
    test('lines up the frames, the Lambda events, the results and the @connections calls', async ({ page }) => {
      const p = parts(page, lang);
      const { row } = p.text;
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.local);
      await expect(p.inspector.getByRole('region', { name: p.text.recordedTitle })).toBeHidden();

      await p.connect.click();
      await expect(p.status).toHaveText(matchedStatus(lang));
      const connectionId = /([\w-]{15}=)/.exec((await p.status.textContent()) ?? '')?.[1];
      expect(connectionId).toBeDefined();
      await expect(p.row(row.invoke('$connect', 'CONNECT'))).toHaveCount(1);
      await expect(p.row(row.connected(undefined))).toHaveCount(1);

      await send(p, 'hello');
      await expect(p.row(row.routeNotJson())).toHaveCount(1);
      await send(p, '{"action":"whoami"}');
      await expect(p.row(row.routeMatched('whoami', 'whoami'))).toHaveCount(1);
      await send(p, '{"action":"nope"}');
      await expect(p.row(row.routeNoMatch('nope'))).toHaveCount(1);

      // Each message: the MESSAGE event with its routeKey, the handler's result, and its @connections call.
      await expect(p.row(row.invoke('$default', 'MESSAGE'))).toHaveCount(2);
      await expect(p.row(row.invoke('whoami', 'MESSAGE'))).toHaveCount(1);
      await expect(p.row(row.management('POST', 200))).toHaveCount(3);
      await expect(p.timeline.locator('.row[data-kind="result"]').filter({ hasText: '{"statusCode":200}' })).toHaveCount(4);
      await expect(p.timeline.locator('.row[data-kind="message-out"]').filter({ hasText: '"type":"whoami"' })).toHaveCount(1);
      // The browser's own column: what it sent and what came back.
      await expect(p.row(row.sent('{"action":"whoami"}'))).toHaveCount(1);
      await expect(p.timeline.locator('.row[data-lane="client"][data-kind="received"]').filter({ hasText: '"type":"whoami"' })).toHaveCount(1);

      // The whoami event, opened: its routeKey, body and connectionId marked and explained.
      const whoamiEvent = p.row(row.invoke('whoami', 'MESSAGE'));
      await whoamiEvent.getByText(p.text.detail.event).click();
      const json = whoamiEvent.locator('pre');
      await expect(json.locator('mark[data-field="requestContext.routeKey"]')).toHaveText('"routeKey": "whoami"');
      await expect(json.locator('mark[data-field="body"]')).toHaveText('"body": "{\\"action\\":\\"whoami\\"}"');
      await expect(json.locator('mark[data-field="requestContext.connectionId"]')).toHaveText(`"connectionId": "${connectionId}"`);
      await expect(whoamiEvent.getByRole('definition').first()).toHaveText(p.text.fieldNotes.routeKey);

      await p.disconnect.click();
      await expect(p.status).toHaveText(matchedStatus(lang, 'matchedClosed'));
      await expect(p.row(row.invoke('$disconnect', 'DISCONNECT'))).toHaveCount(1);
      const disconnectEvent = p.row(row.invoke('$disconnect', 'DISCONNECT'));
      await disconnectEvent.getByText(p.text.detail.event).click();
      await expect(disconnectEvent.locator('mark[data-field="requestContext.disconnectStatusCode"]')).toHaveText('"disconnectStatusCode": 1000');
    });

    if (myTurn()) test('shows a message written as HTML as text', async ({ page }) => {
      const p = parts(page, lang);
      await page.goto(path);
      await p.connect.click();
      await expect(p.status).toHaveText(matchedStatus(lang));
      await send(p, INJECTION);
      await expect(p.row(p.text.row.sent(INJECTION))).toHaveCount(1);
      await expect(p.timeline.locator('.row[data-kind="invoke"]').filter({ hasText: '$default' })).toHaveCount(1);
      const event = p.timeline.locator('.row[data-kind="invoke"]').filter({ hasText: '$default' });
      await event.getByText(p.text.detail.event).click();
      await expect(event.locator('mark[data-field="body"]')).toContainText(INJECTION.replaceAll('"', '\\"'));
      await expect(p.inspector.locator('img')).toHaveCount(0);
      expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    });

    if (myTurn()) test('says when the feed drops and picks it up again when the emulator answers', async ({ page }) => {
      const p = parts(page, lang);
      // As if the emulator had stopped: its endpoints do not answer.
      const stopped = (route: { abort: () => Promise<void> }) => route.abort();
      await page.route('**/_emulator/inspector', stopped);
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.down);
      await page.unroute('**/_emulator/inspector', stopped);
      await expect(p.status).toHaveText(p.text.status.local);
      await p.connect.click();
      await expect(p.row(p.text.row.invoke('$connect', 'CONNECT'))).toHaveCount(1);
    });

    if (myTurn()) test("asks a deployed API's inspect route for the events when there is no emulator feed", async ({ page }) => {
      const p = parts(page, lang);
      // A deployed API has no /_emulator/: the sample backend behind the socket is the same.
      await page.route('**/_emulator/**', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.deployed);
      const fetchEvents = p.inspector.getByRole('button', { name: p.text.askForEvents });
      await expect(fetchEvents).toBeDisabled();
      await p.connect.click();
      await expect(p.readyState).toContainText('1 OPEN');
      await send(p, 'hello');
      await fetchEvents.click();
      await expect(p.status).toHaveText(/\d/);
      await expect(p.row(p.text.row.lambdaEvent('$connect', 'CONNECT'))).toHaveCount(1);
      await expect(p.row(p.text.row.lambdaEvent('$default', 'MESSAGE'))).toHaveCount(1);
      await expect(p.row(p.text.row.lambdaEvent('inspect', 'MESSAGE'))).toHaveCount(1);
    });

    if (myTurn()) test('hides and shows columns, remembers the choice, and resets', async ({ page }) => {
      const p = parts(page, lang);
      await page.goto(path);
      await p.connect.click();
      await expect(p.row(p.text.row.invoke('$connect', 'CONNECT'))).toBeVisible();
      const lambda = p.inspector.getByRole('checkbox', { name: p.text.lanes.lambda });
      await lambda.uncheck();
      await expect(p.row(p.text.row.invoke('$connect', 'CONNECT'))).toBeHidden();
      await page.reload();
      await expect(p.inspector.getByRole('checkbox', { name: p.text.lanes.lambda })).not.toBeChecked();
      await p.inspector.getByRole('button', { name: p.text.reset }).click();
      await expect(p.inspector.getByRole('checkbox', { name: p.text.lanes.lambda })).toBeChecked();
    });

    if (myTurn()) test('shows a recorded example, and says how to start a backend, when nothing answers', async ({ page }) => {
      const p = parts(page, lang);
      await page.route('**/_emulator/**', (route) => route.abort());
      await page.route(/^http:\/\/localhost:\d+\/local/, (route) => route.abort());
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.noBackend);
      await expect(p.inspector.getByText('npm start')).toBeVisible();
      const recorded = p.inspector.getByRole('region', { name: p.text.recordedTitle });
      await expect(recorded.getByRole('listitem').filter({ hasText: richToString(p.text.row.routeMatched('whoami', 'whoami')) })).toHaveCount(1);
    });
  });
}
