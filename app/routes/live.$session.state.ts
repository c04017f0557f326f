import { type LoaderFunctionArgs, json } from '@remix-run/node';
import { readSessionViews } from '~/sessions/read-views.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

/** The tablet's view as JSON: for polling where SSE cannot get through, and after waking up. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session } = await requireSessionParticipant(context, request, params.session);
  const views = await readSessionViews(context.db, context.lessons, session.id, false);
  return json(views?.tablet ?? null, { headers: { 'Cache-Control': 'no-store' } });
}
