import { type ActionFunctionArgs, json, redirect } from '@remix-run/node';
import { refusal } from '~/lib/refusal.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

export async function loader() {
  return refusal('methodNotAllowed', { headers: { Allow: 'POST' } });
}

/**
 * A girl's "I want to stop / ask something" (decision 0015): JSON from her tablet, or a plain
 * form post without JavaScript (then back to her screen, which says her care worker knows).
 * The request carries nothing but her participant cookie; only her facilitator's console shows it.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant } = await requireSessionParticipant(context, request, params.session);
  const isJson = (request.headers.get('Accept') ?? '').includes('application/json');
  const outcome = await context.groupSessions.sendCareSignal(participant.id);
  if (isJson) return outcome.ok ? json({ sent: outcome.value.sent }) : refusal(outcome.reason);
  return redirect(`/s/${participant.id}?care=${outcome.ok ? 'sent' : 'ended'}`);
}
