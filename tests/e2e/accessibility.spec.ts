import { expect, test } from '@playwright/test';
import { axeViolations } from './support/axe';

const pages = ['/', '/join', '/about', '/recipe', '/no-such-page'];

for (const language of ['nl', 'fr', 'en']) {
  for (const path of pages) {
    test(`${path} in ${language} has no axe violations`, async ({ page }) => {
      await page.setExtraHTTPHeaders({ 'Accept-Language': language });
      await page.goto(path);
      await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
      expect(await axeViolations(page)).toEqual([]);
    });
  }
}

test('the join page with an error shown has no axe violations', async ({ page }) => {
  await page.setExtraHTTPHeaders({ 'Accept-Language': 'nl' });
  await page.goto('/join');
  await page.getByRole('button', { name: 'Meedoen', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
