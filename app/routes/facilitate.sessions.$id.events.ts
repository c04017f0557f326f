import type { LoaderFunctionArgs } from '@remix-run/node';
import { eventStream } from '~/live/hub.server';
import { requireOwnSession } from '~/sessions/guard.server';

/** The facilitator's live view of her session (Server-Sent Events). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireOwnSession(context, request, params.id);
  return eventStream(request, (client) => context.live.hub.attach(session.id, 'facilitator', client));
}
