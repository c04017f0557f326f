import { expect, test } from '@playwright/test';

const headings = {
  nl: { home: 'Samen sterk, samen weerbaar', join: 'Meedoen met een code' },
  fr: { home: 'Ensemble, plus fortes', join: 'Participer avec un code' },
  en: { home: 'Stronger together', join: 'Join with a code' },
} as const;
const names = { nl: 'Nederlands', fr: 'Français', en: 'English' } as const;

for (const language of ['nl', 'fr', 'en'] as const) {
  test(`answers in ${language} by Accept-Language`, async ({ request }) => {
    const headers = { 'Accept-Language': `${language};q=0.9, de;q=0.5` };
    for (const [path, heading] of [
      ['/', headings[language].home],
      ['/join', headings[language].join],
    ] as const) {
      const response = await request.get(path, { headers });
      expect(response.status()).toBe(200);
      const html = await response.text();
      expect(html).toContain(`<html lang="${language}"`);
      expect(html).toContain(heading);
    }
    expect((await request.get('/healthz', { headers })).status()).toBe(200);
  });

  test(`switches to ${language} with the switcher, and remembers it by cookie`, async ({ browser }) => {
    // Start in another language than the target, through the browser's own preference.
    const startLanguage = language === 'nl' ? 'en' : 'nl';
    const page = await browser.newPage({ locale: startLanguage });
    await page.goto('/join');
    await expect(page.locator('html')).toHaveAttribute('lang', startLanguage);
    await page.getByRole('button', { name: names[language] }).click();
    await expect(page).toHaveURL(/\/join$/);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(headings[language].join);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(headings[language].home);
    const healthz = await page.request.get('/healthz');
    expect(healthz.status()).toBe(200);
    await page.close();
  });
}

test('the language form works without JavaScript, with the browser’s real Origin and Referer', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'nl-BE' });
  const page = await context.newPage();
  const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/language'));
  await page.goto('/about');
  await page.getByRole('button', { name: 'Français' }).click();
  const request = await posted;
  expect(await request.headerValue('origin')).toBe(new URL(page.url()).origin);
  expect(await request.headerValue('referer')).toBe(page.url());
  await expect(page).toHaveURL(/\/about$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await context.close();
});

test('an unknown language is refused with a 400', async ({ request, baseURL }) => {
  const response = await request.post('/language', { form: { language: 'de', redirectTo: '/' }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(400);
});

test('an unknown page is a localized 404', async ({ request }) => {
  const response = await request.get('/no-such-page', { headers: { 'Accept-Language': 'fr' } });
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain('Page introuvable');
});

test('a wrongly shaped join code gets a clear error, an unknown one another', async ({ page }) => {
  await page.goto('/join');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Code').fill('abc');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('six letters and numbers');
  await page.getByLabel('Code').fill('k7t q2m');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText("We don't know this code");
});

test('on a Wi-Fi that drops the first request for the texts, the browser asks again and speaks French after a move', async ({ browser }) => {
  const page = await browser.newPage({ locale: 'fr-BE' });
  let requests = 0;
  await page.route('**/locales/fr/common.json', async (route) => {
    requests += 1;
    if (requests === 1) await route.abort('internetdisconnected');
    else await route.continue();
  });
  await page.goto('/join');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  // A move inside the app, rendered by the browser from its own copy of the texts (the marker
  // survives only if the page was not loaded again from the server).
  await page.evaluate(() => Object.assign(window, { stayedInApp: true }));
  await page.getByRole('banner').getByRole('link', { name: 'Weerbaar' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headings.fr.home);
  expect(await page.evaluate(() => 'stayedInApp' in window)).toBe(true);
  expect(requests).toBe(2);
  await page.close();
});
