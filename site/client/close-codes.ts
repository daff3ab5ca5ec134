/**
 * What a WebSocket close code means for a reader of this tutorial, in words, per language.
 * Codes from RFC 6455 §7.4.1 (https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1);
 * which ones API Gateway sends, and when, from the project's AWS behaviour reference §2.2 and §7.
 * Pure, so that every widget explains a close the same way.
 */
import type { Lang } from '../lib/i18n.ts';

export interface CloseFacts {
  code: number;
  /** True when this side asked for the close (the reader pressed Disconnect). */
  requested: boolean;
  /** False when the socket never opened: the handshake failed or nothing answered. */
  everOpened: boolean;
}

const explanations = {
  ja: {
    1000: {
      requested: '正常な切断です。あなたが切断しました。バックエンドには $disconnect が届きます。',
      other: '正常な切断です。サーバーが閉じました。API Gateway では、バックエンドが @connections API の DeleteConnection を呼んだときに、このコードになると見られています（未確認）。',
    },
    1001: 'Going away（離脱）です。API Gateway は、10 分間メッセージがないと（アイドルタイムアウト）このコードで閉じます。接続から 2 時間の上限でも同じコードと見られています（未確認）。どちらの上限も引き上げられないので、クライアントは再接続します。ブラウザがページを離れるときにも送ります。',
    1002: 'プロトコルエラーです。WebSocket の規則に反するフレームを受け取った側が閉じました。',
    1003: '受け付けられないデータです。API Gateway はクライアントからのバイナリフレームを受け付けず、1003 で閉じます。バイナリは base64 のテキストにして送ります。',
    1005: '状態コードがありません。close フレームにコードが入っていませんでした（ブラウザが表示するだけの値で、実際に送られるコードではありません）。',
    1006: {
      opened: '異常な切断です。close フレームなしで接続が切れました。ネットワークが切れたか、サーバーが止まった可能性があります（ブラウザが表示するだけの値です）。',
      never: '接続できませんでした。ハンドシェイクが失敗したか、何も応答しませんでした。ブラウザは HTTP のステータスを見せず、1006 とだけ伝えます。',
    },
    1007: '不正なデータです。テキストフレームの中身が正しい UTF-8 ではありませんでした。',
    1008: 'ポリシー違反です。受け取った側の決まりに反するメッセージでした。',
    1009: 'メッセージが大きすぎます。API Gateway は 32 KB を超えるフレームか、128 KB を超えるメッセージを受け取ると 1009 で閉じます。ブラウザは 1 つのメッセージを 1 つのフレームで送るので、ブラウザから送れるのは実質 32 KB までです。',
    1010: '拡張機能の交渉が失敗しました。クライアントが必要とした拡張をサーバーが返しませんでした。',
    1011: 'サーバー内部のエラーです。API Gateway は Lambda の失敗ではこのコードを使いません。統合のエラーはエラーメッセージとして届き、接続は続きます。',
    1012: 'サーバーが再起動しています。少し待ってから再接続します。',
    1013: 'サーバーが混んでいます。少し待ってから再接続します。',
    1014: 'ゲートウェイの先のサーバーから、正しい応答がありませんでした。',
    1015: 'TLS のハンドシェイクが失敗しました。証明書を確かめてください（ブラウザが表示するだけの値です）。',
    library: '3000〜3999 はライブラリやフレームワーク用に登録されたコードです。',
    application: '4000〜4999 はアプリケーションが自由に使えるコードです。意味は、閉じた側のコードを見て確かめます。',
    unknown: 'RFC 6455 が意味を決めていないコードです。',
  },
  en: {
    1000: {
      requested: 'Normal closure: you closed it. The backend now receives $disconnect.',
      other: 'Normal closure: the server closed it. On API Gateway this is most likely what you see when the backend calls DeleteConnection on the @connections API (not confirmed).',
    },
    1001: 'Going away. API Gateway closes with this code after 10 minutes without a message (the idle timeout), and most likely also at the 2-hour connection limit (not confirmed). Neither limit can be raised, so clients reconnect. A browser also sends it when it leaves the page.',
    1002: 'Protocol error: one side received a frame that breaks the WebSocket rules.',
    1003: 'Unsupported data. API Gateway does not accept binary frames from clients and closes with 1003; send binary data as base64 text.',
    1005: 'No status: the close frame carried no code. (Browsers report this value; it is never sent.)',
    1006: {
      opened: 'Abnormal closure: the connection ended without a close frame. The network may have dropped, or the server stopped. (Browsers report this value; it is never sent.)',
      never: 'The connection was never established: the handshake failed or nothing answered. The browser does not show the HTTP status; it reports only 1006.',
    },
    1007: 'Invalid data: a text frame was not valid UTF-8.',
    1008: 'Policy violation: the message broke a rule of the side that closed.',
    1009: 'Message too big. API Gateway closes with 1009 when a frame is over 32 KB or a message is over 128 KB. A browser sends each message as a single frame, so from a browser the real limit is 32 KB.',
    1010: 'An extension the client required was not negotiated by the server.',
    1011: 'Internal error on the server. API Gateway does not use it for a failing Lambda: an integration error comes back as an error message and the connection stays open.',
    1012: 'The server is restarting; reconnect after a short wait.',
    1013: 'The server is overloaded; reconnect after a short wait.',
    1014: 'A gateway got no valid answer from the server behind it.',
    1015: 'The TLS handshake failed; check the certificate. (Browsers report this value; it is never sent.)',
    library: 'Codes 3000–3999 are registered for libraries and frameworks.',
    application: 'Codes 4000–4999 are free for applications; the side that closed decides what they mean.',
    unknown: 'RFC 6455 gives this code no meaning.',
  },
} satisfies Record<Lang, unknown>;

/** One or two sentences on why the connection closed with `facts.code`. */
export function explainClose(lang: Lang, facts: CloseFacts): string {
  const words = explanations[lang];
  const { code } = facts;
  if (code === 1000) return facts.requested ? words[1000].requested : words[1000].other;
  if (code === 1006) return facts.everOpened ? words[1006].opened : words[1006].never;
  if (code >= 3000 && code <= 3999) return words.library;
  if (code >= 4000 && code <= 4999) return words.application;
  const fixed = (words as Record<number, unknown>)[code];
  return typeof fixed === 'string' ? fixed : words.unknown;
}
