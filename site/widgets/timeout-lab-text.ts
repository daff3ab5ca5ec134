import type { Lang } from '../lib/i18n.ts';
import type { CloseCause } from './timeout-lab-model.ts';

/** `10.0 s` under a minute, `2 min 0.3 s` above: measured durations, to a tenth of a second. */
function realDuration(ms: number, lang: Lang): string {
  const tenths = Math.round(ms / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = ((tenths % 600) / 10).toFixed(1);
  if (lang === 'ja') return minutes > 0 ? `${minutes} 分 ${seconds} 秒` : `${seconds} 秒`;
  return minutes > 0 ? `${minutes} min ${seconds} s` : `${seconds} s`;
}

/**
 * `1:59:58` or `9:58`: a time on the AWS clock in whole seconds. Countdowns round up, so a fresh
 * one shows 10:00; measurements pass Math.round.
 */
export function clock(ms: number, round: (seconds: number) => number = Math.ceil): string {
  const total = Math.max(0, round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * The words <apigw-timeout-lab> shows, per language. The server renders the fixed markup from
 * it; the browser script uses the functions for what it writes later.
 */
export const timeoutLabText = {
  ja: {
    title: 'タイムアウト実験室',
    intro:
      'この実験室は、上の接続パネルとは別に自分専用の接続を開き、2 つの時計を数えます。接続したら何もせずに待つか、キープアライブをオンにして、いつ・どのコードで切れるかを測ってください。',
    noscript:
      'この実験室は JavaScript で動きます。下の記録は、エミュレーターで実際に測ったときの結果です。',
    endpoint: 'エンドポイント',
    endpointHint: 'エンドポイントは接続パネルで変えられます。',
    checking: 'エンドポイントを確認しています…',
    modeEmulator: 'ローカルのエミュレーターです。この実験室の接続だけ、時間を速められます。',
    modeEmulatorFixed: (scale: number) =>
      `ローカルのエミュレーターですが、接続ごとの時間の速さには対応していません。起動時の --time-scale ${scale} で動きます。`,
    modeDeployed:
      'デプロイした API（またはエミュレーター以外）です。AWS の時計は速められないので、実際の 10 分と 2 時間で測ります。',
    modeNone: 'このエンドポイントでは何も応答しません。',
    modeUnchecked: '接続するときに、このエンドポイントがエミュレーターかどうかを確かめます。',
    settings: '設定',
    speed: '時間の速さ（エミュレーターのみ）',
    speedOption: (speed: number) =>
      speed === 1 ? '×1（実時間）' : `×${speed}（10 分 → ${600 / speed} 秒、2 時間 → ${7200 / speed >= 60 ? `${7200 / speed / 60} 分` : `${7200 / speed} 秒`}）`,
    speedHint:
      '速さは接続するときに決まります。エミュレーターだけが理解する x-emulator-time-scale パラメーターを URL に付け、エミュレーターはそれを $connect イベントに渡す前に取り除きます。',
    speedDeployed: 'デプロイした API では ×1 だけです。',
    keepAlive: 'キープアライブを送る',
    keepAliveMessage: '送るメッセージ',
    interval: 'キープアライブの間隔（AWS の時計で何秒おき）',
    intervalHint: (realMs: number, speed: number) =>
      speed === 1 ? '' : `×${speed} なので、実際には ${realDuration(realMs, 'ja')}おきに送ります。`,
    noPingFrames:
      'ブラウザの WebSocket には ping を送るメソッドがなく、JavaScript からは ping フレームを送れません。そこでキープアライブは {"action":"ping"} というふつうのデータメッセージです。1 通ごとに課金対象のメッセージ 1 件と Lambda の呼び出し 1 回になります。',
    connect: '接続',
    disconnect: '切断',
    reset: '実験室をリセット',
    resetDone: '設定と記録を消しました。',
    state: '状態',
    notConnected: '未接続',
    connecting: (url: string) => `${url} に接続しています…`,
    open: '接続中',
    closing: '切断しています…',
    connectedFor: '接続してから',
    idleIn: 'アイドルタイムアウトまで',
    maxIn: '2 時間の上限まで',
    keepAlivesSent: '送ったキープアライブ',
    awsClock: (time: string, realMs: number | null) => (realMs === null ? time : `${time}\n実時間 ${realDuration(realMs, 'ja')}`),
    countdownNote: 'アイドルの残り時間は、どちら向きでもデータメッセージが流れるたびに 10 分に戻ります。',
    expectations: 'AWS について分かっていること',
    expectIdle: 'アイドルタイムアウト（10 分間どちら向きにもメッセージなし）: close コード 1001、reason "Going away"。AWS のドキュメントにはなく、公開されている観察が複数一致しています。',
    expectMax: '2 時間の上限: close コードと reason は未確認です（エミュレーターは 1001 "Going away" を送ります）。',
    records: '測った切断',
    recordsEmpty: 'まだ記録はありません。',
    columns: {
      lasted: '接続していた時間',
      sinceActivity: '最後のメッセージから',
      close: 'close コードと reason',
      keepAlive: 'キープアライブ',
      cause: 'どの時計か',
      aws: 'AWS について分かっていること',
    },
    lasted: (ms: number, speed: number) =>
      speed === 1 ? realDuration(ms, 'ja') : `${realDuration(ms, 'ja')}（×${speed}、AWS の時計で ${clock(ms * speed, Math.round)}）`,
    sinceActivity: (ms: number, speed: number) =>
      speed === 1 ? realDuration(ms, 'ja') : `${realDuration(ms, 'ja')}（AWS の時計で ${clock(ms * speed, Math.round)}）`,
    closeCode: (code: number, reason: string) => (reason === '' ? `${code}（reason なし）` : `${code} "${reason}"`),
    keepAliveOff: 'オフ',
    keepAliveOn: (seconds: number, sent: number) => `${seconds} 秒おき（${sent} 回送信）`,
    causes: {
      idle: 'アイドルタイムアウト',
      max: '2 時間の上限',
      client: '自分で切断',
      other: 'どちらの時計でもない',
    } satisfies Record<CloseCause, string>,
    awsSays: {
      idle: (matches: boolean) =>
        `1001 "Going away"（観察）。${matches ? '一致しています。' : 'この記録とは違います。'}`,
      max: 'close コードは未確認（エミュレーターは 1001 "Going away"）。',
      client: '自分で閉じたので、送ったコードがそのまま返ります。',
      other: 'どちらの時計も切れていません。ネットワーク、プロキシ、スリープなど API Gateway 以外が切った可能性があります。',
    } as const,
    announceClosed: (lasted: string, code: number, reason: string, cause: string) =>
      `${lasted}で切断されました。code ${code}${reason === '' ? '' : `、reason "${reason}"`}。${cause}。`,
    transcriptTitle: '測った記録の例（エミュレーター、×60）',
    refused: 'サーバーは応答しましたが、WebSocket の接続は成立しませんでした。',
    cannotConnect: (message: string) => `接続できません: ${message}`,
  },
  en: {
    title: 'Timeout lab',
    intro:
      'This lab opens a connection of its own, separate from the connection panel above, and keeps both clocks for it. Connect, then wait without sending anything, or turn keep-alive on, and measure when the connection is closed and with what code.',
    noscript: 'This lab needs JavaScript. The record below was measured on the emulator.',
    endpoint: 'Endpoint',
    endpointHint: 'Change the endpoint in the connection panel.',
    checking: 'Checking the endpoint…',
    modeEmulator: 'The local emulator: time can be sped up for this lab’s connection only.',
    modeEmulatorFixed: (scale: number) =>
      `The local emulator, but it cannot warp time per connection: it runs at its startup --time-scale ${scale}.`,
    modeDeployed:
      'A deployed API (or something other than the emulator). AWS’s clocks cannot be sped up, so the lab measures the real 10 minutes and 2 hours.',
    modeNone: 'Nothing answers at this endpoint.',
    modeUnchecked: 'When you connect, the lab finds out whether this endpoint is the emulator.',
    settings: 'Settings',
    speed: 'Speed (emulator only)',
    speedOption: (speed: number) =>
      speed === 1
        ? '×1 (real time)'
        : `×${speed} (10 min → ${600 / speed} s, 2 h → ${7200 / speed >= 60 ? `${7200 / speed / 60} min` : `${7200 / speed} s`})`,
    speedHint:
      'The speed is fixed when you connect: the lab adds x-emulator-time-scale to the URL, a parameter only the emulator understands, and the emulator takes it out before the $connect event.',
    speedDeployed: 'A deployed API runs at ×1 only.',
    keepAlive: 'Send keep-alives',
    keepAliveMessage: 'Message sent',
    interval: 'Keep-alive interval (seconds on the AWS clock)',
    intervalHint: (realMs: number, speed: number) =>
      speed === 1 ? '' : `At ×${speed} that is one every ${realDuration(realMs, 'en')} of real time.`,
    noPingFrames:
      'A browser’s WebSocket has no method for sending a ping: JavaScript cannot send ping frames. So the keep-alive is an ordinary data message, {"action":"ping"}, and each one is a billed message and a Lambda invocation.',
    connect: 'Connect',
    disconnect: 'Disconnect',
    reset: 'Reset lab',
    resetDone: 'Settings and measurements cleared.',
    state: 'State',
    notConnected: 'not connected',
    connecting: (url: string) => `connecting to ${url}…`,
    open: 'open',
    closing: 'closing…',
    connectedFor: 'Connected for',
    idleIn: 'Idle timeout in',
    maxIn: '2-hour limit in',
    keepAlivesSent: 'Keep-alives sent',
    awsClock: (time: string, realMs: number | null) => (realMs === null ? time : `${time}\n${realDuration(realMs, 'en')} real`),
    countdownNote: 'The idle countdown goes back to 10 minutes whenever a data message flows, in either direction.',
    expectations: 'What is known about AWS',
    expectIdle:
      'Idle timeout (10 minutes with no message either way): close code 1001, reason "Going away". Not in AWS’s documentation; several independent public observations agree.',
    expectMax: '2-hour limit: the close code and reason are UNCONFIRMED (the emulator sends 1001 "Going away").',
    records: 'Measured disconnects',
    recordsEmpty: 'Nothing measured yet.',
    columns: {
      lasted: 'Lasted',
      sinceActivity: 'Since the last message',
      close: 'Close code and reason',
      keepAlive: 'Keep-alive',
      cause: 'Which clock',
      aws: 'What is known about AWS',
    },
    lasted: (ms: number, speed: number) =>
      speed === 1 ? realDuration(ms, 'en') : `${realDuration(ms, 'en')} (×${speed}: ${clock(ms * speed, Math.round)} on the AWS clock)`,
    sinceActivity: (ms: number, speed: number) =>
      speed === 1 ? realDuration(ms, 'en') : `${realDuration(ms, 'en')} (${clock(ms * speed, Math.round)} on the AWS clock)`,
    closeCode: (code: number, reason: string) => (reason === '' ? `${code} (no reason)` : `${code} "${reason}"`),
    keepAliveOff: 'off',
    keepAliveOn: (seconds: number, sent: number) => `every ${seconds} s (${sent} sent)`,
    causes: {
      idle: 'idle timeout',
      max: '2-hour limit',
      client: 'you closed it',
      other: 'neither clock',
    } satisfies Record<CloseCause, string>,
    awsSays: {
      idle: (matches: boolean) => `1001 "Going away" (observed). ${matches ? 'This matches.' : 'This measurement differs.'}`,
      max: 'Close code UNCONFIRMED (the emulator sends 1001 "Going away").',
      client: 'You closed it, so your own code comes back.',
      other: 'Neither clock had run out: something other than API Gateway (network, proxy, sleep) may have cut it.',
    } as const,
    announceClosed: (lasted: string, code: number, reason: string, cause: string) =>
      `Closed after ${lasted}: code ${code}${reason === '' ? '' : `, reason "${reason}"`}. ${cause[0]?.toUpperCase()}${cause.slice(1)}.`,
    transcriptTitle: 'A recorded example (the emulator, ×60)',
    refused: 'A server answered, but the WebSocket connection was not established.',
    cannotConnect: (message: string) => `cannot connect: ${message}`,
  },
} satisfies Record<Lang, unknown>;

export type TimeoutLabText = (typeof timeoutLabText)[Lang];
