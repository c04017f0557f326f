import type { LoaderFunctionArgs } from '@remix-run/node';
import { eventStream } from '~/live/hub.server';
import { liveHub } from '~/runtime.server';
import { requireOwnSession } from '~/sessions/guard.server';

/** The facilitator's live view of her session (Server-Sent Events). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireOwnSession(context, request, params.id);
  const hub = await liveHub();
  return eventStream(request, (client) => hub.attach(session.id, 'facilitator', client));
}
