import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { demoAccount, fakeIp, newPersonContext, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { newPerson, postForm, registrationForm } from './support/people';

/**
 * The staff session cookie as a browser receives it (decision 0006), and a coordinator
 * editing an organisation through her form, as she would: the audit log says so.
 */

test('over plain HTTP the session cookie is HttpOnly, SameSite=Lax, Path=/, without Secure and without __Host-, and lives twelve hours at most', async ({
  browser,
  baseURL,
}) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  const signInAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === '/account/sign-in' && r.request().method() === 'POST');
  await signIn(page, demoAccount('facilitator'));
  // Two cookies: the session, and the known-device cookie (decision 0006).
  const headers = ((await (await signInAnswer).allHeaders())['set-cookie'] ?? '').split('\n');
  const header = headers.find((h) => h.startsWith('weerbaar_session=')) ?? '';
  const attributes = header
    .split(/;\s*/)
    .slice(1)
    .map((a) => a.toLowerCase());
  expect(header).toMatch(/^weerbaar_session=/);
  expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'max-age=43200']));
  expect(attributes).not.toContain('secure');
  expect(attributes.some((a) => a.startsWith('domain='))).toBe(false);
  const device = headers.find((h) => h.startsWith('weerbaar_device=')) ?? '';
  expect(
    device
      .split(/;\s*/)
      .slice(1)
      .map((a) => a.toLowerCase()),
  ).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'max-age=31536000']));
  expect(headers).toHaveLength(2);

  const cookies = await context.cookies(baseURL);
  const session = cookies.find((c) => c.name === 'weerbaar_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
  // Scripts on the page cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('weerbaar_session');
  expect(await page.evaluate(() => document.cookie)).not.toContain('weerbaar_device');
  await context.close();
});

test('over HTTPS (a trusted proxy says X-Forwarded-Proto: https) the same cookies are Secure and __Host-', async ({ playwright, baseURL }) => {
  const origin = new URL(baseURL!);
  const httpsOrigin = `https://${origin.host}`;
  const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': fakeIp() } });
  // The sign-in page says nothing about plain HTTP.
  const page = await request.get('/account/sign-in');
  expect(await page.text()).not.toContain('data-transport');
  const { email, password } = demoAccount('facilitator');
  const answer = await request.post('/account/sign-in', { form: { email, password }, headers: { Origin: httpsOrigin }, maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  const headers = answer
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
  const session = headers.find((h) => h.startsWith('__Host-weerbaar_session=')) ?? '';
  expect(
    session
      .split(/;\s*/)
      .slice(1)
      .map((a) => a.toLowerCase()),
  ).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure', 'max-age=43200']));
  const device = headers.find((h) => h.startsWith('__Host-weerbaar_device=')) ?? '';
  expect(
    device
      .split(/;\s*/)
      .slice(1)
      .map((a) => a.toLowerCase()),
  ).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', 'secure']));
  expect(headers).toHaveLength(2);
  // The secure cookie signs her in over HTTPS.
  const token = session.split(';')[0]!;
  const home = await request.get('/account', { headers: { Cookie: token }, maxRedirects: 0 });
  expect(home.status()).toBe(200);
  await request.dispose();
});

test('the sign-in page says when the site runs over plain HTTP, and what that means', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await page.goto('/account/sign-in');
  await expect(page.locator('[data-transport="plainHttp"]')).toContainText('gewoon HTTP');
  expect(await axeViolations(page)).toEqual([]);
  await context.close();
});

test('a coordinator edits an organisation with her form; the change is saved and the audit log records it', async ({ browser, playwright, baseURL }) => {
  // An organisation of its own, proposed by a registration, so that no other test depends on it.
  const name = `Jeugdhuis Den Anker ${randomUUID().slice(0, 8)}`;
  const registrant = await newPerson(playwright, baseURL!);
  const form = registrationForm('new', {
    orgName: name,
    orgType: 'youth_care',
    orgPostalCode: '8000',
    orgMunicipality: 'Brugge',
    orgRegion: 'west_vlaanderen',
    confirmNew: 'yes',
  });
  expect((await postForm(registrant, baseURL!, '/account/register', form)).status()).toBe(302);
  const found = (await (await registrant.request.get(`/organisations/search?q=${encodeURIComponent(name)}`)).json()) as {
    results: { id: string; name: string }[];
  };
  const id = found.results.find((r) => r.name === name)!.id;
  await registrant.request.dispose();

  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await signIn(page, demoAccount('coordinator'));
  await page.goto(`/coordinate/organisations/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  const nameField = page.getByLabel('Naam van de organisatie');
  await expect(nameField).toHaveAttribute('autocomplete', 'organization');
  await expect(page.getByLabel('Postcode')).toHaveAttribute('autocomplete', 'postal-code');
  await expect(page.getByLabel('Gemeente')).toHaveAttribute('autocomplete', 'address-level2');
  await expect(page.getByLabel('Provincie of gewest')).toHaveAttribute('autocomplete', 'address-level1');

  await nameField.fill(`${name} vzw`);
  await page.getByLabel('Postcode').fill('8200');
  await page.getByLabel('Gemeente').fill('Sint-Andries');
  await page.getByRole('button', { name: 'Bewaren' }).click();
  await expect(page).toHaveURL(new RegExp(`/coordinate/organisations/${id}\\?saved=1$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} vzw`);
  await expect(page.getByText('De organisatie is bewaard.')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The public directory finds it under its new name, with its new place.
  const after = (await (await page.request.get(`/organisations/search?q=${encodeURIComponent(`${name} vzw`)}`)).json()) as {
    results: { id: string; name: string; postal_code?: string; municipality?: string }[];
  };
  expect(after.results.find((r) => r.id === id)).toMatchObject({ name: `${name} vzw` });

  await page.goto('/coordinate/audit');
  const entry = page.getByRole('row').filter({ hasText: `organisation ${id.slice(0, 8)}` });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText('Demo Coördinator');
  await expect(entry).toContainText('organisatie bewerkt');
  await context.close();
});
