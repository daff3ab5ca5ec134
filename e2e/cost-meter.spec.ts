import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { costMeterText } from '../site/widgets/cost-meter-text.ts';
import { formatSmallUsd, NO_USAGE, REGIONS, usageCost } from '../site/widgets/cost-meter-usage.ts';
import { LANGUAGES, type Language } from './languages.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The meter sits on the pricing lesson above the connection panel, and counts that panel's connection.

const KB = 1024;

function parts(page: Page, language: Language) {
  const text = costMeterText[language.lang];
  const meter = page.locator('apigw-cost-meter');
  const panel = page.locator('apigw-connection-panel');
  const usage = meter.getByRole('table', { name: text.usage });
  const cost = meter.getByRole('table', { name: text.cost });
  const row = (table: typeof usage, header: string) =>
    table.locator('tr', { has: page.getByRole('rowheader', { name: header, exact: true }) }).getByRole('cell');
  const cell = (header: string) => row(usage, header);
  return {
    text,
    meter,
    source: meter.getByRole('status'),
    sent: cell(text.sent),
    received: cell(text.received),
    units: cell(text.units),
    errorFrames: cell(text.errorFrames),
    minutes: cell(text.minutes),
    messagesCost: row(cost, text.messagesCost),
    totalCost: row(cost, text.total),
    connections: meter.getByRole('list', { name: text.connections }),
    reset: meter.getByRole('button', { name: text.reset }),
    whoami: meter.getByRole('button', { name: text.whoami }),
    panelState: panel.getByRole('status', { name: 'readyState' }),
    connect: panel.getByRole('button', { name: language.connect, exact: true }),
    disconnect: panel.getByRole('button', { name: language.disconnect, exact: true }),
    message: panel.getByRole('textbox', { name: language.message }),
    send: panel.getByRole('button', { name: language.send, exact: true }),
    log: panel.getByRole('list', { name: language.log }),
  };
}

/** What the pricing module says `units` billed messages cost, per region, as the meter shows it. */
function messagesCost(units: number): string[] {
  return REGIONS.map((region) => formatSmallUsd(usageCost({ ...NO_USAGE, unitsIn: units }, region).messagesUsd));
}

for (const language of LANGUAGES) {
  const pricingPath = language.lang === 'ja' ? '/pricing/' : '/en/pricing/';

  test.describe(`the ${language.lang} cost meter`, () => {
    const myTurn = takingTurns(language.lang);
    let pageErrors: Error[];
    test.beforeEach(async ({ page }) => {
      pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error));
    });
    test.afterEach(() => expect(pageErrors).toEqual([]));

    test('counts messages both ways in 32 KB units, reads the emulator once the connectionId is known, and prices them', async ({ page }) => {
      // Three round trips through Lambda, one of them 40 KB: generous on a busy machine.
      test.setTimeout(60_000);
      await page.goto(pricingPath);
      const p = parts(page, language);
      await expect(p.source).toHaveText(p.text.idle);

      await p.connect.click();
      await expect(p.panelState).toContainText('1 OPEN');
      await expect(p.connections).toContainText(p.text.byPage);

      // One message in, nothing back: the sample's ping route sends nothing.
      await p.message.fill('{"action":"ping"}');
      await p.send.click();
      await expect(p.sent).toHaveText('1');
      await expect(p.units).toHaveText('1');
      await expect(p.messagesCost).toHaveText(messagesCost(1));

      // hello comes back as an echo that names the connectionId: from then on the emulator's counts are used.
      await p.message.fill('hello');
      await p.send.click();
      await expect(p.received).toHaveText('1');
      await expect(p.connections).toContainText(/connectionId [\w-]{15}=/);
      await expect(p.source).toHaveText(p.text.sourceEmulator);

      // 20 KB of quotes is one unit in; its echo escapes every quote, 40 KB, two units out.
      const big = '"'.repeat(20 * KB);
      await p.message.fill(big);
      await p.send.click();
      await expect(p.received).toHaveText('2');
      await expect(p.sent).toHaveText('3');
      await expect(p.units).toHaveText('6');
      await expect(p.errorFrames).toHaveText('0');
      await expect(p.messagesCost).toHaveText(messagesCost(6));
      await expect(p.minutes).not.toHaveText('0.000');
      await expect(p.totalCost.first()).toHaveText(/^\$0\.0+\d+$/);

      await p.disconnect.click();
      await expect(p.connections).toContainText(p.text.closed);
      await expect(p.units).toHaveText('6');
    });

    if (myTurn()) test('asks for the connectionId with whoami, and reset counts again from zero', async ({ page }) => {
      await page.goto(pricingPath);
      const p = parts(page, language);
      await p.connect.click();
      await expect(p.panelState).toContainText('1 OPEN');

      await p.whoami.click();
      await expect(p.connections).toContainText(/connectionId [\w-]{15}=/);
      await expect(p.sent).toHaveText('1');
      await expect(p.received).toHaveText('1');
      await expect(p.whoami).toBeDisabled();

      await p.reset.click();
      await expect(p.source).toContainText(p.text.resetDone);
      await expect(p.sent).toHaveText('0');
      await expect(p.units).toHaveText('0');

      await p.message.fill('hello');
      await p.send.click();
      await expect(p.sent).toHaveText('1');
      await expect(p.received).toHaveText('1');
      await expect(p.units).toHaveText('2');
      await expect(p.messagesCost).toHaveText(messagesCost(2));
    });

    if (myTurn()) test('counts in the page when the endpoint is not the emulator, and shows message text only as text', async ({ page }) => {
      // As on a deployed API: nothing answers /_emulator/.
      await page.route('**/_emulator/**', (route) => route.abort());
      await page.goto(pricingPath);
      const p = parts(page, language);
      await p.connect.click();
      await expect(p.panelState).toContainText('1 OPEN');
      await expect(p.connections).toContainText(p.text.byPageDeployed);
      await expect(p.whoami).toBeDisabled();

      await p.message.fill('<img src=x onerror=alert(1)>');
      await p.send.click();
      await expect(p.received).toHaveText('1');
      await expect(p.sent).toHaveText('1');
      await expect(p.units).toHaveText('2');
      await expect(p.source).toHaveText(p.text.sourceClient);
      await expect(p.messagesCost).toHaveText(messagesCost(2));
      await expect(p.meter.locator('img')).toHaveCount(0);
    });
  });
}
