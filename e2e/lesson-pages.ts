/** Every lesson the site should have, read from the MDX files: `{ lang, slug, path, order }`. */
import { readdirSync } from 'node:fs';

export interface LessonPage {
  lang: 'ja' | 'en';
  slug: string;
  order: number;
  path: string;
}

export function lessonPages(lang: 'ja' | 'en'): LessonPage[] {
  return readdirSync(new URL(`../site/content/lessons/${lang}/`, import.meta.url))
    .filter((file) => /^\d+-.+\.mdx$/.test(file))
    .sort()
    .map((file) => {
      const slug = file.replace(/^\d+-/, '').replace(/\.mdx$/, '');
      return { lang, slug, order: Number.parseInt(file, 10), path: lang === 'ja' ? `/${slug}/` : `/en/${slug}/` };
    });
}
