/**
 * How far the reader has got, per lesson, kept in localStorage. A lesson is `visited` once opened
 * and `done` once its knowledge check was answered correctly. Both languages share one record,
 * keyed by the lesson's slug. When storage is blocked, progress simply is not remembered.
 */

export type LessonProgress = 'visited' | 'done';

/** Fired (bubbling) by a knowledge check answered correctly. */
export const CHECK_PASSED_EVENT = 'apigw-check-passed';

const STORAGE_KEY = 'apigw-tutorial:progress';

export function readProgress(): Record<string, LessonProgress> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return {};
    return Object.fromEntries(
      Object.entries(stored).filter((entry): entry is [string, LessonProgress] => entry[1] === 'visited' || entry[1] === 'done'),
    );
  } catch {
    return {};
  }
}

function writeProgress(progress: Record<string, LessonProgress>): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Storage blocked or full: the page works the same, it just forgets.
  }
}

/** Records a visit, never downgrading a lesson already done. */
export function markVisited(slug: string): void {
  const progress = readProgress();
  if (progress[slug] === 'done') return;
  writeProgress({ ...progress, [slug]: 'visited' });
}

export function markDone(slug: string): void {
  writeProgress({ ...readProgress(), [slug]: 'done' });
}

export function clearProgress(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
