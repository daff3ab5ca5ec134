import { expect, test } from './fixtures.ts';
import { formatUsd } from '../site/client/pricing.ts';
import { demoCost } from '../site/lib/demo-usage.ts';

// The deploy lesson in both languages shows the demo's monthly cost as the pricing module computes it.
for (const path of ['/deploy/', '/en/deploy/']) {
  test(`${path} shows the computed monthly cost and the commands`, async ({ page }) => {
    await page.goto(path);
    const rows = page.getByRole('row');
    await expect(rows.filter({ hasText: 'us-east-1' })).toContainText(formatUsd(demoCost('us-east-1').totalUsd));
    await expect(rows.filter({ hasText: 'ap-northeast-1' })).toContainText(formatUsd(demoCost('ap-northeast-1').totalUsd));
    await expect(page.getByText('npm run deploy:sample', { exact: false }).first()).toBeVisible();
    await expect(page.getByText('npm run remove:sample', { exact: false }).first()).toBeVisible();
  });
}
