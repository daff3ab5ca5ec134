import type { Lang } from '../lib/i18n.ts';
import type { OutputKind } from '../client/notebook-protocol.ts';

/**
 * The notebooks' cells: the experiments this tutorial grew from, first typed into a DevTools
 * console. The code is what the reader sees and edits (and what e2e/notebook.spec.ts runs); the
 * recorded output is what one session on the emulator printed (cells 1 to 4 run in order, a few
 * seconds apart), shown until the reader runs the cell, and always without JavaScript.
 */

export interface RecordedLine {
  /** Seconds after Run, as the output shows them. */
  offset: string;
  kind: OutputKind;
  text: string;
}

export interface NotebookExperiment {
  /** Unique on the site: the cell's localStorage key is `apigw-tutorial:notebook:<id>`. */
  id: string;
  title: Record<Lang, string>;
  code: string;
  recorded: RecordedLine[];
}

export const notebooks = {
  introduction: [
    {
      id: 'introduction-connect',
      title: { ja: '1. 接続して readyState を見る', en: '1. Connect and watch readyState' },
      code: 'const ws = new WebSocket(ENDPOINT);\nconst timer = setInterval(() => console.log(ws.readyState), 1000);',
      recorded: [
        { offset: '+1.0 s', kind: 'log', text: '1' },
        { offset: '+2.0 s', kind: 'log', text: '1' },
        { offset: '+3.0 s', kind: 'log', text: '1' },
        { offset: '+4.0 s', kind: 'log', text: '1' },
        { offset: '+5.0 s', kind: 'log', text: '1' },
        // Cell 4 closed the connection between these two ticks.
        { offset: '+6.1 s', kind: 'log', text: '3' },
        { offset: '+7.0 s', kind: 'log', text: '3' },
      ],
    },
    {
      id: 'introduction-send',
      title: { ja: '2. 送ってから、返事を見る', en: '2. Send, then watch for the reply' },
      code: "ws.send('hello');\nws.onmessage = (e) => console.log(e.data);",
      recorded: [
        { offset: '+0.0 s', kind: 'result', text: '(e) => console.log(e.data)' },
        {
          offset: '+0.1 s',
          kind: 'log',
          text: '{"type":"echo","echo":"hello","connectionId":"kDemLVEOJBBCFbw=","routeKey":"$default","receivedAt":"2026-11-22T01:21:48.885Z","why":"The message is not JSON, so the route selection expression could not read an action."}',
        },
      ],
    },
    {
      id: 'introduction-keep-alive',
      title: { ja: '3. キープアライブ', en: '3. Keep the connection alive' },
      code: "setInterval(() => ws.send(JSON.stringify({ action: 'ping' })), 60000);",
      // setInterval's return value: the timer's id (the first cell's interval has id 1).
      recorded: [{ offset: '+0.0 s', kind: 'result', text: '2' }],
    },
    {
      id: 'introduction-close',
      title: { ja: '4. 切断する', en: '4. Close the connection' },
      code: "ws.onclose = (e) => console.log('closed', e.code);\nws.close(1000);",
      recorded: [{ offset: '+0.0 s', kind: 'log', text: 'closed 1000' }],
    },
  ],
} satisfies Record<string, NotebookExperiment[]>;

export type NotebookName = keyof typeof notebooks;
