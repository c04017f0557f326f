import { randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { Database, GroupSession, PacingMode } from '~/db/schema.server';
import { checkAnswer } from '~/lessons/answers';
import { stepsById } from '~/lessons/graph';
import type { LessonLibrary } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { isAnswerStep, type LessonVariant } from '~/lessons/schema';
import type { SessionChange } from '~/live/bus.server';
import { groupBack, groupNext, groupStep } from './group-flow';
import { generateJoinCode } from './join-code';
import { eraseCareSignals } from './care-signals.server';

/** A code works, and nicknames live, at most this long after the session was created. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

type Db = Kysely<Database> | Transaction<Database>;

export function lessonOfSession(library: LessonLibrary, session: Pick<GroupSession, 'module_id' | 'variant'>): ResolvedLesson | undefined {
  return library.lesson(session.module_id, session.variant as LessonVariant);
}

export async function createGroupSession(
  db: Kysely<Database>,
  input: { organisationId: string; facilitatorId: string; lesson: ResolvedLesson; language: string; pacing: PacingMode },
): Promise<{ id: string; joinCode: string }> {
  // The partial unique index keeps codes unique among open sessions; a clash draws again.
  for (let attempt = 0; attempt < 8; attempt++) {
    const joinCode = generateJoinCode();
    try {
      const { id } = await db
        .insertInto('group_sessions')
        .values({
          organisation_id: input.organisationId,
          facilitator_id: input.facilitatorId,
          module_id: input.lesson.module.id,
          variant: input.lesson.variant,
          language: input.language,
          pacing: input.pacing,
          join_code: joinCode,
          path: JSON.stringify([input.lesson.module.start]),
          expires_at: new Date(Date.now() + SESSION_LIFETIME_MS),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, joinCode };
    } catch (error) {
      if (!/duplicate key|unique/i.test(String((error as Error).message))) throw error;
    }
  }
  throw new Error('no free join code after 8 attempts');
}

export function findGroupSession(db: Db, id: string): Promise<GroupSession | undefined> {
  return db.selectFrom('group_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An open session by its code: not ended, not older than 12 hours. */
export function findJoinableSession(db: Db, joinCode: string): Promise<GroupSession | undefined> {
  return db
    .selectFrom('group_sessions')
    .selectAll()
    .where('join_code', '=', joinCode)
    .where('status', '<>', 'ended')
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
}

export type JoinOutcome = { ok: true; participantId: string; change: SessionChange } | { ok: false; reason: 'locked' | 'ended' };

export async function joinGroupSession(db: Kysely<Database>, sessionId: string, person: { nickname: string; avatar: string }): Promise<JoinOutcome> {
  return db.transaction().execute(async (trx) => {
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
    if (!session || session.status === 'ended' || session.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'ended' } as const;
    if (session.joining_locked) return { ok: false, reason: 'locked' } as const;
    const participantId = randomBytes(16).toString('base64url');
    await trx
      .insertInto('participants')
      .values({
        id: participantId,
        module_id: session.module_id,
        variant: session.variant,
        language: session.language,
        group_session_id: session.id,
        nickname: person.nickname,
        avatar: person.avatar,
        handle: randomBytes(12).toString('base64url'),
      })
      .execute();
    return { ok: true, participantId, change: await bumpVersion(trx, session.id, { joined_count: sql`joined_count + 1` }) } as const;
  });
}

type SessionUpdate = Partial<{
  status: GroupSession['status'];
  path: string;
  revealed_step: string | null;
  joining_locked: boolean;
  ended_at: Date;
  joined_count: RawBuilder<number>;
  removed_count: RawBuilder<number>;
}>;

/** Every change is written with the next version number; the caller announces it after commit. */
async function bumpVersion(trx: Db, sessionId: string, changes: SessionUpdate): Promise<SessionChange> {
  const { version } = await trx
    .updateTable('group_sessions')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', sessionId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return { sessionId, version };
}

export type ControlAction =
  | { type: 'start' }
  | { type: 'next'; option?: string }
  | { type: 'back' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'reveal'; show: boolean }
  | { type: 'lock'; locked: boolean }
  /** `handle`: what the facilitator's screens call her (never her participant id). */
  | { type: 'remove'; handle: string }
  | { type: 'end' };

export type ControlOutcome = { ok: true; change: SessionChange } | { ok: false; reason: string };

type ControlDecision = { ok: true; changes: SessionUpdate } | { ok: false; reason: string };

/** What a control changes in the session as it stands (pure: the same state gives the same answer). */
function decideControl(lesson: ResolvedLesson, session: GroupSession, action: Exclude<ControlAction, { type: 'remove' | 'end' }>): ControlDecision {
  switch (action.type) {
    case 'start':
      return session.status === 'lobby' ? { ok: true, changes: { status: 'running' } } : { ok: false, reason: 'alreadyStarted' };
    case 'next':
    case 'back': {
      if (session.pacing !== 'together') return { ok: false, reason: 'ownPace' };
      const move = action.type === 'next' ? groupNext(lesson.module, session.path, action.option) : groupBack(lesson.module, session.path);
      if (!move.ok) return { ok: false, reason: move.reason };
      return { ok: true, changes: { path: JSON.stringify(move.path), revealed_step: null, status: session.status === 'lobby' ? 'running' : session.status } };
    }
    case 'pause':
    case 'resume':
      if (session.status === 'lobby') return { ok: false, reason: 'notStarted' };
      return { ok: true, changes: { status: action.type === 'pause' ? 'paused' : 'running' } };
    case 'reveal':
      return { ok: true, changes: { revealed_step: action.show ? groupStep(lesson.module, session.path) : null } };
    case 'lock':
      return { ok: true, changes: { joining_locked: action.locked } };
  }
}

/**
 * The facilitator's controls. A move is decided on the session as read and written only if
 * its status and path are still what the decision saw (one statement, no lock: girls'
 * answers, which change neither, never hold it up); otherwise it is decided again on the new
 * state. Removing a girl and ending touch participants too: those run in a transaction.
 * `known` is the session as the caller already read it.
 */
export async function controlGroupSession(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  action: ControlAction,
  known?: GroupSession,
): Promise<ControlOutcome> {
  if (action.type === 'remove' || action.type === 'end') return controlInTransaction(db, library, sessionId, action);
  let session = known ?? (await findGroupSession(db, sessionId));
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (!session) return { ok: false, reason: 'notFound' };
    if (session.status === 'ended') return { ok: false, reason: 'ended' };
    const lesson = lessonOfSession(library, session);
    if (!lesson) return { ok: false, reason: 'notFound' };
    const decision = decideControl(lesson, session, action);
    if (!decision.ok) return decision;
    const written = await db
      .updateTable('group_sessions')
      .set({ ...decision.changes, version: sql`version + 1` })
      .where('id', '=', sessionId)
      .where('status', '=', session.status)
      .where(sql<boolean>`path = ${JSON.stringify(session.path)}::jsonb`)
      .returning('version')
      .executeTakeFirst();
    if (written) return { ok: true, change: { sessionId, version: written.version } };
    session = await findGroupSession(db, sessionId);
  }
  return { ok: false, reason: 'busy' };
}

async function controlInTransaction(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  action: Extract<ControlAction, { type: 'remove' | 'end' }>,
): Promise<ControlOutcome> {
  return db.transaction().execute(async (trx): Promise<ControlOutcome> => {
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
    if (!session || !lessonOfSession(library, session)) return { ok: false, reason: 'notFound' };
    if (session.status === 'ended') return { ok: false, reason: 'ended' };
    if (action.type === 'end') return { ok: true, change: await endInTransaction(trx, sessionId) };
    const removed = await trx
      .updateTable('participants')
      .set({ removed: true, nickname: null, avatar: null })
      .where('handle', '=', action.handle)
      .where('group_session_id', '=', sessionId)
      .where('removed', '=', false)
      .returning('id')
      .executeTakeFirst();
    if (!removed) {
      // Removed already (a second click, another tab): the same outcome, counted once.
      const known = await trx
        .selectFrom('participants')
        .select('id')
        .where('handle', '=', action.handle)
        .where('group_session_id', '=', sessionId)
        .executeTakeFirst();
      return known ? { ok: true, change: await bumpVersion(trx, sessionId, {}) } : { ok: false, reason: 'unknownParticipant' };
    }
    await eraseCareSignals(trx, { sessionId, participantId: removed.id });
    return { ok: true, change: await bumpVersion(trx, sessionId, { removed_count: sql`removed_count + 1` }) };
  });
}

/**
 * Ends a session: nicknames, avatars, the handles the facilitator saw and care signals go;
 * counts and answers (linked to nothing she ever saw) stay.
 */
async function endInTransaction(trx: Db, sessionId: string): Promise<SessionChange> {
  await trx.updateTable('participants').set({ nickname: null, avatar: null, handle: null }).where('group_session_id', '=', sessionId).execute();
  await eraseCareSignals(trx, { sessionId });
  return bumpVersion(trx, sessionId, { status: 'ended', ended_at: new Date(), revealed_step: null });
}

/** Ends every session older than 12 hours (run at start-up and now and then); returns the changes to announce. */
export async function endExpiredSessions(db: Kysely<Database>): Promise<SessionChange[]> {
  const expired = await db.selectFrom('group_sessions').select('id').where('status', '<>', 'ended').where('expires_at', '<=', new Date()).execute();
  const changes: SessionChange[] = [];
  for (const { id } of expired) changes.push(await db.transaction().execute((trx) => endInTransaction(trx, id)));
  return changes;
}

/**
 * After sessions ended (since `since`): VACUUM participants, so that the row versions that
 * still held the erased nicknames become space PostgreSQL reuses. Returns the new mark.
 * (It cannot promise the bytes are gone from disk at once: the privacy page says so.)
 */
export async function vacuumAfterEndedSessions(db: Kysely<Database>, since: Date): Promise<Date> {
  const now = new Date();
  const ended = await db.selectFrom('group_sessions').select('id').where('ended_at', '>=', since).limit(1).executeTakeFirst();
  if (ended) await sql`vacuum participants`.execute(db);
  return ended ? now : since;
}

export type AnswerOutcome = { ok: true; change: SessionChange } | { ok: false; status: 404 | 409 | 422; reason: string };

/** A girl's answer in "together" mode: to the group's current step, while the session runs. */
export async function recordTogetherAnswer(
  db: Kysely<Database>,
  library: LessonLibrary,
  participantId: string,
  stepId: string,
  rawAnswer: unknown,
): Promise<AnswerOutcome> {
  return db.transaction().execute(async (trx): Promise<AnswerOutcome> => {
    const participant = await trx.selectFrom('participants').select(['group_session_id', 'removed']).where('id', '=', participantId).executeTakeFirst();
    if (!participant?.group_session_id || participant.removed) return { ok: false, status: 404, reason: 'notInSession' };
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', participant.group_session_id).forUpdate().executeTakeFirstOrThrow();
    // Past its 12 hours a session is over, even before the sweep has ended it.
    if (session.status === 'ended' || session.expires_at.getTime() <= Date.now()) return { ok: false, status: 409, reason: 'ended' };
    if (session.status !== 'running') return { ok: false, status: 409, reason: 'notRunning' };
    if (session.pacing !== 'together') return { ok: false, status: 409, reason: 'ownPace' };
    const lesson = lessonOfSession(library, session)!;
    const current = groupStep(lesson.module, session.path);
    if (stepId !== current) return { ok: false, status: 409, reason: 'notCurrentStep' };
    const step = stepsById(lesson.module).get(current)!;
    if (!isAnswerStep(step)) return { ok: false, status: 422, reason: 'noAnswerHere' };
    const checked = checkAnswer(step, rawAnswer);
    if (!checked.ok) return { ok: false, status: 422, reason: checked.reason };
    await trx
      .insertInto('session_answers')
      .values({ group_session_id: session.id, participant_id: participantId, step_id: step.id, answer: JSON.stringify(checked.answer) })
      .onConflict((oc) => oc.columns(['participant_id', 'step_id']).doUpdateSet({ answer: JSON.stringify(checked.answer) }))
      .execute();
    return { ok: true, change: await bumpVersion(trx, session.id, {}) };
  });
}

/** Own-pace mode: after one of her events is appended, her step is known to the facilitator. */
export async function noteOwnPaceProgress(db: Kysely<Database>, participantId: string, currentStep: string): Promise<SessionChange | null> {
  return db.transaction().execute(async (trx) => {
    const participant = await trx
      .updateTable('participants')
      .set({ current_step: currentStep })
      .where('id', '=', participantId)
      .returning('group_session_id')
      .executeTakeFirst();
    return participant?.group_session_id ? bumpVersion(trx, participant.group_session_id, {}) : null;
  });
}
