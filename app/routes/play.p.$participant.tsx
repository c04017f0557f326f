import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Player, feedbackStepTypes as feedbackSteps } from '~/components/player/Player';
import { girlsHelpFor } from '~/help/region.server';
import { languageOr } from '~/i18n/config';
import { i18next } from '~/i18n/i18next.server';
import { appCookie } from '~/security/cookie-policy.server';
import { currentStepId } from '~/lessons/compile';
import { stepsById } from '~/lessons/graph';
import { titleFromLoader } from '~/lib/meta';
import { readFormData } from '~/lib/read-body.server';
import { eventFromForm } from '~/play/form-event';
import { participantAndLesson, participantCookie, participantPath } from '~/play/participant.server';
import { moduleText } from '~/play/texts';
import { appendProgressEvent, lessonStateOf } from '~/progress/progress.server';
import { afterProgress, progressGate } from '~/sessions/participation.server';
import { CareButton } from '~/components/sessions/CareButton';

export const meta = titleFromLoader;
export const handle = { focused: true };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { participant, lesson, events } = await participantAndLesson(params.participant, request);
  const language = languageOr(participant.language);
  // The player speaks the participant's language, also on a second tablet: set it once.
  const url = new URL(request.url);
  if ((await i18next.getLocale(request)) !== language && !url.searchParams.has('taal')) {
    url.searchParams.set('taal', language);
    throw redirect(url.pathname + url.search, { headers: { 'Set-Cookie': await appCookie('language', request).serialize(language) } });
  }
  const state = lessonStateOf(lesson, events);
  if (!state.ok) throw new Error(`a participant's stored events do not replay (${state.reason}; module ${participant.module_id})`);
  const requested = url.searchParams.get('feedback');
  const path = state.snapshot.context.path;
  const answeredStep = requested && path.at(-2) === requested ? stepsById(lesson.module).get(requested) : undefined;
  const texts = lesson.texts[language] ?? {};
  return json(
    {
      title: moduleText(texts, lesson.module.titleKey),
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
    { headers: { 'Set-Cookie': await (await participantCookie(request)).serialize(participant.id) } },
  );
}

/** Without JavaScript each step is a form: the server applies it and shows the next screen. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { participant, lesson, events } = await participantAndLesson(params.participant, request);
  const database = context.db;
  const form = await readFormData(request);
  const state = lessonStateOf(lesson, events);
  if (!state.ok) throw new Error(`a participant's stored events do not replay (module ${participant.module_id})`);
  const step = stepsById(lesson.module).get(currentStepId(state.snapshot))!;
  const event = eventFromForm(step, form.entries());
  const sequence = Number(form.get('sequence'));
  if (!Number.isInteger(sequence) || sequence < 1) return json({ error: 'player.errors.stale' as const }, { status: 400 });
  const closed = await progressGate(participant);
  if (closed) return json({ error: `player.errors.${closed === 'paused' ? 'paused' : 'sessionClosed'}` as const }, { status: 409 });
  const outcome = await appendProgressEvent(database, lesson, participant.id, sequence, event, events);
  await afterProgress(participant, outcome);
  if (outcome.kind === 'refused') return json({ error: 'player.errors.incomplete' as const }, { status: 422 });
  // Another tablet with this link moved on (or this form was old): show where she is now.
  if (outcome.kind === 'conflict' || outcome.kind === 'gap') return redirect(participantPath(participant.id));
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
      <Player {...data} key={data.participantId} formError={actionData?.error ?? null} />
    </>
  );
}
