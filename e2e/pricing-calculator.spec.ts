import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';

// The pricing calculator on the pricing lesson, in both languages. Every expected figure is worked
// out by hand from the unit prices in reference §9 (us-east-1: $1.00 per million messages, $0.25 per
// million connection-minutes; Tokyo: $1.26 and $0.315), never by calling the pricing module.

const LANGUAGES = [
  {
    lang: 'ja',
    path: '/pricing/',
    region: 'リージョン',
    users: 'ユーザー数',
    sent: '1 人が 1 日に送るメッセージ数',
    received: '1 人が 1 日に受け取るメッセージ数',
    size: 'メッセージ 1 件の大きさ（KB）',
    connected: '1 人が 1 日に接続している時間',
    unit: '時間の単位',
    days: '1 か月の日数',
    freeTier: '2025-07-15 より前に作った AWS アカウント（旧無料利用枠を差し引く）',
    rate: 'あなたのレート（1 USD あたり）',
    currency: '通貨コード',
    reset: 'AWS の計算例に戻す',
    plot: 'ユーザー数と 1 か月の料金',
    plotTable: 'グラフの点を表で見る',
    plotCaption: 'ユーザー数ごとの 1 か月の料金',
    firstTierRow: 'メッセージ（10 億件まで）',
    yourRow: '（あなたの入力）',
    billsAsTwo: '33 KB のメッセージは 1 件あたり 2 件と数えます',
    unconfirmed: '（未確認の単価を含む）',
    converted: 'あなたのレート（1 USD = 150 JPY）で約 ￥3,510',
    invalid: '再計算していません。',
    negative: '0 以上にしてください。',
    empty: '数を入力してください。',
    tooLarge: 'WebSocket のメッセージは 128 KB までです',
  },
  {
    lang: 'en',
    path: '/en/pricing/',
    region: 'Region',
    users: 'Users',
    sent: 'Messages each user sends a day',
    received: 'Messages each user receives a day',
    size: 'Size of each message (KB)',
    connected: 'Time each user is connected a day',
    unit: 'Unit of time',
    days: 'Days in the month',
    freeTier: 'My AWS account was created before 2025-07-15 (take off the old free tier)',
    rate: 'Your rate (per 1 USD)',
    currency: 'Currency code',
    reset: 'Reset to AWS’s example',
    plot: 'Monthly cost against number of users',
    plotTable: 'The plotted points as a table',
    plotCaption: 'Cost per month by number of users',
    firstTierRow: 'Messages, first billion',
    yourRow: ' (your input)',
    billsAsTwo: 'a 33 KB message bills as 2',
    unconfirmed: '(includes an unconfirmed price)',
    converted: 'About ¥3,510 at your rate of 1 USD = 150 JPY',
    invalid: 'Not recalculated.',
    negative: 'Enter 0 or more.',
    empty: 'Enter a number.',
    tooLarge: 'A WebSocket message is at most 128 KB',
  },
] as const;

type Words = (typeof LANGUAGES)[number];

function calculator(page: Page, words: Words) {
  const widget = page.locator('apigw-pricing-calculator');
  const textbox = (name: string) => widget.getByRole('textbox', { name, exact: true });
  return {
    widget,
    region: widget.getByRole('combobox', { name: words.region, exact: true }),
    users: textbox(words.users),
    sent: textbox(words.sent),
    received: textbox(words.received),
    size: textbox(words.size),
    connected: textbox(words.connected),
    unit: widget.getByRole('combobox', { name: words.unit, exact: true }),
    days: textbox(words.days),
    freeTier: widget.getByRole('checkbox', { name: words.freeTier }),
    rate: textbox(words.rate),
    currency: textbox(words.currency),
    reset: widget.getByRole('button', { name: words.reset }),
    result: widget.getByRole('status'),
    invalid: widget.getByRole('alert'),
    firstTierAmount: widget.getByRole('row', { name: words.firstTierRow }).getByRole('cell').last(),
    plot: widget.getByRole('img', { name: words.plot }),
    points: widget.locator('svg [data-point]'),
    showPlotTable: widget.getByText(words.plotTable),
    plotTable: widget.getByRole('table', { name: words.plotCaption }),
  };
}

/** Opens the lesson with the calculator upgraded (its fields enabled) and page errors collected. */
async function open(page: Page, words: Words) {
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(words.path);
  const parts = calculator(page, words);
  await expect(parts.users).toBeEnabled();
  return { parts, errors };
}

for (const words of LANGUAGES) {
  test.describe(`the ${words.lang} pricing calculator`, () => {
    const myTurn = takingTurns(words.lang);
    test('starts at AWS’s own example, $18.00 + $5.40 = $23.40 in us-east-1, and $29.48 in Tokyo', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await expect(parts.result).toContainText('$23.40');
      await expect(parts.result).toContainText('$18.00');
      await expect(parts.result).toContainText('$5.40');

      await parts.region.selectOption('ap-northeast-1');
      // 18 × $1.26 = $22.68 and 21.6 × $0.315 = $6.804: $29.484.
      await expect(parts.result).toContainText('$29.48');
      await expect(parts.result).toContainText('$22.68');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('prices 10,000 users × 1,000 connection-minutes a month in Tokyo, no messages, at $3.15', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await parts.region.selectOption('ap-northeast-1');
      await parts.users.fill('10,000');
      await parts.sent.fill('0');
      await parts.received.fill('0');
      // Switching the unit converts the 12 hours already there, so the figure does not jump.
      await parts.unit.selectOption('minutes');
      await expect(parts.connected).toHaveValue('720');
      // 100 minutes a day for 10 days: 1,000 minutes each, 10,000,000 in all; 10 × $0.315.
      await parts.connected.fill('100');
      await parts.days.fill('10');
      await expect(parts.result).toContainText('$3.15');
      await expect(parts.result).toContainText('$0.00');
      await expect(parts.widget).toContainText('10,000,000');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('bills a 33 KB message as two, doubling the messages charge from $18.00 to $36.00', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await expect(parts.firstTierAmount).toHaveText('$18.00');
      await parts.size.fill('33');
      await expect(parts.firstTierAmount).toHaveText('$36.00');
      await expect(parts.widget).toContainText(words.billsAsTwo);
      await expect(parts.widget).toContainText('36,000,000');
      // $36.00 + $5.40.
      await expect(parts.result).toContainText('$41.40');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('flags Tokyo above a billion messages as resting on an unconfirmed price', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await parts.region.selectOption('ap-northeast-1');
      await parts.users.fill('40000');
      await parts.sent.fill('400');
      await parts.received.fill('1600');
      await parts.connected.fill('8');
      // 2,400 million messages: 1,000 × $1.26 + 1,400 × $1.26 (unconfirmed) + 576 million minutes × $0.315.
      await expect(parts.result).toContainText('$3,205.44');
      await expect(parts.result).toContainText(words.unconfirmed);
      await expect(parts.result).toContainText('⚠');
      await parts.region.selectOption('us-east-1');
      // 1,000 × $1.00 + 1,400 × $0.80 + 576 × $0.25: a known price, no flag.
      await expect(parts.result).toContainText('$2,264.00');
      await expect(parts.result).not.toContainText(words.unconfirmed);
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('takes the old free tier off when the account predates 2025-07-15', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await parts.freeTier.check();
      // 17 × $1.00 + 20.85 × $0.25 = $22.2125.
      await expect(parts.result).toContainText('$22.21');
      await expect(parts.widget).toContainText('17,000,000');
      await parts.freeTier.uncheck();
      await expect(parts.result).toContainText('$23.40');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('converts at the rate the reader sets, and only then', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await expect(parts.rate).toHaveValue('');
      await expect(parts.result).not.toContainText('JPY');
      await parts.rate.fill('150');
      // $23.40 × 150.
      await expect(parts.result).toContainText(words.converted);
      await parts.rate.fill('');
      await expect(parts.result).not.toContainText('JPY');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('plots the cost against users and lists the same points in a table', async ({ page }) => {
      const { parts, errors } = await open(page, words);
      await expect(parts.plot).toBeVisible();
      // 0 to 2,000 users in steps of 200: eleven points, $4.68 apart.
      await expect(parts.points).toHaveCount(11);
      await parts.showPlotTable.click();
      const rows = parts.plotTable.locator('tbody tr');
      await expect(rows).toHaveCount(11);
      await expect(rows.nth(0)).toContainText('$0.00');
      await expect(rows.nth(5)).toContainText(`1,000${words.yourRow}`);
      await expect(rows.nth(5)).toContainText('$23.40');
      await expect(rows.nth(10)).toContainText('2,000');
      await expect(rows.nth(10)).toContainText('$46.80');

      // Recomputed on input: 10,000 users plots 0 to 20,000; 20,000 users cost 20 × $23.40.
      await parts.users.fill('10000');
      await expect(rows.nth(10)).toContainText('20,000');
      await expect(rows.nth(10)).toContainText('$468.00');
      await expect(parts.points).toHaveCount(11);
      // A count between the steps is added as its own point.
      await parts.users.fill('1234');
      await expect(parts.points).toHaveCount(12);
      await expect(parts.plotTable).toContainText(`1,234${words.yourRow}`);
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('keeps the inputs across a reload, and reset brings back AWS’s example', async ({ page }) => {
      // Three page loads.
      test.slow();
      const { parts, errors } = await open(page, words);
      await parts.region.selectOption('ap-northeast-1');
      await parts.users.fill('2500');
      await parts.rate.fill('150');
      // 2.5 × $29.484.
      await expect(parts.result).toContainText('$73.71');

      await page.reload();
      await expect(parts.users).toBeEnabled();
      await expect(parts.region).toHaveValue('ap-northeast-1');
      await expect(parts.users).toHaveValue('2500');
      await expect(parts.rate).toHaveValue('150');
      await expect(parts.result).toContainText('$73.71');

      await parts.reset.click();
      await expect(parts.region).toHaveValue('us-east-1');
      await expect(parts.users).toHaveValue('1000');
      await expect(parts.rate).toHaveValue('');
      await expect(parts.result).toContainText('$23.40');
      await page.reload();
      await expect(parts.users).toBeEnabled();
      await expect(parts.users).toHaveValue('1000');
      await expect(parts.result).toContainText('$23.40');
      expect(errors).toEqual([]);
    });

    if (myTurn()) test('explains invalid input and keeps the last valid result', async ({ page }) => {
      // Two page loads.
      test.slow();
      const { parts, errors } = await open(page, words);
      await expect(parts.invalid).toBeHidden();

      await parts.users.fill('-5');
      await expect(parts.invalid).toBeVisible();
      await expect(parts.invalid).toContainText(words.invalid);
      await expect(parts.users).toHaveAttribute('aria-invalid', 'true');
      await expect(parts.users).toHaveAccessibleDescription(new RegExp(words.negative.replace('.', '\\.')));
      await expect(parts.result).toContainText('$23.40');

      await parts.days.fill('');
      await expect(parts.days).toHaveAccessibleDescription(new RegExp(words.empty.replace('.', '\\.')));
      await parts.size.fill('200');
      await expect(parts.invalid).toContainText(words.tooLarge);
      await expect(parts.invalid.getByRole('listitem')).toHaveCount(3);
      await expect(parts.result).toContainText('$23.40');

      // An invalid entry is not remembered: a reload brings back the last valid inputs.
      await page.reload();
      await expect(parts.users).toBeEnabled();
      await expect(parts.users).toHaveValue('1000');
      await expect(parts.invalid).toBeHidden();

      await parts.users.fill('2000');
      await expect(parts.result).toContainText('$46.80');
      await expect(parts.users).not.toHaveAttribute('aria-invalid');
      expect(errors).toEqual([]);
    });
  });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const words of LANGUAGES) {
    test(`the ${words.lang} lesson still shows AWS’s example computed: $23.40`, async ({ page }) => {
      await page.goto(words.path);
      const parts = calculator(page, words);
      await expect(parts.result).toContainText('$23.40');
      await expect(parts.firstTierAmount).toHaveText('$18.00');
      await parts.showPlotTable.click();
      await expect(parts.plotTable.locator('tbody tr')).toHaveCount(11);
      // The fields would change nothing without the script, so they are off.
      await expect(parts.users).toBeDisabled();
    });
  }
});
