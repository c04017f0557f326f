import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadLessonModules, type LessonLibrary } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import type { LessonEvent } from '~/lessons/compile';
import type { LessonStep, StepOf } from '~/lessons/schema';
import { type SessionChange, createInProcessBus } from '~/live/bus.server';
import { appendProgressEvent } from '~/progress/progress.server';
import { statusOf } from '~/reasons';
import {
  type ControlAction,
  type GroupSessions,
  SESSION_LIFETIME_MS,
  createGroupSessions,
  findJoinableSession,
  vacuumAfterEndedSessions,
} from '~/sessions/group-sessions.server';
import { readSessionViews } from '~/sessions/read-views.server';
import { JOIN_CODE_ALPHABET, JOIN_CODE_PATTERN } from '~/sessions/join-code';
import { firstBranchingChoice, routeTo, sampleAnswer, stepOf as stepIn, stepsInOrder } from '../unit/lessons/helpers';
import { databaseKind, openTestDatabase } from './test-database';
import { databaseWithStaff } from './people';

/**
 * Codes the next createGroupSession draws, before the real generator takes over again: to
 * make two open sessions want the same code, which only chance does otherwise.
 */
const forcedCodes = vi.hoisted(() => [] as string[]);
vi.mock('~/sessions/join-code', async (importOriginal) => {
  const actual = await importOriginal<typeof import('~/sessions/join-code')>();
  return { ...actual, generateJoinCode: () => forcedCodes.shift() ?? actual.generateJoinCode() };
});

/**
 * Live group sessions (decision 0008) on a real database, with the real module 1
 * ("wie-ben-ik", standard): creating with a join code, joining, the facilitator's controls,
 * answers in "together" mode, what tablets and facilitators read, and the end that erases
 * every nickname and avatar.
 */
const byId = (x: { id: string }, y: { id: string }) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

describe(`group sessions on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let library: LessonLibrary;
  let lesson: ResolvedLesson;
  let organisationId: string;
  let facilitatorId: string;
  /** The writes, on a bus of this test's own: `announced` is every change they published, in order. */
  let groupSessions: GroupSessions;
  const announced: SessionChange[] = [];

  const db = () => database.db;
  const create = (pacing: 'together' | 'own_pace' = 'together') => groupSessions.create({ organisationId, facilitatorId, lesson, language: 'nl', pacing });
  const control = (sessionId: string, action: ControlAction) => groupSessions.control(sessionId, action);
  const answer = (participantId: string, stepId: string, raw: unknown) => groupSessions.answerTogether(participantId, stepId, raw);
  const row = (sessionId: string) => db().selectFrom('group_sessions').selectAll().where('id', '=', sessionId).executeTakeFirstOrThrow();
  const versionOf = async (sessionId: string) => (await row(sessionId)).version;
  const pathOf = async (sessionId: string) => (await row(sessionId)).path as string[];
  async function join(sessionId: string, nickname: string, avatar = 'owl'): Promise<string> {
    const joined = await groupSessions.join(sessionId, { nickname, avatar });
    if (!joined.ok) throw new Error(`could not join: ${joined.reason}`);
    return joined.value.participantId;
  }
  /** Every answer row of the session, as text: compared whole before and after a refusal. */
  const answerRows = async (sessionId: string) =>
    (
      await db()
        .selectFrom('session_answers')
        .select(['participant_id', 'step_id', 'answer'])
        .where('group_session_id', '=', sessionId)
        .orderBy('participant_id')
        .orderBy('step_id')
        .execute()
    ).map((r) => ({ ...r, answer: JSON.stringify(r.answer) }));
  /** The session's participants as stored, sorted here (the same order on PGlite and under any PostgreSQL collation). */
  /** What the facilitator's console calls her: her handle. */
  const handleOf = async (participantId: string) =>
    (await db().selectFrom('participants').select('handle').where('id', '=', participantId).executeTakeFirstOrThrow()).handle!;
  const participantRows = async (sessionId: string) =>
    (await db().selectFrom('participants').select(['id', 'nickname', 'avatar', 'removed']).where('group_session_id', '=', sessionId).execute()).sort(byId);
  async function views(sessionId: string) {
    const result = await readSessionViews(db(), library, sessionId, true);
    if (!result) throw new Error('no views');
    return { version: result.version, tablet: result.tablet, facilitator: result.facilitator };
  }
  /** Expects a control to succeed and to add exactly one to the version, which it reports and announces once. */
  async function expectControl(sessionId: string, action: ControlAction) {
    const before = await versionOf(sessionId);
    const announcedBefore = announced.length;
    const outcome = await control(sessionId, action);
    expect(outcome, JSON.stringify(action)).toEqual({ ok: true, value: { version: before + 1 } });
    expect(await versionOf(sessionId)).toBe(before + 1);
    expect(announced.slice(announcedBefore), `${JSON.stringify(action)} announced`).toEqual([{ sessionId, version: before + 1 }]);
  }
  /** Expects a control to be refused for `reason`, with nothing written (the whole row compared) and nothing announced. */
  async function expectRefused(sessionId: string, action: ControlAction, reason: string) {
    const before = await row(sessionId);
    const participantsBefore = await participantRows(sessionId);
    const announcedBefore = announced.length;
    expect(await control(sessionId, action), JSON.stringify(action)).toEqual({ ok: false, reason });
    expect(await row(sessionId)).toEqual(before);
    expect(await participantRows(sessionId)).toEqual(participantsBefore);
    expect(announced).toHaveLength(announcedBefore);
  }
  /** Expects an answer to be refused for `reason` (answered with `status`), with nothing written: no row, no new version, no announcement. */
  async function expectAnswerRefused(sessionId: string, participantId: string, stepId: string, raw: unknown, status: number, reason: string) {
    const rowsBefore = await answerRows(sessionId);
    const versionBefore = await versionOf(sessionId);
    const announcedBefore = announced.length;
    const outcome = await answer(participantId, stepId, raw);
    expect(outcome, `${stepId} ${JSON.stringify(raw)}`).toEqual({ ok: false, reason });
    if (!outcome.ok) expect(statusOf(outcome.reason)).toBe(status);
    expect(await answerRows(sessionId)).toEqual(rowsBefore);
    expect(await versionOf(sessionId)).toBe(versionBefore);
    expect(announced).toHaveLength(announcedBefore);
  }
  /** Expects an answer to be written: one version up, announced. */
  async function expectAnswered(sessionId: string, participantId: string, stepId: string, raw: unknown) {
    const versionBefore = await versionOf(sessionId);
    expect(await answer(participantId, stepId, raw), `${stepId} ${JSON.stringify(raw)}`).toEqual({ ok: true, value: undefined });
    expect(announced.at(-1)).toEqual({ sessionId, version: versionBefore + 1 });
  }
  /** A running together session moved on to `stepIds.length` steps (from the start), with choices where needed. */
  async function runningAt(stepsToWalk: { option?: string }[] = []) {
    const { id } = await create();
    await expectControl(id, { type: 'start' });
    for (const move of stepsToWalk) await expectControl(id, { type: 'next', ...move });
    return id;
  }

  // Step ids come from the module as loaded (lesson.module), so a change of its content keeps these tests.
  /** The module's first step, its first poll with one answer, first choice, first quiz, first sort and its end. */
  let start: string;
  let poll: StepOf<'poll'>;
  let choice: StepOf<'choice'>;
  let quiz: StepOf<'quiz'>;
  let sort: StepOf<'sort'>;
  let end: string;
  /** The poll's options by position. */
  const pollOption = (index: number) => poll.options[index]!.id;
  const firstOf = <T extends LessonStep['type']>(type: T, where: (step: StepOf<T>) => boolean = () => true) => {
    const found = stepsInOrder(lesson.module).find((step): step is StepOf<T> => step.type === type && where(step as StepOf<T>));
    if (!found) throw new Error(`module ${lesson.module.id} has no ${type} step`);
    return found;
  };
  /** Where a step that asks no choice leads. */
  const nextOf = (stepId: string) => {
    const step = stepIn(lesson.module, stepId);
    if (step.type === 'choice' || step.type === 'end') throw new Error(`"${stepId}" has no single next step`);
    return step.next;
  };
  /** "next" (with the option at a choice) from the session's step on to `target`, along the shortest way from the start. */
  async function walkOn(sessionId: string, target: string) {
    const path = await pathOf(sessionId);
    const route = routeTo(lesson.module, target);
    expect(route.path.slice(0, path.length), `the way to "${target}" passes the session's path`).toEqual(path);
    for (const option of route.options.slice(path.length - 1)) await expectControl(sessionId, { type: 'next', ...(option ? { option } : {}) });
    expect(await pathOf(sessionId)).toEqual(route.path);
  }
  /** A running together session moved on to `stepId`. */
  async function runningAtStep(stepId: string) {
    const id = await runningAt();
    await walkOn(id, stepId);
    return id;
  }
  /** A learner's events from the start to `stepId` (first options, every question answered). */
  const eventsTo = (stepId: string) => routeTo(lesson.module, stepId).events;

  beforeAll(async () => {
    ({ database, organisationId, staffId: facilitatorId } = await databaseWithStaff({ email: 'begeleider@example.org', role: 'facilitator' }));
    library = loadLessonModules();
    const bus = createInProcessBus();
    bus.subscribe((change) => announced.push(change));
    groupSessions = createGroupSessions({ db: db(), lessons: library, bus });
    const resolved = library.lesson('wie-ben-ik', 'standard');
    if (!resolved) throw new Error('content/modules/wie-ben-ik has no standard lesson');
    lesson = resolved;
    start = lesson.module.start;
    poll = firstOf('poll', (step) => !step.multiple);
    choice = firstOf('choice');
    quiz = firstOf('quiz', (step) => step.multiple);
    sort = firstOf('sort');
    end = firstOf('end').id;
  });
  afterAll(async () => {
    await database.drop();
  });
  beforeEach(() => {
    forcedCodes.length = 0;
  });

  describe('join codes', () => {
    it('are six characters from the alphabet without look-alikes (no 0, O, 1, I, L), drawn evenly', async () => {
      expect(JOIN_CODE_ALPHABET).not.toMatch(/[0O1IL]/);
      expect(JOIN_CODE_ALPHABET).toHaveLength(31);
      const { generateJoinCode } = await vi.importActual<typeof import('~/sessions/join-code')>('~/sessions/join-code');
      const seen = new Set<string>();
      for (let i = 0; i < 3000; i++) {
        const code = generateJoinCode();
        expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
        for (const c of code) seen.add(c);
      }
      // 18 000 characters: every letter of the alphabet turns up.
      expect([...seen].sort().join('')).toBe([...JOIN_CODE_ALPHABET].sort().join(''));
    });

    it('a new session gets a fresh code, its start step, version 1 and 12 hours to live', async () => {
      const before = Date.now();
      const { id, joinCode } = await create();
      const session = await row(id);
      expect(joinCode).toMatch(JOIN_CODE_PATTERN);
      expect(session).toMatchObject({
        join_code: joinCode,
        status: 'lobby',
        pacing: 'together',
        module_id: 'wie-ben-ik',
        variant: 'standard',
        language: 'nl',
        version: 1,
        joining_locked: false,
        revealed_step: null,
        ended_at: null,
      });
      expect(session.path).toEqual([start]);
      expect(session.expires_at.getTime()).toBeGreaterThanOrEqual(before + SESSION_LIFETIME_MS - 1000);
      expect(session.expires_at.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_LIFETIME_MS + 1000);
      expect((await findJoinableSession(db(), joinCode))?.id).toBe(id);
    });

    it('are unique among open sessions: a clash draws again, the database refuses a second open session with the code, an ended one frees it', async () => {
      const codes = new Set<string>();
      for (let i = 0; i < 25; i++) codes.add((await create()).joinCode);
      expect(codes.size).toBe(25);

      forcedCodes.push('QQQQQQ');
      const first = await create();
      expect(first.joinCode).toBe('QQQQQQ');
      // The next draw clashes with the open session, so it draws again.
      forcedCodes.push('QQQQQQ', 'RRRRRR');
      const second = await create();
      expect(second.joinCode).toBe('RRRRRR');
      // Past the app: the partial unique index itself.
      await expect(
        db()
          .insertInto('group_sessions')
          .values({
            organisation_id: organisationId,
            facilitator_id: facilitatorId,
            module_id: 'wie-ben-ik',
            variant: 'standard',
            language: 'nl',
            pacing: 'together',
            join_code: 'QQQQQQ',
            path: JSON.stringify(['welkom']),
            expires_at: new Date(Date.now() + 60_000),
          })
          .execute(),
      ).rejects.toThrow(/duplicate key|unique/i);
      // Eight clashes in a row: it gives up rather than loop.
      forcedCodes.push(...Array<string>(8).fill('QQQQQQ'));
      const sessionsBefore = Number(
        (
          await db()
            .selectFrom('group_sessions')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      await expect(create()).rejects.toThrow(/no free join code/);
      expect(
        Number(
          (
            await db()
              .selectFrom('group_sessions')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(sessionsBefore);

      // Once the first session ends, its code is free for a new one; the code finds the open one.
      await expectControl(first.id, { type: 'end' });
      expect(await findJoinableSession(db(), 'QQQQQQ')).toBeUndefined();
      forcedCodes.push('QQQQQQ');
      const third = await create();
      expect(third.joinCode).toBe('QQQQQQ');
      expect((await findJoinableSession(db(), 'QQQQQQ'))?.id).toBe(third.id);
    });
  });

  describe('joining', () => {
    it('adds a participant with her nickname and avatar to this session, one version up', async () => {
      const { id } = await create();
      const joined = await groupSessions.join(id, { nickname: 'Zonnetje', avatar: 'fox' });
      expect(joined).toEqual({ ok: true, value: { participantId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) } });
      if (!joined.ok) return;
      expect(await versionOf(id)).toBe(2);
      expect(announced.at(-1)).toEqual({ sessionId: id, version: 2 });
      const participant = await db().selectFrom('participants').selectAll().where('id', '=', joined.value.participantId).executeTakeFirstOrThrow();
      expect(participant).toMatchObject({
        group_session_id: id,
        nickname: 'Zonnetje',
        avatar: 'fox',
        removed: false,
        module_id: 'wie-ben-ik',
        variant: 'standard',
        language: 'nl',
        current_step: null,
      });
    });

    it('refuses a locked, an ended and an expired session, writing nothing', async () => {
      const { id, joinCode } = await create();
      await join(id, 'Eerste');
      await expectControl(id, { type: 'lock', locked: true });
      const before = await participantRows(id);
      const versionBefore = await versionOf(id);
      const announcedBefore = announced.length;
      expect(await groupSessions.join(id, { nickname: 'Laatkomer', avatar: 'bee' })).toEqual({ ok: false, reason: 'joiningLocked' });
      expect(announced).toHaveLength(announcedBefore);
      expect(await participantRows(id)).toEqual(before);
      expect(await versionOf(id)).toBe(versionBefore);
      // Unlocked, she can.
      await expectControl(id, { type: 'lock', locked: false });
      await join(id, 'Laatkomer');
      expect(await participantRows(id)).toHaveLength(2);

      await expectControl(id, { type: 'end' });
      expect(await groupSessions.join(id, { nickname: 'Nanacht', avatar: 'bee' })).toEqual({ ok: false, reason: 'sessionEnded' });
      expect(await findJoinableSession(db(), joinCode)).toBeUndefined();

      const expired = await create();
      await db()
        .updateTable('group_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', expired.id)
        .execute();
      expect(await groupSessions.join(expired.id, { nickname: 'Telaat', avatar: 'bee' })).toEqual({ ok: false, reason: 'sessionEnded' });
      expect(await findJoinableSession(db(), expired.joinCode)).toBeUndefined();
      expect(await participantRows(expired.id)).toEqual([]);
      expect(await participantRows(id)).toHaveLength(2);
    });
  });

  describe("the facilitator's controls", () => {
    it('start, next along the chosen branches, back, reveal, pause, resume: one version per change, refusals write nothing', async () => {
      const { id } = await create();
      await expectRefused(id, { type: 'pause' }, 'sessionNotStarted');
      await expectRefused(id, { type: 'resume' }, 'sessionNotStarted');
      await expectRefused(id, { type: 'back' }, 'atFirstStep');
      await expectControl(id, { type: 'start' });
      expect((await row(id)).status).toBe('running');
      await expectRefused(id, { type: 'start' }, 'alreadyStarted');

      // On to the first choice that branches, one "next" a step (the choices on the way with an option).
      const branching = firstBranchingChoice(lesson.module);
      const toBranching = routeTo(lesson.module, branching.id);
      for (const [index, option] of toBranching.options.entries()) {
        await expectControl(id, { type: 'next', ...(option ? { option } : {}) });
        expect(await pathOf(id)).toEqual(toBranching.path.slice(0, index + 2));
      }
      await expectRefused(id, { type: 'next' }, 'groupChoiceNeeded');
      await expectRefused(id, { type: 'next', option: 'weglopen' }, 'unknownGroupChoice');
      // One option leads to its step; back returns to the choice; another option leads elsewhere.
      const [first, other] = [branching.options[0]!, branching.options.find((option) => option.next !== branching.options[0]!.next)!];
      await expectControl(id, { type: 'next', option: other.id });
      expect(await pathOf(id)).toEqual([...toBranching.path, other.next]);
      await expectControl(id, { type: 'back' });
      expect(await pathOf(id)).toEqual(toBranching.path);
      await expectControl(id, { type: 'next', option: first.id });
      expect(await pathOf(id)).toEqual([...toBranching.path, first.next]);
      expect((await views(id)).tablet.step).toBe(first.next);

      // Reveal shows this step's counts; moving on hides them again.
      await expectControl(id, { type: 'reveal', show: true });
      expect((await row(id)).revealed_step).toBe(first.next);
      expect((await views(id)).tablet.revealed).toEqual({ stepId: first.next, answered: 0, skipped: 0, counts: {} });
      await expectControl(id, { type: 'next' });
      expect((await row(id)).revealed_step).toBeNull();
      expect((await views(id)).tablet.revealed).toBeNull();
      await expectControl(id, { type: 'reveal', show: true });
      await expectControl(id, { type: 'reveal', show: false });
      expect((await row(id)).revealed_step).toBeNull();

      await expectControl(id, { type: 'pause' });
      expect((await views(id)).tablet.status).toBe('paused');
      await expectControl(id, { type: 'resume' });
      expect((await views(id)).tablet.status).toBe('running');

      // On to the end, taking the last option at every further choice; past the end there is no next.
      const expected = await pathOf(id);
      for (let step = stepIn(lesson.module, expected.at(-1)!); step.type !== 'end'; step = stepIn(lesson.module, expected.at(-1)!)) {
        if (expected.length > 100) throw new Error('no end reached');
        const option = step.type === 'choice' ? step.options.at(-1)! : undefined;
        await expectControl(id, { type: 'next', ...(option ? { option: option.id } : {}) });
        expected.push(option ? option.next : nextOf(step.id));
      }
      expect(await pathOf(id)).toEqual(expected);
      // The steps every path must pass (decision 0010) are on it.
      expect(expected).toEqual(expect.arrayContaining(lesson.module.mustVisit ?? []));
      await expectRefused(id, { type: 'next' }, 'atLastStep');
      await expectControl(id, { type: 'back' });
      expect((await views(id)).tablet.step).toBe(expected.at(-2));
    });

    it('next and back belong to "together"; in own pace the girls move themselves', async () => {
      const { id } = await create('own_pace');
      await expectControl(id, { type: 'start' });
      await expectRefused(id, { type: 'next' }, 'ownPaceSession');
      await expectRefused(id, { type: 'back' }, 'ownPaceSession');
      await expectControl(id, { type: 'pause' });
      await expectControl(id, { type: 'resume' });
    });

    it('remove erases her nickname and avatar at once; another session cannot remove her; after the end nothing moves', async () => {
      const { id } = await create();
      const other = await create();
      const sara = await join(id, 'Sara', 'cat');
      const mila = await join(id, 'Mila', 'bee');
      await expectRefused(other.id, { type: 'remove', handle: await handleOf(sara) }, 'unknownParticipant');
      await expectRefused(id, { type: 'remove', handle: 'nobody-at-all-nobody-a' }, 'unknownParticipant');
      // Her participant id is not her handle: it removes nobody (issue 11, item 2).
      await expectRefused(id, { type: 'remove', handle: sara }, 'unknownParticipant');
      await expectControl(id, { type: 'remove', handle: await handleOf(sara) });
      expect(await participantRows(id)).toEqual(
        [
          { id: sara, nickname: null, avatar: null, removed: true },
          { id: mila, nickname: 'Mila', avatar: 'bee', removed: false },
        ].sort(byId),
      );
      expect((await views(id)).facilitator.participants.map((p) => p.nickname)).toEqual(['Mila']);

      await expectControl(id, { type: 'end' });
      for (const action of [{ type: 'start' }, { type: 'next' }, { type: 'pause' }, { type: 'lock', locked: true }, { type: 'end' }] as ControlAction[]) {
        await expectRefused(id, action, 'sessionEnded');
      }
      expect(await control(crypto.randomUUID(), { type: 'start' })).toEqual({ ok: false, reason: 'notFound' });
    });
  });

  describe('controls at the same time as other changes', () => {
    it('two "next" at once both move the group, one step each; answers arriving meanwhile hold up no move', async () => {
      const id = await runningAtStep(poll.id);
      const girls = await Promise.all(['Anna', 'Bo', 'Cato', 'Dina', 'Eva', 'Fien'].map((name) => join(id, name)));
      const v0 = await versionOf(id);
      const pathBefore = await pathOf(id);
      const announcedBefore = announced.length;
      const [first, second, ...answers] = await Promise.all([
        control(id, { type: 'next' }),
        control(id, { type: 'next' }),
        ...girls.map((girl) => answer(girl, poll.id, { option: pollOption(0) })),
      ]);
      expect([first, second]).toEqual([
        { ok: true, value: { version: expect.any(Number) } },
        { ok: true, value: { version: expect.any(Number) } },
      ]);
      // Answers that came before the move were counted; later ones were too late for the step.
      const counted = answers.filter((a) => a.ok).length;
      expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.reason === 'notCurrentStep')).toBe(true);
      expect(await pathOf(id)).toEqual([...pathBefore, poll.next, nextOf(poll.next)]);
      // Every change had its own version, and each was announced once.
      expect(await versionOf(id)).toBe(v0 + 2 + counted);
      const versions = announced.slice(announcedBefore).map((change) => change.version);
      expect(versions.sort((x, y) => x - y)).toEqual(Array.from({ length: 2 + counted }, (_, i) => v0 + 1 + i));
    });

    it('a control decided on an old reading of the session is decided again on the new one', async () => {
      const { id } = await create();
      const stale = await row(id); // in the lobby
      await expectControl(id, { type: 'start' });
      await expectControl(id, { type: 'next' }); // the second step
      // "start" on the stale reading would be fine; on the session as it is, it was already started.
      expect(await groupSessions.control(id, { type: 'start' }, stale)).toEqual({ ok: false, reason: 'alreadyStarted' });
      // "next" on the stale reading would lead to the second step; on the session as it is, it leads on from there.
      expect(await groupSessions.control(id, { type: 'next' }, stale)).toMatchObject({ ok: true });
      expect(await pathOf(id)).toEqual([start, nextOf(start), nextOf(nextOf(start))]);
    });
  });

  describe('answers in "together" mode', () => {
    it('are written for the current step of a running session, counted (never named), and a second answer replaces the first', async () => {
      // Started and moved on to the first poll (how she feels).
      const id = await runningAtStep(poll.id);
      const [a, b, c] = [await join(id, 'Anna', 'fox'), await join(id, 'Bo', 'owl'), await join(id, 'Cato', 'cat')];
      await expectAnswered(id, a, poll.id, { option: pollOption(0) });
      await expectAnswered(id, b, poll.id, { option: pollOption(0) });
      await expectAnswered(id, c, poll.id, { option: pollOption(2) });
      expect((await views(id)).facilitator.aggregates).toEqual({
        [poll.id]: { stepId: poll.id, answered: 3, skipped: 0, counts: { [pollOption(0)]: 2, [pollOption(2)]: 1 } },
      });
      // She changes her mind: still one answer of hers.
      expect(await answer(c, poll.id, { option: pollOption(0) })).toMatchObject({ ok: true });
      expect(await answerRows(id)).toHaveLength(3);
      const { facilitator, tablet } = await views(id);
      expect(facilitator.aggregates[poll.id]).toEqual({ stepId: poll.id, answered: 3, skipped: 0, counts: { [pollOption(0)]: 3 } });
      // Counts only: no name, avatar or participant id in the counts, nor anywhere in the tablets' view.
      for (const secret of ['"Anna"', '"Bo"', '"Cato"', '"fox"', '"owl"', '"cat"', a, b, c]) {
        expect(JSON.stringify(facilitator.aggregates)).not.toContain(secret);
        expect(JSON.stringify(tablet)).not.toContain(secret);
      }
    });

    it('count every shape: several quiz options, a sort per item and category, the choices', async () => {
      // The first choice, then the first quiz (several right answers), then the first sort.
      const id = await runningAtStep(choice.id);
      const [a, b] = [await join(id, 'Anna'), await join(id, 'Bo')];
      const [option1, option2] = [choice.options.at(-1)!.id, choice.options.at(-2)!.id];
      await answer(a, choice.id, { option: option1 });
      await answer(b, choice.id, { option: option2 });
      await walkOn(id, quiz.id);
      const [q0, q2] = [quiz.options[0]!.id, quiz.options[2]!.id];
      await answer(a, quiz.id, { options: [q0, q2] });
      await answer(b, quiz.id, { options: [q0] });
      await walkOn(id, sort.id);
      expect((await views(id)).tablet.step).toBe(sort.id);
      const items = sort.items.map((item) => item.id);
      const [c0, c1] = [sort.categories[0]!.id, sort.categories[1]!.id];
      await answer(a, sort.id, { placements: Object.fromEntries(items.map((item) => [item, c0])) });
      await answer(b, sort.id, { placements: Object.fromEntries(items.map((item, i) => [item, i % 2 ? c1 : c0])) });
      const { aggregates } = (await views(id)).facilitator;
      expect(aggregates[choice.id]).toEqual({ stepId: choice.id, answered: 2, skipped: 0, counts: { [option1]: 1, [option2]: 1 } });
      expect(aggregates[quiz.id]).toEqual({ stepId: quiz.id, answered: 2, skipped: 0, counts: { [q0]: 2, [q2]: 1 } });
      expect(aggregates[sort.id]).toEqual({
        stepId: sort.id,
        answered: 2,
        skipped: 0,
        counts: Object.fromEntries(
          items.flatMap((item, i) =>
            i % 2
              ? [
                  [`${item}:${c0}`, 1],
                  [`${item}:${c1}`, 1],
                ]
              : [[`${item}:${c0}`, 2]],
          ),
        ),
      });
    });

    it('refuses a step that is not current, a bad shape, a story, a paused, unstarted or ended session, another pacing and a removed girl — writing nothing', async () => {
      const { id } = await create();
      const a = await join(id, 'Anna');
      const b = await join(id, 'Bo');
      await expectAnswerRefused(id, a, start, {}, 409, 'notRunning'); // the lobby
      await expectControl(id, { type: 'start' });
      await expectAnswerRefused(id, a, start, {}, 422, 'noAnswerHere'); // a story
      await walkOn(id, poll.id);
      await answer(b, poll.id, { option: pollOption(1) });
      await expectAnswerRefused(id, a, sort.id, sampleAnswer(sort), 409, 'notCurrentStep'); // later
      await expectAnswerRefused(id, a, start, {}, 409, 'notCurrentStep'); // earlier
      await expectAnswerRefused(id, a, 'bestaat-niet', { option: pollOption(0) }, 409, 'notCurrentStep');
      for (const raw of [{ option: 'woedend' }, { options: [pollOption(0)] }, { option: pollOption(0), name: 'Anna' }, pollOption(0), null]) {
        await expectAnswerRefused(id, a, poll.id, raw, 422, 'answerInvalid');
      }
      // The group moved on: her answer to the old step comes too late.
      await expectControl(id, { type: 'next' }); // past the poll
      await expectAnswerRefused(id, a, poll.id, { option: pollOption(0) }, 409, 'notCurrentStep');
      await expectControl(id, { type: 'back' }); // the poll again
      await expectControl(id, { type: 'pause' });
      await expectAnswerRefused(id, a, poll.id, { option: pollOption(0) }, 409, 'notRunning');
      await expectControl(id, { type: 'resume' });
      await expectControl(id, { type: 'remove', handle: await handleOf(b) });
      await expectAnswerRefused(id, b, poll.id, { option: pollOption(0) }, 404, 'notInSession');
      await expectAnswerRefused(id, 'nobody-at-all-nobody-a', poll.id, { option: pollOption(0) }, 404, 'notInSession');
      // Allowed now (the same step, running): the refusals above were about what they said.
      expect(await answer(a, poll.id, { option: pollOption(0) })).toMatchObject({ ok: true });
      await expectControl(id, { type: 'end' });
      await expectAnswerRefused(id, a, poll.id, { option: pollOption(2) }, 409, 'sessionEnded');
      // b's answer stays in the counts (without her name) after she was removed.
      expect((await views(id)).facilitator.aggregates[poll.id]).toEqual({
        stepId: poll.id,
        answered: 2,
        skipped: 0,
        counts: { [pollOption(1)]: 1, [pollOption(0)]: 1 },
      });

      const ownPace = await create('own_pace');
      const c = await join(ownPace.id, 'Cato');
      await expectControl(ownPace.id, { type: 'start' });
      await expectAnswerRefused(ownPace.id, c, start, {}, 409, 'ownPaceSession');
    });

    it('refuses answers once the session is past its 12 hours, even before the sweep ended it', async () => {
      const id = await runningAtStep(poll.id);
      const a = await join(id, 'Anna');
      await db()
        .updateTable('group_sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('id', '=', id)
        .execute();
      expect((await row(id)).status).toBe('running');
      await expectAnswerRefused(id, a, poll.id, { option: pollOption(0) }, 409, 'sessionEnded');
    });
  });

  describe('what tablets and facilitators read', () => {
    it('the tablet view has the step, status and revealed counts and no names; the facilitator view adds the names and the counts', async () => {
      const id = await runningAtStep(poll.id);
      const a = await join(id, 'Anna', 'fox');
      const b = await join(id, 'Bo', 'owl');
      await answer(a, poll.id, { option: pollOption(0) });
      // eslint-disable-next-line prefer-const -- tablet and facilitator are read again below
      let { tablet, facilitator, version } = await views(id);
      expect(version).toBe(await versionOf(id));
      expect(tablet).toEqual({ version, status: 'running', pacing: 'together', step: poll.id, revealed: null, removals: 0 });
      expect(await readSessionViews(db(), library, id, false)).toEqual({ version, tablet });
      expect(facilitator).toMatchObject({ ...tablet, locked: false, stepCounts: {}, finished: 0 });
      expect(facilitator.joinCode).toBe((await row(id)).join_code);
      expect(facilitator.participants).toEqual([
        { handle: await handleOf(a), nickname: 'Anna', avatar: 'fox' },
        { handle: await handleOf(b), nickname: 'Bo', avatar: 'owl' },
      ]);
      // Her handle is not her participant id: it opens nothing but "remove".
      expect(JSON.stringify(facilitator)).not.toContain(a);
      expect(facilitator.aggregates).toEqual({ [poll.id]: { stepId: poll.id, answered: 1, skipped: 0, counts: { [pollOption(0)]: 1 } } });

      await expectControl(id, { type: 'reveal', show: true });
      ({ tablet } = await views(id));
      expect(tablet.revealed).toEqual({ stepId: poll.id, answered: 1, skipped: 0, counts: { [pollOption(0)]: 1 } });
      expect(JSON.stringify(tablet)).not.toMatch(/Anna|"Bo"|fox|owl/);
      expect(JSON.stringify(tablet)).not.toContain(a);

      // A removal shows on the tablets as a count only: each tablet asks for itself whether it was her.
      await expectControl(id, { type: 'remove', handle: await handleOf(b) });
      ({ tablet, facilitator } = await views(id));
      expect(tablet.removals).toBe(1);
      expect(JSON.stringify(tablet)).not.toContain(b);
      expect(facilitator.participants.map((p) => p.handle)).toEqual([await handleOf(a)]);

      // At the end step every girl still in the session counts as finished.
      await walkOn(id, end);
      ({ facilitator } = await views(id));
      expect(facilitator.step).toBe(end);
      expect(facilitator.finished).toBe(1); // Anna; Bo was removed
      expect(await readSessionViews(db(), library, crypto.randomUUID(), true)).toBeNull();
    });

    it('own pace: how many girls are at each step, who finished, and the answers from their own logs', async () => {
      const { id } = await create('own_pace');
      const a = await join(id, 'Anna');
      const b = await join(id, 'Bo');
      const c = await join(id, 'Cato');
      await expectControl(id, { type: 'start' });
      // Nobody has moved yet: all three are on the first step.
      expect((await views(id)).facilitator.stepCounts).toEqual({ [start]: 3 });
      const play = async (participantId: string, events: unknown[]) => {
        for (const [index, event] of events.entries()) {
          const outcome = await appendProgressEvent(db(), lesson, participantId, index + 1, event);
          expect(outcome.kind).toBe('appended');
          if (outcome.kind !== 'appended') return;
          const version = await versionOf(id);
          await groupSessions.noteOwnPaceProgress(participantId, outcome.step);
          expect(announced.at(-1)).toEqual({ sessionId: id, version: version + 1 });
        }
      };
      // Anna to the first choice (the poll answered with its first option) and past it; Bo and Cato answer the poll.
      const toChoice = eventsTo(choice.id);
      expect(toChoice.filter((event) => event.type === 'ANSWER')).toEqual([{ type: 'ANSWER', step: poll.id, answer: { option: pollOption(0) } }]);
      const chosen = choice.options.at(-1)!;
      const toPoll = eventsTo(poll.id);
      const answerPoll = (index: number): LessonEvent => ({ type: 'ANSWER', step: poll.id, answer: { option: pollOption(index) } });
      await play(a, [...toChoice, { type: 'ANSWER', step: choice.id, answer: { option: chosen.id } }]); // at the step after her choice
      await play(b, [...toPoll, answerPoll(2)]); // at the step after the poll
      await play(c, [...toPoll, answerPoll(0)]); // at the step after the poll
      const { facilitator, tablet } = await views(id);
      expect(tablet.step).toBeNull();
      expect(chosen.next).not.toBe(poll.next);
      expect(facilitator.stepCounts).toEqual({ [chosen.next]: 1, [poll.next]: 2 });
      expect(facilitator.finished).toBe(0);
      expect(facilitator.aggregates).toEqual({
        [poll.id]: { stepId: poll.id, answered: 3, skipped: 0, counts: { [pollOption(0)]: 2, [pollOption(2)]: 1 } },
        [choice.id]: { stepId: choice.id, answered: 1, skipped: 0, counts: { [chosen.id]: 1 } },
      });
      // Names and steps never travel together: the step after a choice would tell what she chose.
      expect(facilitator.participants).toEqual([
        { handle: await handleOf(a), nickname: 'Anna', avatar: 'owl' },
        { handle: await handleOf(b), nickname: 'Bo', avatar: 'owl' },
        { handle: await handleOf(c), nickname: 'Cato', avatar: 'owl' },
      ]);
      for (const stepId of [chosen.next, poll.next]) expect(JSON.stringify(facilitator.participants)).not.toContain(stepId);
      // A participant outside any session is nobody's progress.
      const solo = await db()
        .insertInto('participants')
        .values({ id: 'solo-solo-solo-solo-so', module_id: 'wie-ben-ik', variant: 'standard', language: 'nl' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const versionBefore = await versionOf(id);
      const announcedBefore = announced.length;
      await groupSessions.noteOwnPaceProgress(solo.id, poll.id);
      expect(await versionOf(id)).toBe(versionBefore);
      expect(announced).toHaveLength(announcedBefore);
      // Her end counts as finished.
      await db().updateTable('participants').set({ current_step: end }).where('id', '=', a).execute();
      expect((await views(id)).facilitator.finished).toBe(1);
    });

    it('own pace: a skipped question counts as skipped, never as an answer, also when nobody answered it (decision 0009)', async () => {
      const { id } = await create('own_pace');
      const [a, b, c] = [await join(id, 'Anna'), await join(id, 'Bo'), await join(id, 'Cato')];
      await expectControl(id, { type: 'start' });
      const play = async (participantId: string, events: unknown[]) => {
        for (const [index, event] of events.entries()) expect((await appendProgressEvent(db(), lesson, participantId, index + 1, event)).kind).toBe('appended');
      };
      // Anna skips the poll, answers the choice (its first option) and skips the quiz; Bo answers the poll, Cato skips it.
      const toQuiz = eventsTo(quiz.id).map((event) => (event.type === 'ANSWER' && event.step === poll.id ? { type: 'SKIP', step: poll.id } : event));
      expect(toQuiz.filter((event) => event.type === 'ANSWER')).toEqual([{ type: 'ANSWER', step: choice.id, answer: { option: choice.options[0]!.id } }]);
      const toPoll = eventsTo(poll.id);
      await play(a, [...toQuiz, { type: 'SKIP', step: quiz.id }]);
      await play(b, [...toPoll, { type: 'ANSWER', step: poll.id, answer: { option: pollOption(2) } }]);
      await play(c, [...toPoll, { type: 'SKIP', step: poll.id }]);
      const { facilitator, tablet } = await views(id);
      expect(facilitator.aggregates).toEqual({
        [poll.id]: { stepId: poll.id, answered: 1, skipped: 2, counts: { [pollOption(2)]: 1 } },
        [choice.id]: { stepId: choice.id, answered: 1, skipped: 0, counts: { [choice.options[0]!.id]: 1 } },
        // Only skipped: there are counts to show, and none of them is an answer.
        [quiz.id]: { stepId: quiz.id, answered: 0, skipped: 1, counts: {} },
      });
      expect(tablet.revealed).toBeNull();
    });
  });

  describe('the end erases nicknames and avatars', () => {
    /** Rows anywhere in participants that still carry one of these nicknames. */
    const nicknamesLeft = async (names: string[]) => (await db().selectFrom('participants').select('id').where('nickname', 'in', names).execute()).length;

    it('"end": no nickname or avatar of the session is left in participants; the counts stay; other sessions keep theirs', async () => {
      const id = await runningAtStep(poll.id);
      const other = await create();
      const names = ['Sterretje', 'Maanlicht', 'Regenboog'];
      const ids = [await join(id, names[0]!, 'fox'), await join(id, names[1]!, 'panda'), await join(id, names[2]!, 'dolphin')];
      await join(other.id, 'Blijftbestaan', 'turtle');
      await answer(ids[0]!, poll.id, { option: pollOption(0) });
      await answer(ids[1]!, poll.id, { option: pollOption(1) });
      const answersBefore = await answerRows(id);
      expect(await nicknamesLeft(names)).toBe(3);

      await expectControl(id, { type: 'end' });
      const session = await row(id);
      expect(session.status).toBe('ended');
      expect(session.ended_at).toBeInstanceOf(Date);
      expect(session.revealed_step).toBeNull();
      // Straight from the table: every participant of the session, nothing personal left.
      expect(await participantRows(id)).toEqual(ids.map((pid) => ({ id: pid, nickname: null, avatar: null, removed: false })).sort(byId));
      expect(await nicknamesLeft(names)).toBe(0);
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from participants where group_session_id = ${id} and (nickname is not null or avatar is not null or handle is not null)`.execute(
        db(),
      );
      expect(Number(rows[0]!.n), 'no nickname, avatar or handle (what the facilitator saw) is left').toBe(0);
      // The anonymous answers stay for the summary; the other session keeps its girl.
      expect(await answerRows(id)).toEqual(answersBefore);
      const { facilitator } = await views(id);
      expect(facilitator.status).toBe('ended');
      expect(facilitator.participants).toEqual(names.map(() => ({ handle: null, nickname: null, avatar: null })));
      expect(facilitator.aggregates[poll.id]).toEqual({ stepId: poll.id, answered: 2, skipped: 0, counts: { [pollOption(0)]: 1, [pollOption(1)]: 1 } });
      expect(await participantRows(other.id)).toEqual([expect.objectContaining({ nickname: 'Blijftbestaan', avatar: 'turtle' })]);
      // After a session ended, participants is vacuumed (the erased names' old row versions become reusable space).
      const since = new Date(Date.now() - 60_000);
      const mark = await vacuumAfterEndedSessions(db(), since);
      expect(mark.getTime()).toBeGreaterThan(since.getTime());
      const later = new Date(Date.now() + 60_000);
      expect(await vacuumAfterEndedSessions(db(), later), 'nothing ended since: no vacuum, the mark stays').toBe(later);
    });

    it('the expiry sweep (endExpired) ends only the sessions past expires_at, erasing their nicknames and avatars, and announces each once', async () => {
      const expired = await runningAt([{}]);
      const lobbyExpired = await create();
      const fresh = await runningAt();
      const alreadyEnded = await create();
      await join(alreadyEnded.id, 'Vroegerweg', 'bee');
      await expectControl(alreadyEnded.id, { type: 'end' });
      const expiredNames = ['Oudje', 'Verlopen', 'Wachter'];
      await join(expired, expiredNames[0]!, 'cat');
      await join(expired, expiredNames[1]!, 'owl');
      await join(lobbyExpired.id, expiredNames[2]!, 'rabbit');
      await join(fresh, 'Nogeventjes', 'bee');
      await db()
        .updateTable('group_sessions')
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .where('id', 'in', [expired, lobbyExpired.id])
        .execute();
      const versions = {
        expired: await versionOf(expired),
        lobby: await versionOf(lobbyExpired.id),
        fresh: await versionOf(fresh),
        ended: await versionOf(alreadyEnded.id),
      };

      const announcedBefore = announced.length;
      const ended = await groupSessions.endExpired();
      const changes = announced.slice(announcedBefore);
      expect(ended).toBe(changes.length);
      // (An earlier test left an expired session of its own: every change is for a session past its time.)
      const mine = changes.filter((change) => [expired, lobbyExpired.id, fresh, alreadyEnded.id].includes(change.sessionId));
      const bySession = (x: { sessionId: string }, y: { sessionId: string }) => (x.sessionId < y.sessionId ? -1 : 1);
      expect(mine.sort(bySession)).toEqual(
        [
          { sessionId: expired, version: versions.expired + 1 },
          { sessionId: lobbyExpired.id, version: versions.lobby + 1 },
        ].sort(bySession),
      );
      for (const change of changes) expect((await row(change.sessionId)).expires_at.getTime()).toBeLessThanOrEqual(Date.now());
      expect((await row(expired)).status).toBe('ended');
      expect((await row(lobbyExpired.id)).status).toBe('ended');
      expect(await nicknamesLeft(expiredNames)).toBe(0);
      const { rows } = await sql<{
        n: string;
      }>`select count(*) as n from participants where group_session_id in (${expired}, ${lobbyExpired.id}) and (nickname is not null or avatar is not null)`.execute(
        db(),
      );
      expect(Number(rows[0]!.n)).toBe(0);
      expect(await participantRows(expired)).toHaveLength(2);
      // The fresh one runs on with its girl; the one that had already ended is not ended twice.
      expect(await row(fresh)).toMatchObject({ status: 'running', version: versions.fresh });
      expect(await participantRows(fresh)).toEqual([expect.objectContaining({ nickname: 'Nogeventjes', avatar: 'bee' })]);
      expect(await versionOf(alreadyEnded.id)).toBe(versions.ended);
      // A second sweep finds nothing more to do.
      expect(await groupSessions.endExpired()).toBe(0);
      expect(announced).toHaveLength(announcedBefore + changes.length);
    });
  });
});
