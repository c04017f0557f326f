import { type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { TabletSession } from '~/components/sessions/TabletSession';
import { girlsHelpFor } from '~/help/region.server';
import { titleFromLoader } from '~/lib/meta';
import { participantPage, participantPath } from '~/play/participant.server';
import { tabletStart } from '~/sessions/tablet.server';

export const meta = titleFromLoader;
export const handle = { focused: true };

/**
 * A girl's tablet in a group session (her participant link: it also works on another
 * tablet). Together: the group's step; own pace: her own player; always the session's
 * pause and end.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { participant, lesson, events, language, texts, title, headers } = await participantPage(context, request, params.participant);
  if (!participant.group_session_id) throw redirect(participantPath(participant.id));
  const { view, answered, careWaiting } = await tabletStart(context, participant);
  const url = new URL(request.url);
  const problem = url.searchParams.get('problem');
  return json(
    {
      title,
      sessionId: participant.group_session_id,
      participantId: participant.id,
      nickname: participant.nickname,
      avatar: participant.avatar,
      removed: participant.removed,
      variant: lesson.variant,
      language,
      module: lesson.module,
      texts,
      view,
      answered,
      // The step she chose to skip without JavaScript (nothing was posted): her screen says so.
      skipped: url.searchParams.get('skipped'),
      events,
      helpResources: await girlsHelpFor(context.db, participant.group_session_id, language),
      careSent: url.searchParams.get('care') === 'sent' || careWaiting,
      problem: problem === 'stale' ? 'player.errors.stale' : problem ? 'player.errors.notSaved' : null,
    },
    { headers },
  );
}

export default function Tablet() {
  const data = useLoaderData<typeof loader>();
  return <TabletSession {...data} key={data.participantId} />;
}
