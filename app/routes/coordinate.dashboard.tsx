import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData, useSubmit } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requirePermission } from '~/accounts/guard.server';
import { BarChart, LineChart } from '~/components/stats/Charts';
import { DashboardFilterForm } from '~/components/stats/DashboardFilterForm';
import { StatTableView } from '~/components/stats/StatTableView';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';
import { dashboardFor, dashboardModules } from '~/stats/dashboard.server';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'read', 'statistics');
  const t = await i18next.getFixedT(request);
  const language = languageOr(await i18next.getLocale(request));
  const url = new URL(request.url);
  const modules = dashboardModules(context.lessons);
  const headers = { 'Cache-Control': 'no-store' };
  const read = await dashboardFor(context, url.searchParams, language, t);
  if (!read.ok) {
    return json(
      { title: t('dashboard.title'), error: messageOf(read.reason), query: null, search: '', modules, dashboard: null },
      { status: statusOf(read.reason), headers },
    );
  }
  return json({ title: t('dashboard.title'), error: null, query: read.value.query, search: url.search, modules, dashboard: read.value.dashboard }, { headers });
}

export default function CoordinatorDashboard() {
  const { error, query, search, modules, dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const submit = useSubmit();
  const csv = (id: string) => `/coordinate/dashboard.csv${search ? `${search}&` : '?'}table=${id}`;
  return (
    <div className="page page--wide dashboard">
      <h1>{t('dashboard.title')}</h1>
      <DashboardFilterForm query={query} modules={modules} onChange={(form) => submit(form, { replace: true, preventScrollReset: true })} />
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <details className="how-counted">
        <summary>{t('dashboard.howCounted.title')}</summary>
        <dl>
          {(['organisations', 'professionals', 'sessions', 'participations', 'finished', 'smallNumbers', 'evaluations', 'polls', 'courses'] as const).map(
            (key) => (
              <div key={key}>
                <dt>{t(`dashboard.howCounted.${key}.term`)}</dt>
                <dd>{t(`dashboard.howCounted.${key}.text`)}</dd>
              </div>
            ),
          )}
        </dl>
      </details>
      <p className="no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('dashboard.print')}
        </button>
      </p>
      {dashboard ? (
        <>
          <section aria-labelledby="participations">
            <h2 id="participations">{t('dashboard.participations.title')}</h2>
            <p className="muted">{t('dashboard.participations.notGirls')}</p>
            <div className="chart-with-table">
              <BarChart
                title={dashboard.participations.byRegion.title}
                description={t('dashboard.chartDescription')}
                data={dashboard.participations.byRegion.rows.map((row) => ({ label: row.label, count: row.cells[0]! }))}
              />
              <StatTableView table={dashboard.participations.byRegion} csvHref={csv(dashboard.participations.byRegion.id)} />
            </div>
            <div className="chart-with-table">
              <LineChart
                title={dashboard.participations.byMonth.title}
                description={t('dashboard.chartDescription')}
                data={dashboard.participations.byMonth.rows.map((row) => ({ label: row.label, count: row.cells[0]! }))}
              />
              <StatTableView table={dashboard.participations.byMonth} csvHref={csv(dashboard.participations.byMonth.id)} />
            </div>
            <StatTableView table={dashboard.participations.byModule} csvHref={csv(dashboard.participations.byModule.id)} />
            <StatTableView table={dashboard.participations.byKind} csvHref={csv(dashboard.participations.byKind.id)} />
          </section>
          <section aria-labelledby="sessions">
            <h2 id="sessions">{t('dashboard.sessions.heading')}</h2>
            <StatTableView table={dashboard.sessions} csvHref={csv(dashboard.sessions.id)} />
          </section>
          <section aria-labelledby="organisations">
            <h2 id="organisations">{t('dashboard.organisations.title')}</h2>
            <StatTableView table={dashboard.organisations.byRegion} csvHref={csv(dashboard.organisations.byRegion.id)} />
            <StatTableView table={dashboard.organisations.byType} csvHref={csv(dashboard.organisations.byType.id)} />
          </section>
          <section aria-labelledby="professionals">
            <h2 id="professionals">{t('dashboard.professionals.title')}</h2>
            <p>
              {t('dashboard.professionals.waiting', { count: dashboard.professionals.waiting.count })}
              {dashboard.professionals.waiting.count > 0
                ? ` ${t('dashboard.professionals.waitingAge', { oldest: dashboard.professionals.waiting.oldestDays, median: dashboard.professionals.waiting.medianDays })}`
                : null}
            </p>
            <StatTableView table={dashboard.professionals.byProfession} csvHref={csv(dashboard.professionals.byProfession.id)} />
            <StatTableView table={dashboard.professionals.byRole} csvHref={csv(dashboard.professionals.byRole.id)} />
          </section>
          <section aria-labelledby="courses">
            <h2 id="courses">{t('dashboard.courses.title')}</h2>
            <p className="muted">{t('dashboard.courses.scope')}</p>
            <StatTableView table={dashboard.courses.activity} csvHref={csv(dashboard.courses.activity.id)} />
            <StatTableView table={dashboard.courses.trainingDays} csvHref={csv(dashboard.courses.trainingDays.id)} />
          </section>
          <section aria-labelledby="evaluations">
            <h2 id="evaluations">{t('dashboard.evaluations.title')}</h2>
            {dashboard.evaluations.length === 0 ? <p className="empty-state">{t('dashboard.evaluations.empty')}</p> : null}
            {dashboard.evaluations.map((evaluation) => (
              <article key={evaluation.module} className="card">
                <h3>{evaluation.module}</h3>
                <p>{t('dashboard.evaluations.summary', { count: evaluation.evaluations, average: evaluation.averageRating ?? '–' })}</p>
                {evaluation.steps.length > 0 ? (
                  <table>
                    <caption>{t('dashboard.evaluations.steps')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('dashboard.evaluations.step')}</th>
                        <th scope="col">{t('dashboard.evaluations.answers')}</th>
                        <th scope="col">{t('dashboard.evaluations.usefulness')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {evaluation.steps.map((step) => (
                        <tr key={step.step}>
                          <th scope="row">{step.step}</th>
                          <td className="number">{step.answers}</td>
                          <td className="number">{step.averageUsefulness}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                ) : null}
                {evaluation.comments.length > 0 ? (
                  <>
                    <h4>{t('dashboard.evaluations.comments')}</h4>
                    <ul className="comments">
                      {evaluation.comments.map((comment, i) => (
                        <li key={i}>
                          <time dateTime={comment.date}>{comment.date}</time> {comment.text}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </article>
            ))}
            <h3>{t('dashboard.polls.title')}</h3>
            {dashboard.polls.length === 0 ? <p className="empty-state">{t('dashboard.polls.empty')}</p> : null}
            {dashboard.polls.map((poll) => (
              <StatTableView key={poll.id} table={poll} csvHref={csv(poll.id)} />
            ))}
          </section>
          <section aria-labelledby="yearly" className="yearly-report">
            <h2 id="yearly">{t('dashboard.yearly.title', { year: dashboard.yearly.year })}</h2>
            <p className="muted">{t('dashboard.yearly.explained')}</p>
            <StatTableView table={dashboard.yearly.participations} csvHref={csv(dashboard.yearly.participations.id)} />
            <StatTableView table={dashboard.yearly.sessions} csvHref={csv(dashboard.yearly.sessions.id)} />
          </section>
        </>
      ) : null}
    </div>
  );
}
