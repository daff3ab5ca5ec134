import { expect, test, type Locator, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { richToString, type Rich } from '../site/client/rich-text.ts';
import { explainRoute } from '../site/client/route-explanation.ts';
import { connectionPanelText } from '../site/widgets/connection-panel-text.ts';
import { routeExplainerText } from '../site/widgets/route-explainer-text.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The explainer watches connection A, which the lesson's first connection panel opens.

const LESSONS = [
  { lang: 'ja', path: '/three-events/' },
  { lang: 'en', path: '/en/three-events/' },
] as const;

const EXPRESSION = '$request.body.action';
const ROUTES = ['$connect', '$disconnect', '$default', 'whoami', 'broadcast', 'push', 'inspect', 'ping', 'time'];
const INJECTION = '<img src=x onerror="window.__injected=1">';

function parts(page: Page, lang: 'ja' | 'en') {
  const text = routeExplainerText[lang];
  const panelText = connectionPanelText[lang];
  const panel = page.locator('apigw-connection-panel').first();
  const explainer = page.locator('apigw-route-explainer');
  const sent = explainer.getByRole('list', { name: text.sentHeading });
  return {
    text,
    explainer,
    status: explainer.getByRole('status'),
    tryMessage: explainer.getByRole('textbox', { name: text.tryLabel }),
    prediction: explainer.getByRole('region', { name: text.predictionHeading }),
    sendHere: explainer.getByRole('button', { name: text.send }),
    reset: explainer.getByRole('button', { name: text.reset }),
    /** The explanation of one sent message, found by the message. */
    sentItem: (body: string) => sent.locator(':scope > li').filter({ has: page.locator('.sent-message code', { hasText: body }) }),
    connect: panel.getByRole('button', { name: panelText.connect, exact: true }),
    readyState: panel.getByRole('status', { name: 'readyState' }),
    message: panel.getByRole('textbox', { name: panelText.message, exact: true }),
    send: panel.getByRole('button', { name: panelText.send, exact: true }),
  };
}

/** The words the widget uses for `body`, from the same explanation the widget computes. */
function words(lang: 'ja' | 'en', body: string) {
  const said = routeExplainerText[lang].explain(explainRoute(EXPRESSION, body, ROUTES), EXPRESSION);
  return { json: richToString(said.json), value: richToString(said.value), route: richToString(said.route), verdict: richToString(said.verdict) };
}

async function expectRich(locator: Locator, rich: Rich): Promise<void> {
  await expect(locator).toContainText(richToString(rich));
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
    test('explains why hello, whoami and nope went where they went, beside the route the emulator chose', async ({ page }) => {
      const p = parts(page, lang);
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.local);
      await p.connect.click();
      await expect(p.readyState).toContainText('1 OPEN');
      await expect(p.sendHere).toBeEnabled();

      for (const body of ['hello', '{"action":"whoami"}', '{"action":"nope"}']) {
        await p.message.fill(body);
        await p.send.click();
      }

      const hello = p.sentItem('hello');
      await expect(hello).toContainText(words(lang, 'hello').json);
      await expect(hello).toContainText(words(lang, 'hello').verdict);
      await expectRich(hello, p.text.actual('$default', true));

      const whoami = p.sentItem('{"action":"whoami"}');
      await expect(whoami).toContainText(words(lang, '{"action":"whoami"}').value);
      await expect(whoami.locator('mark[data-field="action"]')).toHaveText('"action": "whoami"');
      await expect(whoami).toContainText(words(lang, '{"action":"whoami"}').verdict);
      await expectRich(whoami, p.text.actual('whoami', true));

      const nope = p.sentItem('{"action":"nope"}');
      await expect(nope).toContainText(words(lang, '{"action":"nope"}').route);
      await expect(nope.locator('mark[data-field="action"]')).toHaveText('"action": "nope"');
      await expect(nope).toContainText(words(lang, '{"action":"nope"}').verdict);
      await expectRich(nope, p.text.actual('$default', true));
    });

    if (myTurn()) test('predicts while the reader types, remembers the message, and resets', async ({ page }) => {
      const p = parts(page, lang);
      await page.goto(path);
      // The server rendered the first prediction: {"action":"Time"} differs from time only in case.
      await expect(p.prediction).toContainText(words(lang, '{"action":"Time"}').route);
      await p.tryMessage.fill('{"action":"time"}');
      await expect(p.prediction).toContainText(words(lang, '{"action":"time"}').verdict);
      await expect(p.prediction.locator('mark[data-field="action"]')).toHaveText('"action": "time"');
      await p.tryMessage.fill('{"message":"hi"}');
      await expect(p.prediction).toContainText(words(lang, '{"message":"hi"}').value);
      await p.explainer.getByRole('button', { name: 'hello', exact: true }).click();
      await expect(p.tryMessage).toHaveValue('hello');
      await expect(p.prediction).toContainText(words(lang, 'hello').json);

      await page.reload();
      await expect(p.tryMessage).toHaveValue('hello');
      await p.reset.click();
      await expect(p.tryMessage).toHaveValue('{"action":"Time"}');
    });

    if (myTurn()) test('sends from its own box, and shows a message written as HTML as text', async ({ page }) => {
      const p = parts(page, lang);
      await page.goto(path);
      await expect(p.sendHere).toBeDisabled();
      await p.connect.click();
      await p.tryMessage.fill(INJECTION);
      await expect(p.prediction).toContainText(words(lang, INJECTION).json);
      await p.sendHere.click();
      const item = p.sentItem(INJECTION);
      await expect(item).toContainText(words(lang, INJECTION).verdict);
      await expectRich(item, p.text.actual('$default', true));
      await expect(p.explainer.locator('img')).toHaveCount(0);
      expect(await page.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined();
    });

    if (myTurn()) test("predicts with the sample's routes when the endpoint is not the emulator", async ({ page }) => {
      const p = parts(page, lang);
      await page.route('**/_emulator/**', (route) => route.fulfill({ status: 404, body: 'Not Found' }));
      await page.goto(path);
      await expect(p.status).toHaveText(p.text.status.remote);
      await expect(p.explainer).toContainText(p.text.routesFromSample);
      await p.tryMessage.fill('{"action":"whoami"}');
      await expect(p.prediction).toContainText(words(lang, '{"action":"whoami"}').verdict);
    });
  });
}
