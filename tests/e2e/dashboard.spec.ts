import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoAccount, signIn } from './support/accounts';
import { axeViolations } from './support/axe';
import { approve, grantSessionException, newPerson, postForm, registrationForm, signedInPerson } from './support/people';
import { createSessionOverHttp, expectControlOk, joinOverHttp, newSessionPerson } from './support/sessions';

/**
 * A coordinator's dashboard, on an organisation of this test's own in Luxembourg province
 * (nobody else's test counts there): twelve girls in a group session of its facilitator,
 * filtered by province and quarter; the chart and the table say the same; the CSV has the
 * same numbers; the report prints; a facilitator gets 403.
 */
test('a coordinator filters by province and quarter, and chart, table and CSV agree', async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL!;
  const coordinator = await signedInPerson(playwright, base, demoAccount('coordinator'));

  // A facilitator of a new organisation in Luxembourg, approved.
  const form = registrationForm('new', {
    orgName: `Service jeunesse Arlon ${Date.now()}`,
    orgType: 'jac',
    orgPostalCode: '6700',
    orgMunicipality: 'Arlon',
    orgRegion: 'luxemburg',
    confirmNew: 'yes',
  });
  const registrant = await newPerson(playwright, base);
  const registered = await postForm(registrant, base, '/account/register', form);
  expect(registered.status(), await registered.text()).toBe(302);
  await approve(coordinator, base, form.email!);
  await grantSessionException(coordinator, base, form.email!);
  const facilitator = await signedInPerson(playwright, base, { email: form.email!, password: form.password! });

  // Twelve girls join a session of hers, which she ends.
  const session = await createSessionOverHttp(facilitator, base, 'together');
  for (let i = 0; i < 12; i++) await joinOverHttp(await newSessionPerson(playwright, base), base, session.code, `Meisje ${i + 1}`);
  await expectControlOk(facilitator, base, session.id, { intent: 'start' });
  await expectControlOk(facilitator, base, session.id, { intent: 'end' });

  const now = new Date();
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const context = await browser.newContext({ locale: 'nl-BE', acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, demoAccount('coordinator'));
  await page.goto('/coordinate');
  await page.getByRole('link', { name: 'Dashboard: bereik en evaluatie' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard: bereik en evaluatie' })).toBeVisible();

  // The filters as a person uses them (with JavaScript they apply in place; the button works either way).
  await page.getByRole('combobox', { name: 'Periode', exact: true }).selectOption('quarter');
  await page.getByRole('spinbutton', { name: 'Jaar', exact: true }).fill(String(now.getUTCFullYear()));
  await page.getByRole('combobox', { name: 'Kwartaal', exact: true }).selectOption(String(quarter));
  await page.getByRole('combobox', { name: 'Gewest of provincie', exact: true }).selectOption('luxemburg');
  await page.getByRole('button', { name: 'Toepassen' }).click();
  await expect(page).toHaveURL(/place=luxemburg/);
  await expect(page).toHaveURL(new RegExp(`quarter=${quarter}`));

  // The chart by province and its table: Luxembourg has the twelve participations.
  const table = page.getByRole('table', { name: /Deelnames per provincie/ });
  await expect(table.getByRole('row', { name: /Luxemburg/ })).toContainText('12');
  const chart = page.getByRole('img', { name: /Deelnames per provincie/ });
  const chartValues = await chart.locator('.chart__value').allTextContents();
  const tableValues = await table.locator('tbody tr td').allTextContents();
  expect(chartValues).toEqual(tableValues);
  expect(chartValues).toEqual(['12']);

  // The organisations table counts her organisation, unsuppressed: 1 registered, 1 with a facilitator, 1 with a session.
  await expect(page.getByRole('table', { name: 'Organisaties per provincie' }).locator('tbody tr').first()).toHaveText(/Luxemburg\s*1\s*1\s*1\s*3/);

  // The CSV of the same table: a BOM, ";" and the same numbers.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Deelnames per provincie downloaden als CSV/ }).click();
  const csv = readFileSync((await (await download).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = csv
    .slice(1)
    .trim()
    .split('\r\n')
    .map((line) => line.split(';').map((cell) => cell.replace(/^"|"$/g, '')));
  expect(rows[0]).toEqual(['Provincie', 'Begonnen']);
  expect(rows).toContainEqual(['Luxemburg', '12']);

  // Printing the report gives a real document.
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.byteLength).toBeGreaterThan(10_000);

  for (const language of ['nl', 'fr', 'en']) {
    const localised = await browser.newContext({ locale: language });
    const other = await localised.newPage();
    await signIn(other, demoAccount('coordinator'));
    await other.goto(`/coordinate/dashboard?period=all&place=luxemburg`);
    await expect(other.locator('html')).toHaveAttribute('lang', language);
    expect(await axeViolations(other), `axe in ${language}`).toEqual([]);
    await localised.close();
  }
  await context.close();
});

test('a facilitator may not open the dashboard', async ({ playwright, baseURL }) => {
  const facilitator = await signedInPerson(playwright, baseURL!, demoAccount('facilitator'));
  expect((await facilitator.request.get('/coordinate/dashboard')).status()).toBe(403);
  expect((await facilitator.request.get('/coordinate/dashboard.csv?table=participations-by-region')).status()).toBe(403);
});

test('a custom period that ends before it starts gets a clear message, not an empty page', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  await signIn(page, demoAccount('coordinator'));
  const response = await page.goto('/coordinate/dashboard?period=custom&from=2026-05-01&to=2026-01-01');
  expect(response?.status()).toBe(400);
  await expect(page.getByRole('alert')).toContainText('Kies bij een eigen periode een begin- en einddatum');
  await context.close();
});

test('the courses panel counts the demo: the facilitator course completed with a valid certificate, the demo training day', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-BE' });
  const page = await context.newPage();
  await signIn(page, demoAccount('coordinator'));
  await page.goto('/coordinate/dashboard?period=all');
  await expect(page.getByRole('heading', { level: 2, name: 'Vormingen voor professionals' })).toBeVisible();
  const numbers = async (tableName: string, rowName: RegExp) =>
    (await page.getByRole('table', { name: tableName }).getByRole('row', { name: rowName }).locator('td').allTextContents()).map(Number);
  // Ingeschreven, Voltooid, Certificaten geldig, verlopen, ingetrokken (other tests may add more).
  const [enrolled, completed, valid] = await numbers('Vormingen: inschrijvingen, voltooiingen en certificaten', /Weerbaar-sessies begeleiden/);
  expect(enrolled).toBeGreaterThanOrEqual(1);
  expect(completed).toBeGreaterThanOrEqual(1);
  expect(valid).toBeGreaterThanOrEqual(1);
  const [days] = await numbers('Vormingsdagen en aanwezigheid', /aanspreekpunt/i);
  expect(days).toBeGreaterThanOrEqual(1);
  // The CSV of the courses table is there like every other table's.
  await expect(page.getByRole('link', { name: /Vormingen: inschrijvingen, voltooiingen en certificaten downloaden als CSV/ })).toBeVisible();
  await context.close();
});
