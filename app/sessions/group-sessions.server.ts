// Group sessions (decision 0008): what they are, and every write to them, through one object.
import { randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, type Transaction, sql } from 'kysely';
import type { AppServices } from '~/context.server';
import type { Database, GroupSession, PacingMode } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { checkAnswer } from '~/lessons/answers';
import { stepsById } from '~/lessons/graph';
import { type LessonLibrary, lessonOf } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { isAnswerStep } from '~/lessons/schema';
import { type Result, ok, refused } from '~/lib/result';
import type { LiveBus, SessionChange } from '~/live/bus.server';
import { consumeRate, rateRules } from '~/security/rate-limit.server';
import { eraseCareSignals, hasUnseenCareSignal } from './care-signals.server';
import { type GroupMoveRefusal, groupBack, groupNext, groupStep } from './group-flow';
import { generateJoinCode } from './join-code';

/** A code works, and nicknames live, at most this long after the session was created. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

type Db = Kysely<Database> | Transaction<Database>;

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

/** Past its 12 hours a session is over, even before the sweep has ended it. */
function isOver(session: Pick<GroupSession, 'status' | 'expires_at'>): boolean {
  return session.status === 'ended' || session.expires_at.getTime() <= Date.now();
}

// ————————————————————————————————————————— the writes

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

export type JoinRefusal = 'joiningLocked' | 'sessionEnded';
export type ControlRefusal =
  'notFound' | 'sessionEnded' | 'alreadyStarted' | 'ownPaceSession' | 'sessionNotStarted' | GroupMoveRefusal | 'unknownParticipant' | 'sessionBusy';
export type AnswerRefusal = 'notInSession' | 'sessionEnded' | 'notRunning' | 'ownPaceSession' | 'notCurrentStep' | 'noAnswerHere' | 'answerInvalid';
export type CareRefusal = 'notInSession' | 'sessionEnded';

/**
 * Every write to a group session that tablets or consoles follow. Each method writes, then
 * publishes the session's new version on the live bus (every instance, and this one's hub,
 * re-reads what it shows): a caller cannot write and forget to announce. Built once by the
 * runtime (`context.groupSessions`); tests build their own on a bus of their own.
 */
export interface GroupSessions {
  /** A new session in the lobby, with a join code no open session has (nothing to announce yet: nobody follows it). */
  create(input: NewGroupSession): Promise<{ id: string; joinCode: string }>;
  /** A girl joins with her nickname and avatar (the join limits are counted before: see joining.server.ts). */
  join(sessionId: string, person: { nickname: string; avatar: string }): Promise<Result<{ participantId: string }, JoinRefusal>>;
  /** The facilitator's controls; `known` is the session as the caller already read it. */
  control(sessionId: string, action: ControlAction, known?: GroupSession): Promise<Result<{ version: number }, ControlRefusal>>;
  /** A girl's answer in "together" mode: to the group's current step, while the session runs. */
  answerTogether(participantId: string, stepId: string, answer: unknown): Promise<Result<void, AnswerRefusal>>;
  /** A girl's private "I want to stop / ask something" (decision 0015). */
  sendCareSignal(participantId: string): Promise<Result<{ sent: 'new' | 'already' }, CareRefusal>>;
  /** The facilitator marks a care signal seen: it leaves her console. */
  markCareSignalSeen(sessionId: string, signalId: string): Promise<void>;
  /** Own pace: after one of her events was appended, her step for the facilitator's counts. */
  noteOwnPaceProgress(participantId: string, currentStep: string): Promise<void>;
  /** Ends every session older than 12 hours (the runtime's sweep); how many it ended. */
  endExpired(): Promise<number>;
}

export interface NewGroupSession {
  organisationId: string;
  facilitatorId: string;
  lesson: ResolvedLesson;
  language: Language;
  pacing: PacingMode;
}

export function createGroupSessions({ db, lessons, bus }: Pick<AppServices, 'db' | 'lessons'> & { bus: LiveBus }): GroupSessions {
  /** The write has committed (it returned): now its change goes out, then its outcome back. */
  async function announced<T>(write: Promise<Written<T>>): Promise<T> {
    const { outcome, change } = await write;
    if (change) await bus.publish(change);
    return outcome;
  }
  return {
    create: (input) => createGroupSession(db, input),
    join: (sessionId, person) => announced(joinGroupSession(db, sessionId, person)),
    control: (sessionId, action, known) => announced(controlGroupSession(db, lessons, sessionId, action, known)),
    answerTogether: (participantId, stepId, answer) => announced(recordTogetherAnswer(db, lessons, participantId, stepId, answer)),
    sendCareSignal: (participantId) => announced(sendCareSignal(db, participantId)),
    markCareSignalSeen: (sessionId, signalId) => announced(markCareSignalSeen(db, sessionId, signalId)),
    noteOwnPaceProgress: (participantId, currentStep) => announced(noteOwnPaceProgress(db, participantId, currentStep)),
    async endExpired() {
      const expired = await db.selectFrom('group_sessions').select('id').where('status', '<>', 'ended').where('expires_at', '<=', new Date()).execute();
      for (const { id } of expired) await announced(db.transaction().execute(async (trx) => written(undefined, await endInTransaction(trx, id))));
      return expired.length;
    },
  };
}

/** What a write did, and the session version it wrote (null: nothing changed), to announce after its commit. */
interface Written<T> {
  outcome: T;
  change: SessionChange | null;
}

function written<T>(outcome: T, change: SessionChange | null = null): Written<T> {
  return { outcome, change };
}

async function createGroupSession(db: Kysely<Database>, input: NewGroupSession): Promise<{ id: string; joinCode: string }> {
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

async function joinGroupSession(
  db: Kysely<Database>,
  sessionId: string,
  person: { nickname: string; avatar: string },
): Promise<Written<Result<{ participantId: string }, JoinRefusal>>> {
  return db.transaction().execute(async (trx): Promise<Written<Result<{ participantId: string }, JoinRefusal>>> => {
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
    if (!session || isOver(session)) return written(refused('sessionEnded'));
    if (session.joining_locked) return written(refused('joiningLocked'));
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
    return written(ok({ participantId }), await bumpVersion(trx, session.id, { joined_count: sql`joined_count + 1` }));
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
  care_signal_count: RawBuilder<number>;
}>;

/** Every change is written with the next version number: the change to announce after commit. */
async function bumpVersion(trx: Db, sessionId: string, changes: SessionUpdate): Promise<SessionChange> {
  const { version } = await trx
    .updateTable('group_sessions')
    .set({ ...changes, version: sql`version + 1` })
    .where('id', '=', sessionId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return { sessionId, version };
}

/** What a control changes in the session as it stands (pure: the same state gives the same answer). */
function decideControl(
  lesson: ResolvedLesson,
  session: GroupSession,
  action: Exclude<ControlAction, { type: 'remove' | 'end' }>,
): Result<SessionUpdate, ControlRefusal> {
  switch (action.type) {
    case 'start':
      return session.status === 'lobby' ? ok({ status: 'running' }) : refused('alreadyStarted');
    case 'next':
    case 'back': {
      if (session.pacing !== 'together') return refused('ownPaceSession');
      const move = action.type === 'next' ? groupNext(lesson.module, session.path, action.option) : groupBack(session.path);
      if (!move.ok) return move;
      return ok({ path: JSON.stringify(move.value), revealed_step: null, status: session.status === 'lobby' ? 'running' : session.status });
    }
    case 'pause':
    case 'resume':
      if (session.status === 'lobby') return refused('sessionNotStarted');
      return ok({ status: action.type === 'pause' ? 'paused' : 'running' });
    case 'reveal':
      return ok({ revealed_step: action.show ? groupStep(lesson.module, session.path) : null });
    case 'lock':
      return ok({ joining_locked: action.locked });
  }
}

type ControlWritten = Written<Result<{ version: number }, ControlRefusal>>;

/**
 * The facilitator's controls. A move is decided on the session as read and written only if
 * its status and path are still what the decision saw (one statement, no lock: girls'
 * answers, which change neither, never hold it up); otherwise it is decided again on the new
 * state. Removing a girl and ending touch participants too: those run in a transaction.
 */
async function controlGroupSession(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  action: ControlAction,
  known?: GroupSession,
): Promise<ControlWritten> {
  if (action.type === 'remove' || action.type === 'end') return controlInTransaction(db, library, sessionId, action);
  let session = known ?? (await findGroupSession(db, sessionId));
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (!session) return written(refused('notFound'));
    if (session.status === 'ended') return written(refused('sessionEnded'));
    const lesson = lessonOf(library, session);
    if (!lesson) return written(refused('notFound'));
    const decision = decideControl(lesson, session, action);
    if (!decision.ok) return written(decision);
    const row = await db
      .updateTable('group_sessions')
      .set({ ...decision.value, version: sql`version + 1` })
      .where('id', '=', sessionId)
      .where('status', '=', session.status)
      .where(sql<boolean>`path = ${JSON.stringify(session.path)}::jsonb`)
      .returning('version')
      .executeTakeFirst();
    if (row) return written(ok({ version: row.version }), { sessionId, version: row.version });
    session = await findGroupSession(db, sessionId);
  }
  return written(refused('sessionBusy'));
}

async function controlInTransaction(
  db: Kysely<Database>,
  library: LessonLibrary,
  sessionId: string,
  action: Extract<ControlAction, { type: 'remove' | 'end' }>,
): Promise<ControlWritten> {
  return db.transaction().execute(async (trx): Promise<ControlWritten> => {
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', sessionId).forUpdate().executeTakeFirst();
    if (!session || !lessonOf(library, session)) return written(refused('notFound'));
    if (session.status === 'ended') return written(refused('sessionEnded'));
    const changed = (change: SessionChange): ControlWritten => written(ok({ version: change.version }), change);
    if (action.type === 'end') return changed(await endInTransaction(trx, sessionId));
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
      return known ? changed(await bumpVersion(trx, sessionId, {})) : written(refused('unknownParticipant'));
    }
    await eraseCareSignals(trx, { sessionId, participantId: removed.id });
    return changed(await bumpVersion(trx, sessionId, { removed_count: sql`removed_count + 1` }));
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

type AnswerWritten = Written<Result<void, AnswerRefusal>>;

async function recordTogetherAnswer(
  db: Kysely<Database>,
  library: LessonLibrary,
  participantId: string,
  stepId: string,
  rawAnswer: unknown,
): Promise<AnswerWritten> {
  return db.transaction().execute(async (trx): Promise<AnswerWritten> => {
    const participant = await trx.selectFrom('participants').select(['group_session_id', 'removed']).where('id', '=', participantId).executeTakeFirst();
    if (!participant?.group_session_id || participant.removed) return written(refused('notInSession'));
    const session = await trx.selectFrom('group_sessions').selectAll().where('id', '=', participant.group_session_id).forUpdate().executeTakeFirstOrThrow();
    if (isOver(session)) return written(refused('sessionEnded'));
    if (session.status !== 'running') return written(refused('notRunning'));
    if (session.pacing !== 'together') return written(refused('ownPaceSession'));
    const lesson = lessonOf(library, session)!;
    const current = groupStep(lesson.module, session.path);
    if (stepId !== current) return written(refused('notCurrentStep'));
    const step = stepsById(lesson.module).get(current)!;
    if (!isAnswerStep(step)) return written(refused('noAnswerHere'));
    const checked = checkAnswer(step, rawAnswer);
    if (!checked.ok) return written(refused('answerInvalid'));
    await trx
      .insertInto('session_answers')
      .values({ group_session_id: session.id, participant_id: participantId, step_id: step.id, answer: JSON.stringify(checked.answer) })
      .onConflict((oc) => oc.columns(['participant_id', 'step_id']).doUpdateSet({ answer: JSON.stringify(checked.answer) }))
      .execute();
    return written(ok(), await bumpVersion(trx, session.id, {}));
  });
}

async function noteOwnPaceProgress(db: Kysely<Database>, participantId: string, currentStep: string): Promise<Written<void>> {
  return db.transaction().execute(async (trx) => {
    const participant = await trx
      .updateTable('participants')
      .set({ current_step: currentStep })
      .where('id', '=', participantId)
      .returning('group_session_id')
      .executeTakeFirst();
    return written(undefined, participant?.group_session_id ? await bumpVersion(trx, participant.group_session_id, {}) : null);
  });
}

type CareWritten = Written<Result<{ sent: 'new' | 'already' }, CareRefusal>>;

/**
 * Her care signal reaches only her facilitator's console (never the projector, never a
 * count). `already`: she has one the facilitator has not marked seen yet, or sent a few lately
 * — nothing new is written, and her screen says kindly that her care worker knows.
 */
async function sendCareSignal(db: Kysely<Database>, participantId: string): Promise<CareWritten> {
  if (await hasUnseenCareSignal(db, participantId)) return written(ok({ sent: 'already' as const }));
  const rate = await consumeRate(db, `care:${participantId}`, rateRules.careSignalPerParticipant);
  return db.transaction().execute(async (trx): Promise<CareWritten> => {
    const participant = await trx.selectFrom('participants').select(['group_session_id', 'removed']).where('id', '=', participantId).executeTakeFirst();
    if (!participant?.group_session_id || participant.removed) return written(refused('notInSession'));
    const session = await trx
      .selectFrom('group_sessions')
      .select(['id', 'status', 'expires_at'])
      .where('id', '=', participant.group_session_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (isOver(session)) return written(refused('sessionEnded'));
    if (!rate.allowed) return written(ok({ sent: 'already' as const }));
    await trx.insertInto('care_signals').values({ group_session_id: session.id, participant_id: participantId }).execute();
    return written(ok({ sent: 'new' as const }), await bumpVersion(trx, session.id, { care_signal_count: sql`care_signal_count + 1` }));
  });
}

async function markCareSignalSeen(db: Kysely<Database>, sessionId: string, signalId: string): Promise<Written<void>> {
  return db.transaction().execute(async (trx) => {
    const marked = await trx
      .updateTable('care_signals')
      .set({ seen_at: new Date() })
      .where('id', '=', signalId)
      .where('group_session_id', '=', sessionId)
      .where('seen_at', 'is', null)
      .executeTakeFirst();
    return written(undefined, Number(marked.numUpdatedRows) === 0 ? null : await bumpVersion(trx, sessionId, {}));
  });
}
