import { type ActionFunctionArgs, json, redirect } from '@remix-run/node';
import { announce } from '~/runtime.server';
import { sendCareSignal } from '~/sessions/care-signals.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

export async function loader() {
  return json({ error: 'methodNotAllowed' }, { status: 405, headers: { Allow: 'POST' } });
}

/**
 * A girl's "I want to stop / ask something" (decision 0015): JSON from her tablet, or a plain
 * form post without JavaScript (then back to her screen, which says her care worker knows).
 * The request carries nothing but her participant cookie; only her facilitator's console shows it.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant } = await requireSessionParticipant(request, params.session);
  const isJson = (request.headers.get('Accept') ?? '').includes('application/json');
  const outcome = await sendCareSignal(context.db, participant.id);
  if (outcome.ok) await announce(outcome.change);
  if (isJson) return outcome.ok ? json({ sent: outcome.sent }) : json({ error: outcome.reason }, { status: 409 });
  return redirect(`/s/${participant.id}?care=${outcome.ok ? 'sent' : 'ended'}`);
}
