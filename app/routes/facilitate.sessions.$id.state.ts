import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { readSessionViews } from '~/sessions/read-views.server';
import { requireOwnSession } from '~/sessions/guard.server';

/** The facilitator's view as JSON: the polling fallback when SSE cannot get through. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireOwnSession(context, request, params.id);
  const views = await readSessionViews(context.db, context.lessons, session.id, true);
  return json(views?.facilitator ?? null, { headers: { 'Cache-Control': 'no-store' } });
}
