import type { Lang } from '../lib/i18n.ts';

/**
 * The words <apigw-connection-panel> shows, per language. The server renders the fixed markup
 * from it; the browser script uses it for the log lines and states it writes later. (The
 * no-backend notice mixes prose and commands, so it is written out in ConnectionPanel.astro.)
 */
export const connectionPanelText = {
  ja: {
    title: 'WebSocket 接続パネル',
    endpoint: 'エンドポイント',
    connect: '接続',
    disconnect: '切断',
    useDeployed: 'デプロイしたエンドポイントを使う',
    readyState: 'readyState',
    notConnected: '— 未接続',
    message: 'メッセージ',
    send: '送信',
    sendShortcut: 'Ctrl+Enter（Mac では ⌘+Enter）でも送信できます。',
    log: 'ログ',
    logEmpty: 'まだ何もありません。「接続」を押すと、ここに記録されます。',
    sentMarker: '送信',
    receivedMarker: '受信',
    eventMarker: 'イベント',
    binary: '（バイナリ）',
    noscript:
      'このウィジェットは JavaScript で動きます。JavaScript を使えない場合は、wscat などのコマンドラインのクライアントで同じ手順を試せます。',
    connecting: (endpoint: string) => `${endpoint} に接続しています`,
    connected: '接続しました',
    closed: (code: number, reason: string) =>
      reason === ''
        ? `切断されました（code ${code}、reason なし）`
        : `切断されました（code ${code}、reason "${reason}"）`,
    refused: 'サーバーは応答しましたが、WebSocket の接続は成立しませんでした。$connect で拒否された可能性があります。',
    cannotConnect: (message: string) => `接続できません: ${message}`,
  },
  en: {
    title: 'WebSocket connection panel',
    endpoint: 'Endpoint',
    connect: 'Connect',
    disconnect: 'Disconnect',
    useDeployed: 'Use my deployed endpoint',
    readyState: 'readyState',
    notConnected: '— not connected',
    message: 'Message',
    send: 'Send',
    sendShortcut: 'Ctrl+Enter (⌘+Enter on a Mac) also sends.',
    log: 'Log',
    logEmpty: 'Nothing yet. Press “Connect” and every event will be listed here.',
    sentMarker: 'sent',
    receivedMarker: 'received',
    eventMarker: 'event',
    binary: '(binary) ',
    noscript:
      'This widget needs JavaScript. Without it, you can follow the same steps with a command-line client such as wscat.',
    connecting: (endpoint: string) => `connecting to ${endpoint}`,
    connected: 'connected',
    closed: (code: number, reason: string) =>
      reason === '' ? `closed (code ${code}, no reason)` : `closed (code ${code}, reason "${reason}")`,
    refused: 'A server answered, but the WebSocket connection was not established. $connect may have refused it.',
    cannotConnect: (message: string) => `cannot connect: ${message}`,
  },
} satisfies Record<Lang, unknown>;

export type ConnectionPanelText = (typeof connectionPanelText)[Lang];
