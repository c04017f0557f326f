import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Player, feedbackStepTypes as feedbackSteps } from '~/components/player/Player';
import { CareButton } from '~/components/sessions/CareButton';
import { girlsHelpFor } from '~/help/region.server';
import { currentStepId } from '~/lessons/compile';
import { stepsById } from '~/lessons/graph';
import { titleFromLoader } from '~/lib/meta';
import { readFormData } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { eventFromForm } from '~/play/form-event';
import { participantAndLesson, participantPage, participantPath, playEvent } from '~/play/participant.server';
import { lessonStateOf } from '~/progress/progress.server';

export const meta = titleFromLoader;
export const handle = { focused: true };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { participant, lesson, events, language, texts, title, headers } = await participantPage(context, request, params.participant);
  const state = lessonStateOf(lesson, events);
  if (!state.ok) throw new Error(`a participant's stored events do not replay (${state.reason}; module ${participant.module_id})`);
  const requested = new URL(request.url).searchParams.get('feedback');
  const path = state.snapshot.context.path;
  const answeredStep = requested && path.at(-2) === requested ? stepsById(lesson.module).get(requested) : undefined;
  return json(
    {
      title,
      participantId: participant.id,
      variant: lesson.variant,
      language,
      preview: participant.preview_by !== null,
      module: lesson.module,
      texts,
      events,
      helpResources: await girlsHelpFor(context.db, participant.group_session_id, language),
      feedback: answeredStep && feedbackSteps.has(answeredStep.type) ? answeredStep.id : null,
    },
    { headers },
  );
}

/** Without JavaScript each step is a form: the server applies it and shows the next screen. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const found = await participantAndLesson(context, request, params.participant);
  const { participant, lesson, events } = found;
  const form = await readFormData(request);
  const state = lessonStateOf(lesson, events);
  if (!state.ok) throw new Error(`a participant's stored events do not replay (module ${participant.module_id})`);
  const step = stepsById(lesson.module).get(currentStepId(state.snapshot))!;
  const event = eventFromForm(step, form.entries());
  const sequence = Number(form.get('sequence'));
  if (!Number.isInteger(sequence) || sequence < 1) return refusal('stalePage');
  const played = await playEvent(context, { ...found, remembered: false }, sequence, event);
  // Another tablet with this link moved on (or this form was old): show where she is now.
  if (!played.ok && (played.reason === 'sequenceTaken' || played.reason === 'sequenceAhead')) return redirect(participantPath(participant.id));
  if (!played.ok) return refusal(played.reason);
  const showFeedback = event.type === 'ANSWER' && feedbackSteps.has(step.type);
  return redirect(`${participantPath(participant.id)}${showFeedback ? `?feedback=${step.id}` : ''}`);
}

export default function PlayParticipant() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      {/* Playing alone there is no facilitator to signal: "I want to stop / ask something" opens the help lines (decision 0015). */}
      <div className="tablet__top tablet__top--solo">
        <CareButton mode="help" helpResources={data.helpResources} />
      </div>
      <Player {...data} key={data.participantId} formError={actionData?.message ?? null} />
    </>
  );
}
