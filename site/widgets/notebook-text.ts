import type { Lang } from '../lib/i18n.ts';

/** The symbol before each output line; the words for it (for screen readers) are in `markers` below. */
export const outputMarkers = { log: '›', warn: '!', error: '✕', result: '←', note: '•' } as const;

/**
 * The words <apigw-notebook> and <apigw-notebook-cell> show, per language. The server renders the
 * fixed markup from it; the browser scripts use it for the output lines and states they write later.
 * (What the code itself prints, and the JavaScript engine's error messages, stay as they are.)
 */
export const notebookText = {
  ja: {
    title: 'WebSocket ノートブック',
    endpoint: 'ENDPOINT（セルの中で使える定数）',
    kernel: 'カーネル',
    kernelStatus: { off: '未起動', idle: '待機中', busy: '実行中' },
    runAll: 'すべて実行',
    stopAll: 'すべて停止',
    restart: 'カーネルを再起動',
    toolbarHint:
      'セルはすべて同じカーネル（このページ専用の Web Worker）で動くので、あるセルで作った変数は次のセルでも使えます。「カーネルを再起動」で変数はすべて消えます。',
    noscript:
      'このノートブックは JavaScript で動きます。JavaScript を使えない場合は、ブラウザの開発者ツールのコンソールに同じコードを順に貼り付けて試せます（ENDPOINT はエンドポイントの URL に置き換えてください）。',
    code: 'コード',
    run: '実行',
    stop: '停止',
    reset: '元のコードに戻す',
    edited: '編集済み（このブラウザに保存されています）',
    hint: 'Shift+Enter で実行、Esc でコード欄から抜けます。',
    output: '出力',
    outputEmpty: 'まだ出力はありません。「実行」を押すと、ここに表示されます。',
    runCount: '実行回数',
    recorded: 'エミュレーターで実行したときの記録（実行すると、あなたの結果に置き換わります）',
    markers: { log: 'ログ', warn: '警告', error: 'エラー', result: '値', note: 'ノートブック' },
    timeline: 'readyState の移り変わり',
    timelineStart: '実行',
    transition: (offset: string, from: string | null, to: string) =>
      from === null ? `${offset}: 最初の値は ${to}` : `${offset}: ${from} → ${to}`,
    stopped: (timers: number, sockets: number) =>
      timers + sockets === 0
        ? '止めるものはありませんでした。'
        : `停止しました（タイマー ${timers} 個を解除、ソケット ${sockets} 個を切断）。`,
    stoppedForRerun: (timers: number, sockets: number) =>
      `前回の実行で動いていたタイマー ${timers} 個とソケット ${sockets} 個を止めてから、もう一度実行しました。`,
    restarted: 'カーネルを再起動しました。変数、タイマー、ソケットはすべて消えています。',
    interrupted: 'セルの実行が終わらなかったため、カーネルを再起動して止めました。変数はすべて消えています。',
    failure: (message: string) => `ノートブックのカーネルが止まりました: ${message}`,
    socketFailed: (url: string, code: number) =>
      `${url} への WebSocket 接続は、開く前に閉じました（code ${code}）。バックエンドが動いていないなら、プロジェクトのフォルダで npm start を実行してください。`,
    topLevelAwait:
      'このノートブックでは、セルのいちばん外側で await は使えません。then() を使うか、async 関数の中で使ってください。',
  },
  en: {
    title: 'WebSocket notebook',
    endpoint: 'ENDPOINT (a constant your cells can use)',
    kernel: 'Kernel',
    kernelStatus: { off: 'not started', idle: 'idle', busy: 'running' },
    runAll: 'Run all',
    stopAll: 'Stop all',
    restart: 'Restart kernel',
    toolbarHint:
      'All cells run in one kernel (a Web Worker of this page), so a variable made in one cell is there in the next. Restart kernel clears them all.',
    noscript:
      'This notebook needs JavaScript. Without it, you can paste the same code, cell by cell, into your browser’s DevTools console (replace ENDPOINT with your endpoint’s URL).',
    code: 'Code',
    run: 'Run',
    stop: 'Stop',
    reset: 'Reset code',
    edited: 'Edited (saved in this browser)',
    hint: 'Shift+Enter runs; Esc leaves the code box.',
    output: 'Output',
    outputEmpty: 'No output yet. Press “Run” and it appears here.',
    runCount: 'Runs',
    recorded: 'Recorded on the emulator (your own run replaces it)',
    markers: { log: 'log', warn: 'warning', error: 'error', result: 'value', note: 'notebook' },
    timeline: 'readyState timeline',
    timelineStart: 'run',
    transition: (offset: string, from: string | null, to: string) =>
      from === null ? `${offset}: first value ${to}` : `${offset}: ${from} → ${to}`,
    stopped: (timers: number, sockets: number) =>
      timers + sockets === 0
        ? 'Nothing to stop.'
        : `Stopped: cleared ${timers} ${timers === 1 ? 'timer' : 'timers'}, closed ${sockets} ${sockets === 1 ? 'socket' : 'sockets'}.`,
    stoppedForRerun: (timers: number, sockets: number) =>
      `Stopped what the previous run left going (${timers} ${timers === 1 ? 'timer' : 'timers'}, ${sockets} ${sockets === 1 ? 'socket' : 'sockets'}) before running again.`,
    restarted: 'The kernel restarted: every variable, timer and socket is gone.',
    interrupted: 'The cell never finished, so the kernel was restarted to stop it: every variable is gone.',
    failure: (message: string) => `The notebook kernel stopped: ${message}`,
    socketFailed: (url: string, code: number) =>
      `The WebSocket to ${url} closed before it opened (code ${code}). If no backend is running, run npm start in the project folder.`,
    topLevelAwait:
      'This notebook cannot await at the top level of a cell. Use then(), or await inside an async function.',
  },
} satisfies Record<Lang, unknown>;

export type NotebookText = (typeof notebookText)[Lang];
