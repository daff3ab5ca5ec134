import type { Lang } from '../lib/i18n.ts';

/** The four attempts the lab offers, with the token each one sends (none for the first). */
export const AUTH_ATTEMPTS = [
  { kind: 'none', token: null },
  { kind: 'wrong', token: 'not-a-real-token' },
  { kind: 'banned', token: 'tutorial-token-mallory' },
  { kind: 'alice', token: 'tutorial-token-alice' },
] as const;

export type AttemptKind = (typeof AUTH_ATTEMPTS)[number]['kind'];

/** What the lab sends once it is in, to see what `$default` knows about the sender. */
export const IDENTITY_QUESTION = 'who am I?';

/**
 * The words <apigw-auth-lab> shows, per language. The server renders the fixed markup from it;
 * the browser script uses it for each attempt it records.
 */
export const authLabText = {
  ja: {
    title: '認可の実験: 誰が接続できるか',
    noscript: 'この実験には JavaScript が必要です。下の wscat のコマンドで、同じことをターミナルから試せます。',
    intro:
      '4 つのボタンは、認可の Lambda オーソライザーが付いた API（サンプルの 2 つ目の API）に、それぞれ違うトークンで接続します。ブラウザーが見たものと、サーバーが実際に答えたものを並べて表示します。',
    endpoint: 'オーソライザー付き API のエンドポイント',
    useDeployed: 'デプロイした API を使う',
    useLocal: 'ローカルのエミュレーターに戻す',
    attemptsLegend: 'トークンを選んで接続する',
    attempt: {
      none: 'トークンなし',
      wrong: '間違ったトークン',
      banned: 'Mallory のトークン（利用停止中）',
      alice: 'Alice のトークン',
    } satisfies Record<AttemptKind, string>,
    attemptsLabel: '接続の記録',
    attemptsEmpty: 'まだ接続していません。上のボタンを押してください。',
    clear: '記録を消す',
    url: 'URL',
    browserSaw: 'ブラウザーが見たもの',
    serverAnswered: 'サーバーの答え',
    authorizerLabel: 'オーソライザー',
    replyLabel: '$default の返事（requestContext.authorizer）',
    wscatLabel: 'ターミナルで同じことを試す',
    wscatPrints: (line: string) => `wscat の表示: ${line}`,
    connecting: '接続中…',
    opened: 'open（readyState 1）。接続できました',
    failed: (code: number, wasClean: boolean) => `error のあと close（code ${code}、wasClean: ${wasClean}）。ブラウザーには HTTP ステータスが知らされません`,
    closedAfterReply: '返事を受け取ったので、このウィジェットが接続を閉じました（code 1000）',
    status: (status: number, reason: string | null) => `HTTP ${status} ${statusName(status)}${reason ? ` — ${translateReason(reason)}` : ''}`,
    statusUnknownDeployed: 'デプロイした API では、ページからは分かりません。下の wscat のコマンドで確かめてください',
    statusUnknownFeed: 'エミュレーターの記録に、この接続が見つかりませんでした',
    noBackend: (endpoint: string) => `${endpoint} では何も応答しません。npm start を実行してから、もう一度押してください`,
    authorizerNotRun: '呼ばれていません（API Gateway が呼ぶ前に断りました）',
    authorizerThrew: (message: string) => `呼ばれ、エラー「${message}」を投げました`,
    authorizerPolicy: (effect: string, principalId: string) => `呼ばれ、principalId「${principalId}」に ${effect} のポリシーを返しました`,
    authorizerOther: '呼ばれましたが、ポリシーを返しませんでした',
    authorizerUnknownDeployed: 'デプロイした API では、ページからは分かりません（CloudWatch Logs で確かめられます）',
    waitingReply: `「${IDENTITY_QUESTION}」を送り、返事を待っています…`,
    sent: (message: string) => `送信: ${message}`,
    invalidEndpoint: 'ws:// か wss:// で始まる URL を入れてください',
  },
  en: {
    title: 'Authorization lab: who may connect',
    noscript: 'This lab needs JavaScript. The wscat commands below try the same from a terminal.',
    intro:
      "Each of the four buttons connects to the API with a Lambda authorizer (the sample's second API) with a different token. The lab shows what the browser saw beside what the server really answered.",
    endpoint: 'Endpoint of the API with the authorizer',
    useDeployed: 'Use my deployed API',
    useLocal: 'Back to the local emulator',
    attemptsLegend: 'Choose a token and connect',
    attempt: {
      none: 'No token',
      wrong: 'Wrong token',
      banned: "Mallory's token (banned)",
      alice: "Alice's token",
    } satisfies Record<AttemptKind, string>,
    attemptsLabel: 'Connection attempts',
    attemptsEmpty: 'No attempts yet. Press one of the buttons above.',
    clear: 'Clear the record',
    url: 'URL',
    browserSaw: 'The browser saw',
    serverAnswered: 'The server answered',
    authorizerLabel: 'Authorizer',
    replyLabel: "$default's reply (requestContext.authorizer)",
    wscatLabel: 'The same from a terminal',
    wscatPrints: (line: string) => `wscat prints: ${line}`,
    connecting: 'Connecting…',
    opened: 'open (readyState 1): connected',
    failed: (code: number, wasClean: boolean) => `error, then close (code ${code}, wasClean: ${wasClean}). The browser is not told the HTTP status`,
    closedAfterReply: 'The reply came, so the lab closed the connection (code 1000)',
    status: (status: number, reason: string | null) => `HTTP ${status} ${statusName(status)}${reason ? ` — ${reason}` : ''}`,
    statusUnknownDeployed: 'A page cannot tell on a deployed API. Run the wscat command below to see it',
    statusUnknownFeed: "The emulator's record does not show this connection",
    noBackend: (endpoint: string) => `Nothing answers at ${endpoint}. Run npm start, then press the button again`,
    authorizerNotRun: 'Not called (API Gateway refused before calling it)',
    authorizerThrew: (message: string) => `Called; it threw "${message}"`,
    authorizerPolicy: (effect: string, principalId: string) => `Called; it returned a policy with ${effect} for principalId "${principalId}"`,
    authorizerOther: 'Called; it returned no policy',
    authorizerUnknownDeployed: 'A page cannot tell on a deployed API (its CloudWatch Logs can)',
    waitingReply: `Sent "${IDENTITY_QUESTION}", waiting for the reply…`,
    sent: (message: string) => `Sent: ${message}`,
    invalidEndpoint: 'Enter a URL that starts with ws:// or wss://',
  },
} satisfies Record<Lang, unknown>;

export type AuthLabText = (typeof authLabText)[Lang];

function statusName(status: number): string {
  const names: Record<number, string> = { 101: 'Switching Protocols', 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway' };
  return names[status] ?? '';
}

/** The emulator's reasons are English; the Japanese edition says the common ones in Japanese. */
function translateReason(reason: string): string {
  if (reason.startsWith('identity source ')) return `ID ソース ${reason.slice('identity source '.length).replace(' is missing or empty', '')} がないか空です`;
  if (reason === 'the authorizer answered Unauthorized') return 'オーソライザーが Unauthorized と答えました';
  if (reason.startsWith('the policy denies ')) return `ポリシーが ${reason.slice('the policy denies '.length)} を拒否しています`;
  if (reason === '$connect refused the connection') return '$connect のハンドラーが接続を断りました';
  return reason;
}

/** What wscat prints for a handshake with this status: its own words, so the reader recognises them. */
export function wscatLine(status: number): string {
  return status === 101 ? 'Connected (press CTRL+C to quit)' : `error: Unexpected server response: ${status}`;
}
