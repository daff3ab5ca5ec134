/**
 * Shows the reader's progress beside every lesson link on the page (the lesson map and the home
 * page's list): a symbol plus words, so colour is never the only signal.
 */
import { readProgress, type LessonProgress } from './progress.ts';

export interface ProgressWords {
  visited: string;
  done: string;
}

const SYMBOLS: Record<LessonProgress, string> = { visited: '●', done: '✓' };

export function showProgress(words: ProgressWords): void {
  const progress = readProgress();
  for (const item of document.querySelectorAll<HTMLElement>('[data-lesson-slug]')) {
    item.querySelector('.progress-mark')?.remove();
    const state = progress[item.dataset.lessonSlug ?? ''];
    item.dataset.progress = state ?? 'none';
    if (!state) continue;
    const mark = document.createElement('span');
    mark.className = 'progress-mark';
    const symbol = document.createElement('span');
    symbol.setAttribute('aria-hidden', 'true');
    symbol.textContent = ` ${SYMBOLS[state]}`;
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = ` (${words[state]})`;
    mark.append(symbol, label);
    item.querySelector('a')?.after(mark);
  }
}

/** Esc closes an open lesson map and gives focus back to its summary. */
export function closeOnEscape(details: HTMLDetailsElement): void {
  details.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !details.open) return;
    details.open = false;
    details.querySelector('summary')?.focus();
  });
}
