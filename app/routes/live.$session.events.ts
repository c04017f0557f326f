import type { LoaderFunctionArgs } from '@remix-run/node';
import { eventStream } from '~/live/hub.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

/** A tablet's live view of its session (Server-Sent Events): the step, pause, results, the end. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireSessionParticipant(context, request, params.session);
  return eventStream(request, (client) => context.live.hub.attach(session.id, 'tablet', client));
}
