import type { Page } from '@playwright/test';
import { twoClientsText } from '../site/widgets/two-clients-text.ts';

/** The two-clients widget's parts, by the names a reader sees, for its specs on the emulator and in-page. */
export function twoClientsParts(page: Page, lang: 'ja' | 'en') {
  const text = twoClientsText[lang];
  const widget = page.locator('apigw-two-clients');
  const client = (name: 'A' | 'B') => {
    const root = widget.getByRole('region', { name: text.client(name), exact: true });
    return {
      state: root.getByRole('status', { name: text.readyState(name) }),
      connect: root.getByRole('button', { name: text.connect(name), exact: true }),
      disconnect: root.getByRole('button', { name: text.disconnect(name), exact: true }),
      message: root.getByRole('textbox', { name: text.message(name) }),
      broadcast: root.getByRole('button', { name: text.broadcast(name), exact: true }),
      log: root.getByRole('list', { name: text.log(name) }),
    };
  };
  const table = widget.getByRole('region', { name: text.tableRegion }).getByRole('table');
  return {
    text,
    widget,
    A: client('A'),
    B: client('B'),
    table,
    /** The table rows whose row header names this client. */
    rowOf: (name: 'A' | 'B') => table.getByRole('row').filter({ has: table.page().getByRole('rowheader', { name, exact: true }) }),
    summary: widget.getByRole('status').filter({ hasText: lang === 'ja' ? '行' : 'row' }),
  };
}
