import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { can } from '~/accounts/permissions';
import { FormMessage, TextField } from '~/components/Field';
import { SearchForm } from '~/components/SearchForm';
import { formatCertificateCode } from '~/courses/certificate-code';
import { revokeCertificate, searchCertificates } from '~/courses/certificates.server';
import { courseCounts } from '~/courses/stats.server';
import { grantSessionExceptionByEmail, listSessionExceptions, withdrawSessionException } from '~/courses/unlock.server';
import { refusedForm } from '~/lib/refusal.server';
import { courseTitles } from '~/courses/views.server';
import { i18next, readerLanguage } from '~/i18n/i18next.server';
import { fieldErrors, formEmail, formText, formUuid } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf } from '~/reasons';

export const meta = titleFromLoader;
export const handle = { i18n: ['common', 'courses'] };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requirePermission(context, request, 'revoke', 'certificate');
  const t = await i18next.getFixedT(request, 'courses');
  const language = await readerLanguage(request);
  const query = new URL(request.url).searchParams.get('q') ?? '';
  const [counts, certificates, exceptions] = await Promise.all([
    courseCounts(context.db),
    searchCertificates(context.db, query),
    listSessionExceptions(context.db),
  ]);
  return json({
    title: t('coordinate.title'),
    counts,
    titles: courseTitles(context.courses, language),
    certificates: certificates.map((c) => ({ ...c, code: formatCertificateCode(c.code) })),
    exceptions: exceptions.map((e) => ({ ...e, granted_at: e.granted_at.toISOString().slice(0, 10) })),
    query: query.slice(0, 100),
  });
}

const coordinateForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('revoke'), certificateId: formUuid, reason: formText(500) }),
  z.object({ intent: z.literal('grant'), email: formEmail, reason: formText(500) }),
  z.object({ intent: z.literal('withdraw'), userId: formUuid }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(context, request, 'revoke', 'certificate');
  const parsed = coordinateForm.safeParse(await readForm(request));
  if (!parsed.success) return refusedForm('badRequest', { errors: fieldErrors(parsed.error) });
  const form = parsed.data;
  if (form.intent === 'revoke') {
    const result = await revokeCertificate(context.db, { certificateId: form.certificateId, actorId: actor.id, reason: form.reason });
    if (!result.ok) return refusedForm(result.reason, { errors: {} });
    return redirect('/coordinate/courses?done=revoked');
  }
  if (form.intent === 'grant') {
    if (!can(actor, 'grant', 'session-exception')) return refusedForm('forbidden', { errors: {} });
    const result = await grantSessionExceptionByEmail(context.db, { email: form.email, actorId: actor.id, reason: form.reason });
    // The address is what is wrong: said next to its field.
    if (!result.ok) return refusedForm(result.reason, { error: null, errors: { email: messageOf(result.reason) } });
    return redirect('/coordinate/courses?done=granted');
  }
  const result = await withdrawSessionException(context.db, { userId: form.userId, actorId: actor.id });
  if (!result.ok) return refusedForm(result.reason, { errors: {} });
  return redirect('/coordinate/courses?done=withdrawn');
}

const doneNotices: Record<string, string> = {
  revoked: 'courses:coordinate.certificates.revoked',
  granted: 'courses:coordinate.exceptions.granted',
  withdrawn: 'courses:coordinate.exceptions.withdrawn',
};

export default function CoordinateCourses() {
  const { counts, titles, certificates, exceptions, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation('courses');
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page">
      <h1>{t('coordinate.title')}</h1>
      <p className="lead">{t('coordinate.lead')}</p>
      <FormMessage error={actionData?.error} notice={doneNotices[search.get('done') ?? '']} />

      <h2>{t('coordinate.counts.title')}</h2>
      {counts.length === 0 ? (
        <p className="empty-state">{t('coordinate.counts.empty')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {(['course', 'version', 'enrolments', 'completions', 'valid', 'expired', 'revoked'] as const).map((column) => (
                <th key={column} scope="col">
                  {t(`coordinate.counts.${column}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {counts.map((row) => (
              <tr key={`${row.courseId}-${row.courseVersion}`} data-course={row.courseId}>
                <th scope="row">{titles[row.courseId] ?? row.courseId}</th>
                <td>{row.courseVersion}</td>
                <td>{row.enrolments}</td>
                <td>{row.completions}</td>
                <td>{row.certificatesValid}</td>
                <td>{row.certificatesExpired}</td>
                <td>{row.certificatesRevoked}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('coordinate.certificates.title')}</h2>
      <SearchForm label={t('coordinate.certificates.search')} submitLabel={t('coordinate.certificates.searchSubmit')} defaultValue={query} />
      {certificates.length === 0 ? <p className="empty-state">{t('coordinate.certificates.empty')}</p> : null}
      <ul className="certificate-admin">
        {certificates.map((certificate) => (
          <li key={certificate.id} className="card" data-code={certificate.code} data-status={certificate.status}>
            <p>
              <strong>{certificate.holderName}</strong> · {certificate.courseTitle} (v{certificate.courseVersion}) · {certificate.issuedAt.slice(0, 10)} ·{' '}
              <code>{certificate.code}</code> · {t(`certificates.status.${certificate.status}`)}
              {certificate.revokedReason ? ` — ${certificate.revokedReason}` : ''}
            </p>
            {certificate.status === 'revoked' ? null : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="certificateId" value={certificate.id} />
                <TextField id={`reason-${certificate.id}`} name="reason" label={t('coordinate.certificates.reason')} required maxLength={500} />
                <button type="submit" name="intent" value="revoke" className="button">
                  {t('coordinate.certificates.revoke')}
                  <span className="visually-hidden">: {certificate.code}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>

      <h2>{t('coordinate.exceptions.title')}</h2>
      <p>{t('coordinate.exceptions.lead')}</p>
      <Form method="post" className="form">
        <TextField name="email" type="email" label={t('coordinate.exceptions.email')} error={errors.email} required maxLength={254} />
        <TextField name="reason" label={t('coordinate.exceptions.reason')} error={errors.reason} required maxLength={500} />
        <button type="submit" name="intent" value="grant" className="button button--primary">
          {t('coordinate.exceptions.grant')}
        </button>
      </Form>
      {exceptions.length === 0 ? <p className="empty-state">{t('coordinate.exceptions.empty')}</p> : null}
      <ul className="link-list">
        {exceptions.map((exception) => (
          <li key={exception.user_id} data-exception={exception.email}>
            <strong>{exception.name}</strong> ({exception.organisation_name ?? '—'}) — {exception.reason} ·{' '}
            {t('coordinate.exceptions.grantedBy', { name: exception.granted_by_name ?? '—', date: exception.granted_at })}
            <Form method="post" className="inline-form">
              <input type="hidden" name="userId" value={exception.user_id} />
              <button type="submit" name="intent" value="withdraw" className="button">
                {t('coordinate.exceptions.withdraw')}
                <span className="visually-hidden">: {exception.name}</span>
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}
