import { type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TextField } from '~/components/Field';
import { i18next } from '~/i18n/i18next.server';
import { readForm } from '~/lib/read-body.server';
import { titleFromLoader } from '~/lib/meta';
import { refusal, refusedForm } from '~/lib/refusal.server';
import { keepRetryAfter } from '~/lib/retry-after';
import { participantCookie } from '~/play/participant.server';
import { messageOf } from '~/reasons';
import { avatars } from '~/sessions/avatars';
import { joinWithNickname, lookUpJoinCode, retryAfterHeaders } from '~/sessions/joining.server';
import { checkNickname } from '~/sessions/nickname';
import type { SessionReason } from '~/sessions/reasons';

export const meta = titleFromLoader;
export const headers = keepRetryAfter;

/** The session behind a code, counting wrong codes like the code form does (no guessing through this door). */
async function sessionForCode(context: AppLoadContext, code: string | undefined) {
  const found = await lookUpJoinCode(context.db, context.clientIp, code);
  if (found.ok) return found.value;
  if (found.reason === 'joinTooMany') throw refusal(found.reason, { headers: retryAfterHeaders(found) });
  throw redirect(`/join?code=${encodeURIComponent((code ?? '').slice(0, 12))}`);
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = await sessionForCode(context, params.code);
  const t = await i18next.getFixedT(request);
  return json({ title: t('join.nickname.title'), locked: session.joining_locked });
}

const nicknameForm = z.object({ nickname: z.string().max(200), avatar: z.enum(avatars) });

/** The form again: the refusal, its message beside its field, and the name she typed. */
function refusedNickname(reason: SessionReason, field: 'nickname' | 'avatar', nickname: string, headers: Record<string, string> = {}) {
  const errors: Partial<Record<'nickname' | 'avatar', string>> = { [field]: messageOf(reason) };
  return refusedForm(reason, { error: null, errors, nickname }, { headers });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const session = await sessionForCode(context, params.code);
  const values = await readForm(request);
  const parsed = nicknameForm.safeParse(values);
  const nickname = typeof values.nickname === 'string' ? values.nickname.trim() : '';
  if (!parsed.success) {
    const avatarMissing = parsed.error.issues.some((i) => i.path[0] === 'avatar');
    return avatarMissing ? refusedNickname('avatarMissing', 'avatar', nickname) : refusedNickname('nicknameLength', 'nickname', nickname);
  }
  const checked = checkNickname(parsed.data.nickname);
  if (!checked.ok) return refusedNickname(checked.reason, 'nickname', nickname);
  const joined = await joinWithNickname(context, context.clientIp, session.id, { nickname: checked.value, avatar: parsed.data.avatar });
  if (!joined.ok) return refusedNickname(joined.reason, 'nickname', nickname, retryAfterHeaders(joined));
  const { participantId } = joined.value;
  return redirect(`/s/${participantId}`, { headers: { 'Set-Cookie': await participantCookie(request).serialize(participantId) } });
}

export default function ChooseNickname() {
  const { locked } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Partial<Record<'nickname' | 'avatar', string>> = actionData?.errors ?? {};
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
        <TextField
          id="nickname"
          name="nickname"
          label={t('join.nickname.label')}
          hint={t('join.nickname.hint')}
          error={errors.nickname}
          alert
          autoComplete="off"
          maxLength={20}
          defaultValue={actionData?.nickname}
        />
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
