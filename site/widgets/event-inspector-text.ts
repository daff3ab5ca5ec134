import type { CloseBy } from './event-inspector-rows.ts';
import type { Lang } from '../lib/i18n.ts';
import type { Rich } from '../client/rich-text.ts';

/**
 * The words <apigw-event-inspector> shows, per language. The server renders the fixed markup and
 * the recorded example from it; the browser uses it for the rows and states it writes later.
 * (The no-backend notice mixes prose and commands, so it is written out in EventInspector.astro.)
 */
export const eventInspectorText = {
  ja: {
    title: 'イベントインスペクター',
    noscript:
      'このインスペクターは JavaScript で動きます。下の記録例は、エミュレーターで実際に記録したものです。',
    lanes: { client: 'ブラウザー', gateway: 'API Gateway', lambda: 'Lambda' },
    show: '表示する列',
    timeline: 'タイムライン',
    timelineEmpty: 'まだ何もありません。上のパネルで接続し、メッセージを送ると、ここに並びます。',
    time: '時刻',
    reset: 'リセット',
    askForEvents: 'イベントを取り寄せる（{"action":"inspect"} を送信）',
    recordedTitle: '記録例',
    recordedIntro:
      'エミュレーターで接続し、hello、{"action":"whoami"}、{"action":"nope"} を送って切断したときの記録です。時刻は接続開始からの経過時間です。',
    status: {
      checking: 'エンドポイントを確認しています…',
      local: 'エミュレーター（ローカルまたはインページ）の記録（インスペクターフィード）を表示しています。上のパネルで接続してください。',
      localConnecting: 'エミュレーターのインスペクターフィードに接続しています…',
      searching: 'フィードの中から、あなたの接続を探しています…',
      ambiguous: (count: number) =>
        `このブラウザーから同時に開いた接続が ${count} 本あります。メッセージを 1 つ送ると、どれがあなたの接続かが決まります。`,
      matched: (connectionId: string) => `あなたの接続（connectionId ${connectionId}）の記録を表示しています。`,
      matchedClosed: (connectionId: string) =>
        `切断した接続（connectionId ${connectionId}）の記録です。もう一度接続すると、新しい接続の記録が続きます。`,
      down: 'エミュレーターのフィードが途切れました（エミュレーターを止めましたか？）。応答が戻りしだい、自動で再接続します。',
      deployed:
        'デプロイした API にはエミュレーターのフィードがありません。接続してから「イベントを取り寄せる」を押すと、サンプルの inspect ルートが、あなたの接続が起こした Lambda イベントを返します。',
      deployedGot: (count: number) => `inspect ルートから ${count} 件のイベントを受け取りました。`,
      notOpen: '先に上のパネルで接続してください。',
      noBackend: 'バックエンドが応答しません。下は記録例です。',
      unchecked: '上のパネルで接続すると、あなたの接続が起こしたイベントがここに並びます。それまでは下の記録例をご覧ください。',
    },
    row: {
      connecting: (url: string): Rich => [{ code: url }, ' に接続を開始'],
      open: (ms: number): Rich => [`接続が開いた（ハンドシェイク ${ms} ms）`],
      sent: (body: string): Rich => ['送信 ', { code: body }],
      received: (body: string): Rich => ['受信 ', { code: body }],
      clientClose: (code: number, reason: string): Rich =>
        reason === '' ? [`切断（code ${code}）`] : [`切断（code ${code}、reason `, { code: reason }, '）'],
      handshake: (path: string): Rich => [{ code: `GET ${path}` }, ' のハンドシェイクを受信。$connect の結果を待つ'],
      connected: (subprotocol: string | undefined): Rich =>
        subprotocol ? ['101 を返し、接続を確立（サブプロトコル ', { code: subprotocol }, '）'] : ['101 を返し、接続を確立'],
      routeMatched: (routeKey: string, value: string): Rich => ['ルート ', { code: routeKey }, ' を選択（式の値が ', { code: JSON.stringify(value) }, '）'],
      routeNotJson: (): Rich => [{ code: '$default' }, ' を選択（JSON ではない）'],
      routeNoField: (): Rich => [{ code: '$default' }, ' を選択（式が読むフィールドがない）'],
      routeNoMatch: (value: string): Rich => [{ code: '$default' }, ' を選択（', { code: JSON.stringify(value) }, ' という名前のルートはない）'],
      routeForbidden: (): Rich => ['一致するルートも $default もない: ', { code: 'Forbidden' }],
      invoke: (routeKey: string, eventType: string): Rich => [{ code: routeKey }, ' の Lambda を ', { code: eventType }, ' イベントで呼び出し'],
      resultOk: (result: string, ms: number): Rich => [{ code: result }, ` を返した（${ms} ms）`],
      resultError: (error: string, ms: number): Rich => ['エラー ', { code: error }, `（${ms} ms）`],
      resultTimeout: (ms: number): Rich => [`29 秒以内に終わらなかった（${ms} ms）`],
      management: (method: string, status: number): Rich =>
        status === 410
          ? ['@connections ', { code: `${method} → ${status}` }, '（GoneException: 接続はもうない）']
          : ['@connections ', { code: `${method} → ${status}` }],
      outConnections: (body: string): Rich => ['@connections のデータをブラウザーへ送信 ', { code: body }],
      outRouteResponse: (body: string): Rich => ['ルートレスポンスをブラウザーへ送信 ', { code: body }],
      outErrorFrame: (body: string): Rich => ['エラーフレームを送信 ', { code: body }],
      close: (code: number, reason: string, by: CloseBy): Rich => [
        `${{ client: 'クライアントが切断', gateway: 'API Gateway が切断', network: 'ネットワークが切れた' }[by]}（code ${code}`,
        ...(reason === '' ? [] : ['、reason ', { code: reason }]),
        '）',
      ],
      lambdaEvent: (routeKey: string, eventType: string): Rich => ['Lambda イベント ', { code: routeKey }, '（', { code: eventType }, '）'],
    },
    detail: {
      event: 'Lambda イベント（JSON）',
      result: '戻り値（JSON）',
      message: 'メッセージ全体',
      fields: '注目するフィールド',
    },
    fieldNotes: {
      routeKey: 'API Gateway が選んだルート。',
      eventType: 'CONNECT、MESSAGE、DISCONNECT のどれか。',
      connectionId: 'この接続の ID。@connections で送るときの宛先。',
      messageId: 'MESSAGE イベントにだけある。',
      body: '受け取ったテキストそのもの（文字列）。JSON なら自分で JSON.parse する。',
      disconnectStatusCode: '切断のクローズコード。DISCONNECT にだけある。',
      disconnectReason: '切断の理由の文字列。DISCONNECT にだけある。',
    },
  },
  en: {
    title: 'Event inspector',
    noscript: 'This inspector needs JavaScript. The recorded example below was captured from the emulator.',
    lanes: { client: 'Browser', gateway: 'API Gateway', lambda: 'Lambda' },
    show: 'Columns to show',
    timeline: 'Timeline',
    timelineEmpty: 'Nothing yet. Connect in the panel above and send a message: it will appear here.',
    time: 'Time',
    reset: 'Reset',
    askForEvents: 'Fetch my events (sends {"action":"inspect"})',
    recordedTitle: 'Recorded example',
    recordedIntro:
      'Recorded on the emulator: connect, send hello, {"action":"whoami"} and {"action":"nope"}, then disconnect. Times count from the start of the connection.',
    status: {
      checking: 'Checking the endpoint…',
      local: "Showing the emulator's inspector feed (local or in-page). Connect in the panel above.",
      localConnecting: "Opening the emulator's inspector feed…",
      searching: 'Looking for your connection in the feed…',
      ambiguous: (count: number) =>
        `${count} connections from this browser opened at the same moment. Send a message and the inspector will tell which one is yours.`,
      matched: (connectionId: string) => `Showing your connection (connectionId ${connectionId}).`,
      matchedClosed: (connectionId: string) =>
        `Showing your closed connection (connectionId ${connectionId}). Connect again and the new connection follows.`,
      down: "The emulator's feed stopped (did you stop the emulator?). It reconnects as soon as the emulator answers again.",
      deployed:
        'A deployed API has no emulator feed. Connect, then press “Fetch my events”: the sample’s inspect route sends back the Lambda events your connection caused.',
      deployedGot: (count: number) => `The inspect route sent ${count} events.`,
      notOpen: 'Connect in the panel above first.',
      noBackend: 'No backend answered. Below is a recorded example.',
      unchecked: 'Connect in the panel above and the events your connection causes appear here. Until then, below is a recorded example.',
    },
    row: {
      connecting: (url: string): Rich => ['connecting to ', { code: url }],
      open: (ms: number): Rich => [`open (handshake ${ms} ms)`],
      sent: (body: string): Rich => ['sent ', { code: body }],
      received: (body: string): Rich => ['received ', { code: body }],
      clientClose: (code: number, reason: string): Rich =>
        reason === '' ? [`closed (code ${code})`] : [`closed (code ${code}, reason `, { code: reason }, ')'],
      handshake: (path: string): Rich => ['handshake ', { code: `GET ${path}` }, ' arrives; waiting for $connect'],
      connected: (subprotocol: string | undefined): Rich =>
        subprotocol ? ['101: the connection is open (subprotocol ', { code: subprotocol }, ')'] : ['101: the connection is open'],
      routeMatched: (routeKey: string, value: string): Rich => ['route ', { code: routeKey }, ' (the expression gave ', { code: JSON.stringify(value) }, ')'],
      routeNotJson: (): Rich => ['route ', { code: '$default' }, ' (not JSON)'],
      routeNoField: (): Rich => ['route ', { code: '$default' }, ' (no field for the expression)'],
      routeNoMatch: (value: string): Rich => ['route ', { code: '$default' }, ' (no route named ', { code: JSON.stringify(value) }, ')'],
      routeForbidden: (): Rich => ['no matching route and no $default: ', { code: 'Forbidden' }],
      invoke: (routeKey: string, eventType: string): Rich => ['invoked for ', { code: routeKey }, ' with a ', { code: eventType }, ' event'],
      resultOk: (result: string, ms: number): Rich => ['returned ', { code: result }, ` after ${ms} ms`],
      resultError: (error: string, ms: number): Rich => ['threw ', { code: error }, ` after ${ms} ms`],
      resultTimeout: (ms: number): Rich => [`did not finish within 29 seconds (${ms} ms)`],
      management: (method: string, status: number): Rich =>
        status === 410
          ? ['@connections ', { code: `${method} → ${status}` }, ' (GoneException: the connection is gone)']
          : ['@connections ', { code: `${method} → ${status}` }],
      outConnections: (body: string): Rich => ['sends the @connections data to the browser ', { code: body }],
      outRouteResponse: (body: string): Rich => ['sends the route response ', { code: body }],
      outErrorFrame: (body: string): Rich => ['sends an error frame ', { code: body }],
      close: (code: number, reason: string, by: CloseBy): Rich => [
        `${{ client: 'the client closed', gateway: 'API Gateway closed', network: 'the network dropped' }[by]} (code ${code}`,
        ...(reason === '' ? [] : [', reason ', { code: reason }]),
        ')',
      ],
      lambdaEvent: (routeKey: string, eventType: string): Rich => ['Lambda event for ', { code: routeKey }, ' (', { code: eventType }, ')'],
    },
    detail: {
      event: 'Lambda event (JSON)',
      result: 'Returned value (JSON)',
      message: 'Whole message',
      fields: 'Fields to look at',
    },
    fieldNotes: {
      routeKey: 'the route API Gateway chose.',
      eventType: 'CONNECT, MESSAGE or DISCONNECT.',
      connectionId: "this connection's id: the address @connections sends to.",
      messageId: 'only MESSAGE events have one.',
      body: 'the text received, as a string. If it is JSON, JSON.parse it yourself.',
      disconnectStatusCode: 'the close code; only DISCONNECT has it.',
      disconnectReason: 'the close reason text; only DISCONNECT has it.',
    },
  },
} satisfies Record<Lang, unknown>;

export type EventInspectorText = (typeof eventInspectorText)[Lang];
