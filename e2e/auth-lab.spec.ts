import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';
import { authLabText } from '../site/widgets/auth-lab-text.ts';

// Against `npm start`: the emulator runs the authentication lesson's API (sample-backend/serverless.auth.yml)
// with its real authorizer; the lab connects to it four ways.

const LESSONS = [
  { lang: 'ja', path: '/authentication/' },
  { lang: 'en', path: '/en/authentication/' },
] as const;

function parts(page: Page, lang: 'ja' | 'en') {
  const text = authLabText[lang];
  const widget = page.locator('apigw-auth-lab');
  return {
    text,
    widget,
    endpoint: widget.getByRole('textbox', { name: text.endpoint }),
    problem: widget.getByRole('alert'),
    attempt: (kind: keyof typeof text.attempt) => widget.getByRole('button', { name: text.attempt[kind], exact: true }),
    record: (kind: string) => widget.getByRole('list', { name: text.attemptsLabel }).locator(`li[data-kind="${kind}"]`).first(),
    clear: widget.getByRole('button', { name: text.clear }),
  };
}

const row = (record: ReturnType<ReturnType<typeof parts>['record']>, name: string) => record.locator(`dd[data-row="${name}"]`);

// Cold Lambda workers for the authorizer and the handlers: a first attempt can take seconds.
test.describe.configure({ timeout: 60_000 });

let pageErrors: Error[] = [];
test.beforeEach(({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
});
test.afterEach(() => {
  expect(pageErrors.map((error) => error.message)).toEqual([]);
});

for (const { lang, path } of LESSONS) {
  test.describe(`auth lab (${lang})`, () => {
    const myTurn = takingTurns(lang);

    test('no token and a wrong one: 401; a banned user: 403; Alice: in, and $default names her', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      const { text } = p;

      await p.attempt('none').click();
      const none = p.record('none');
      await expect(row(none, 'server')).toContainText('HTTP 401', { timeout: 20_000 });
      await expect(none).toHaveAttribute('data-outcome', 'refused');
      await expect(row(none, 'browser')).toHaveText(text.failed(1006, false));
      await expect(row(none, 'authorizer')).toHaveText(text.authorizerNotRun);
      await expect(row(none, 'wscat')).toHaveText(text.wscatPrints('error: Unexpected server response: 401'));

      await p.attempt('wrong').click();
      const wrong = p.record('wrong');
      await expect(row(wrong, 'server')).toContainText('HTTP 401', { timeout: 20_000 });
      await expect(row(wrong, 'url')).toHaveText(/\?token=not-a-real-token$/);
      await expect(row(wrong, 'authorizer')).toHaveText(text.authorizerThrew('Unauthorized'));

      await p.attempt('banned').click();
      const banned = p.record('banned');
      await expect(row(banned, 'server')).toContainText('HTTP 403', { timeout: 20_000 });
      await expect(row(banned, 'authorizer')).toHaveText(text.authorizerPolicy('Deny', 'mallory'));
      await expect(row(banned, 'browser')).toHaveText(text.failed(1006, false));

      await p.attempt('alice').click();
      const alice = p.record('alice');
      await expect(alice).toHaveAttribute('data-outcome', 'connected', { timeout: 20_000 });
      await expect(row(alice, 'server')).toContainText('HTTP 101');
      await expect(row(alice, 'authorizer')).toHaveText(text.authorizerPolicy('Allow', 'alice'));
      await expect(row(alice, 'reply')).toContainText('"principalId": "alice"', { timeout: 20_000 });
      await expect(row(alice, 'reply')).toContainText('"name": "Alice"');
      await expect(row(alice, 'wscat')).toHaveText(text.wscatPrints('Connected (press CTRL+C to quit)'));
      await expect(row(alice, 'browser')).toContainText(text.closedAfterReply);
    });

    if (myTurn()) test('the wscat commands follow the endpoint, a bad endpoint is refused, and Clear empties the record', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      const commands = p.widget.locator('[data-part="wscat"]');
      await p.endpoint.fill('ws://127.0.0.1:9/elsewhere');
      await expect(commands.nth(3)).toHaveText("npx wscat -c 'ws://127.0.0.1:9/elsewhere?token=tutorial-token-alice'");
      await expect(commands.nth(0)).toHaveText("npx wscat -c 'ws://127.0.0.1:9/elsewhere'");
      await p.endpoint.fill('http://not-websocket');
      await expect(p.problem).toHaveText(p.text.invalidEndpoint);
      await p.attempt('alice').click();
      await expect(p.widget.locator('li[data-kind]')).toHaveCount(0);

      await p.endpoint.fill('ws://127.0.0.1:9/local');
      await expect(p.widget.locator('[data-part="endpoint-problem"]')).toBeEmpty();
      await p.attempt('alice').click();
      // Nothing listens on port 9: the page says so, rather than a status it cannot know.
      await expect(row(p.record('alice'), 'server')).toHaveText(p.text.noBackend('ws://127.0.0.1:9/local'), { timeout: 20_000 });
      await p.clear.click();
      await expect(p.widget.locator('li[data-kind]')).toHaveCount(0);
    });

    if (myTurn()) test('commands follow a field changed before the script ran (typed early, or restored on Back)', async ({ page }) => {
      await page.goto(path);
      const p = parts(page, lang);
      // Take the lab out, change the field with no listener attached, and put it back: its set-up must read the field.
      await p.widget.evaluate((lab) => {
        const parent = lab.parentNode!;
        const next = lab.nextSibling;
        lab.remove();
        lab.querySelector<HTMLInputElement>('[data-part="endpoint"]')!.value = 'ws://127.0.0.1:9/restored';
        parent.insertBefore(lab, next);
      });
      await expect(p.widget.locator('[data-part="wscat"]').nth(0)).toHaveText("npx wscat -c 'ws://127.0.0.1:9/restored'");
    });
  });
}
