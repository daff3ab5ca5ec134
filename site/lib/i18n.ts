/** The site's languages: Japanese at `/`, English under `/en/` (see astro.config.mjs). */
export const languages = ['ja', 'en'] as const;

export type Lang = (typeof languages)[number];

export function otherLang(lang: Lang): Lang {
  return lang === 'ja' ? 'en' : 'ja';
}

/** Words the layouts need, per language. Lesson prose lives in the MDX files, widget text in each widget. */
export const ui = {
  ja: {
    siteName: 'API Gateway WebSocket 入門',
    tagline: '手を動かして学ぶ AWS API Gateway の WebSocket API',
    languageName: '日本語',
    lessons: 'レッスン一覧',
    backToLessons: 'レッスン一覧へ戻る',
    skipToContent: '本文へ移動',
    lessonMap: 'レッスン一覧を開く',
    previous: '前のレッスン',
    next: '次のレッスン',
    lessonNumber: 'レッスン',
    progressVisited: '読んだ',
    progressDone: '確認問題に正解',
    resetProgress: '進み具合を消す',
    theme: 'テーマ',
    themeNames: { system: 'システムに合わせる', light: 'ライト', dark: 'ダーク' },
    copy: 'コピー',
    copied: 'コピーしました',
    copyFailed: 'コピーできませんでした',
    asideLabels: { note: 'メモ', unconfirmed: '未確認', warning: '注意' },
    widgetComing: 'ウィジェット準備中',
    check: {
      heading: '確認問題',
      submit: '答え合わせ',
      chooseFirst: '選択肢をひとつ選んでください。',
      correct: '正解です。',
      incorrect: '違います。',
      answers: '答えと解説',
      correctMark: '正解',
      incorrectMark: '不正解',
    },
  },
  en: {
    siteName: 'API Gateway WebSockets by doing',
    tagline: 'Learn AWS API Gateway WebSocket APIs hands-on',
    languageName: 'English',
    lessons: 'Lessons',
    backToLessons: 'Back to the lessons',
    skipToContent: 'Skip to content',
    lessonMap: 'All lessons',
    previous: 'Previous lesson',
    next: 'Next lesson',
    lessonNumber: 'Lesson',
    progressVisited: 'read',
    progressDone: 'check passed',
    resetProgress: 'Clear my progress',
    theme: 'Theme',
    themeNames: { system: 'Match the system', light: 'Light', dark: 'Dark' },
    copy: 'Copy',
    copied: 'Copied',
    copyFailed: 'Could not copy',
    asideLabels: { note: 'Note', unconfirmed: 'Unconfirmed', warning: 'Warning' },
    widgetComing: 'Widget coming',
    check: {
      heading: 'Check your understanding',
      submit: 'Check my answer',
      chooseFirst: 'Choose one of the answers first.',
      correct: 'Correct.',
      incorrect: 'Not quite.',
      answers: 'Answers and explanations',
      correctMark: 'correct',
      incorrectMark: 'wrong',
    },
  },
} as const;
