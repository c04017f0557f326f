import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { newOrganisationSchema, proposalFromForm } from '~/accounts/registration-form';
import { FormMessage, SelectField, TextField } from '~/components/Field';
import { SearchForm } from '~/components/SearchForm';
import { organisationTypes, regions } from '~/db/vocabulary';
import { i18next } from '~/i18n/i18next.server';
import { fieldErrors, formUuid } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { refusal } from '~/lib/refusal.server';
import { refused } from '~/lib/result';
import { findOrganisation, mergeCandidates, mergeOrganisations, organisationMembers, updateOrganisation } from '~/organisations/directory.server';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

/** The organisation's id from the path; anything that is not one is not found. */
function organisationIdOf(params: { id?: string }): string {
  const id = z.string().uuid().safeParse(params.id);
  if (!id.success) throw refusal('notFound');
  return id.data;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'update', 'organisation');
  const organisation = await findOrganisation(context.db, organisationIdOf(params));
  if (!organisation) throw refusal('notFound');
  const t = await i18next.getFixedT(request);
  const mergeQuery = (new URL(request.url).searchParams.get('merge') ?? '').slice(0, 100);
  const [members, mergeCandidatesFound] = await Promise.all([
    organisationMembers(context.db, organisation.id),
    mergeCandidates(context.db, organisation, mergeQuery),
  ]);
  return json({
    title: organisation.name,
    organisation,
    members,
    mergeQuery,
    mergeCandidates: mergeCandidatesFound,
    heading: t('coordinate.organisations.edit'),
    saved: new URL(request.url).searchParams.has('saved'),
  });
}

const mergeForm = z.object({ intent: z.literal('merge'), duplicateId: formUuid });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requirePermission(context, request, 'update', 'organisation');
  const id = organisationIdOf(params);
  const values = await readForm(request);
  if (values.intent === 'merge') {
    await requirePermission(context, request, 'merge', 'organisation');
    const parsed = mergeForm.safeParse(values);
    const merged = parsed.success ? await mergeOrganisations(context.db, actor.id, id, parsed.data.duplicateId) : refused('noSuchDuplicate');
    if (merged.ok) return json({ errors: {}, formError: null, done: 'coordinate.organisations.merged' });
    if (merged.reason === 'notFound') throw refusal(merged.reason);
    return json({ errors: { duplicateId: messageOf(merged.reason) }, formError: 'form.fixErrors', done: null }, { status: statusOf(merged.reason) });
  }
  const parsed = newOrganisationSchema.safeParse(values);
  if (!parsed.success) return json({ errors: fieldErrors(parsed.error), formError: 'form.fixErrors', done: null }, { status: 400 });
  const updated = await updateOrganisation(context.db, actor.id, id, proposalFromForm(parsed.data));
  if (!updated.ok) throw refusal(updated.reason);
  throw redirect(`/coordinate/organisations/${id}?saved=1`);
}

export default function EditOrganisation() {
  const { organisation, members, mergeQuery, mergeCandidates, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>{organisation.name}</h1>
      <FormMessage error={actionData?.formError} notice={actionData?.done ?? (saved ? 'coordinate.organisations.saved' : null)} />
      <h2>{t('coordinate.organisations.edit')}</h2>
      <Form method="post" className="form" noValidate key={organisation.name}>
        <TextField
          name="orgName"
          label={t('account.organisation.name')}
          defaultValue={organisation.name}
          autoComplete="organization"
          maxLength={160}
          error={errors.orgName}
        />
        <SelectField
          name="orgType"
          label={t('account.organisation.type')}
          defaultValue={organisation.type}
          options={organisationTypes.map((v) => ({ value: v, label: t(`organisationTypes.${v}`) }))}
          error={errors.orgType}
        />
        <TextField
          name="orgPostalCode"
          label={t('account.organisation.postalCode')}
          defaultValue={organisation.postal_code}
          autoComplete="postal-code"
          maxLength={4}
          inputMode="numeric"
          error={errors.orgPostalCode}
        />
        <TextField
          name="orgMunicipality"
          label={t('account.organisation.municipality')}
          defaultValue={organisation.municipality}
          autoComplete="address-level2"
          maxLength={100}
          error={errors.orgMunicipality}
        />
        <SelectField
          name="orgRegion"
          label={t('account.organisation.region')}
          defaultValue={organisation.region}
          autoComplete="address-level1"
          options={regions.map((v) => ({ value: v, label: t(`regions.${v}`) }))}
          error={errors.orgRegion}
        />
        <button type="submit" name="intent" value="update" className="button button--primary">
          {t('form.save')}
        </button>
      </Form>
      <h2>{t('coordinate.organisations.members')}</h2>
      {members.length === 0 ? <p className="empty-state">{t('coordinate.organisations.noMembers')}</p> : null}
      <ul>
        {members.map((m) => (
          <li key={m.id}>
            {m.name} · {t(`professions.${m.profession}`)} · {t(`account.status.${m.status}`)}
          </li>
        ))}
      </ul>
      <h2>{t('coordinate.organisations.mergeTitle')}</h2>
      <p>{t('coordinate.organisations.mergeLead')}</p>
      <SearchForm name="merge" label={t('coordinate.organisations.mergeSearch')} submitLabel={t('account.organisation.search')} defaultValue={mergeQuery} />
      {mergeCandidates.length === 0 ? (
        <p className="empty-state">{t('coordinate.organisations.noCandidates')}</p>
      ) : (
        <Form method="post" className="form">
          <fieldset className="choice-group" aria-describedby={errors.duplicateId ? 'duplicate-error' : undefined}>
            <legend>{t('coordinate.organisations.chooseDuplicate')}</legend>
            {errors.duplicateId ? (
              <p id="duplicate-error" className="field__error">
                {t(errors.duplicateId)}
              </p>
            ) : null}
            {mergeCandidates.map((c) => (
              <label key={c.id} className="choice">
                <input type="radio" name="duplicateId" value={c.id} />
                <span>
                  {c.name} · {c.postal_code} {c.municipality}
                </span>
              </label>
            ))}
          </fieldset>
          <button type="submit" name="intent" value="merge" className="button button--danger">
            {t('coordinate.organisations.mergeSubmit', { name: organisation.name })}
          </button>
        </Form>
      )}
    </div>
  );
}
