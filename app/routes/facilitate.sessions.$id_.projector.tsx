import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ProjectorScreen } from '~/components/sessions/ProjectorScreen';
import { helpResourcesForGirls } from '~/help/resources.server';
import { isLanguage } from '~/i18n/config';
import { titleFromLoader } from '~/lib/meta';
import { siteOrigin } from '~/lib/site-origin.server';
import { moduleText } from '~/play/texts';
import type { ShellHandle } from '~/root';
import { db, lessonLibrary } from '~/runtime.server';
import { type FacilitatorView, readSessionViews } from '~/sessions/group-sessions.server';
import { requireOwnSession } from '~/sessions/guard.server';

export const meta = titleFromLoader;
// The big screen shows the session only: no menus, nothing of the facilitator's own.
export const handle: ShellHandle = { focused: true };

/** The projector view of a group session: opened by its facilitator in a second window. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session, lesson } = await requireOwnSession(request, params.id);
  const views = await readSessionViews(await db(), await lessonLibrary(), session.id, true);
  const language = isLanguage(session.language) ? session.language : 'nl';
  const texts = lesson.texts[language] ?? {};
  return json(
    {
      title: moduleText(texts, lesson.module.titleKey),
      sessionId: session.id,
      joinUrl: `${await siteOrigin(request)}/j/${session.join_code}`,
      module: lesson.module,
      texts,
      view: views!.facilitator as FacilitatorView,
      helpResources: helpResourcesForGirls(language),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function Projector() {
  const data = useLoaderData<typeof loader>();
  return <ProjectorScreen {...data} />;
}
