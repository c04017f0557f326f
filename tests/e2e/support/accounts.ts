import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, type Browser, type BrowserContext, type Page, expect } from '@playwright/test';

export type DemoLabel = 'admin' | 'coordinator' | 'facilitator' | 'pending' | 'professional' | 'trainer';
export interface Credentials {
  email: string;
  password: string;
}

/** The demo accounts the test server seeded; their random passwords sit in its data folder. */
export function demoAccount(label: DemoLabel): Credentials {
  const file = path.join(process.env.E2E_DATA_DIR!, 'demo-accounts.json');
  const accounts = JSON.parse(readFileSync(file, 'utf8')) as (Credentials & { label: string })[];
  const account = accounts.find((a) => a.label === label);
  if (!account) throw new Error(`No demo account "${label}" in ${file}`);
  return { email: account.email, password: account.password };
}

let counter = 0;
/** A fresh address for every person a test registers. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.random().toString(36).slice(2, 7)}@example.org`;
}

/** A made-up client address: the server trusts X-Forwarded-For in tests, and limits rates per address. */
export function fakeIp(): string {
  const part = () => Math.floor(Math.random() * 250) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

/** A browser context on its own network address. */
export function newPersonContext(browser: Browser, locale = 'nl-BE'): Promise<BrowserContext> {
  return browser.newContext({ locale, extraHTTPHeaders: { 'X-Forwarded-For': fakeIp() } });
}

export async function signIn(page: Page, credentials: Credentials): Promise<void> {
  await page.goto('/account/sign-in');
  await page.getByLabel(/^(E-mailadres|E-mail address|Adresse e-mail)$/).fill(credentials.email);
  await page.getByLabel(/^(Wachtwoord|Password|Mot de passe)$/).fill(credentials.password);
  await page.getByRole('button', { name: /^(Aanmelden|Sign in|Se connecter)$/ }).click();
  await expect(page).not.toHaveURL(/\/account\/sign-in/);
}

/** Headers a same-site form post carries (the server refuses non-GET requests without them). */
export function formHeaders(baseURL: string, ip = fakeIp()): Record<string, string> {
  return { Origin: new URL(baseURL).origin, 'X-Forwarded-For': ip };
}

/** Signs in over HTTP; the request context keeps the session cookie. */
export async function signInRequest(request: APIRequestContext, baseURL: string, credentials: Credentials, ip = fakeIp()) {
  const response = await request.post('/account/sign-in', { form: { ...credentials }, headers: formHeaders(baseURL, ip), maxRedirects: 0 });
  expect(response.status(), `sign-in of ${credentials.email}`).toBe(302);
  return response;
}

/** The newest e-mail to `recipient` as the coordinator reads it at /coordinate/outbox. */
export async function latestEmailTo(coordinatorPage: Page, recipient: string): Promise<string> {
  await coordinatorPage.goto('/coordinate/outbox');
  const message = coordinatorPage.locator('.outbox-message', { hasText: recipient }).first();
  await expect(message).toBeVisible();
  return (await message.locator('.outbox-message__body').textContent()) ?? '';
}
