/**
 * The Shiki themes of every code block on the site, Markdown fences and CodeFile alike. The
 * high-contrast GitHub themes, because the plain ones have token colours below WCAG AA contrast
 * (orange #E36209 on white is 3.5:1; grey comments on the dark background 3.0:1), which axe reports.
 */
export const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' } as const;
