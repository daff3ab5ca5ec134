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
    options: '接続オプション',
    query: 'クエリ文字列（省略可）',
    queryHint: '例: room=lobby。$connect のイベントの queryStringParameters に入ります。',
    subprotocol: 'サブプロトコル（省略可）',
    subprotocolHint:
      '例: apigw-tutorial.v1。サンプルの $connect はこれだけを受け付け、ほかのサブプロトコルを求められると HTTP 400 で断ります。',
    autoReconnect: '切断されたら自動で再接続する',
    autoReconnectHint: '自分で切断したとき以外に再接続し、{"action":"whoami"} を送って新しい connectionId を調べます。',
    readyState: 'readyState',
    notConnected: '— 未接続',
    handshake: 'ハンドシェイク',
    connectedFor: '接続時間',
    connectionId: 'connectionId',
    acceptedSubprotocol: 'サブプロトコル',
    none: '—',
    noSubprotocol: 'なし',
    connectionIdUnknown: '不明（API Gateway はクライアントに教えません。{"action":"whoami"} を送ると分かります）',
    earlierIds: 'それまでの connectionId',
    message: 'メッセージ',
    send: '送信',
    sendShortcut: 'Ctrl+Enter（Mac では ⌘+Enter）でも送信できます。',
    presets: 'プリセット',
    presetHint: 'プリセットを押すとメッセージ欄に入ります。そのまま送っても、書き換えてから送ってもかまいません。',
    log: 'ログ',
    logEmpty: 'まだ何もありません。「接続」を押すと、ここに記録されます。',
    show: '表示',
    showAll: 'すべて',
    showSent: '送信',
    showReceived: '受信',
    showEvents: 'イベント',
    prettyJson: '受信した JSON を整形して表示',
    clear: 'ログを消去',
    jumpToLatest: '↓ 最新の記録へ',
    sentMarker: '送信',
    receivedMarker: '受信',
    eventMarker: 'イベント',
    binary: '（バイナリ）',
    reset: 'このパネルをリセット',
    resetHint: 'メッセージ、接続オプション、表示の設定を最初の状態に戻します。エンドポイントはそのままです。',
    resetDone: 'パネルを最初の状態に戻しました。',
    wscat: 'ターミナルで同じ接続を開くコマンド（wscat）',
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした',
    lastClose: '最後の切断',
    closeSources: '出典',
    transcript: '記録例：このパネルでエミュレーターに接続し、hello を送ったときの表示',
    noscript:
      'このウィジェットは JavaScript で動きます。JavaScript を使えない場合は、下の wscat のコマンドで同じ手順を試せます。',
    notAUrl: 'URL として読めません。ws://localhost:3001/local や wss://{apiId}.execute-api.{region}.amazonaws.com/{stage} の形で入力してください。',
    notWebSocket:
      'ws:// か wss:// で始まる URL を入力してください。API Gateway の WebSocket API の URL は wss:// で始まります（http:// や https:// は REST API や @connections 用です）。',
    badSubprotocol: (protocol: string) =>
      protocol === ''
        ? 'サブプロトコルが空です。複数のときは apigw-tutorial.v1, other.v2 のようにカンマで区切ります。'
        : `「${protocol}」はサブプロトコルに使えません。英数字と -._ などの記号だけで、空白を含まない名前にしてください（同じ名前を 2 回は使えません）。`,
    connecting: (endpoint: string) => `${endpoint} に接続しています`,
    connectingWith: (endpoint: string, protocols: string) => `${endpoint} に接続しています（サブプロトコル ${protocols} を求めます）`,
    connectedIn: (handshake: string, protocol: string) =>
      protocol === '' ? `接続しました（ハンドシェイク ${handshake}）` : `接続しました（ハンドシェイク ${handshake}、サブプロトコル ${protocol}）`,
    closed: (code: number, reason: string) =>
      reason === ''
        ? `切断されました（code ${code}、reason なし）`
        : `切断されました（code ${code}、reason "${reason}"）`,
    refused: 'サーバーは応答しましたが、WebSocket の接続は成立しませんでした。$connect で拒否された可能性があります。',
    subprotocolRefused: (protocols: string) =>
      `サーバーは応答しましたが、接続は成立しませんでした。サブプロトコル ${protocols} を求めたためと考えられます。API Gateway は $connect が返したサブプロトコルしか返さず、サンプルの $connect は apigw-tutorial.v1 以外を求められると HTTP 400 で断ります。ブラウザにはその 400 は見えず、ハンドシェイクが失敗したこと（code 1006）しか分かりません。`,
    cannotConnect: (message: string) => `接続できません: ${message}`,
    reconnectIn: (seconds: number, attempt: number) => `${seconds} 秒後に再接続します（${attempt} 回目）`,
    reconnectGaveUp: (attempts: number) => `${attempts} 回再接続を試みましたが、つながりませんでした。自動の再接続をやめます。`,
    newConnectionId: (id: string, previous: string | null) =>
      previous === null ? `connectionId は ${id} です` : `新しい connectionId は ${id} です（前は ${previous}）。再接続すると ID は変わります。`,
    afterPrevious: (gap: string) => `前のフレームから ${gap}`,
    sizeOf: (size: string, limit: string) => `${size} / ${limit}`,
    overFrameShort: '32 KB 超',
    overMessageShort: '128 KB 超',
    meter: (bytes: number, size: string, limit: string, billed: number) =>
      bytes < 1024
        ? `${bytes} バイト / ${limit}。課金は ${billed} 通分。`
        : `${bytes.toLocaleString('ja-JP')} バイト（${size} / ${limit}）。課金は ${billed} 通分。`,
    // Past the limit there is nothing to bill: API Gateway closes the connection instead of taking the message.
    meterOver: (bytes: number, size: string, limit: string) => `${bytes.toLocaleString('ja-JP')} バイト（${size} / ${limit}）。大きすぎて送れません。`,
    overFrame:
      '32 KB のフレーム上限を超えています。ブラウザは 1 つのメッセージを 1 つのフレームで送るので、送ると API Gateway は接続を code 1009 で閉じます。',
    overMessage: '128 KB のメッセージ上限も超えています。フレームに分けて送っても、code 1009 で閉じられます。',
    truncated: (more: number) => `…（残り ${more.toLocaleString('ja-JP')} 文字は表示していません）`,
    showWhole: (chars: number) => `全体を表示（${chars.toLocaleString('ja-JP')} 文字）`,
  },
  en: {
    title: 'WebSocket connection panel',
    endpoint: 'Endpoint',
    connect: 'Connect',
    disconnect: 'Disconnect',
    useDeployed: 'Use my deployed endpoint',
    options: 'Connect options',
    query: 'Query string (optional)',
    queryHint: 'For example room=lobby. $connect receives it in queryStringParameters.',
    subprotocol: 'Subprotocol (optional)',
    subprotocolHint:
      'For example apigw-tutorial.v1. The sample’s $connect accepts only that one and refuses any other subprotocol with HTTP 400.',
    autoReconnect: 'Reconnect automatically when the connection closes',
    autoReconnectHint: 'Unless you closed it yourself. Each new connection sends {"action":"whoami"} to learn its new connectionId.',
    readyState: 'readyState',
    notConnected: '— not connected',
    handshake: 'Handshake',
    connectedFor: 'Connected for',
    connectionId: 'connectionId',
    acceptedSubprotocol: 'Subprotocol',
    none: '—',
    noSubprotocol: 'none',
    connectionIdUnknown: 'unknown (API Gateway never tells the client; send {"action":"whoami"} to learn it)',
    earlierIds: 'Earlier connectionIds',
    message: 'Message',
    send: 'Send',
    sendShortcut: 'Ctrl+Enter (⌘+Enter on a Mac) also sends.',
    presets: 'Presets',
    presetHint: 'A preset fills the message box. Send it as it is, or edit it first.',
    log: 'Log',
    logEmpty: 'Nothing yet. Press “Connect” and every event will be listed here.',
    show: 'Show',
    showAll: 'All',
    showSent: 'Sent',
    showReceived: 'Received',
    showEvents: 'Events',
    prettyJson: 'Pretty-print received JSON',
    clear: 'Clear log',
    jumpToLatest: '↓ Jump to latest',
    sentMarker: 'sent',
    receivedMarker: 'received',
    eventMarker: 'event',
    binary: '(binary) ',
    reset: 'Reset this panel',
    resetHint: 'Puts the message, the connect options and the display settings back as they were. The endpoint stays.',
    resetDone: 'The panel is back as it was.',
    wscat: 'The same connection from a terminal (wscat)',
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    lastClose: 'Last close',
    closeSources: 'Sources',
    transcript: 'Example: what this panel showed when it connected to the emulator and sent hello (recorded)',
    noscript:
      'This widget needs JavaScript. Without it, you can follow the same steps with the wscat command below.',
    notAUrl:
      'This is not a URL. Type it like ws://localhost:3001/local or wss://{apiId}.execute-api.{region}.amazonaws.com/{stage}.',
    notWebSocket:
      'The URL must start with ws:// or wss://. An API Gateway WebSocket API’s URL starts with wss:// (http:// and https:// are for REST APIs and @connections).',
    badSubprotocol: (protocol: string) =>
      protocol === ''
        ? 'A subprotocol is empty. Separate several with commas, like apigw-tutorial.v1, other.v2.'
        : `“${protocol}” cannot be a subprotocol: use letters, digits and symbols such as -._ without spaces, and each name only once.`,
    connecting: (endpoint: string) => `connecting to ${endpoint}`,
    connectingWith: (endpoint: string, protocols: string) => `connecting to ${endpoint}, asking for subprotocol ${protocols}`,
    connectedIn: (handshake: string, protocol: string) =>
      protocol === '' ? `connected (handshake ${handshake})` : `connected (handshake ${handshake}, subprotocol ${protocol})`,
    closed: (code: number, reason: string) =>
      reason === '' ? `closed (code ${code}, no reason)` : `closed (code ${code}, reason "${reason}")`,
    refused: 'A server answered, but the WebSocket connection was not established. $connect may have refused it.',
    subprotocolRefused: (protocols: string) =>
      `A server answered, but the connection was not established, most likely because you asked for subprotocol ${protocols}. API Gateway sends back only the subprotocol $connect returns, and the sample’s $connect refuses anything but apigw-tutorial.v1 with HTTP 400. The browser never shows that 400: all it reports is a failed handshake (code 1006).`,
    cannotConnect: (message: string) => `cannot connect: ${message}`,
    reconnectIn: (seconds: number, attempt: number) => `reconnecting in ${seconds} s (attempt ${attempt})`,
    reconnectGaveUp: (attempts: number) => `No connection after ${attempts} attempts; automatic reconnecting stops here.`,
    newConnectionId: (id: string, previous: string | null) =>
      previous === null
        ? `connectionId is ${id}`
        : `new connectionId ${id} (was ${previous}): every new connection gets a new id.`,
    afterPrevious: (gap: string) => `${gap} after the previous frame`,
    sizeOf: (size: string, limit: string) => `${size} of ${limit}`,
    overFrameShort: 'over 32 KB',
    overMessageShort: 'over 128 KB',
    meter: (bytes: number, size: string, limit: string, billed: number) =>
      `${bytes < 1024 ? `${bytes} bytes of ${limit}` : `${bytes.toLocaleString('en')} bytes (${size} of ${limit})`}, billed as ${billed} message${billed === 1 ? '' : 's'}.`,
    meterOver: (bytes: number, size: string, limit: string) => `${bytes.toLocaleString('en')} bytes (${size} of ${limit}): too big to send.`,
    overFrame:
      'Over the 32 KB frame limit. A browser sends each message as one frame, so API Gateway will close the connection with code 1009.',
    overMessage: 'Over the 128 KB message limit too: even split into frames, it would be closed with code 1009.',
    truncated: (more: number) => `… (${more.toLocaleString('en')} more characters not shown)`,
    showWhole: (chars: number) => `Show all ${chars.toLocaleString('en')} characters`,
  },
} satisfies Record<Lang, unknown>;

export type ConnectionPanelText = (typeof connectionPanelText)[Lang];

/** One preset of the composer: a button label and the message it puts in the box. */
export interface Preset {
  label: string;
  message: string;
}

/** The presets a panel offers when its lesson names none: the sample's routes, one click each. */
export const defaultPresets: Preset[] = [
  { label: 'hello', message: 'hello' },
  { label: '{"action":"whoami"}', message: '{"action":"whoami"}' },
  { label: '{"action":"time"}', message: '{"action":"time"}' },
  { label: '{"action":"push"}', message: '{"action":"push"}' },
  { label: '{"action":"inspect"}', message: '{"action":"inspect"}' },
];
