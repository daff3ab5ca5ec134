import type { Lang } from '../lib/i18n.ts';
import type { Rich } from '../client/rich-text.ts';
import type { RouteExplanation } from '../client/route-explanation.ts';

/** The three steps API Gateway takes, and the verdict, in words. */
export interface ExplanationWords {
  json: Rich;
  value: Rich;
  route: Rich;
  verdict: Rich;
}

const q = (value: string) => JSON.stringify(value);
const field = (paths: string[][]) => paths.map((path) => path.join('.')).join(', ');

/**
 * The words <apigw-route-explainer> shows, per language. The server renders the fixed markup and
 * the first prediction from it; the browser uses it for every prediction after that.
 */
export const routeExplainerText = {
  ja: {
    title: 'ルート選択の説明',
    noscript:
      'このウィジェットは JavaScript で動きます。JavaScript がない場合は、下に最初の入力での結果だけを表示しています。',
    expression: 'ルート選択式',
    routes: 'ルート',
    routesFromEmulator: '（エミュレーターから取得）',
    routesFromSample: '（sample-backend/serverless.yml から）',
    tryLabel: '試すメッセージ',
    tryHint: '入力するたびに、API Gateway が選ぶルートを下に表示します。',
    presets: '例',
    send: 'このメッセージを送信',
    reset: 'リセット',
    predictionHeading: 'API Gateway ならこうする',
    sentHeading: '送ったメッセージ',
    sentEmpty: 'まだありません。上のパネル（またはここ）で送ったメッセージごとに、選ばれたルートと理由を表示します。',
    messageLabel: 'メッセージ',
    stepsLabel: '手順',
    status: {
      checking: 'エンドポイントを確認しています…',
      local: 'エミュレーターのルートで予測しています。送ったメッセージには、エミュレーターが実際に選んだルートも並べて表示します。',
      localDown: 'エミュレーターのフィードが途切れました。予測は続けます。実際に選ばれたルートは、エミュレーターが応答を再開してから表示します。',
      remote:
        'サンプルバックエンドのルートで予測しています。実際に選ばれたルートはブラウザーからは見えません（エミュレーターでは見えます）。',
    },
    notOpen: '送信するには、先に上のパネルで接続してください。',
    actualWaiting: 'エミュレーターの選択を待っています…',
    actual: (routeKey: string | null, agrees: boolean): Rich => [
      'エミュレーターが実際に選んだルート: ',
      routeKey === null ? { code: 'Forbidden' } : { code: routeKey },
      agrees ? '（予測どおり ✓）' : '（予測と違う ✗）',
    ],
    explain: (e: RouteExplanation, expression: string): ExplanationWords => ({
      json:
        e.outcome === 'not-json'
          ? ['1. JSON ですか？ いいえ。JSON のオブジェクトとして読めないので、式が読むものがありません。']
          : ['1. JSON ですか？ はい。'],
      value:
        e.outcome === 'not-json'
          ? ['2. ', { code: expression }, ' の値: なし。']
          : e.outcome === 'no-field'
            ? ['2. ', { code: expression }, ' の値: 空文字列。', { code: field(e.paths) }, ' フィールドがありません。']
            : ['2. ', { code: expression }, ' の値: ', { code: q(e.value ?? '') }, '（下の JSON で印を付けたフィールド）'],
      route:
        e.outcome === 'matched'
          ? ['3. ルートキーと完全一致で比べる: ', { code: e.value ?? '' }, ' という名前のルートがあります。']
          : e.outcome === 'reserved'
            ? ['3. ', { code: e.value ?? '' }, ' は API Gateway 専用のルートで、メッセージからは選べません。']
            : e.outcome === 'no-route'
              ? [
                  '3. ルートキーと完全一致で比べる: ',
                  { code: q(e.value ?? '') },
                  ' という名前のルートはありません。',
                  ...(e.differsInCaseFrom === null
                    ? []
                    : ['（', { code: e.differsInCaseFrom }, ' はありますが、大文字と小文字は区別されます。）']),
                ]
              : ['3. 比べる値がないので、どのルートとも一致しません。'],
      verdict:
        e.routeKey === null
          ? ['結果: 一致するルートも ', { code: '$default' }, ' もないので、Lambda は呼ばれず、', { code: 'Forbidden' }, ' のエラーフレームが返ります（接続は切れません）。']
          : e.outcome === 'matched'
            ? ['結果: ルート ', { code: e.routeKey }, ' の Lambda が呼ばれます。']
            : ['結果: ', { code: '$default' }, ' ルートの Lambda が呼ばれます。'],
    }),
  },
  en: {
    title: 'Route explainer',
    noscript: 'This widget needs JavaScript. Without it, below is the result for the first message only.',
    expression: 'Route selection expression',
    routes: 'Routes',
    routesFromEmulator: '(from the emulator)',
    routesFromSample: '(from sample-backend/serverless.yml)',
    tryLabel: 'Message to try',
    tryHint: 'As you type, the route API Gateway would choose is shown below.',
    presets: 'Examples',
    send: 'Send this message',
    reset: 'Reset',
    predictionHeading: 'What API Gateway would do',
    sentHeading: 'Messages you sent',
    sentEmpty: 'None yet. For each message you send (in the panel above, or here), the route chosen and the reason appear here.',
    messageLabel: 'Message',
    stepsLabel: 'Steps',
    status: {
      checking: 'Checking the endpoint…',
      local: "Predicting with the emulator's routes. Beside each message you send, the route the emulator actually chose appears too.",
      localDown: "The emulator's feed stopped. Predictions go on; the route actually chosen appears again once the emulator answers.",
      remote:
        "Predicting with the sample backend's routes. The route actually chosen is not visible from the browser (on the emulator it is).",
    },
    notOpen: 'To send, connect in the panel above first.',
    actualWaiting: "Waiting for the emulator's choice…",
    actual: (routeKey: string | null, agrees: boolean): Rich => [
      'The emulator chose: ',
      routeKey === null ? { code: 'Forbidden' } : { code: routeKey },
      agrees ? ' (as predicted ✓)' : ' (not as predicted ✗)',
    ],
    explain: (e: RouteExplanation, expression: string): ExplanationWords => ({
      json:
        e.outcome === 'not-json'
          ? ['1. Is it JSON? No. It does not parse as a JSON object, so the expression has nothing to read.']
          : ['1. Is it JSON? Yes.'],
      value:
        e.outcome === 'not-json'
          ? ['2. ', { code: expression }, ' gives: nothing.']
          : e.outcome === 'no-field'
            ? ['2. ', { code: expression }, ' gives an empty string: there is no ', { code: field(e.paths) }, ' field.']
            : ['2. ', { code: expression }, ' gives ', { code: q(e.value ?? '') }, ' (the field marked in the JSON below).'],
      route:
        e.outcome === 'matched'
          ? ['3. Compared with the route keys, exactly: a route named ', { code: e.value ?? '' }, ' exists.']
          : e.outcome === 'reserved'
            ? ['3. ', { code: e.value ?? '' }, " is one of API Gateway's own routes; a message can never select it."]
            : e.outcome === 'no-route'
              ? [
                  '3. Compared with the route keys, exactly: no route is named ',
                  { code: q(e.value ?? '') },
                  '.',
                  ...(e.differsInCaseFrom === null
                    ? []
                    : [' (There is ', { code: e.differsInCaseFrom }, ', but case matters.)']),
                ]
              : ['3. With no value to compare, no route can match.'],
      verdict:
        e.routeKey === null
          ? ['Result: no route matches and there is no ', { code: '$default' }, ', so no Lambda runs and the client gets a ', { code: 'Forbidden' }, ' error frame (the connection stays open).']
          : e.outcome === 'matched'
            ? ['Result: the ', { code: e.routeKey }, " route's Lambda is called."]
            : ['Result: the ', { code: '$default' }, " route's Lambda is called."],
    }),
  },
} satisfies Record<Lang, unknown>;

export type RouteExplainerText = (typeof routeExplainerText)[Lang];
