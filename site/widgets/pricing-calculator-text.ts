import type { Lang } from '../lib/i18n.ts';
import type { Region } from '../lib/pricing-examples.ts';
import type { ConnectedUnit, Field, Problem } from './pricing-calculator-model.ts';

/**
 * The words <apigw-pricing-calculator> shows, per language. Numbers arrive already formatted
 * (pricing-calculator-view.ts formats them), so these functions only place them in a sentence.
 */
export const pricingCalculatorText = {
  ja: {
    title: '料金計算機',
    noscript:
      'この計算機は JavaScript で動きます。JavaScript がない場合も、下に AWS の計算例（既定の入力）での結果を表示しています。',
    regionLabel: 'リージョン',
    regionNames: { 'us-east-1': 'us-east-1（バージニア北部）', 'ap-northeast-1': 'ap-northeast-1（東京）' } satisfies Record<
      Region,
      string
    >,
    usersLabel: 'ユーザー数',
    sentLabel: '1 人が 1 日に送るメッセージ数',
    receivedLabel: '1 人が 1 日に受け取るメッセージ数',
    receivedHint: '@connections での送信やルートレスポンスを含みます。',
    messageKbLabel: 'メッセージ 1 件の大きさ（KB）',
    messageKbHint: '32 KB ごとに 1 件と数えます。最大 128 KB です。',
    connectedLabel: '1 人が 1 日に接続している時間',
    connectedUnitLabel: '時間の単位',
    unitNames: { hours: '時間', minutes: '分' } satisfies Record<ConnectedUnit, string>,
    daysLabel: '1 か月の日数',
    freeTierLabel: '2025-07-15 より前に作った AWS アカウント（旧無料利用枠を差し引く）',
    freeTierHint: (messages: string, minutes: string) =>
      `毎月 ${messages} 件のメッセージと ${minutes} 接続分が、最初の 12 か月間無料になります。`,
    currencyLegend: 'あなたが決めたレートで換算（任意）',
    currencyHint:
      'このサイトは為替レートを取得しません。使いたいレート（銀行の今日のレートなど）を自分で入れてください。空欄ならドルだけを表示します。',
    rateLabel: 'あなたのレート（1 USD あたり）',
    currencyLabel: '通貨コード',
    reset: 'AWS の計算例に戻す',
    invalidTitle: '再計算していません。',
    invalidFooter: '下の結果は、最後に正しく入力された値のものです。',
    fieldNames: {
      region: 'リージョン',
      users: 'ユーザー数',
      sentPerDay: '送るメッセージ数',
      receivedPerDay: '受け取るメッセージ数',
      messageKb: 'メッセージの大きさ',
      connectedPerDay: '接続時間',
      connectedUnit: '時間の単位',
      days: '日数',
      legacyFreeTier: '無料利用枠',
      rate: 'レート',
      currency: '通貨コード',
    } satisfies Record<Field, string>,
    problem: (field: Field, problem: Problem, unit: ConnectedUnit, max: string): string => {
      switch (problem) {
        case 'empty':
          return field === 'rate' ? '数を入れるか、空欄にしてください。' : '数を入力してください。';
        case 'notANumber':
          return '数として読めません。1000 や 1,000 のように入力してください。';
        case 'notWhole':
          return '整数で入力してください。';
        case 'belowMin':
          if (field === 'messageKb') return '0 KB より大きくしてください。';
          if (field === 'days') return '1 日以上にしてください。';
          if (field === 'rate') return '0 より大きいレートを入れるか、空欄にしてください。';
          return '0 以上にしてください。';
        case 'aboveMax':
          if (field === 'messageKb')
            return 'WebSocket のメッセージは 128 KB までです。それを超えると API Gateway は接続を閉じます（1009）。';
          if (field === 'days') return '1 か月は最大 31 日です。';
          if (field === 'connectedPerDay') return unit === 'hours' ? '1 日は 24 時間です。' : '1 日は 1,440 分です。';
          if (field === 'sentPerDay' || field === 'receivedPerDay')
            return `${max} 件までにしてください（1 日中、毎秒 11 件を超える量です）。`;
          return `${max} までにしてください。`;
        case 'badCurrency':
          return 'JPY や EUR のような 3 文字の通貨コードを入れてください。';
        case 'badChoice':
          return '一覧から選んでください。';
      }
    },
    resultTitle: '1 か月の料金',
    totalLine: (total: string, messages: string, minutes: string) =>
      `1 か月 ${total}（メッセージ ${messages} ＋ 接続時間 ${minutes}）`,
    totalUnconfirmed: '（未確認の単価を含む）',
    converted: (amount: string, rate: string, currency: string) =>
      `あなたのレート（1 USD = ${rate} ${currency}）で約 ${amount}。最新のレートではありません。`,
    unconfirmedNote: (region: string, price: string) =>
      `⚠ 未確認の単価を含みます。${region} で月 10 億件を超えた分の単価は、どの出典にも見つかりません。ここでは 10 億件までと同じ ${price} で計算しています。`,
    messagesStep: (users: string, sent: string, received: string, days: string, total: string) =>
      `メッセージ: ${users} 人 ×（送信 ${sent} ＋ 受信 ${received}）× ${days} 日 = ${total} 件`,
    meteringStep: (kb: string, per: string, messages: string, billed: string) =>
      `32 KB 単位の計測: ${kb} KB のメッセージは 1 件あたり ${per} 件と数えます。${messages} × ${per} = 課金対象 ${billed} 件`,
    minutesStep: (users: string, perDay: string, unit: ConnectedUnit, days: string, total: string) =>
      unit === 'hours'
        ? `接続時間: ${users} 人 × ${perDay} 時間 × 60 分 × ${days} 日 = ${total} 接続分`
        : `接続時間: ${users} 人 × ${perDay} 分 × ${days} 日 = ${total} 接続分`,
    freeTierStep: (messagesOff: string, messagesLeft: string, minutesOff: string, minutesLeft: string) =>
      `旧無料利用枠: メッセージから ${messagesOff} 件を引いて ${messagesLeft} 件、接続時間から ${minutesOff} 分を引いて ${minutesLeft} 分`,
    tableCaption: '内訳（米ドル）',
    itemHeader: '項目',
    calculationHeader: '100 万単位の量 × 単価',
    amountHeader: '金額',
    firstTierRow: 'メッセージ（10 億件まで）',
    overTierRow: 'メッセージ（10 億件超）',
    minutesRow: '接続分',
    totalRow: '合計',
    unknownPrice: (used: string) => `不明（${used} で計算）`,
    prices: (region: string, source: string, checked: string) => `${region} の単価の出典: ${source}（確認: ${checked}）`,
    lowConfidence: 'AWS 自身の数字ではなく、1 件の信頼できる記録によるものです。使う前に AWS の料金ページで確かめてください。',
    plotTitle: 'ユーザー数と 1 か月の料金',
    plotSummary: (from: string, to: string, lowest: string, highest: string, users: string, total: string) =>
      `ユーザー ${from} 人から ${to} 人まで: ${lowest} から ${highest}。あなたの ${users} 人では ${total}。`,
    plotUnconfirmed: 'グラフの ▲ の点（表では ⚠）は、未確認の単価を含みます。',
    xAxis: 'ユーザー数',
    yAxis: '1 か月の料金（USD）',
    yourPoint: (users: string) => `あなた: ${users} 人`,
    pointTitle: (users: string, total: string) => `${users} 人: ${total}`,
    plotTableSummary: 'グラフの点を表で見る',
    plotTableCaption: 'ユーザー数ごとの 1 か月の料金',
    usersHeader: 'ユーザー数',
    usdHeader: '1 か月の料金（USD）',
    convertedHeader: (currency: string) => `あなたのレートで（${currency}）`,
    yourRow: '（あなたの入力）',
    unconfirmedMark: '⚠ 未確認の単価を含む',
  },
  en: {
    title: 'Pricing calculator',
    noscript:
      'This calculator needs JavaScript. Without it, the result below is for the default inputs: AWS’s own worked example.',
    regionLabel: 'Region',
    regionNames: { 'us-east-1': 'us-east-1 (N. Virginia)', 'ap-northeast-1': 'ap-northeast-1 (Tokyo)' } satisfies Record<
      Region,
      string
    >,
    usersLabel: 'Users',
    sentLabel: 'Messages each user sends a day',
    receivedLabel: 'Messages each user receives a day',
    receivedHint: 'Including @connections posts and route responses.',
    messageKbLabel: 'Size of each message (KB)',
    messageKbHint: 'Every started 32 KB counts as one message. At most 128 KB.',
    connectedLabel: 'Time each user is connected a day',
    connectedUnitLabel: 'Unit of time',
    unitNames: { hours: 'hours', minutes: 'minutes' } satisfies Record<ConnectedUnit, string>,
    daysLabel: 'Days in the month',
    freeTierLabel: 'My AWS account was created before 2025-07-15 (take off the old free tier)',
    freeTierHint: (messages: string, minutes: string) =>
      `${messages} messages and ${minutes} connection-minutes free each month, for the first 12 months.`,
    currencyLegend: 'Convert at your own rate (optional)',
    currencyHint:
      'This site fetches no exchange rate. Enter the rate you want to use, such as your bank’s rate today. Leave it empty to see dollars only.',
    rateLabel: 'Your rate (per 1 USD)',
    currencyLabel: 'Currency code',
    reset: 'Reset to AWS’s example',
    invalidTitle: 'Not recalculated.',
    invalidFooter: 'The result below is still for the last valid inputs.',
    fieldNames: {
      region: 'Region',
      users: 'Users',
      sentPerDay: 'Messages sent',
      receivedPerDay: 'Messages received',
      messageKb: 'Message size',
      connectedPerDay: 'Time connected',
      connectedUnit: 'Unit of time',
      days: 'Days',
      legacyFreeTier: 'Free tier',
      rate: 'Rate',
      currency: 'Currency code',
    } satisfies Record<Field, string>,
    problem: (field: Field, problem: Problem, unit: ConnectedUnit, max: string): string => {
      switch (problem) {
        case 'empty':
          return field === 'rate' ? 'Enter a number or leave it empty.' : 'Enter a number.';
        case 'notANumber':
          return 'That is not a number. Type it like 1000 or 1,000.';
        case 'notWhole':
          return 'Enter a whole number.';
        case 'belowMin':
          if (field === 'messageKb') return 'A message is more than 0 KB.';
          if (field === 'days') return 'Enter at least 1 day.';
          if (field === 'rate') return 'Enter a rate above 0, or leave it empty.';
          return 'Enter 0 or more.';
        case 'aboveMax':
          if (field === 'messageKb')
            return 'A WebSocket message is at most 128 KB: above that, API Gateway closes the connection (1009).';
          if (field === 'days') return 'A month has at most 31 days.';
          if (field === 'connectedPerDay') return unit === 'hours' ? 'A day has 24 hours.' : 'A day has 1,440 minutes.';
          if (field === 'sentPerDay' || field === 'receivedPerDay')
            return `Enter at most ${max} (more than 11 a second, all day).`;
          return `Enter at most ${max}.`;
        case 'badCurrency':
          return 'Enter a three-letter currency code, such as JPY or EUR.';
        case 'badChoice':
          return 'Pick one from the list.';
      }
    },
    resultTitle: 'Cost per month',
    totalLine: (total: string, messages: string, minutes: string) =>
      `${total} a month (messages ${messages} + connection-minutes ${minutes})`,
    totalUnconfirmed: ' (includes an unconfirmed price)',
    converted: (amount: string, rate: string, currency: string) =>
      `About ${amount} at your rate of 1 USD = ${rate} ${currency}. Not a live rate.`,
    unconfirmedNote: (region: string, price: string) =>
      `⚠ Includes an unconfirmed price. No source gives the ${region} price for messages above a billion a month; they are billed here at the first-tier price, ${price}.`,
    messagesStep: (users: string, sent: string, received: string, days: string, total: string) =>
      `Messages: ${users} users × (${sent} sent + ${received} received) × ${days} days = ${total}`,
    meteringStep: (kb: string, per: string, messages: string, billed: string) =>
      `32 KB metering: a ${kb} KB message bills as ${per} (one per started 32 KB). ${messages} × ${per} = ${billed} billed messages`,
    minutesStep: (users: string, perDay: string, unit: ConnectedUnit, days: string, total: string) =>
      unit === 'hours'
        ? `Connection-minutes: ${users} users × ${perDay} hours × 60 minutes × ${days} days = ${total}`
        : `Connection-minutes: ${users} users × ${perDay} minutes × ${days} days = ${total}`,
    freeTierStep: (messagesOff: string, messagesLeft: string, minutesOff: string, minutesLeft: string) =>
      `Old free tier: ${messagesOff} messages off leaves ${messagesLeft}; ${minutesOff} connection-minutes off leaves ${minutesLeft}`,
    tableCaption: 'Breakdown (US dollars)',
    itemHeader: 'Item',
    calculationHeader: 'Millions × price per million',
    amountHeader: 'Amount',
    firstTierRow: 'Messages, first billion',
    overTierRow: 'Messages above a billion',
    minutesRow: 'Connection-minutes',
    totalRow: 'Total',
    unknownPrice: (used: string) => `unknown (${used} used)`,
    prices: (region: string, source: string, checked: string) => `Prices for ${region} from: ${source} (checked ${checked})`,
    lowConfidence: 'Not AWS’s own figure but one reliable observation. Check AWS’s pricing page before you rely on it.',
    plotTitle: 'Monthly cost against number of users',
    plotSummary: (from: string, to: string, lowest: string, highest: string, users: string, total: string) =>
      `From ${from} to ${to} users: ${lowest} to ${highest}. Your ${users} users: ${total}.`,
    plotUnconfirmed: 'Triangle points (▲; ⚠ in the table) include an unconfirmed price.',
    xAxis: 'Number of users',
    yAxis: 'Cost per month (USD)',
    yourPoint: (users: string) => `You: ${users}`,
    pointTitle: (users: string, total: string) => `${users} users: ${total}`,
    plotTableSummary: 'The plotted points as a table',
    plotTableCaption: 'Cost per month by number of users',
    usersHeader: 'Users',
    usdHeader: 'Cost per month (USD)',
    convertedHeader: (currency: string) => `At your rate (${currency})`,
    yourRow: ' (your input)',
    unconfirmedMark: '⚠ includes an unconfirmed price',
  },
} satisfies Record<Lang, unknown>;

export type PricingCalculatorText = (typeof pricingCalculatorText)[Lang];
