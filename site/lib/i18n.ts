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
  },
  en: {
    siteName: 'API Gateway WebSockets by doing',
    tagline: 'Learn AWS API Gateway WebSocket APIs hands-on',
    languageName: 'English',
    lessons: 'Lessons',
    backToLessons: 'Back to the lessons',
    skipToContent: 'Skip to content',
  },
} as const satisfies Record<Lang, Record<string, string>>;
