import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The lab warps time for its own connection only, so these tests take seconds, not minutes.

const LANGUAGES = [
  {
    lang: 'ja',
    lessonPath: '/timeouts/',
    connect: '接続',
    disconnect: '切断',
    reset: '実験室をリセット',
    state: '状態',
    open: '接続中',
    keepAlive: 'キープアライブを送る',
    interval: /キープアライブの間隔/,
    records: '測った切断',
    idle: 'アイドルタイムアウト',
    max: '2 時間の上限',
    client: '自分で切断',
    lasted: '接続していた時間',
    matches: '一致しています',
    seconds: '秒',
  },
  {
    lang: 'en',
    lessonPath: '/en/timeouts/',
    connect: 'Connect',
    disconnect: 'Disconnect',
    reset: 'Reset lab',
    state: 'State',
    open: 'open',
    keepAlive: 'Send keep-alives',
    interval: /Keep-alive interval/,
    records: 'Measured disconnects',
    idle: 'idle timeout',
    max: '2-hour limit',
    client: 'you closed it',
    lasted: 'Lasted',
    matches: 'This matches',
    seconds: 's',
  },
] as const;

type Text = (typeof LANGUAGES)[number];

function labParts(page: Page, text: Text) {
  const lab = page.locator('apigw-timeout-lab');
  return {
    lab,
    mode: lab.locator('[data-part="mode"]'),
    speed: (speed: number) => lab.getByRole('radio', { name: new RegExp(`^×${speed}\\b`) }),
    keepAlive: lab.getByRole('checkbox', { name: text.keepAlive }),
    interval: lab.getByRole('spinbutton', { name: text.interval }),
    connect: lab.getByRole('button', { name: text.connect, exact: true }),
    disconnect: lab.getByRole('button', { name: text.disconnect, exact: true }),
    reset: lab.getByRole('button', { name: text.reset }),
    state: lab.getByRole('status', { name: text.state }),
    records: lab.getByRole('list', { name: text.records }),
  };
}

interface SavedRecord {
  lastedMs: number;
  speed: number;
  code: number;
  cause: string;
  keepAlivesSent: number;
}

async function savedRecords(page: Page): Promise<SavedRecord[]> {
  return page.evaluate(() => JSON.parse(localStorage.getItem('apigw-tutorial:timeout-lab') ?? '{"records":[]}').records);
}

for (const text of LANGUAGES) {
  test.describe(`the ${text.lang} timeout lab`, () => {
    const myTurn = takingTurns(text.lang);
    let pageErrors: Error[];
    test.beforeEach(async ({ page }) => {
      pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.goto(text.lessonPath);
      // The emulator answers /_emulator/status, so time-warp is offered.
      await expect(labParts(page, text).mode).toHaveAttribute('data-mode', 'emulator');
    });
    test.afterEach(() => expect(pageErrors).toEqual([]));

    test('a time-warped idle timeout closes with 1001 "Going away" and is recorded with its measured duration', async ({ page }) => {
      const parts = labParts(page, text);
      await parts.speed(600).check();
      await parts.connect.click();
      await expect(parts.state).toHaveText(text.open);

      // At ×600 the 10-minute idle timeout is 1 second of real time.
      const record = parts.records.getByRole('listitem').first();
      await expect(record).toContainText('1001 "Going away"');
      await expect(record).toContainText(text.idle);
      await expect(record).toContainText(text.matches);
      await expect(record).toContainText(new RegExp(`\\d\\.\\d ${text.seconds}\\s?[(（]×600`));
      await expect(parts.state).toContainText('1001');

      const [saved] = await savedRecords(page);
      expect(saved).toMatchObject({ speed: 600, code: 1001, cause: 'idle', keepAlivesSent: 0 });
      // Measured from the page's `open`, which comes after the gateway started its idle timer by the
      // handshake's delivery: tens of ms on a loaded CI machine (941 ms was seen once).
      expect(saved?.lastedMs).toBeGreaterThanOrEqual(900);
      expect(saved?.lastedMs).toBeLessThan(10_000);
    });

    if (myTurn()) test('with keep-alive on at a warped interval, the connection outlives the idle timeout', async ({ page }) => {
      test.setTimeout(60_000);
      const parts = labParts(page, text);
      await parts.speed(60).check();
      await parts.keepAlive.check();
      // 120 s on the AWS clock is 2 s at ×60, well inside the 10-second idle timeout.
      await parts.interval.fill('120');
      await parts.interval.press('Tab');
      await parts.connect.click();
      await expect(parts.state).toHaveText(text.open);

      // Six keep-alives take 12 seconds, past the warped 10-second idle timeout: still open.
      const sent = parts.lab.locator('[data-part="keep-alives-sent"]');
      await expect.poll(async () => Number(await sent.textContent()), { timeout: 30_000 }).toBeGreaterThanOrEqual(6);
      await expect(parts.state).toHaveText(text.open);
      expect(await savedRecords(page)).toEqual([]);

      await parts.disconnect.click();
      await expect(parts.records.getByRole('listitem').first()).toContainText(text.client);
      const [saved] = await savedRecords(page);
      expect(saved).toMatchObject({ speed: 60, code: 1000, cause: 'client' });
      expect(saved?.lastedMs).toBeGreaterThan(10_000);
      expect(saved?.keepAlivesSent).toBeGreaterThanOrEqual(6);
    });

    if (myTurn()) test('settings and measurements survive a reload, and reset clears them', async ({ page }) => {
      const parts = labParts(page, text);
      // ×1, so that nothing but the reader closes the connection while the test runs.
      await parts.speed(1).check();
      await parts.keepAlive.check();
      await parts.interval.fill('420');
      await parts.interval.press('Tab');
      await parts.connect.click();
      await expect(parts.state).toHaveText(text.open);
      await parts.disconnect.click();
      await expect(parts.records.getByRole('listitem').first()).toContainText(text.client);

      await page.reload();
      await expect(parts.mode).toHaveAttribute('data-mode', 'emulator');
      await expect(parts.speed(1)).toBeChecked();
      await expect(parts.keepAlive).toBeChecked();
      await expect(parts.interval).toHaveValue('420');
      await expect(parts.records.getByRole('listitem')).toHaveCount(1);
      await expect(parts.records.getByRole('listitem').first()).toContainText(text.client);

      await parts.reset.click();
      await expect(parts.speed(60)).toBeChecked();
      await expect(parts.keepAlive).not.toBeChecked();
      await expect(parts.interval).toHaveValue('300');
      await expect(parts.records.getByRole('listitem')).toHaveCount(0);

      await page.reload();
      await expect(parts.mode).toHaveAttribute('data-mode', 'emulator');
      await expect(parts.speed(60)).toBeChecked();
      await expect(parts.records.getByRole('listitem')).toHaveCount(0);
    });

    if (myTurn()) test('uses a connection of its own, leaving the lesson’s connection panel alone', async ({ page }) => {
      const parts = labParts(page, text);
      await parts.speed(1).check();
      await parts.connect.click();
      await expect(parts.state).toHaveText(text.open);
      // The lab has its own connection: the panel on the same page never connected.
      await expect(page.locator('apigw-connection-panel').getByRole('status', { name: 'readyState' })).not.toContainText('OPEN');
      await parts.disconnect.click();
      await expect(parts.records.getByRole('listitem').first()).toContainText(text.client);
    });
  });
}
