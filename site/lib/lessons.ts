import { getCollection, type CollectionEntry } from 'astro:content';
import { getRelativeLocaleUrl } from 'astro:i18n';
import type { Lang } from './i18n.ts';

export type Lesson = CollectionEntry<'lessons'>;

/** The URL slug of a lesson: `ja/01-introduction` becomes `introduction`. */
export function lessonSlug(lesson: Lesson): string {
  const fileName = lesson.id.split('/').at(-1) ?? lesson.id;
  return fileName.replace(/^\d+-/, '');
}

/** The `[...slug]` route parameter: the slug, prefixed with the language except for the default one. */
export function lessonRouteParam(lesson: Lesson): string {
  return lesson.data.lang === 'ja' ? lessonSlug(lesson) : `${lesson.data.lang}/${lessonSlug(lesson)}`;
}

export function lessonHref(lesson: Lesson): string {
  return getRelativeLocaleUrl(lesson.data.lang, lessonSlug(lesson));
}

export function homeHref(lang: Lang): string {
  return getRelativeLocaleUrl(lang);
}

/** The lessons of one language, in reading order. */
export async function getLessons(lang: Lang): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', (lesson) => lesson.data.lang === lang);
  return lessons.sort((a, b) => a.data.order - b.data.order);
}

/** The same lesson in another language, matched by slug; undefined until it has been written. */
export async function findTranslation(lesson: Lesson, lang: Lang): Promise<Lesson | undefined> {
  const candidates = await getLessons(lang);
  return candidates.find((candidate) => lessonSlug(candidate) === lessonSlug(lesson));
}
