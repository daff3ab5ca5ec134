import { expect, test, type Locator } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { twoClientsParts } from './two-clients-parts.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend,
// whose local DynamoDB the widget reads through the emulator's /_emulator/tables.

const LESSONS = [
  { lang: 'ja', path: '/sample-backend/' },
  { lang: 'en', path: '/en/sample-backend/' },
] as const;

// Cold Lambda workers and a busy machine: a test's first connection can take several seconds.
test.describe.configure({ timeout: 60_000 });

const parts = twoClientsParts;

/** Connects a client and waits until whoami has told it its connectionId. */
async function connect(client: ReturnType<typeof parts>['A'], text: ReturnType<typeof parts>['text']): Promise<string> {
  await client.connect.click();
  await expect(client.state).toHaveText('1 OPEN', { timeout: 20_000 });
  const whoami = client.log.getByRole('listitem').filter({ hasText: text.whoami('') });
  await expect(whoami).toHaveCount(1, { timeout: 20_000 });
  const id = /([\w-]{15}=)/.exec((await whoami.textContent()) ?? '')?.[1];
  expect(id).toBeTruthy();
  return id as string;
}

async function logLine(log: Locator, text: string) {
  await expect(log.getByRole('listitem').filter({ hasText: text })).toHaveCount(1);
}

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
    test('a broadcast from A reaches B, and one from B reaches A', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      const idA = await connect(p.A, p.text);
      const idB = await connect(p.B, p.text);
      expect(idA).not.toBe(idB);

      await p.A.message.fill('first, from A');
      await p.A.broadcast.click();
      await logLine(p.B.log, p.text.broadcastFrom('A', 'first, from A'));
      await logLine(p.A.log, p.text.broadcastFrom(p.text.self, 'first, from A'));

      await p.B.message.fill('then, from B');
      await p.B.broadcast.click();
      await logLine(p.A.log, p.text.broadcastFrom('B', 'then, from B'));
      await logLine(p.B.log, p.text.broadcastFrom(p.text.self, 'then, from B'));
      await expect(p.B.log).toContainText('broadcast-result');
    });

    if (myTurn()) test('the connection table shows the rows of A and B, and loses B’s when B disconnects', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      const idA = await connect(p.A, p.text);
      const idB = await connect(p.B, p.text);
      await p.table.scrollIntoViewIfNeeded();

      await expect(p.rowOf('A')).toHaveCount(1);
      await expect(p.rowOf('B')).toHaveCount(1);
      await expect(p.rowOf('A')).toContainText(idA);
      await expect(p.rowOf('B')).toContainText(idB);
      await expect(p.summary).toContainText(lang === 'ja' ? 'A、B' : 'A, B');
      // connectedAt in milliseconds and the TTL, expiresAt, in seconds: what $connect stored.
      await expect(p.rowOf('A').getByRole('cell').nth(1)).toContainText(/^\d{13}/);
      await expect(p.rowOf('A').getByRole('cell').nth(2)).toContainText(/^\d{10}/);

      await p.B.disconnect.click();
      await expect(p.B.state).toHaveText('3 CLOSED');
      // $disconnect deletes the row a moment after the close; the widget reads the table again meanwhile.
      await expect(p.rowOf('B')).toHaveCount(0);
      await expect(p.rowOf('A')).toHaveCount(1);
      await expect(p.table).not.toContainText(idB);
    });

    if (myTurn()) test('a broadcast of markup shows as text in both logs', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await connect(p.A, p.text);
      await connect(p.B, p.text);
      const markup = '<img src=x onerror="window.injected=true"><b>bold?</b>';
      await p.A.message.fill(markup);
      await p.A.broadcast.click();
      await logLine(p.B.log, p.text.broadcastFrom('A', markup));
      await logLine(p.A.log, p.text.broadcastFrom(p.text.self, markup));
      await expect(p.widget.locator('img, b')).toHaveCount(0);
      expect(await page.evaluate(() => (window as { injected?: boolean }).injected)).toBeUndefined();
    });

    if (myTurn()) test('remembers the messages after a reload, until Reset', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      await p.A.message.fill('kept for A');
      await p.B.message.fill('kept for B');
      await page.reload();
      await expect(p.A.message).toHaveValue('kept for A');
      await expect(p.B.message).toHaveValue('kept for B');
      await p.widget.getByRole('button', { name: p.text.reset }).click();
      await expect(p.A.message).toHaveValue(p.text.defaultMessage('A'));
      await expect(p.B.message).toHaveValue(p.text.defaultMessage('B'));
    });
  });
}
