import { type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { requireSignedIn } from '~/accounts/guard.server';
import { homeFor } from '~/accounts/home';
import { rejectionReasonOf } from '~/accounts/users.server';
import { i18next } from '~/i18n/i18next.server';
import { titleFromLoader } from '~/lib/meta';

export const meta = titleFromLoader;

/** A pending or rejected account sees this page and nothing else. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireSignedIn(context, request);
  if (user.status === 'approved') throw redirect(homeFor(user));
  const t = await i18next.getFixedT(request);
  const rejected = user.status === 'rejected';
  return json({
    title: t(rejected ? 'account.pending.rejectedTitle' : 'account.pending.title'),
    name: user.name,
    rejected,
    reason: rejected ? await rejectionReasonOf(context.db, user.id) : null,
  });
}

export default function Pending() {
  const { name, rejected, reason } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t(rejected ? 'account.pending.rejectedTitle' : 'account.pending.title')}</h1>
      {rejected ? (
        <>
          <p className="lead">{t('account.pending.rejectedLead', { name })}</p>
          <blockquote className="card">{reason}</blockquote>
          <p>{t('account.pending.rejectedNext')}</p>
        </>
      ) : (
        <>
          <p className="lead">{t('account.pending.lead', { name })}</p>
          <p>{t('account.pending.next')}</p>
        </>
      )}
      <Form method="post" action="/account/sign-out">
        <button type="submit" className="button">
          {t('shell.nav.signOut')}
        </button>
      </Form>
    </div>
  );
}
