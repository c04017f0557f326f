import { expect, test } from '@playwright/test';
import { newPersonContext } from './support/accounts';
import { nl } from './support/sessions';

/**
 * Issue 12, item 4: typing in the organisation search and pressing Enter while the type-ahead
 * is still on its way must never replace the registration page with "page not found", nor lose
 * what she typed. The facility's slow Wi-Fi is played by holding the app's own requests (route
 * discovery, the search, loader data) 300 ms: before the fix this made Enter at 300 ms end on
 * the 404 every time. Tried at 50, 150 and 300 ms after the last key, four fresh pages each.
 */
for (const delay of [50, 150, 300]) {
  test(`the organisation search with Enter ${delay} ms after typing stays on the registration page and keeps what she typed`, async ({ browser }) => {
    const context = await newPersonContext(browser);
    for (let attempt = 0; attempt < 4; attempt++) {
      const page = await context.newPage();
      await page.route(/__manifest|\/organisations\/search|_data=/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        await route.continue();
      });
      await page.goto('/account/register');
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      const search = page.getByLabel(nl('account.organisation.searchLabel'));
      // The search is not her own organisation's name: autofill leaves it alone (the new organisation's name keeps it).
      await expect(search).toHaveAttribute('autocomplete', 'off');
      await expect(page.getByLabel(nl('account.organisation.name'))).toHaveAttribute('autocomplete', 'organization');
      await search.pressSequentially('Demo', { delay: 30 });
      await page.waitForTimeout(delay);
      await search.press('Enter');
      // The demo organisation is found, on the same page, with what she typed still there.
      await expect(page.getByRole('radio', { name: /Demo: Jeugdhulp De Linde/ })).toBeVisible();
      await page.waitForTimeout(800);
      await expect(page.getByRole('heading', { name: nl('errors.notFound.title') }), `attempt ${attempt + 1}`).toHaveCount(0);
      await expect(page).toHaveURL(/\/account\/register/);
      await expect(search, `attempt ${attempt + 1}`).toHaveValue('Demo');
      await page.close();
    }
    await context.close();
  });
}
