import { type ActionFunctionArgs, json, redirect } from '@remix-run/node';
import { z } from 'zod';
import { stepsById } from '~/lessons/graph';
import { readFormData, readJsonBody } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { eventFromForm } from '~/play/form-event';
import { requireSessionParticipant } from '~/sessions/tablet.server';

const MAX_ANSWER_BYTES = 8192;
const jsonAnswer = z.object({ step: z.string().max(100), answer: z.unknown() }).strict();

export async function loader() {
  return refusal('methodNotAllowed', { headers: { Allow: 'POST' } });
}

/**
 * A girl's answer in "together" mode: JSON from the player, or a plain form post without
 * JavaScript (then back to her screen). Only to the group's current step, while it runs.
 * A skip is never an answer: with JavaScript it is not posted, without it nothing is written.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant, session, lesson } = await requireSessionParticipant(context, request, params.session);
  if ((request.headers.get('Content-Type') ?? '').includes('application/json')) {
    const body = await readJsonBody(request, jsonAnswer, MAX_ANSWER_BYTES);
    if (!body.ok) return refusal(body.reason);
    const answered = await context.groupSessions.answerTogether(participant.id, body.value.step, body.value.answer);
    return answered.ok ? json({ saved: body.value.step, session: session.id }) : refusal(answered.reason);
  }
  const form = await readFormData(request);
  const stepId = String(form.get('step') ?? '');
  const step = stepsById(lesson.module).get(stepId);
  if (!step) return redirect(`/s/${participant.id}?problem=stale`);
  const event = eventFromForm(step, form.entries());
  // "I'd rather skip" in together mode is simply not posting an answer: nothing is written,
  // the facilitator moves the group on, and her screen says she skipped (decision 0009).
  if (event.type === 'SKIP') return redirect(`/s/${participant.id}?skipped=${encodeURIComponent(stepId)}`);
  const answered = await context.groupSessions.answerTogether(participant.id, stepId, event.type === 'ANSWER' ? event.answer : undefined);
  if (!answered.ok) return redirect(`/s/${participant.id}?problem=${answered.reason === 'notCurrentStep' ? 'stale' : 'notSaved'}`);
  return redirect(`/s/${participant.id}?answered=${encodeURIComponent(stepId)}`);
}
