import { type Page, expect, test } from '@playwright/test';
import { type Credentials, demoAccount, latestEmailTo, newPersonContext, signIn, uniqueEmail } from './support/accounts';
import { axeViolations } from './support/axe';

// One story, in order: three registrations, a coordinator's review, then the approved
// facilitator's password reset and "sign out everywhere".
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const suffix = Date.now().toString(36);
const organisationName = `Jeugdhuis De Vlinder ${suffix}`;
const sara: Credentials & { name: string } = { name: `Sara Peeters ${suffix}`, email: uniqueEmail('sara'), password: 'zonnebloem op de vensterbank' };
const lotte: Credentials & { name: string } = { name: `Lotte Maes ${suffix}`, email: uniqueEmail('lotte'), password: 'de trein naar oostende' };
const jan: Credentials & { name: string } = { name: `Jan Claes ${suffix}`, email: uniqueEmail('jan'), password: 'regenboog boven de schelde' };

async function fillPerson(page: Page, person: Credentials & { name: string }) {
  await page.getByLabel('Naam', { exact: true }).fill(person.name);
  await page.getByLabel('E-mailadres').fill(person.email);
  await page.getByLabel('Nieuw wachtwoord').fill(person.password);
  await page.getByLabel('Beroep').selectOption('youth_care_worker');
}

async function proposeOrganisation(page: Page, name: string) {
  await page.getByLabel(/staat er niet bij/).check();
  await page.getByLabel('Naam van de organisatie').fill(name);
  await page.getByLabel('Soort organisatie').selectOption('youth_care');
  await page.getByLabel('Postcode').fill('8000');
  await page.getByLabel('Gemeente').fill('Brugge');
  await page.getByLabel('Provincie of gewest').selectOption('west_vlaanderen');
}

test('a facilitator registers proposing a new organisation and is told she waits for approval', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await page.goto('/account/register');
  await expect(page.getByLabel('Naam', { exact: true })).toHaveAttribute('autocomplete', 'name');
  await expect(page.getByLabel('Nieuw wachtwoord')).toHaveAttribute('autocomplete', 'new-password');
  await expect(page.getByLabel('Postcode')).toHaveAttribute('autocomplete', 'postal-code');
  expect(await axeViolations(page)).toEqual([]);

  await proposeOrganisation(page, organisationName);
  await fillPerson(page, sara);
  await page.getByRole('button', { name: 'Registratie versturen' }).click();
  await expect(page).toHaveURL(/\/account\/registered$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bedankt voor je registratie');

  await signIn(page, sara);
  await expect(page).toHaveURL(/\/account\/pending$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je registratie wacht op goedkeuring');
  expect(await axeViolations(page)).toEqual([]);
  // Nothing else is open to her while she waits.
  await page.goto('/facilitate');
  await expect(page).toHaveURL(/\/account\/pending$/);
  await context.close();
});

test('a second registration for the same organisation, typed differently, is offered the existing one', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await page.goto('/account/register');
  // With JavaScript her password stays in its field through the "did you mean" answer.
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await proposeOrganisation(page, `vzw jeugdhuis de VLINDER ${suffix}!`);
  await fillPerson(page, lotte);
  await page.getByRole('button', { name: 'Registratie versturen' }).click();

  const didYouMean = page.getByRole('group', { name: 'Bedoel je een van deze organisaties?' });
  await expect(didYouMean).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await didYouMean.getByLabel(new RegExp(organisationName)).check();
  await page.getByRole('button', { name: 'Registratie versturen' }).click();
  await expect(page).toHaveURL(/\/account\/registered$/);

  // The directory holds the organisation once.
  const search = await page.request.get(`/organisations/search?q=${encodeURIComponent(`vlinder ${suffix}`)}`);
  expect((await search.json()).results.map((r: { name: string }) => r.name)).toEqual([organisationName]);
  await context.close();
});

test('a third person registers at an existing organisation found by type-ahead', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await page.goto('/account/register');
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
  await page.getByLabel('Zoek je organisatie').fill('linde');
  await page.getByLabel(/Demo: Jeugdhulp De Linde/).check();
  await fillPerson(page, jan);
  await page.getByRole('button', { name: 'Registratie versturen' }).click();
  await expect(page).toHaveURL(/\/account\/registered$/);
  await context.close();
});

test('the coordinator approves the first, sees the second at the same organisation, and rejects the third', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await signIn(page, demoAccount('coordinator'));
  await expect(page).toHaveURL(/\/coordinate$/);
  await page.getByRole('link', { name: /registraties? wacht/ }).click();
  await expect(page).toHaveURL(/\/coordinate\/registrations$/);
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: `${sara.name} goedkeuren` }).click();
  await expect(page.getByRole('status')).toHaveText('Goedgekeurd. De begeleider krijgt een e-mail.');
  await expect(page.getByRole('heading', { name: sara.name })).toHaveCount(0);

  // Lotte's card names Sara as another member of the same organisation.
  const lotteCard = page.locator('.card', { has: page.getByRole('heading', { name: lotte.name }) });
  await expect(lotteCard).toContainText(organisationName);
  await expect(lotteCard).toContainText(`${sara.name} (goedgekeurd)`);

  const janCard = page.locator('.card', { has: page.getByRole('heading', { name: jan.name }) });
  await janCard.getByRole('button', { name: `${jan.name} weigeren` }).click();
  await expect(janCard.getByText('Vul dit in.')).toBeVisible();
  await janCard.getByLabel(/Reden bij weigering/).fill('We kennen deze persoon niet bij De Linde.');
  await janCard.getByRole('button', { name: `${jan.name} weigeren` }).click();
  await expect(page.getByRole('status')).toHaveText('Geweigerd. De aanvrager krijgt een e-mail met de reden.');

  await page.goto('/coordinate/audit');
  await expect(page.getByRole('cell', { name: 'registratie goedgekeurd' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'registratie geweigerd' }).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const approvalMail = await latestEmailTo(page, sara.email);
  expect(approvalMail).toContain('Je account is goedgekeurd');
  await context.close();
});

test('the rejected person sees why', async ({ browser }) => {
  const context = await newPersonContext(browser);
  const page = await context.newPage();
  await signIn(page, jan);
  await expect(page).toHaveURL(/\/account\/pending$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Je registratie is niet goedgekeurd');
  await expect(page.getByText('We kennen deze persoon niet bij De Linde.')).toBeVisible();
  await context.close();
});

test('the approved facilitator signs in, resets her password through the outbox link, and signs out everywhere', async ({ browser }) => {
  const facilitator = await newPersonContext(browser);
  const page = await facilitator.newPage();
  await signIn(page, sara);
  await expect(page).toHaveURL(/\/facilitate$/);
  await expect(page.getByRole('link', { name: organisationName })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Forgot password: the link arrives in the outbox, which the coordinator can read here.
  await page.getByRole('button', { name: 'Afmelden' }).click();
  await expect(page.getByRole('status')).toHaveText('Je bent afgemeld.');
  await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wachtwoord vergeten');
  await page.getByLabel('E-mailadres').fill(sara.email);
  await page.getByRole('button', { name: 'Link versturen' }).click();
  await expect(page.getByRole('status')).toContainText('is de link onderweg');

  const coordinator = await newPersonContext(browser);
  const coordinatorPage = await coordinator.newPage();
  await signIn(coordinatorPage, demoAccount('coordinator'));
  const mail = await latestEmailTo(coordinatorPage, sara.email);
  const link = /https?:\/\/\S+\/account\/reset-password\?token=\S+/.exec(mail)?.[0];
  expect(link).toBeTruthy();

  const newPassword = 'zeven zeemeeuwen op het strand';
  await page.goto(link!);
  await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
  await page.getByRole('button', { name: 'Wachtwoord bewaren' }).click();
  await expect(page).toHaveURL(/\/account\/sign-in\?notice=passwordReset/);
  await expect(page.getByRole('status')).toContainText('Je wachtwoord is gewijzigd');

  // The link is single-use.
  await page.goto(link!);
  await expect(page.getByRole('alert')).toHaveText('Deze link werkt niet meer: hij is al gebruikt of verlopen.');

  // The old password no longer works; the new one does.
  await page.goto('/account/sign-in');
  await page.getByLabel('E-mailadres').fill(sara.email);
  await page.getByLabel('Wachtwoord').fill(sara.password);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect(page.getByRole('alert')).toHaveText('Dit e-mailadres en wachtwoord horen niet bij elkaar. Probeer het opnieuw.');
  await signIn(page, { email: sara.email, password: newPassword });

  // A second device, then "sign out everywhere" from the first: both are signed out.
  const otherDevice = await newPersonContext(browser);
  const otherPage = await otherDevice.newPage();
  await signIn(otherPage, { email: sara.email, password: newPassword });
  await otherPage.goto('/account');
  await expect(otherPage.getByRole('heading', { level: 1 })).toHaveText('Mijn account');

  await page.goto('/account');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Afmelden op al mijn toestellen' }).click();
  await expect(page.getByRole('status')).toHaveText('Je bent afgemeld op al je toestellen.');
  await otherPage.goto('/account');
  await expect(otherPage).toHaveURL(/\/account\/sign-in\?redirectTo=%2Faccount/);

  await Promise.all([facilitator.close(), coordinator.close(), otherDevice.close()]);
});
