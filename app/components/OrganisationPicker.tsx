import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { organisationTypes, regions } from '~/db/vocabulary';
import { SelectField, TextField } from './Field';
import { SearchForm } from './SearchForm';

export interface OrganisationOption {
  id: string;
  name: string;
  postal_code: string;
  municipality: string;
}

interface Props {
  query: string;
  results: OrganisationOption[];
  /** Look-alikes of a proposed organisation: "did you mean…" replaces the search. */
  lookAlikes: OrganisationOption[] | null;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  /** The form the choice belongs to (the search is a form of its own). */
  formId: string;
}

/**
 * Choose an organisation from the shared directory or propose a new one. Without
 * JavaScript the search is a plain GET form; with it, results follow the typing.
 * The new-organisation fields show when "not in the list" is chosen (CSS :has, no JS).
 *
 * With JavaScript the type-ahead is a plain `fetch` of the JSON, and Enter searches at once
 * without navigating: a Remix fetcher would first discover its route (`/__manifest`), and a
 * navigation started meanwhile (Enter ~150–300 ms after typing, on a slow Wi-Fi) ended on
 * "page not found" with what she typed lost (issue 12).
 */
export function OrganisationPicker({ query, results, lookAlikes, values, errors, formId }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(query);
  const [found, setFound] = useState<{ query: string; results: OrganisationOption[] } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const inFlight = useRef<AbortController>();
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      inFlight.current?.abort();
    },
    [],
  );
  const shown = typed === query ? results : (found?.results ?? results);
  const chosen = values.organisationId;

  const searchNow = (value: string) => {
    clearTimeout(timer.current);
    if (value.trim().length < 2) return;
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    fetch(`/organisations/search?q=${encodeURIComponent(value)}`, { signal: controller.signal, headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ results: OrganisationOption[] }>) : null))
      .then((answer) => {
        if (answer && !controller.signal.aborted) setFound({ query: value, results: answer.results });
      })
      .catch(() => undefined);
  };
  const onType = (value: string) => {
    setTyped(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => searchNow(value), 250);
  };
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    searchNow(typed);
  };

  const option = (organisation: OrganisationOption) => (
    <label key={organisation.id} className="choice">
      <input type="radio" name="organisationId" value={organisation.id} form={formId} defaultChecked={chosen === organisation.id} />
      <span>
        <strong>{organisation.name}</strong> · {organisation.postal_code} {organisation.municipality}
      </span>
    </label>
  );

  return (
    <section className="card organisation-picker" aria-labelledby="organisation-title">
      <h2 id="organisation-title">{t('account.organisation.title')}</h2>
      {lookAlikes ? (
        <fieldset className="choice-group" form={formId}>
          <legend>{t('account.organisation.didYouMean')}</legend>
          <p className="field__hint">{t('account.organisation.didYouMeanHint')}</p>
          {lookAlikes.map(option)}
          <label className="choice">
            <input type="radio" name="organisationId" value="new" form={formId} />
            <span>{t('account.organisation.noCreateNew', { name: values.orgName })}</span>
          </label>
          <input type="hidden" name="confirmNew" value="yes" form={formId} />
        </fieldset>
      ) : (
        <>
          <SearchForm
            className="organisation-search"
            preventScrollReset
            onSubmit={onSearch}
            label={t('account.organisation.searchLabel')}
            hint={t('account.organisation.searchHint')}
            submitLabel={t('account.organisation.search')}
            autoComplete="off"
            value={typed}
            onChange={(event) => onType(event.currentTarget.value)}
          />
          <fieldset className="choice-group" form={formId} aria-describedby={errors.organisationId ? 'organisationId-error' : undefined}>
            <legend>{t('account.organisation.choose')}</legend>
            <div aria-live="polite">
              {typed.trim().length >= 2 && shown.length === 0 ? <p className="field__hint">{t('account.organisation.noResults')}</p> : null}
              {shown.map(option)}
            </div>
            <label className="choice">
              <input type="radio" name="organisationId" value="new" form={formId} defaultChecked={chosen === 'new'} />
              <span>{t('account.organisation.notInList')}</span>
            </label>
            {errors.organisationId ? (
              <p id="organisationId-error" className="field__error">
                {t(errors.organisationId)}
              </p>
            ) : null}
          </fieldset>
        </>
      )}
      <div className="organisation-new">
        <h3>{t('account.organisation.newTitle')}</h3>
        <TextField
          name="orgName"
          form={formId}
          label={t('account.organisation.name')}
          autoComplete="organization"
          maxLength={160}
          defaultValue={values.orgName}
          error={errors.orgName}
        />
        <SelectField
          name="orgType"
          form={formId}
          label={t('account.organisation.type')}
          placeholder={t('form.choosePlaceholder')}
          options={organisationTypes.map((type) => ({ value: type, label: t(`organisationTypes.${type}`) }))}
          defaultValue={values.orgType ?? ''}
          error={errors.orgType}
        />
        <TextField
          name="orgPostalCode"
          form={formId}
          label={t('account.organisation.postalCode')}
          autoComplete="postal-code"
          inputMode="numeric"
          maxLength={4}
          defaultValue={values.orgPostalCode}
          error={errors.orgPostalCode}
        />
        <TextField
          name="orgMunicipality"
          form={formId}
          label={t('account.organisation.municipality')}
          autoComplete="address-level2"
          maxLength={100}
          defaultValue={values.orgMunicipality}
          error={errors.orgMunicipality}
        />
        <SelectField
          name="orgRegion"
          form={formId}
          label={t('account.organisation.region')}
          autoComplete="address-level1"
          placeholder={t('form.choosePlaceholder')}
          options={regions.map((region) => ({ value: region, label: t(`regions.${region}`) }))}
          defaultValue={values.orgRegion ?? ''}
          error={errors.orgRegion}
        />
      </div>
    </section>
  );
}
