import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { parseRegistrationForm } from '~/accounts/registration-form';
import { registerWithinLimits } from '~/accounts/registration.server';
import { OrganisationPicker } from '~/components/OrganisationPicker';
import { FormMessage, NewPasswordField, SelectField, TextField } from '~/components/Field';
import { professions } from '~/db/vocabulary';
import { supportedLanguages } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { readForm } from '~/lib/read-body.server';
import { keepRetryAfter } from '~/lib/retry-after';
import { searchOrganisations } from '~/organisations/directory.server';
import { passwordProblem } from '~/accounts/passwords.server';
import { messageOf, statusOf } from '~/reasons';
import { retryAfterHeaders } from '~/security/rate-limit.server';

export const meta = titleFromLoader;
// A 429's Retry-After reaches forms posted without JavaScript too.
export const headers = keepRetryAfter;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const t = await i18next.getFixedT(request);
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  const results = query ? await searchOrganisations(context.db, query) : [];
  return json({ title: t('account.register.title'), language: await i18next.getLocale(request), query, results });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  // Bots fill in every field; people never see this one.
  if (values.website) return redirect('/account/registered');
  const { password: _password, ...echo } = values;
  const parsed = parseRegistrationForm(values);
  if (!parsed.ok) return json({ errors: parsed.errors, values: echo, lookAlikes: null, formError: 'form.fixErrors' }, { status: 400 });
  const problem = passwordProblem(parsed.form.password);
  if (problem)
    return json({ errors: { password: `account.password.${problem}` }, values: echo, lookAlikes: null, formError: 'form.fixErrors' }, { status: 400 });
  const { role, ...form } = parsed.form;
  const result = await registerWithinLimits(context.db, { ...form, roles: [role] }, context.clientIp);
  if (result.ok) return redirect('/account/registered');
  const status = statusOf(result.reason);
  switch (result.reason) {
    case 'tooMany':
      return json({ errors: {}, values: echo, lookAlikes: null, formError: messageOf(result.reason) }, { status, headers: retryAfterHeaders(result) });
    case 'unknownOrganisation':
      return json({ errors: { organisationId: messageOf(result.reason) }, values: echo, lookAlikes: null, formError: 'form.fixErrors' }, { status });
    case 'organisationLookAlikes':
      // "Did you mean…" takes the search's place: no error, a question.
      return json({ errors: {}, values: echo, lookAlikes: result.candidates, formError: null }, { status });
  }
}

export default function Register() {
  const { query, results, language } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values = (actionData?.values ?? {}) as Record<string, string | undefined>;
  return (
    <div className="page page--narrow">
      <h1>{t('account.register.title')}</h1>
      <p className="lead">{t('account.register.lead')}</p>
      <FormMessage error={actionData?.formError} />
      <OrganisationPicker query={query} results={results} values={values} errors={errors} lookAlikes={actionData?.lookAlikes ?? null} formId="register-form" />
      <Form method="post" id="register-form" className="form" noValidate>
        <h2>{t('account.register.aboutYou')}</h2>
        <TextField name="name" label={t('account.fields.name')} autoComplete="name" required maxLength={120} defaultValue={values.name} error={errors.name} />
        <TextField
          name="email"
          type="email"
          label={t('account.fields.email')}
          autoComplete="email"
          required
          maxLength={254}
          defaultValue={values.email}
          error={errors.email}
        />
        <NewPasswordField name="password" error={errors.password} retype={actionData !== undefined} />
        <SelectField
          name="profession"
          label={t('account.fields.profession')}
          placeholder={t('form.choosePlaceholder')}
          options={professions.map((p) => ({ value: p, label: t(`professions.${p}`) }))}
          defaultValue={values.profession ?? ''}
          error={errors.profession}
          required
        />
        <fieldset className="choice-group" aria-describedby={errors.role ? 'role-error' : undefined}>
          <legend>{t('account.fields.role')}</legend>
          {(['facilitator', 'trainer'] as const).map((role) => (
            <label key={role} className="choice">
              <input type="radio" name="role" value={role} defaultChecked={(values.role ?? 'facilitator') === role} />
              <span>{t(`account.roles.${role}Explained`)}</span>
            </label>
          ))}
          {errors.role ? (
            <p id="role-error" className="field__error">
              {t(errors.role)}
            </p>
          ) : null}
        </fieldset>
        <SelectField
          name="language"
          label={t('account.fields.language')}
          options={supportedLanguages.map((l) => ({ value: l, label: t(`language.names.${l}`) }))}
          defaultValue={values.language ?? language}
          error={errors.language}
        />
        <div className="honeypot" aria-hidden="true">
          <label htmlFor="website">Website</label>
          <input id="website" name="website" tabIndex={-1} autoComplete="off" />
        </div>
        <button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
          {navigation.state === 'submitting' ? t('form.sending') : t('account.register.submit')}
        </button>
      </Form>
    </div>
  );
}
