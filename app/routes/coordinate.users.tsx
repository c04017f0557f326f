import { type ActionFunctionArgs, type LoaderFunctionArgs, json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { requirePermission } from '~/accounts/guard.server';
import { assignableRoles } from '~/accounts/permissions';
import { listUsers, setUserEnabled, setUserRoles } from '~/accounts/users.server';
import { FormMessage } from '~/components/Field';
import { SearchForm } from '~/components/SearchForm';
import { roles } from '~/db/vocabulary';
import { i18next } from '~/i18n/i18next.server';
import { formUuid } from '~/lib/forms';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { messageOf, statusOf } from '~/reasons';

export const meta = titleFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requirePermission(context, request, 'update', 'user');
  const t = await i18next.getFixedT(request);
  const query = (new URL(request.url).searchParams.get('q') ?? '').slice(0, 100);
  return json({ title: t('coordinate.users.title'), query, users: await listUsers(context.db, query), assignable: assignableRoles(actor), actorId: actor.id });
}

const userAction = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['disable', 'enable']), userId: formUuid }),
  z.object({ intent: z.literal('roles'), userId: formUuid, role: z.union([z.enum(roles), z.array(z.enum(roles))]).optional() }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(context, request, 'update', 'user');
  const parsed = userAction.safeParse(await readForm(request));
  if (!parsed.success) return json({ formError: 'form.invalidRequest', done: null }, { status: 400 });
  const form = parsed.data;
  const changed =
    form.intent === 'roles'
      ? await setUserRoles(context.db, actor, form.userId, form.role === undefined ? [] : [form.role].flat())
      : await setUserEnabled(context.db, actor, form.userId, form.intent === 'enable');
  if (!changed.ok) return json({ formError: messageOf(changed.reason), done: null }, { status: statusOf(changed.reason) });
  const done = { roles: 'coordinate.users.rolesChanged', enable: 'coordinate.users.enabled', disable: 'coordinate.users.disabled' } as const;
  return json({ formError: null, done: done[form.intent] });
}

export default function Users() {
  const { query, users, assignable, actorId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('coordinate.users.title')}</h1>
      <SearchForm name="q" label={t('coordinate.users.search')} submitLabel={t('account.organisation.search')} defaultValue={query} />
      <FormMessage error={actionData?.formError} notice={actionData?.done} />
      {users.length === 0 ? <p className="empty-state">{t('coordinate.users.empty')}</p> : null}
      <ul className="card-list">
        {users.map((user) => (
          <li key={user.id} className="card">
            <h2>{user.name}</h2>
            <p>
              {user.email} · {user.organisation_name ?? '—'} · {t(`account.status.${user.status}`)}
            </p>
            <Form method="post" className="inline-form">
              <input type="hidden" name="userId" value={user.id} />
              <fieldset className="choice-group choice-group--inline">
                <legend>{t('account.overview.roles')}</legend>
                {roles.map((role) => (
                  <label key={role} className="choice">
                    <input type="checkbox" name="role" value={role} defaultChecked={user.roles.includes(role)} disabled={!assignable.includes(role)} />
                    <span>{t(`account.roles.${role}`)}</span>
                  </label>
                ))}
              </fieldset>
              {/* Disabled boxes are not submitted: keep roles this actor may not change. */}
              {user.roles
                .filter((role) => !assignable.includes(role))
                .map((role) => (
                  <input key={role} type="hidden" name="role" value={role} />
                ))}
              <button type="submit" name="intent" value="roles" className="button">
                {t('coordinate.users.saveRoles', { name: user.name })}
              </button>
            </Form>
            {user.id !== actorId && (user.status === 'approved' || user.status === 'disabled') ? (
              <Form method="post">
                <input type="hidden" name="userId" value={user.id} />
                <button type="submit" name="intent" value={user.status === 'approved' ? 'disable' : 'enable'} className="button">
                  {t(user.status === 'approved' ? 'coordinate.users.disable' : 'coordinate.users.enable', { name: user.name })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
