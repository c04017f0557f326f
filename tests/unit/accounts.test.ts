import { describe, expect, it } from 'vitest';
import { newPasswordField, passwordProblem } from '~/accounts/passwords.server';
import { can, assignableRoles, rolePermissions } from '~/accounts/permissions';
import { parseRegistrationForm } from '~/accounts/registration-form';
import { homeFor } from '~/accounts/home';
import { roles } from '~/db/vocabulary';
import { namesLookAlike, normaliseOrganisationName } from '~/organisations/names';
import { languageOfRequest } from '~/security/origin.server';

describe('password policy', () => {
  it('wants 12 characters or more, and at most 256', () => {
    expect(passwordProblem('kort wachtw')).toBe('tooShort');
    expect(passwordProblem('x'.repeat(257) + 'y')).toBe('tooLong');
    expect(passwordProblem('zonnebloem op de vensterbank')).toBeNull();
  });

  it('refuses well-known passwords, also with digits added, and repeated patterns', () => {
    expect(passwordProblem('qwerty123456')).toBe('common');
    expect(passwordProblem('password2026!!')).toBe('common');
    expect(passwordProblem('abcabcabcabc')).toBe('common');
  });

  it('as a form field: filled in first, then the policy, each with its message key', () => {
    const problem = (value: unknown) => {
      const parsed = newPasswordField.safeParse(value);
      return parsed.success ? null : parsed.error.issues.map((issue) => issue.message);
    };
    expect(problem(undefined)).toEqual(['form.required']);
    expect(problem('')).toEqual(['form.required']);
    expect(problem('x'.repeat(1001))).toEqual(['form.tooLong']);
    expect(problem('kort wachtw')).toEqual(['account.password.tooShort']);
    expect(problem('qwerty123456')).toEqual(['account.password.common']);
    expect(problem('zonnebloem op de vensterbank')).toBeNull();
  });
});

describe('permissions', () => {
  const facilitator = { roles: ['facilitator'] as const, organisationId: 'org-a' };
  const coordinator = { roles: ['coordinator'] as const, organisationId: null };
  const admin = { roles: ['admin'] as const, organisationId: null };

  it('gives "own" access only within her own organisation', () => {
    expect(can(facilitator, 'read', 'organisation', 'org-a')).toBe(true);
    expect(can(facilitator, 'read', 'organisation', 'org-b')).toBe(false);
    expect(can(facilitator, 'read', 'organisation', null)).toBe(false);
    expect(can(facilitator, 'read', 'organisation')).toBe(true);
  });

  it('gives coordinators "any" access, and nothing a role does not list', () => {
    expect(can(coordinator, 'read', 'organisation', 'org-b')).toBe(true);
    expect(can(coordinator, 'appoint', 'coordinator')).toBe(false);
    expect(can(facilitator, 'review', 'user')).toBe(false);
    expect(can(admin, 'appoint', 'coordinator')).toBe(true);
  });

  it('knows only the table’s actions and entities: a typo does not compile, and is never allowed', () => {
    // @ts-expect-error: there is no action "reveiw"
    expect(can(admin, 'reveiw', 'user')).toBe(false);
    // @ts-expect-error: the table has "read" on organisations, outboxes, audits and statistics, not on courses
    expect(can(admin, 'read', 'course')).toBe(false);
    // @ts-expect-error: the entity is "training-day"
    expect(can(admin, 'create', 'trainingDay')).toBe(false);
  });

  it('lets admins do whatever coordinators may do', () => {
    for (const permission of rolePermissions.coordinator) expect(rolePermissions.admin).toContain(permission);
  });

  it('lets only admins hand out the coordinator and admin roles', () => {
    expect(assignableRoles(coordinator)).toEqual(['facilitator', 'trainer']);
    expect(assignableRoles(admin)).toEqual([...roles]);
  });

  it('sends each person to her own start page', () => {
    expect(homeFor({ status: 'pending', roles: ['coordinator'] })).toBe('/account/pending');
    expect(homeFor({ status: 'approved', roles: ['facilitator', 'coordinator'] })).toBe('/coordinate');
    expect(homeFor({ status: 'approved', roles: ['facilitator'] })).toBe('/facilitate');
    expect(homeFor({ status: 'approved', roles: ['trainer'] })).toBe('/account');
  });
});

describe('organisation look-alikes', () => {
  it('ignores case, accents, punctuation, legal forms and articles', () => {
    const a = normaliseOrganisationName('Jeugdhuis De Vlinder');
    expect(namesLookAlike(a, normaliseOrganisationName('vzw jeugdhuis de VLINDER!'))).toBe(true);
    expect(namesLookAlike(a, normaliseOrganisationName('Jeugdhuis Dé Vlinder'))).toBe(true);
  });

  it('allows a typo, but not a different name', () => {
    const a = normaliseOrganisationName('Begeleidingscentrum Horizon');
    expect(namesLookAlike(a, normaliseOrganisationName('Begeleidingscentrum Horrizon'))).toBe(true);
    expect(namesLookAlike(a, normaliseOrganisationName('Jeugdhulp De Linde'))).toBe(false);
  });
});

describe('registration form', () => {
  const person = { name: 'Sara', email: 'sara@example.org', password: 'x'.repeat(12), language: 'nl', profession: 'teacher', role: 'facilitator' };

  it('needs the new organisation’s fields only when proposing one', () => {
    const existing = parseRegistrationForm({ ...person, organisationId: '8b7c2a40-2f5d-4c3e-9a1b-1234567890ab' });
    expect(existing).toMatchObject({ ok: true, form: { organisation: { kind: 'existing' } } });
    const incomplete = parseRegistrationForm({ ...person, organisationId: 'new', orgName: 'De Vlinder' });
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) expect(Object.keys(incomplete.errors).sort()).toEqual(['orgMunicipality', 'orgPostalCode', 'orgRegion', 'orgType']);
  });

  it('names every bad field with an i18n key', () => {
    const result = parseRegistrationForm({ name: 'x'.repeat(10_000), email: 'nope', role: 'admin', profession: 'astronaut', organisationId: '42' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toMatchObject({
        name: 'form.tooLong',
        email: 'form.email',
        role: 'form.choose',
        profession: 'form.choose',
        password: 'form.required',
        organisationId: 'account.register.errors.organisation',
      });
    }
  });

  it('wants a Belgian postal code of four digits', () => {
    const result = parseRegistrationForm({
      ...person,
      organisationId: 'new',
      orgName: 'X',
      orgType: 'school',
      orgPostalCode: '80000',
      orgMunicipality: 'Brugge',
      orgRegion: 'west_vlaanderen',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.orgPostalCode).toBe('form.postalCode');
  });
});

describe('the page a refused request gets', () => {
  it('answers in the reader’s language: cookie, then Accept-Language, then Dutch', () => {
    const frCookie = `lng=${encodeURIComponent(Buffer.from(JSON.stringify('fr')).toString('base64'))}`;
    expect(languageOfRequest(frCookie, 'en-GB')).toBe('fr');
    expect(languageOfRequest(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(languageOfRequest('lng=garbage', 'de-DE')).toBe('nl');
  });
});
