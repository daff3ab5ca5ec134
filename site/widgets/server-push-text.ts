import type { Lang } from '../lib/i18n.ts';

/**
 * The words <apigw-server-push> shows, per language. The server renders the fixed markup from it;
 * the browser script uses it for log lines and results it writes later. (The no-backend notice
 * mixes prose and commands, so it is written out in ServerPush.astro.)
 */
export const serverPushText = {
  ja: {
    title: 'サーバーからのプッシュと @connections',
    intro:
      'このウィジェットは、上の接続パネルと同じ接続（接続 A）を使います。接続が開くと、このウィジェットが {"action":"whoami"} を送って connectionId を調べます。パネルで接続してから、サーバーに送ってもらいましょう。',
    connection: '接続 A の readyState',
    notConnected: '— 未接続',
    connectionId: 'connectionId',
    idUnknown: '—',
    idClosed: '（切断済み）',
    connectFirst: 'push とブロードキャストには開いた接続が必要です。上の接続パネルで「接続」を押してください。',
    askServer: 'サーバーに送ってもらう',
    pushButton: 'push を頼む（3 通届きます）',
    pushHint: '{"action":"push"} を送ります。push の Lambda が、0.5 秒おきに 3 回 @connections で送り返してきます。',
    broadcastMessage: 'ブロードキャストするメッセージ',
    defaultBroadcast: 'みなさん、こんにちは',
    broadcast: 'ブロードキャスト',
    broadcastHint:
      '{"action":"broadcast","message":…} を送ります。broadcast の Lambda が、テーブルにあるすべての接続（あなた自身も含む）へ @connections で送ります。',
    arrived: '接続 A で送ったもの・届いたもの',
    arrivedEmpty: 'まだ何もありません。',
    sentMarker: '送信',
    receivedMarker: '受信',
    eventMarker: 'イベント',
    opened: '接続 A が開きました。whoami で connectionId を調べます',
    closed: (code: number) => `接続 A が閉じました（code ${code}）`,
    whoami: (id: string) => `whoami: あなたの connectionId は ${id}`,
    push: (n: number, of: number) => `push ${n} / ${of}`,
    broadcastFromYou: (message: string) => `あなたからのブロードキャスト: ${message}`,
    broadcastFrom: (id: string, message: string) => `${id} からのブロードキャスト: ${message}`,
    broadcastResult: (sent: number, stale: number) =>
      `broadcast-result: ${sent} 件の接続に送信${stale > 0 ? `、古い接続 ${stale} 件を削除` : ''}`,
    error: (error: string) => `エラー: ${error}`,
    echo: (echo: string) => `$default のエコー: ${echo}`,
    arrivedStatus: (summary: string) => `受信: ${summary}`,
    cliTitle: '自分で送る: ターミナルから @connections を呼ぶ',
    cliIntro:
      '接続に送れるのはルートの Lambda だけではありません。AWS の認証情報と connectionId があれば、誰でも送れます。あなたのエンドポイントと接続を埋め込んだ AWS CLI のコマンドです（bash・zsh 用）。',
    data: '送るデータ（--data）',
    defaultData: 'hello from the CLI',
    command: 'post-to-connection のコマンド',
    idPlaceholder: '<connectionId>',
    copy: 'コマンドをコピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした。コマンドを選択してコピーしてください',
    localCliNote:
      'エミュレーター向けなので、先頭にダミーの認証情報を付けています。このコマンドの実行中だけ有効で、シェルには残りません。エミュレーターは署名を確かめません。AWS CLI v1 では --cli-binary-format の行を外してください。',
    deployedCliNote:
      '使う認証情報には、この API への execute-api:ManageConnections の権限が必要です。AWS CLI v1 では --cli-binary-format の行を外してください。',
    localPostIntro: 'ローカルのエミュレーターなら、同じ POST をこのページから送ることもできます。切断したあとにもう一度押すと、何が返るでしょうか。',
    post: 'このページから @connections に POST',
    postResult: 'POST の結果',
    posting: '送信中…',
    postOk: (id: string) => `HTTP 200 OK。エミュレーターが ${id} にデータを送りました。上の一覧に、接続 A へ届いたメッセージとして表示されます。`,
    postGoneTitle: 'HTTP 410 Gone · GoneException',
    postGone: (id: string) =>
      `connectionId ${id} の接続は、もう開いていません。あなたが切断したからです。@connections は、閉じた接続、存在しなかった接続、$connect の途中でまだ確立していない接続に対して 410 を返します。再接続しても元には戻りません。新しい接続には新しい connectionId が付くからです。410 を受け取ったバックエンドは、その ID を接続テーブルから消します（サンプルの broadcast がそうしています）。`,
    postTooLarge: 'HTTP 413 · PayloadTooLargeException: データが 131072 バイトを超えています。',
    postOther: (status: number, errorType: string | null) => `HTTP ${status}${errorType ? ` · ${errorType}` : ''}`,
    postFailed: 'エミュレーターが応答しませんでした。npm start は動いていますか。',
    deployedNoPost:
      'デプロイした API には、このページから送れません。@connections は AWS の認証情報で署名（SigV4）したリクエストしか受け付けず、認証情報を Web ページに置くべきではないからです。上のコマンドをターミナルで実行してください（ローカルのエミュレーターなら、ここにページから送るボタンが出ます）。',
    reset: 'このウィジェットをリセット',
    resetDone: '入力欄と一覧を最初の状態に戻しました。',
    transcript: '記録例: エミュレーターでこのウィジェットを使ったときの表示',
    noscript:
      'このウィジェットは JavaScript で動きます。JavaScript を使えない場合も、下の記録例と、レッスン本文の wscat と AWS CLI のコマンドで同じことを試せます。',
  },
  en: {
    title: 'Server push and @connections',
    intro:
      'This widget uses the same connection as the connection panel above (connection A). When it opens, the widget sends {"action":"whoami"} to learn its connectionId. Connect there, then ask the server to send.',
    connection: 'Connection A readyState',
    notConnected: '— not connected',
    connectionId: 'connectionId',
    idUnknown: '—',
    idClosed: '(closed)',
    connectFirst: 'Push and broadcast need an open connection: press “Connect” in the connection panel above.',
    askServer: 'Ask the server to send',
    pushButton: 'Ask for a push (3 messages)',
    pushHint: 'Sends {"action":"push"}. The push Lambda answers with three @connections posts, half a second apart.',
    broadcastMessage: 'Message to broadcast',
    defaultBroadcast: 'hello, everyone',
    broadcast: 'Broadcast',
    broadcastHint:
      'Sends {"action":"broadcast","message":…}. The broadcast Lambda posts it through @connections to every connection in the table, yours included.',
    arrived: 'Sent and received on connection A',
    arrivedEmpty: 'Nothing yet.',
    sentMarker: 'sent',
    receivedMarker: 'received',
    eventMarker: 'event',
    opened: 'connection A opened; asking whoami for its connectionId',
    closed: (code: number) => `connection A closed (code ${code})`,
    whoami: (id: string) => `whoami: your connectionId is ${id}`,
    push: (n: number, of: number) => `push ${n} of ${of}`,
    broadcastFromYou: (message: string) => `broadcast from you: ${message}`,
    broadcastFrom: (id: string, message: string) => `broadcast from ${id}: ${message}`,
    broadcastResult: (sent: number, stale: number) =>
      `broadcast-result: sent to ${sent} connection${sent === 1 ? '' : 's'}${stale > 0 ? `, removed ${stale} stale` : ''}`,
    error: (error: string) => `error: ${error}`,
    echo: (echo: string) => `$default echo: ${echo}`,
    arrivedStatus: (summary: string) => `received: ${summary}`,
    cliTitle: 'Send it yourself: @connections from a terminal',
    cliIntro:
      'The route Lambdas are not the only ones that can send to a connection: anything with AWS credentials and the connectionId can. Here is the AWS CLI command, filled in for your endpoint and connection (bash or zsh):',
    data: 'Data to send (--data)',
    defaultData: 'hello from the CLI',
    command: 'The post-to-connection command',
    idPlaceholder: '<connectionId>',
    copy: 'Copy the command',
    copied: 'Copied',
    copyFailed: 'Could not copy; select the command and copy it',
    localCliNote:
      'For the emulator, dummy credentials go in front: they apply to this one command and do not stay in your shell. The emulator does not check signatures. With AWS CLI v1, leave out the --cli-binary-format line.',
    deployedCliNote:
      'The credentials you use need execute-api:ManageConnections on this API. With AWS CLI v1, leave out the --cli-binary-format line.',
    localPostIntro: 'On the local emulator, this page can send the same POST for you. Press it again after you disconnect: what comes back?',
    post: 'POST to @connections from this page',
    postResult: 'Result of the POST',
    posting: 'Sending…',
    postOk: (id: string) => `HTTP 200 OK. The emulator sent the data to ${id}; it arrived on connection A as a message (see the list above).`,
    postGoneTitle: 'HTTP 410 Gone · GoneException',
    postGone: (id: string) =>
      `No connection with the id ${id} is open: you disconnected it. @connections answers 410 for a connection that has closed, one that never existed, and one still inside $connect. Reconnecting does not bring it back, because a new connection gets a new id. A backend that gets a 410 deletes that id from its connection table, as the sample's broadcast does.`,
    postTooLarge: 'HTTP 413 · PayloadTooLargeException: the data is larger than 131072 bytes.',
    postOther: (status: number, errorType: string | null) => `HTTP ${status}${errorType ? ` · ${errorType}` : ''}`,
    postFailed: 'The emulator did not answer. Is npm start still running?',
    deployedNoPost:
      'This page cannot make that call to a deployed API: @connections only accepts requests signed (SigV4) with AWS credentials, and those do not belong in a web page. Run the command in a terminal instead. (On the local emulator, a button here sends the POST for you.)',
    reset: 'Reset this widget',
    resetDone: 'The inputs and the list are back to how they started.',
    transcript: 'Recorded from the emulator: what this widget shows',
    noscript:
      'This widget needs JavaScript. Without it, the recording below and the wscat and AWS CLI commands in the lesson show the same steps.',
  },
} satisfies Record<Lang, unknown>;

export type ServerPushText = (typeof serverPushText)[Lang];
