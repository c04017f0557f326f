import { type ActionFunctionArgs, json, redirect } from '@remix-run/node';
import { z } from 'zod';
import { stepsById } from '~/lessons/graph';
import { readFormData, readJson } from '~/lib/read-body.server';
import { eventFromForm } from '~/play/form-event';
import { announce } from '~/runtime.server';
import { recordTogetherAnswer } from '~/sessions/group-sessions.server';
import { requireSessionParticipant } from '~/sessions/tablet.server';

const MAX_ANSWER_BYTES = 8192;
const jsonAnswer = z.object({ step: z.string().max(100), answer: z.unknown() }).strict();

export async function loader() {
  return json({ error: 'methodNotAllowed' }, { status: 405, headers: { Allow: 'POST' } });
}

/**
 * A girl's answer in "together" mode: JSON from the player, or a plain form post without
 * JavaScript (then back to her screen). Only to the group's current step, while it runs.
 * A skip is never an answer: with JavaScript it is not posted, without it nothing is written.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant, session, lesson } = await requireSessionParticipant(request, params.session);
  const isJson = (request.headers.get('Content-Type') ?? '').includes('application/json');
  let stepId: string;
  let answer: unknown;
  if (isJson) {
    const body = await readJson(request, MAX_ANSWER_BYTES);
    if (!body.ok) return json({ error: body.error }, { status: body.status });
    const parsed = jsonAnswer.safeParse(body.value);
    if (!parsed.success) return json({ error: 'badRequest' }, { status: 400 });
    stepId = parsed.data.step;
    answer = parsed.data.answer;
  } else {
    const form = await readFormData(request);
    stepId = String(form.get('step') ?? '');
    const step = stepsById(lesson.module).get(stepId);
    if (!step) return redirect(`/s/${participant.id}?problem=stale`);
    const event = eventFromForm(step, form.entries());
    // "I'd rather skip" in together mode is simply not posting an answer: nothing is written,
    // the facilitator moves the group on, and her screen says she skipped (decision 0009).
    if (event.type === 'SKIP') return redirect(`/s/${participant.id}?skipped=${encodeURIComponent(stepId)}`);
    answer = event.type === 'ANSWER' ? event.answer : undefined;
  }
  const outcome = await recordTogetherAnswer(context.db, context.lessons, participant.id, stepId, answer);
  if (!outcome.ok) {
    if (!isJson) return redirect(`/s/${participant.id}?problem=${outcome.reason === 'notCurrentStep' ? 'stale' : 'notSaved'}`);
    return json({ error: outcome.reason }, { status: outcome.status });
  }
  await announce(outcome.change);
  if (!isJson) return redirect(`/s/${participant.id}?answered=${encodeURIComponent(stepId)}`);
  return json({ saved: stepId, session: session.id });
}
