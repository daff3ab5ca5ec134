import { expect, test, type Page } from './fixtures.ts';
import { takingTurns } from './editions.ts';

// Against `npm start`: the site it builds and serves, and the emulator running the real sample backend.
// The cells run in the page's notebook kernel, a Web Worker, and open real sockets to the emulator.

const LANGUAGES = [
  {
    lang: 'ja',
    lessonPath: '/introduction/',
    cells: {
      connect: '1. 接続して readyState を見る',
      send: '2. 送ってから、返事を見る',
      close: '4. 切断する',
    },
    code: 'コード',
    output: '出力',
    run: '実行',
    stop: '停止',
    reset: '元のコードに戻す',
    restart: 'カーネルを再起動',
    edited: '編集済み（このブラウザに保存されています）',
    stopped: '停止しました（タイマー 1 個を解除、ソケット 1 個を切断）。',
    timeline: 'readyState の移り変わり',
  },
  {
    lang: 'en',
    lessonPath: '/en/introduction/',
    cells: {
      connect: '1. Connect and watch readyState',
      send: '2. Send, then watch for the reply',
      close: '4. Close the connection',
    },
    code: 'Code',
    output: 'Output',
    run: 'Run',
    stop: 'Stop',
    reset: 'Reset code',
    restart: 'Restart kernel',
    edited: 'Edited (saved in this browser)',
    stopped: 'Stopped: cleared 1 timer, closed 1 socket.',
    timeline: 'readyState timeline',
  },
] as const;

type Words = (typeof LANGUAGES)[number];

const sendCode = "ws.send('hello');\nws.onmessage = (e) => console.log(e.data);";

function cellParts(page: Page, text: Words, title: string) {
  const cell = page.locator('apigw-notebook').getByRole('group', { name: title });
  return {
    cell,
    editor: cell.getByRole('textbox', { name: text.code }),
    run: cell.getByRole('button', { name: text.run, exact: true }),
    stop: cell.getByRole('button', { name: text.stop, exact: true }),
    reset: cell.getByRole('button', { name: text.reset, exact: true }),
    output: cell.getByRole('log', { name: text.output }),
    timeline: cell.getByRole('figure', { name: text.timeline }),
  };
}

for (const text of LANGUAGES) {
  test.describe(`the ${text.lang} notebook`, () => {
    const myTurn = takingTurns(text.lang);
    let pageErrors: Error[];

    test.beforeEach(async ({ page }) => {
      // The cells wait on real timers (1 s ticks, a 2.5 s probe), and the first test also meets a
      // cold page and a cold `$connect` Lambda: more than the default 30 s on a busy machine.
      test.setTimeout(90_000);
      pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.goto(text.lessonPath);
    });

    test.afterEach(() => {
      expect(pageErrors).toEqual([]);
    });

    test('connects in one cell and sees readyState 1, then sends in the next and sees the echo', async ({ page }) => {
      const connect = cellParts(page, text, text.cells.connect);
      const send = cellParts(page, text, text.cells.send);

      await connect.run.click();
      await expect(connect.output.getByText('1', { exact: true }).first()).toBeVisible();

      // `ws` from the first cell is still there: the echo is what the sample's $default Lambda posts back.
      await send.run.click();
      await expect(send.output).toContainText('"echo":"hello"');
      await expect(send.output).toContainText('"routeKey":"$default"');
    });

    if (myTurn()) test('Stop ends the interval: no output after it', async ({ page }) => {
      const connect = cellParts(page, text, text.cells.connect);
      const send = cellParts(page, text, text.cells.send);
      await connect.run.click();
      await expect(connect.output.getByText('1', { exact: true }).first()).toBeVisible();

      await connect.stop.click();
      await expect(connect.output).toContainText(text.stopped);
      await expect(connect.stop).toBeDisabled();
      const lines = await connect.output.getByRole('listitem').count();

      // Let more than two interval periods pass, measured by the kernel's own clock.
      await send.editor.fill("setTimeout(() => console.log('2.5 s later'), 2500);");
      await send.run.click();
      await expect(send.output).toContainText('2.5 s later', { timeout: 10_000 });
      await expect(connect.output.getByRole('listitem')).toHaveCount(lines);
    });

    if (myTurn()) test('Restart kernel clears the variables: ws is not defined any more', async ({ page }) => {
      const connect = cellParts(page, text, text.cells.connect);
      const send = cellParts(page, text, text.cells.send);
      await connect.run.click();
      await expect(connect.output.getByText('1', { exact: true }).first()).toBeVisible();

      await page.locator('apigw-notebook').getByRole('button', { name: text.restart }).click();
      await send.run.click();
      await expect(send.output).toContainText('ReferenceError: ws is not defined');
      await expect(connect.stop).toBeDisabled();
    });

    if (myTurn()) test('edits survive a reload, and Reset brings back the original code', async ({ page }) => {
      const send = cellParts(page, text, text.cells.send);
      await expect(send.editor).toHaveValue(sendCode);
      await expect(send.reset).toBeDisabled();

      await send.editor.fill("console.log('edited <b>not bold</b>')");
      await page.reload();
      await expect(send.editor).toHaveValue("console.log('edited <b>not bold</b>')");
      await expect(send.cell.getByText(text.edited)).toBeVisible();

      // The edited code runs, and markup in the output stays text.
      await send.run.click();
      await expect(send.output.getByText('edited <b>not bold</b>', { exact: true })).toBeVisible();

      await send.reset.click();
      await expect(send.editor).toHaveValue(sendCode);
      await expect(send.cell.getByText(text.edited)).toBeHidden();
      await page.reload();
      await expect(send.editor).toHaveValue(sendCode);
    });

    if (myTurn()) test('Shift+Enter runs the cell from the code box, and Esc leaves it', async ({ page }) => {
      const connect = cellParts(page, text, text.cells.connect);
      const original = await connect.editor.inputValue();
      await connect.editor.focus();
      await connect.editor.press('Shift+Enter');
      await expect(connect.output.getByText('1', { exact: true }).first()).toBeVisible();
      // Shift+Enter ran the code; it did not type a line break into it.
      await expect(connect.editor).toHaveValue(original);

      await connect.editor.press('Escape');
      await expect(connect.run).toBeFocused();
    });

    if (myTurn()) test('the timeline shows readyState going from 1 OPEN to 3 CLOSED after the close cell', async ({ page }) => {
      const connect = cellParts(page, text, text.cells.connect);
      const close = cellParts(page, text, text.cells.close);
      await connect.run.click();
      await expect(connect.output.getByText('1', { exact: true }).first()).toBeVisible();
      await expect(connect.timeline.getByRole('listitem').first()).toContainText('1 OPEN');

      await close.run.click();
      await expect(close.output).toContainText('closed 1000');
      await expect(connect.output.getByText('3', { exact: true }).first()).toBeVisible();
      await expect(connect.timeline.getByRole('listitem').last()).toContainText('→ 3 CLOSED');

      await connect.stop.click();
      await expect(connect.stop).toBeDisabled();
    });
  });
}
