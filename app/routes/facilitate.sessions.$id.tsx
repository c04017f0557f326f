import { type ActionFunctionArgs, type LoaderFunctionArgs, json, redirect } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { ProgrammeWarning } from '~/components/ProgrammeChoice';
import { FacilitatorConsole } from '~/components/sessions/FacilitatorConsole';
import { SessionSummary } from '~/components/sessions/SessionSummary';
import { titleFromLoader } from '~/lib/meta';
import { readForm } from '~/lib/read-body.server';
import { refusal } from '~/lib/refusal.server';
import { programmeWarning } from '~/programme/programme.server';
import { findEvaluation, parseEvaluation, saveEvaluation } from '~/sessions/evaluations.server';
import type { ControlAction } from '~/sessions/group-sessions.server';
import { facilitatorScreen, requireOwnSession } from '~/sessions/guard.server';

export const meta = titleFromLoader;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { session, screen, language } = await facilitatorScreen(context, request, params.id);
  return json({
    // Before the start only: a module that builds on earlier ones the organisation has not played.
    programmeWarning:
      session.status === 'lobby' ? await programmeWarning(context.db, context.lessons, session.organisation_id, session.module_id, language) : null,
    ...screen,
    session: {
      id: session.id,
      variant: session.variant,
      language: session.language,
      pacing: session.pacing,
      createdAt: session.created_at,
      endedAt: session.ended_at,
    },
    evaluation: await findEvaluation(context.db, session.id),
    saved: new URL(request.url).searchParams.has('saved'),
  });
}

const controlSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.enum(['start', 'back', 'pause', 'resume', 'end']) }),
  z.object({ intent: z.literal('next'), option: z.string().max(100).optional() }),
  z.object({ intent: z.enum(['reveal', 'hide']) }),
  z.object({ intent: z.enum(['lock', 'unlock']) }),
  z.object({ intent: z.literal('remove'), participant: z.string().max(40) }),
]);

// She goes to the girl and marks her care signal seen (decision 0015).
const careSeenSchema = z.object({ intent: z.literal('careSeen'), signalId: z.string().uuid() });

function actionOf(parsed: z.infer<typeof controlSchema>): ControlAction {
  switch (parsed.intent) {
    case 'next':
      return { type: 'next', option: parsed.option || undefined };
    case 'reveal':
    case 'hide':
      return { type: 'reveal', show: parsed.intent === 'reveal' };
    case 'lock':
    case 'unlock':
      return { type: 'lock', locked: parsed.intent === 'lock' };
    case 'remove':
      return { type: 'remove', handle: parsed.participant };
    default:
      return { type: parsed.intent };
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { session, lesson } = await requireOwnSession(context, request, params.id);
  const values = await readForm(request);
  if (values.intent === 'evaluate') {
    if (session.status !== 'ended') return refusal('sessionNotEnded');
    const evaluation = parseEvaluation(lesson, values);
    if (!evaluation.ok) return refusal(evaluation.reason);
    await saveEvaluation(context.db, session.id, evaluation.value);
    return redirect(`/facilitate/sessions/${session.id}?saved=1`);
  }
  if (values.intent === 'careSeen') {
    const seen = careSeenSchema.safeParse(values);
    if (!seen.success) return refusal('badRequest');
    await context.groupSessions.markCareSignalSeen(session.id, seen.data.signalId);
    return json({ seen: seen.data.signalId });
  }
  const parsed = controlSchema.safeParse(values);
  if (!parsed.success) return refusal('badRequest');
  const outcome = await context.groupSessions.control(session.id, actionOf(parsed.data), session);
  return outcome.ok ? json({ version: outcome.value.version }) : refusal(outcome.reason);
}

export default function RunSession() {
  const data = useLoaderData<typeof loader>();
  if (data.view.status === 'ended') return <SessionSummary {...data} />;
  return (
    <>
      {data.programmeWarning ? <ProgrammeWarning missing={data.programmeWarning} /> : null}
      <FacilitatorConsole {...data} />
    </>
  );
}
