import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { i18next } from '~/i18n/i18next.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { keepRetryAfter } from '~/lib/retry-after';
import { participantCookie } from '~/play/participant.server';
import { announce } from '~/runtime.server';
import { avatars } from '~/sessions/avatars';
import { joinGroupSession } from '~/sessions/group-sessions.server';
import { countJoin, lookUpJoinCode } from '~/sessions/joining.server';
import { checkNickname } from '~/sessions/nickname';

export const meta = titleFromLoader;
export const headers = keepRetryAfter;

/** The session behind a code, counting wrong codes like the code form does (no guessing through this door). */
async function sessionForCode(code: string | undefined, clientIp: string) {
  const found = await lookUpJoinCode(code, clientIp);
  if (!found.ok) throw redirect(`/join?code=${encodeURIComponent((code ?? '').slice(0, 12))}`);
  return found.session;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = await sessionForCode(params.code, context.clientIp);
  const t = await i18next.getFixedT(request);
  return json({ title: t('join.nickname.title'), locked: session.joining_locked });
}

const nicknameForm = z.object({ nickname: z.string().max(200), avatar: z.enum(avatars) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const session = await sessionForCode(params.code, context.clientIp);
  const values = await readForm(request);
  const parsed = nicknameForm.safeParse(values);
  const nickname = typeof values.nickname === 'string' ? values.nickname.trim() : '';
  if (!parsed.success) {
    const avatarMissing = parsed.error.issues.some((i) => i.path[0] === 'avatar');
    return json({ errors: avatarMissing ? { avatar: 'join.nickname.errors.avatar' } : { nickname: 'join.nickname.errors.length' }, nickname }, { status: 400 });
  }
  const problemOrName = checkNickname(parsed.data.nickname);
  if (!problemOrName.ok) return json({ errors: { nickname: `join.nickname.errors.${problemOrName.problem}` }, nickname }, { status: 400 });
  await countJoin(session.id, context.clientIp);
  const joined = await joinGroupSession(context.db, session.id, { nickname: problemOrName.nickname, avatar: parsed.data.avatar });
  if (!joined.ok) return json({ errors: { nickname: `join.nickname.errors.${joined.reason}` }, nickname }, { status: 409 });
  await announce(joined.change);
  return redirect(`/s/${joined.participantId}`, { headers: { 'Set-Cookie': await (await participantCookie(request)).serialize(joined.participantId) } });
}

export default function ChooseNickname() {
  const { locked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  if (locked) {
    return (
      <div className="page page--narrow">
        <h1>{t('join.nickname.title')}</h1>
        <p className="form-message form-message--notice">{t('join.nickname.errors.locked')}</p>
        <p>
          <Link to="/join">{t('join.title')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>{t('join.nickname.title')}</h1>
      <p className="lead">{t('join.nickname.lead')}</p>
      <Form method="post" className="form" noValidate>
        <div className="field">
          <label htmlFor="nickname">{t('join.nickname.label')}</label>
          <input
            id="nickname"
            name="nickname"
            className="input"
            autoComplete="off"
            maxLength={20}
            defaultValue={actionData?.nickname}
            aria-invalid={errors.nickname ? true : undefined}
            aria-describedby={errors.nickname ? 'nickname-error nickname-hint' : 'nickname-hint'}
          />
          <p id="nickname-hint" className="field__hint">
            {t('join.nickname.hint')}
          </p>
          {errors.nickname ? (
            <p id="nickname-error" className="field__error" role="alert">
              {t(errors.nickname)}
            </p>
          ) : null}
        </div>
        <fieldset className="choice-group" aria-describedby={errors.avatar ? 'avatar-error' : undefined}>
          <legend>{t('join.nickname.avatar')}</legend>
          <div className="avatar-grid">
            {avatars.map((avatar, index) => (
              <label key={avatar} className="avatar-choice">
                <input type="radio" name="avatar" value={avatar} defaultChecked={index === 0} />
                <img src={`/avatars/${avatar}.svg`} alt="" width={72} height={72} />
                <span>{t(`join.avatars.${avatar}`)}</span>
              </label>
            ))}
          </div>
          {errors.avatar ? (
            <p id="avatar-error" className="field__error" role="alert">
              {t(errors.avatar)}
            </p>
          ) : null}
        </fieldset>
        <button type="submit" className="button button--primary button--large">
          {t('join.nickname.submit')}
        </button>
      </Form>
    </div>
  );
}
