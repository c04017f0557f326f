import { type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { TabletSession } from '~/components/sessions/TabletSession';
import { girlsHelpFor } from '~/help/region.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { appCookie } from '~/security/cookie-policy.server';
import { titleFromLoader } from '~/lib/meta';
import { participantAndLesson, participantCookie, participantPath } from '~/play/participant.server';
import { moduleText } from '~/play/texts';
import { readSessionViews } from '~/sessions/read-views.server';
import { hasUnseenCareSignal } from '~/sessions/care-signals.server';

export const meta = titleFromLoader;
export const handle = { focused: true };

/**
 * A girl's tablet in a group session (her participant link: it also works on another
 * tablet). Together: the group's step; own pace: her own player; always the session's
 * pause and end.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { participant, lesson, events } = await participantAndLesson(params.participant, request);
  if (!participant.group_session_id) throw redirect(participantPath(participant.id));
  const language = languageOr(participant.language);
  const url = new URL(request.url);
  if ((await i18next.getLocale(request)) !== language && !url.searchParams.has('taal')) {
    url.searchParams.set('taal', language);
    throw redirect(url.pathname + url.search, { headers: { 'Set-Cookie': await appCookie('language', request).serialize(language) } });
  }
  const database = context.db;
  const views = await readSessionViews(database, context.lessons, participant.group_session_id, false);
  if (!views) throw json({ reason: 'notFound' }, { status: 404 });
  const answered = await database.selectFrom('session_answers').select('step_id').where('participant_id', '=', participant.id).execute();
  const texts = lesson.texts[language] ?? {};
  return json(
    {
      title: moduleText(texts, lesson.module.titleKey),
      sessionId: participant.group_session_id,
      participantId: participant.id,
      nickname: participant.nickname,
      avatar: participant.avatar,
      removed: participant.removed,
      variant: lesson.variant,
      language,
      module: lesson.module,
      texts,
      view: views.tablet,
      answered: answered.map((a) => a.step_id),
      // The step she chose to skip without JavaScript (nothing was posted): her screen says so.
      skipped: url.searchParams.get('skipped'),
      events,
      helpResources: await girlsHelpFor(database, participant.group_session_id, language),
      careSent: url.searchParams.get('care') === 'sent' || (await hasUnseenCareSignal(database, participant.id)),
      problem: url.searchParams.get('problem') === 'stale' ? 'player.errors.stale' : url.searchParams.get('problem') ? 'player.errors.notSaved' : null,
    },
    { headers: { 'Set-Cookie': await (await participantCookie(request)).serialize(participant.id) } },
  );
}

export default function Tablet() {
  const data = useLoaderData<typeof loader>();
  return <TabletSession {...data} key={data.participantId} />;
}
