import { expect, test } from '@playwright/test';
import { axeViolations } from './support/axe';

const pages = ['/', '/join', '/about', '/recipe', '/no-such-page'];

for (const language of ['nl', 'fr', 'en']) {
  test.describe(language, () => {
    test.use({ locale: language });
    for (const path of pages) {
      test(`${path} in ${language} has no axe violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('lang', language);
        await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
        expect(await axeViolations(page)).toEqual([]);
      });
    }
  });
}

test('the join page with an error shown has no axe violations', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  await page.goto('/join');
  await page.getByRole('button', { name: 'Meedoen', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});
