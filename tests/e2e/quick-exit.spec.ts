import { expect, test } from '@playwright/test';

test('a click leaves to the neutral page, and Back does not return to the page left', async ({ page }) => {
  await page.goto('/');
  await page.goto('/join');
  // With JavaScript the exit replaces the page in the history (without it, see the no-JS test below).
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await page.getByTestId('quick-exit').click();
  await expect(page).toHaveURL(/\/recipe$/);
  await expect(page.getByTestId('quick-exit')).toHaveCount(0);
  await page.goBack();
  await expect(page).not.toHaveURL(/\/join$/);
  expect(new URL(page.url()).pathname).toBe('/');
});

test('Shift pressed three times leaves too', async ({ page }) => {
  await page.goto('/join');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/\/recipe$/);
});

test('without JavaScript the button is a plain link that leaves and clears the cookies', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/join');
  await page.getByRole('button', { name: 'English' }).click();
  expect((await context.cookies()).map((c) => c.name)).toContain('lng');
  const exit = page.waitForResponse((r) => new URL(r.url()).pathname === '/exit');
  await page.getByTestId('quick-exit').click();
  expect((await (await exit).allHeaders())['clear-site-data']).toBe('"cookies", "storage"');
  await expect(page).toHaveURL(/\/recipe$/);
  expect(await context.cookies()).toEqual([]);
  await context.close();
});

test('the button stays in view on a small tablet screen, even scrolled down', async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 500 });
  await page.goto('/about');
  await page.mouse.wheel(0, 2000);
  await expect(page.getByTestId('quick-exit')).toBeInViewport();
  const box = await page.getByTestId('quick-exit').boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
});
