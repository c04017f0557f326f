import { expect, test } from '@playwright/test';

test('loading the home page makes no request outside the app’s origin', async ({ page, baseURL }) => {
  const origins = new Set<string>();
  page.on('request', (request) => origins.add(new URL(request.url()).origin));
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  expect([...origins]).toEqual([new URL(baseURL!).origin]);
});

test('every kind of response carries the CSP and the other security headers', async ({ page, request }) => {
  const assets: string[] = [];
  page.on('response', (response) => assets.push(new URL(response.url()).pathname));
  await page.goto('/');
  const assetPath = assets.find((p) => p.startsWith('/assets/') && p.endsWith('.js'));
  expect(assetPath).toBeTruthy();

  for (const path of ['/', '/join', '/about', '/recipe', '/healthz', '/no-such-page', '/favicon.svg', '/locales/nl/common.json', assetPath!]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers['content-security-policy'], path).toMatch(/default-src 'self'/);
    expect(headers['content-security-policy'], path).toMatch(/object-src 'none'/);
    expect(headers['content-security-policy'], path).toMatch(/base-uri 'none'/);
    expect(headers['content-security-policy'], path).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('same-origin');
    expect(headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
  }
});

test('pages are not cached and scripts run only with this response’s nonce', async ({ request }) => {
  const response = await request.get('/');
  expect(response.headers()['cache-control']).toBe('no-store');
  const nonce = /'nonce-([^']+)'/.exec(response.headers()['content-security-policy']!)![1];
  const html = await response.text();
  const inlineScripts = html.match(/<script(?![^>]*\bsrc=)[^>]*>/g) ?? [];
  expect(inlineScripts.length).toBeGreaterThan(0);
  for (const tag of inlineScripts) expect(tag).toContain(`nonce="${nonce}"`);
});
