import type { LoaderFunctionArgs } from '@remix-run/node';
import { eventStream } from '~/live/hub.server';
import { liveHub } from '~/runtime.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

/** A tablet's live view of its session (Server-Sent Events): the step, pause, results, the end. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await requireSessionParticipant(request, params.session);
  const hub = await liveHub();
  return eventStream(request, (client) => hub.attach(session.id, 'tablet', client));
}
