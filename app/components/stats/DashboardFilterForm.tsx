import { Form } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { organisationTypes, regions } from '~/db/vocabulary';
import { supportedLanguages } from '~/i18n/config';
import { lessonVariants } from '~/lessons/schema';
import { areas, type DashboardQuery, periodKinds } from '~/stats/filters';

/** The filters as a GET form: it works without JavaScript; with it, a change applies at once. */
export function DashboardFilterForm({
  query,
  modules,
  onChange,
}: {
  query: DashboardQuery | null;
  modules: string[];
  onChange: (form: HTMLFormElement) => void;
}) {
  const { t } = useTranslation();
  const year = query?.year ?? new Date().getUTCFullYear();
  return (
    <Form method="get" className="filters no-print" onChange={(event) => onChange(event.currentTarget)} aria-label={t('dashboard.filters.title')}>
      <div className="filters__row">
        <label>
          {t('dashboard.filters.period')}
          <select name="period" defaultValue={query?.period ?? 'year'}>
            {periodKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`dashboard.filters.periods.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.year')}
          <input type="number" name="year" min={2019} max={2100} defaultValue={year} inputMode="numeric" />
        </label>
        <label>
          {t('dashboard.filters.quarter')}
          <select name="quarter" defaultValue={query?.quarter ?? ''}>
            <option value="">–</option>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t('dashboard.filters.quarterN', { n: q })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.month')}
          <select name="month" defaultValue={query?.month ?? ''}>
            <option value="">–</option>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {t(`dashboard.filters.months.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.from')}
          <input type="date" name="from" defaultValue={query?.from ?? ''} />
        </label>
        <label>
          {t('dashboard.filters.to')}
          <input type="date" name="to" defaultValue={query?.to ?? ''} />
        </label>
      </div>
      <div className="filters__row">
        <label>
          {t('dashboard.filters.place')}
          <select name="place" defaultValue={query?.place ?? ''}>
            <option value="">{t('dashboard.filters.all')}</option>
            <optgroup label={t('dashboard.filters.areas')}>
              {areas.map((area) => (
                <option key={area} value={area}>
                  {t(`dashboard.areas.${area}`)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('dashboard.filters.provinces')}>
              {regions.map((region) => (
                <option key={region} value={region}>
                  {t(`regions.${region}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label>
          {t('dashboard.organisationType')}
          <select name="organisationType" defaultValue={query?.organisationType ?? ''}>
            <option value="">{t('dashboard.filters.all')}</option>
            {organisationTypes.map((type) => (
              <option key={type} value={type}>
                {t(`organisationTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.module')}
          <select name="module" defaultValue={query?.module ?? ''}>
            <option value="">{t('dashboard.filters.all')}</option>
            {modules.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.variant')}
          <select name="variant" defaultValue={query?.variant ?? ''}>
            <option value="">{t('dashboard.filters.all')}</option>
            {lessonVariants.map((variant) => (
              <option key={variant} value={variant}>
                {t(`dashboard.variants.${variant}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dashboard.filters.language')}
          <select name="language" defaultValue={query?.language ?? ''}>
            <option value="">{t('dashboard.filters.all')}</option>
            {supportedLanguages.map((lng) => (
              <option key={lng} value={lng}>
                {t(`dashboard.languages.${lng}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary">
          {t('dashboard.filters.apply')}
        </button>
      </div>
    </Form>
  );
}
