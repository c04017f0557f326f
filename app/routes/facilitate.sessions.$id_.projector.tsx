import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ProjectorScreen } from '~/components/sessions/ProjectorScreen';
import { girlsHelpFor } from '~/help/region.server';
import { titleFromLoader } from '~/lib/meta';
import type { ShellHandle } from '~/root';
import { facilitatorScreen } from '~/sessions/guard.server';
import type { FacilitatorView } from '~/sessions/session-views';

export const meta = titleFromLoader;
// The big screen shows the session only: no menus, nothing of the facilitator's own.
export const handle: ShellHandle = { focused: true };

/** The projector view of a group session: opened by its facilitator in a second window. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, language, screen } = await facilitatorScreen(context, request, params.id);
  // The big screen never shows a girl's care signal (decision 0015): not even in its page data.
  return json(
    {
      ...screen,
      view: { ...screen.view, careSignals: [] as FacilitatorView['careSignals'] },
      sessionId: session.id,
      helpResources: await girlsHelpFor(context.db, session.id, language),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}

export default function Projector() {
  const data = useLoaderData<typeof loader>();
  return <ProjectorScreen {...data} />;
}
