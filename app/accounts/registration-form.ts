import { z } from 'zod';
import type { OrganisationProposal } from '~/organisations/directory.server';
import { organisationTypes, professions, regions } from '~/db/vocabulary';
import { supportedLanguages } from '~/i18n/config';
import { type FieldErrors, fieldErrors, formEmail, formEnum, formText, formUuid } from '~/lib/forms';

const personSchema = z.object({
  name: formText(120),
  email: formEmail,
  password: z.string({ required_error: 'form.required' }).min(1, 'form.required').max(1000, 'form.tooLong'),
  language: formEnum(supportedLanguages),
  profession: formEnum(professions),
  role: formEnum(['facilitator', 'trainer'] as const),
});

export const newOrganisationSchema = z.object({
  orgName: formText(160),
  orgType: formEnum(organisationTypes),
  orgPostalCode: formText(10).pipe(z.string().regex(/^\d{4}$/, 'form.postalCode')),
  orgMunicipality: formText(100),
  orgRegion: formEnum(regions),
});

const organisationChoice = z.union([z.literal('new'), formUuid]);

export type RegistrationForm = z.infer<typeof personSchema> & {
  organisation: { kind: 'existing'; id: string } | { kind: 'new'; proposal: OrganisationProposal; confirmed: boolean };
};

/** The coordinator's edit form and the registration share these field names. */
export function proposalFromForm(o: z.infer<typeof newOrganisationSchema>): OrganisationProposal {
  return { name: o.orgName, type: o.orgType, postal_code: o.orgPostalCode, municipality: o.orgMunicipality, region: o.orgRegion };
}

/** Validates the whole registration form; the organisation part depends on "new" or an existing one. */
export function parseRegistrationForm(values: Record<string, unknown>): { ok: true; form: RegistrationForm } | { ok: false; errors: FieldErrors } {
  const person = personSchema.safeParse(values);
  const choice = organisationChoice.safeParse(values.organisationId);
  const organisation = choice.success && choice.data === 'new' ? newOrganisationSchema.safeParse(values) : undefined;
  const errors: FieldErrors = {
    ...(person.success ? {} : fieldErrors(person.error)),
    ...(choice.success ? {} : { organisationId: 'account.register.errors.organisation' }),
    ...(organisation && !organisation.success ? fieldErrors(organisation.error) : {}),
  };
  if (!person.success || !choice.success || (organisation && !organisation.success)) return { ok: false, errors };
  if (organisation?.success) {
    return {
      ok: true,
      form: { ...person.data, organisation: { kind: 'new', proposal: proposalFromForm(organisation.data), confirmed: values.confirmNew === 'yes' } },
    };
  }
  return { ok: true, form: { ...person.data, organisation: { kind: 'existing', id: choice.data } } };
}
