/**
 * Keeps the reader's place across the language switch. Headings differ between the editions, but
 * both have the same sections in the same order, so the place travels as a section number:
 * `#section-3` opens the other edition at its third `##` section.
 */

const SECTION_HASH = /^#section-(\d+)$/;

function sections(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('article h2')];
}

/** Adds the section being read to the switch link's address when it is followed. */
export function carryPlace(link: HTMLAnchorElement): void {
  link.addEventListener('click', () => {
    const reading = sections().filter((heading) => heading.getBoundingClientRect().top < window.innerHeight / 3).length;
    const url = new URL(link.href);
    url.hash = reading > 0 ? `section-${reading}` : '';
    link.href = url.href;
  });
}

/** Scrolls to the section named by `#section-N`, if the page was opened with one. */
export function restorePlace(): void {
  const match = SECTION_HASH.exec(location.hash);
  if (!match) return;
  sections()[Number(match[1]) - 1]?.scrollIntoView();
}
