import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe's violations on the page as it is now, one line each (`rule: selectors`), so that a failure
 * names what to fix.
 *
 * Legacy mode runs axe in the page's one frame, instead of running it in every frame and
 * combining the results in a second, blank page; the site has no iframes, so it checks the same
 * and takes a third of the time. Only violations are asked for: the details of everything that
 * passed are what makes a long lesson slow to check. `rules` narrows the check to those rules (a
 * second theme changes only colours, so it needs only the colour rules).
 */
export async function accessibilityViolations(page: Page, { rules }: { rules?: string[] } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] });
  if (rules) builder = builder.withRules(rules);
  const results = await builder.analyze();
  return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
