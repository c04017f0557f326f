// The read model of a group session: every view a change leads to, read once per change.
import { type Kysely, type Transaction, sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, GroupSession } from '~/db/schema.server';
import type { LessonAnswer } from '~/lessons/answers';
import { compileLessonFlow, replayLessonEvents, type LessonEvent } from '~/lessons/compile';
import { stepsById } from '~/lessons/graph';
import { type LessonLibrary, lessonOf } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import type { LiveHub, SessionViews } from '~/live/hub.server';
import { type StepAggregate, aggregateStep } from './aggregate';
import { groupStep } from './group-flow';
import type { FacilitatorView, TabletView } from './session-views';

type Db = Kysely<Database> | Transaction<Database>;

interface SessionAnswers {
  answers: Map<string, LessonAnswer[]>;
  /** How many girls skipped each step (own pace only: a skip in "together" mode is not posted). */
  skipped: Map<string, number>;
}

/** Every answer of the session, by step: from the shared answers (together) or each girl's own log (own pace). */
async function answersByStep(
  db: Db,
  session: GroupSession,
  lesson: ResolvedLesson,
  togetherRows?: { step_id: string; answer: unknown }[],
): Promise<SessionAnswers> {
  const byStep = new Map<string, LessonAnswer[]>();
  const skipped = new Map<string, number>();
  const add = (step: string, answer: LessonAnswer) => byStep.set(step, [...(byStep.get(step) ?? []), answer]);
  if (session.pacing === 'together') {
    const rows = togetherRows ?? (await db.selectFrom('session_answers').select(['step_id', 'answer']).where('group_session_id', '=', session.id).execute());
    for (const row of rows) add(row.step_id, row.answer as LessonAnswer);
    return { answers: byStep, skipped };
  }
  const rows = await db
    .selectFrom('progress_events as e')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .select(['e.participant_id', 'e.event'])
    .where('p.group_session_id', '=', session.id)
    .orderBy('e.participant_id')
    .orderBy('e.sequence')
    .execute();
  const machine = compileLessonFlow(lesson.module);
  const logs = new Map<string, LessonEvent[]>();
  for (const row of rows) logs.set(row.participant_id, [...(logs.get(row.participant_id) ?? []), row.event as LessonEvent]);
  for (const events of logs.values()) {
    const replayed = replayLessonEvents(machine, events);
    if (!replayed.ok) continue;
    for (const [step, answer] of Object.entries(replayed.snapshot.context.answers)) add(step, answer);
    for (const step of replayed.snapshot.context.skipped) skipped.set(step, (skipped.get(step) ?? 0) + 1);
  }
  return { answers: byStep, skipped };
}

/** A group session's views: what the tablets see, and what the facilitator's console sees. */
export type GroupSessionViews = SessionViews<TabletView, FacilitatorView>;

/** The live fan-out of group sessions (built once by the runtime, on the load context as `live.hub`). */
export type SessionHub = LiveHub<TabletView, FacilitatorView>;

/** What the tablets (and, when asked, the facilitator) see of a session: read once per change. */
export async function readSessionViews(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  withFacilitator: true,
): Promise<Required<GroupSessionViews> | null>;
export async function readSessionViews(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  withFacilitator: boolean,
): Promise<GroupSessionViews | null>;
export async function readSessionViews(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  withFacilitator: boolean,
): Promise<GroupSessionViews | null> {
  // One statement per change: the session, its removals and, for the facilitator, who joined
  // and the group's answers (own pace reads the girls' own logs below).
  const session = await db
    .selectFrom('group_sessions as s')
    .selectAll('s')
    .select((eb) => [
      eb
        .selectFrom('participants as p')
        .select((inner) => inner.fn.countAll<string>().as('removals'))
        .whereRef('p.group_session_id', '=', 's.id')
        .where('p.removed', '=', true)
        .as('removals'),
      withFacilitator
        ? jsonArrayFrom(
            eb
              .selectFrom('participants as p')
              .select(['p.handle', 'p.nickname', 'p.avatar', 'p.current_step'])
              .whereRef('p.group_session_id', '=', 's.id')
              .where('p.removed', '=', false)
              .orderBy('p.created_at'),
          ).as('participants')
        : sql<null>`null`.as('participants'),
      withFacilitator
        ? jsonArrayFrom(eb.selectFrom('session_answers as a').select(['a.step_id', 'a.answer']).whereRef('a.group_session_id', '=', 's.id')).as('answers')
        : sql<null>`null`.as('answers'),
      withFacilitator
        ? jsonArrayFrom(
            eb
              .selectFrom('care_signals as c')
              .innerJoin('participants as p', 'p.id', 'c.participant_id')
              .select(['c.id', 'c.created_at', 'p.nickname', 'p.avatar'])
              .whereRef('c.group_session_id', '=', 's.id')
              .where('c.seen_at', 'is', null)
              .orderBy('c.created_at'),
          ).as('care_signals')
        : sql<null>`null`.as('care_signals'),
    ])
    .where('s.id', '=', sessionId)
    .executeTakeFirst();
  const lesson = session && lessonOf(library, session);
  if (!session || !lesson) return null;
  const step = session.pacing === 'together' ? groupStep(lesson.module, session.path) : null;
  const steps = stepsById(lesson.module);
  let revealed: StepAggregate | null = null;
  let answers: SessionAnswers | undefined;
  if (session.revealed_step && steps.get(session.revealed_step)) {
    answers = await answersByStep(db, session, lesson, session.answers ?? undefined);
    revealed = aggregateStep(steps.get(session.revealed_step)!, answers.answers.get(session.revealed_step) ?? [], answers.skipped.get(session.revealed_step));
  }
  const tablet: TabletView = {
    version: session.version,
    status: session.status,
    pacing: session.pacing,
    step,
    revealed,
    removals: Number(session.removals ?? 0),
  };
  if (!withFacilitator) return { version: session.version, tablet };
  answers ??= await answersByStep(db, session, lesson, session.answers ?? undefined);
  const participants = session.participants ?? [];
  const aggregates: Record<string, StepAggregate> = {};
  // A step only skipped so far has an aggregate too (no answers, its skips counted).
  for (const stepId of new Set([...answers.answers.keys(), ...answers.skipped.keys()])) {
    const answeredStep = steps.get(stepId);
    if (answeredStep) aggregates[stepId] = aggregateStep(answeredStep, answers.answers.get(stepId) ?? [], answers.skipped.get(stepId));
  }
  const stepCounts: Record<string, number> = {};
  if (session.pacing === 'own_pace') {
    // A girl who has not moved yet is on the first step (her step is only written when she moves).
    for (const p of participants) {
      const at = p.current_step ?? lesson.module.start;
      stepCounts[at] = (stepCounts[at] ?? 0) + 1;
    }
  }
  const endStep = lesson.module.steps.find((s) => s.type === 'end')?.id;
  const finished = session.pacing === 'together' ? (step === endStep ? participants.length : 0) : participants.filter((p) => p.current_step === endStep).length;
  const facilitator: FacilitatorView = {
    ...tablet,
    joinCode: session.join_code,
    locked: session.joining_locked,
    participants: participants.map((p) => ({ handle: p.handle, nickname: p.nickname, avatar: p.avatar })),
    aggregates,
    stepCounts,
    finished,
    careSignals: (session.care_signals ?? []).map((c) => ({ id: c.id, nickname: c.nickname, avatar: c.avatar, at: new Date(c.created_at).toISOString() })),
    careSignalCount: session.care_signal_count,
  };
  return { version: session.version, tablet, facilitator };
}
