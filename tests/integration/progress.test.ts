import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLessonFlow, currentStepId, replayLessonEvents, type LessonEvent } from '~/lessons/compile';
import { loadLessonModules } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import {
  type AppendOutcome,
  RecentSoloLogs,
  appendProgressEvent,
  appendWithRememberedLog,
  createParticipant,
  findParticipantWithLog,
  lessonStateOf,
  progressEvents,
} from '~/progress/progress.server';
import { skipTarget, type LessonStep, type StepOf } from '~/lessons/schema';
import { firstBranchingChoice, forwardEvents, routeTo, skipEvents, stepOf as stepIn, stepsInOrder } from '../unit/lessons/helpers';
import { databaseKind, openTestDatabase } from './test-database';

/**
 * The progress log (decision 0007) on a real database, with the real module 1 as resolved at
 * start-up: only what the lesson machine allows is written, each sequence number once, and
 * nothing at all for a duplicate, a conflict, a gap, a refusal or junk.
 */
describe(`progress log on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let lesson: ResolvedLesson;

  /** Every row of the log, in order: compared whole before and after, so nothing can slip in or change. */
  const allRows = async () =>
    (
      await database.db.selectFrom('progress_events').select(['participant_id', 'sequence', 'event']).orderBy('participant_id').orderBy('sequence').execute()
    ).map((row) => ({ ...row, event: JSON.stringify(row.event) }));
  const rowCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('progress_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const append = (participantId: string, sequence: number, event: unknown) => appendProgressEvent(database.db, lesson, participantId, sequence, event);
  /** The step her stored log replays to. */
  const stepOf = async (participantId: string) => {
    const state = lessonStateOf(lesson, await progressEvents(database.db, participantId));
    if (!state.ok) throw new Error(`log does not replay: ${state.reason}`);
    return { step: currentStepId(state.snapshot), answers: state.snapshot.context.answers, path: state.snapshot.context.path };
  };
  /** Runs `attempt` and expects it to write nothing: the same rows, the same count, the same step. */
  async function expectNothingWritten(participantId: string, attempt: () => Promise<AppendOutcome>): Promise<AppendOutcome> {
    const rowsBefore = await allRows();
    const countBefore = await rowCount();
    const stepBefore = await stepOf(participantId);
    const outcome = await attempt();
    expect(await rowCount(), 'rows in progress_events').toBe(countBefore);
    expect(await allRows()).toEqual(rowsBefore);
    expect(await stepOf(participantId)).toEqual(stepBefore);
    return outcome;
  }
  const newParticipant = () => createParticipant(database.db, { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl' });

  // Step ids and events come from the module as loaded, so a change of its content keeps these tests.
  type Answer = Extract<LessonEvent, { type: 'ANSWER' }>;
  /** Module 1's first choice (squad advice about a photo, today). */
  let choice: StepOf<'choice'>;
  /** From the start to that choice, first options first: stories, a poll answered. */
  let toFirstChoice: LessonEvent[];
  /** The sequence number of the event on the first choice. */
  let atChoice: number;
  /** The first answer on the way (the feelings poll): answered before the choice. */
  let answeredBefore: Answer;
  const choose = (step: StepOf<'choice'>, option: string): Answer => ({ type: 'ANSWER', step: step.id, answer: { option } });
  /** The answers a log of these events replays to, by step. */
  const answersOf = (events: LessonEvent[]) => Object.fromEntries(events.flatMap((event) => (event.type === 'ANSWER' ? [[event.step, event.answer]] : [])));
  async function participantAtFirstChoice() {
    const id = await newParticipant();
    for (const [index, event] of toFirstChoice.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
    expect((await stepOf(id)).step).toBe(choice.id);
    return id;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    const resolved = loadLessonModules().lesson('wie-ben-ik', 'standard');
    if (!resolved) throw new Error('content/modules/wie-ben-ik has no standard lesson');
    lesson = resolved;
    choice = stepsInOrder(lesson.module).find((step): step is StepOf<'choice'> => step.type === 'choice')!;
    toFirstChoice = routeTo(lesson.module, choice.id).events;
    atChoice = toFirstChoice.length + 1;
    answeredBefore = toFirstChoice.find((event): event is Answer => event.type === 'ANSWER')!;
    expect(answeredBefore, 'a question before the first choice').toBeDefined();
    expect(
      toFirstChoice.some((event) => event.type === 'NEXT'),
      'a story before the first choice',
    ).toBe(true);
  });
  afterAll(async () => {
    await database.drop();
  });

  it('appends the events the lesson allows, one row each, and they replay to the right step with the answers', async () => {
    const id = await newParticipant();
    expect(await stepOf(id)).toMatchObject({ step: lesson.module.start, path: [lesson.module.start] });
    const before = await rowCount();
    // To the first choice that branches (answering the questions on the way), and there an
    // option that leads elsewhere than the first option does.
    const branching = firstBranchingChoice(lesson.module);
    const route = routeTo(lesson.module, branching.id);
    const other = branching.options.find((option) => option.next !== branching.options[0]!.next)!;
    const events: LessonEvent[] = [...route.events, choose(branching, other.id)];
    expect(events.filter((event) => event.type === 'ANSWER').length, 'questions answered on the way').toBeGreaterThan(1);
    for (const [index, event] of events.entries()) {
      expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
      expect(await rowCount()).toBe(before + index + 1);
    }
    expect(await progressEvents(database.db, id)).toEqual(events);
    // The option chosen decides the branch: its step, not the first option's.
    expect(await stepOf(id)).toEqual({ step: other.next, path: [...route.path, other.next], answers: answersOf(events) });

    // BACK is an event like any other: back on the choice (still on the path, so its answer stays).
    expect(await append(id, events.length + 1, { type: 'BACK' })).toMatchObject({ kind: 'appended', sequence: events.length + 1 });
    expect(await stepOf(id)).toEqual({ step: branching.id, path: route.path, answers: answersOf(events) });
    expect(answersOf(events)[branching.id]).toEqual({ option: other.id });
    expect(await rowCount()).toBe(before + events.length + 1);
  });

  it('a repeated sequence number with the same event is a duplicate and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    const answerAt = toFirstChoice.indexOf(answeredBefore) + 1;
    const outcome = await expectNothingWritten(id, () => append(id, answerAt, { ...answeredBefore }));
    expect(outcome).toEqual({ kind: 'duplicate', sequence: answerAt });
    // The same event with its keys in another order is still the same event.
    const reordered = { answer: answeredBefore.answer, step: answeredBefore.step, type: 'ANSWER' };
    expect(await expectNothingWritten(id, () => append(id, answerAt, reordered))).toEqual({ kind: 'duplicate', sequence: answerAt });
    const nextAt = toFirstChoice.findIndex((event) => event.type === 'NEXT') + 1;
    expect(await expectNothingWritten(id, () => append(id, nextAt, { type: 'NEXT' }))).toEqual({ kind: 'duplicate', sequence: nextAt });
  });

  it('the same sequence number with a different event is a conflict and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    const answerAt = toFirstChoice.indexOf(answeredBefore) + 1;
    // The same question, another option (as allowed there as the first).
    const poll = stepIn(lesson.module, answeredBefore.step);
    if (poll.type !== 'poll' || poll.multiple) throw new Error(`"${poll.id}" is a poll with one answer`);
    const otherAnswer = { ...answeredBefore, answer: { option: poll.options[1]!.id } };
    expect(await expectNothingWritten(id, () => append(id, answerAt, otherAnswer))).toEqual({ kind: 'conflict', expected: atChoice });
    expect(await expectNothingWritten(id, () => append(id, 1, { type: 'BACK' }))).toEqual({ kind: 'conflict', expected: atChoice });
    expect((await progressEvents(database.db, id))[answerAt - 1]).toEqual(answeredBefore);
  });

  it('a sequence number from the future is a gap and writes nothing, even for an event the lesson would allow', async () => {
    const id = await participantAtFirstChoice();
    const allowed = choose(choice, choice.options.at(-1)!.id);
    expect(await expectNothingWritten(id, () => append(id, atChoice + 1, allowed))).toEqual({ kind: 'gap', expected: atChoice });
    expect(await expectNothingWritten(id, () => append(id, 10_000, allowed))).toEqual({ kind: 'gap', expected: atChoice });
    // The right number goes through afterwards.
    expect(await append(id, atChoice, allowed)).toMatchObject({ kind: 'appended', sequence: atChoice });
  });

  it('refuses, with a reason, an event the lesson machine does not allow now, and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    const refused = async (event: unknown) => {
      const outcome = await expectNothingWritten(id, () => append(id, atChoice, event));
      expect(outcome.kind, JSON.stringify(event)).toBe('refused');
      return (outcome as { reason: string }).reason;
    };
    const option = choice.options.at(-1)!.id;
    // NEXT on a choice.
    expect(await refused({ type: 'NEXT' })).toBe(`step "${choice.id}" (choice) is answered with ANSWER, not NEXT`);
    // An answer for another step (the poll she already answered).
    expect(await refused(answeredBefore)).toBe(`the current step is "${choice.id}", not "${answeredBefore.step}"`);
    // An answer for a step that does not exist.
    expect(await refused({ type: 'ANSWER', step: 'no-such-step', answer: { option } })).toMatch(/not "no-such-step"/);
    // The right step, a wrong answer shape or an unknown option.
    expect(await refused({ type: 'ANSWER', step: choice.id, answer: { options: [option] } })).toContain(choice.id);
    expect(await refused({ type: 'ANSWER', step: choice.id, answer: { option: 'weglopen' } })).toMatch(/unknown option "weglopen"/);
    expect(await refused({ type: 'ANSWER', step: choice.id, answer: option })).toContain(choice.id);
    expect(await refused({ type: 'ANSWER', step: choice.id, answer: { option, extra: true } })).toContain(choice.id);

    // On a story step an ANSWER is refused; on the first step there is nowhere to go back to.
    const start = stepIn(lesson.module, lesson.module.start);
    expect(start.type).toBe('story');
    const fresh = await newParticipant();
    const freshOutcome = await expectNothingWritten(fresh, () => append(fresh, 1, { type: 'ANSWER', step: start.id, answer: { option: 'x' } }));
    expect(freshOutcome).toMatchObject({ kind: 'refused', reason: `step "${start.id}" (story) takes NEXT, not ANSWER` });
    expect(await expectNothingWritten(fresh, () => append(fresh, 1, { type: 'BACK' }))).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/no step to go back to/),
    });
  });

  describe('"I\'d rather skip" (SKIP, decision 0009)', () => {
    const skipped = async (participantId: string) => {
      const state = lessonStateOf(lesson, await progressEvents(database.db, participantId));
      if (!state.ok) throw new Error(state.reason);
      return state.snapshot.context.skipped;
    };

    it('appends a skip of a poll, a quiz and a choice about herself; they replay with no answer for those steps', async () => {
      const id = await newParticipant();
      // From the start to the choice about herself: every question skipped but the first choice
      // (answered: answers and skips side by side), the steps that ask nothing moved on with NEXT.
      const self = stepsInOrder(lesson.module).find((step): step is StepOf<'choice'> => step.type === 'choice' && step.framing === 'self')!;
      const machine = compileLessonFlow(lesson.module);
      const events: LessonEvent[] = [];
      const path: string[] = [];
      const skippedSteps: LessonStep[] = [];
      for (let guard = 0; path.at(-1) !== self.id; guard++) {
        if (guard > 100) throw new Error(`no way to "${self.id}"`);
        const replayed = replayLessonEvents(machine, events);
        if (!replayed.ok) throw new Error(replayed.reason);
        const step = stepIn(lesson.module, currentStepId(replayed.snapshot));
        path.push(step.id);
        const skip = skipEvents(step);
        if (step.id !== choice.id && skip.length) skippedSteps.push(step);
        events.push(step.id === choice.id || !skip.length ? forwardEvents(step)[0]! : skip[0]!);
      }
      expect(events.at(-1)).toEqual({ type: 'SKIP', step: self.id });
      expect(skippedSteps.map((step) => step.type)).toEqual(expect.arrayContaining(['poll', 'quiz', 'choice']));
      for (const [index, event] of events.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
      expect(await progressEvents(database.db, id)).toEqual(events);
      // The choice about herself goes to its skipNext.
      expect(await stepOf(id)).toEqual({ step: self.skipNext, path: [...path, self.skipNext], answers: { [choice.id]: { option: choice.options[0]!.id } } });
      expect(await skipped(id)).toEqual(skippedSteps.map((step) => step.id));
      // A retried skip is the same event, written once.
      expect(await expectNothingWritten(id, () => append(id, events.length, { type: 'SKIP', step: self.id }))).toEqual({
        kind: 'duplicate',
        sequence: events.length,
      });
    });

    it('refuses a skip where skipping is not allowed, for another step, or with an answer, and writes nothing', async () => {
      const id = await participantAtFirstChoice();
      const refused = async (participantId: string, sequence: number, event: unknown) => {
        const outcome = await expectNothingWritten(participantId, () => append(participantId, sequence, event));
        expect(outcome.kind, JSON.stringify(event)).toBe('refused');
        return (outcome as { reason: string }).reason;
      };
      // A skip meant for another step (a late one for the poll she already answered).
      expect(await refused(id, atChoice, { type: 'SKIP', step: answeredBefore.step })).toBe(`the current step is "${choice.id}", not "${answeredBefore.step}"`);
      // A skip carries no answer, and names its step.
      expect(await refused(id, atChoice, { type: 'SKIP', step: choice.id, answer: { option: choice.options[0]!.id } })).toMatch(/not a lesson event/);
      expect(await refused(id, atChoice, { type: 'SKIP' })).toMatch(/not a lesson event/);
      expect(await skipped(id)).toEqual([]);
      // A story asks nothing: nothing to skip.
      const fresh = await newParticipant();
      expect(await refused(fresh, 1, { type: 'SKIP', step: lesson.module.start })).toBe(`step "${lesson.module.start}" (story) cannot be skipped`);
      // Nor does a step that is neither a story nor a question (every choice of module 1 may be
      // skipped since decision 0010; a choice without skipNext is refused in the unit tests).
      const asksNothing = stepsInOrder(lesson.module).find((step) => step.type !== 'story' && step.type !== 'end' && skipTarget(step) === undefined)!;
      const later = await newParticipant();
      const toIt = routeTo(lesson.module, asksNothing.id).events;
      for (const [index, event] of toIt.entries()) expect(await append(later, index + 1, event)).toMatchObject({ kind: 'appended' });
      expect(await refused(later, toIt.length + 1, { type: 'SKIP', step: asksNothing.id })).toBe(
        `step "${asksNothing.id}" (${asksNothing.type}) cannot be skipped`,
      );
      expect(await skipped(later)).toEqual([]);
    });
  });

  it('refuses a sort with an item missing, and a body-map-like answer on a sort', async () => {
    const id = await newParticipant();
    // The module's first sort, every question on the way answered (a quiz and a poll of several among them).
    const sort = stepsInOrder(lesson.module).find((step): step is StepOf<'sort'> => step.type === 'sort')!;
    const events = routeTo(lesson.module, sort.id).events;
    for (const [index, event] of events.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
    expect((await stepOf(id)).step).toBe(sort.id);
    const placements = Object.fromEntries(sort.items.map((item) => [item.id, sort.categories[0]!.id]));
    const last = sort.items.at(-1)!.id;
    const { [last]: _left, ...oneMissing } = placements;
    const sequence = events.length + 1;
    expect(await expectNothingWritten(id, () => append(id, sequence, { type: 'ANSWER', step: sort.id, answer: { placements: oneMissing } }))).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining(`item "${last}" is not placed`),
    });
    expect(
      await expectNothingWritten(id, () =>
        append(id, sequence, { type: 'ANSWER', step: sort.id, answer: { placements: { ...placements, [last]: 'misschien' } } }),
      ),
    ).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/unknown category "misschien"/) });
    expect(
      await expectNothingWritten(id, () => append(id, sequence, { type: 'ANSWER', step: sort.id, answer: { person: 'vriendin', marks: [] } })),
    ).toMatchObject({ kind: 'refused' });
    // The complete sort is accepted.
    expect(await append(id, sequence, { type: 'ANSWER', step: sort.id, answer: { placements } })).toMatchObject({ kind: 'appended', sequence });
    expect((await stepOf(id)).step).toBe(sort.next);
  });

  it('refuses what is not a lesson event at all, and 10 kB of junk, without writing anything', async () => {
    const id = await participantAtFirstChoice();
    const junk = Array.from({ length: 10_240 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join('');
    const malformed: unknown[] = [
      null,
      undefined,
      'NEXT',
      42,
      [],
      { type: 'JUMP', to: 'einde' },
      { type: 'next' },
      { type: 'NEXT', step: choice.id },
      { type: 'ANSWER', answer: { option: choice.options[0]!.id } },
      { type: 'ANSWER', step: 7, answer: { option: choice.options[0]!.id } },
      junk,
      { type: junk },
      { ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, junk.slice(0, 20)])), type: 'NEXT' },
    ];
    for (const event of malformed) {
      const outcome = await expectNothingWritten(id, () => append(id, atChoice, event));
      expect(outcome, typeof event === 'string' ? `${event.slice(0, 20)}…` : JSON.stringify(event)?.slice(0, 60)).toMatchObject({
        kind: 'refused',
        reason: expect.stringMatching(/not a lesson event/),
      });
    }
    // A well-formed ANSWER carrying 10 kB of junk as its answer: too large, whatever it says.
    const large = await expectNothingWritten(id, () => append(id, atChoice, { type: 'ANSWER', step: choice.id, answer: { option: junk } }));
    expect(large).toEqual({ kind: 'refused', reason: 'the event is too large' });
    expect(
      await expectNothingWritten(id, () => append(id, atChoice, { type: 'ANSWER', step: choice.id, answer: { option: choice.options[0]!.id, junk } })),
    ).toMatchObject({ kind: 'refused' });
  });

  it('two concurrent appends of the same next sequence with different events: exactly one wins', async () => {
    // At a choice that branches: two options that lead to different steps, so the step shows which won.
    const branching = firstBranchingChoice(lesson.module);
    const toBranching = routeTo(lesson.module, branching.id).events;
    const [first, second] = [branching.options[0]!, branching.options.find((option) => option.next !== branching.options[0]!.next)!];
    const sequence = toBranching.length + 1;
    for (let round = 0; round < 5; round += 1) {
      const id = await newParticipant();
      for (const [index, event] of toBranching.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended' });
      const before = await rowCount();
      const a = choose(branching, first.id);
      const b = choose(branching, second.id);
      const outcomes = await Promise.all([append(id, sequence, a), append(id, sequence, b)]);
      const winners = outcomes.filter((o) => o.kind === 'appended');
      expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
      expect(
        outcomes.filter((o) => o.kind === 'conflict'),
        JSON.stringify(outcomes),
      ).toHaveLength(1);
      expect(await rowCount()).toBe(before + 1);
      const stored = await progressEvents(database.db, id);
      expect(stored).toHaveLength(sequence);
      expect(stored[sequence - 1]).toEqual(outcomes[0]!.kind === 'appended' ? a : b);
      expect((await stepOf(id)).step).toBe(outcomes[0]!.kind === 'appended' ? first.next : second.next);
    }
  });

  it('two concurrent appends of the same event (a retry racing the first try) write it once', async () => {
    const id = await participantAtFirstChoice();
    const before = await rowCount();
    const event = choose(choice, choice.options.at(-1)!.id);
    const outcomes = await Promise.all([append(id, atChoice, event), append(id, atChoice, event), append(id, atChoice, event)]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['appended', 'duplicate', 'duplicate']);
    expect(await rowCount()).toBe(before + 1);
    expect(await progressEvents(database.db, id)).toEqual([...toFirstChoice, event]);
  });

  it('reads a participant with her log in one go, in order; an unknown one is nobody', async () => {
    const id = await participantAtFirstChoice();
    const found = await findParticipantWithLog(database.db, id);
    expect(found?.participant).toMatchObject({ id, module_id: 'wie-ben-ik', variant: 'standard', language: 'nl' });
    expect(found?.participant.created_at).toBeInstanceOf(Date);
    expect(found?.events).toEqual(toFirstChoice);
    expect((await findParticipantWithLog(database.db, await newParticipant()))?.events).toEqual([]);
    expect(await findParticipantWithLog(database.db, 'AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
  });

  it('a log read a moment before another tablet appended is judged by the stored one: conflict or duplicate, nothing written twice', async () => {
    const id = await participantAtFirstChoice();
    const readBefore = (await findParticipantWithLog(database.db, id))!.events;
    const fromTheOtherTablet = choose(choice, choice.options.at(-1)!.id);
    expect(await append(id, atChoice, fromTheOtherTablet)).toMatchObject({ kind: 'appended' });
    const before = await rowCount();
    const different = choose(choice, choice.options[0]!.id);
    expect(await appendProgressEvent(database.db, lesson, id, atChoice, different, readBefore)).toEqual({ kind: 'conflict', expected: atChoice + 1 });
    expect(await appendProgressEvent(database.db, lesson, id, atChoice, fromTheOtherTablet, readBefore)).toEqual({ kind: 'duplicate', sequence: atChoice });
    expect(await rowCount()).toBe(before);
    expect(await progressEvents(database.db, id)).toEqual([...toFirstChoice, fromTheOtherTablet]);
  });

  describe('a log this process remembers (solo players)', () => {
    it('grows with each append; when it fell behind (another instance wrote), the stored log judges, and it is remembered anew', async () => {
      const logs = new RecentSoloLogs();
      const id = await newParticipant();
      const read = (await findParticipantWithLog(database.db, id))!;
      const post = async (sequence: number, event: LessonEvent) => {
        const remembered = logs.get(id);
        const found = remembered ? { ...remembered, lesson, remembered: true } : { ...read, lesson, remembered: false };
        return appendWithRememberedLog(database.db, logs, found, sequence, event);
      };
      const lastBefore = toFirstChoice.length; // the sequence of the last event before the choice
      expect(await post(1, toFirstChoice[0]!)).toMatchObject({ kind: 'appended', sequence: 1 });
      expect(logs.get(id)?.events).toEqual([toFirstChoice[0]]);
      for (let sequence = 2; sequence < lastBefore; sequence++)
        expect(await post(sequence, toFirstChoice[sequence - 1]!)).toMatchObject({ kind: 'appended', sequence });
      // Another instance appends the last one before the choice; this one's memory still ends before it.
      expect(await append(id, lastBefore, toFirstChoice[lastBefore - 1]!)).toMatchObject({ kind: 'appended' });
      expect(logs.get(id)?.events).toHaveLength(lastBefore - 1);
      // Her answer to the choice looks like a gap to the memory; the stored log takes it.
      const answer = choose(choice, choice.options.at(-1)!.id);
      expect(await post(atChoice, answer)).toMatchObject({ kind: 'appended', sequence: atChoice });
      expect(logs.get(id)?.events).toEqual([...toFirstChoice, answer]);
      // A retry of the one the other instance wrote, judged on the memory: the same event, a duplicate; nothing written twice.
      expect(await post(lastBefore, toFirstChoice[lastBefore - 1]!)).toEqual({ kind: 'duplicate', sequence: lastBefore });
      expect(await progressEvents(database.db, id)).toEqual([...toFirstChoice, answer]);
    });

    it('keeps the most recent solo players only, and never a group participant', () => {
      const logs = new RecentSoloLogs(2);
      const participant = (id: string, groupSessionId: string | null) =>
        ({ id, group_session_id: groupSessionId }) as Parameters<RecentSoloLogs['remember']>[0];
      logs.remember(participant('a', null), []);
      logs.remember(participant('b', null), []);
      logs.get('a'); // a is used again: b is now the oldest
      logs.remember(participant('c', null), []);
      expect([logs.get('a') !== undefined, logs.get('b') !== undefined, logs.get('c') !== undefined]).toEqual([true, false, true]);
      logs.remember(participant('g', 'a-group-session'), []);
      expect(logs.get('g')).toBeUndefined();
      expect(logs.size).toBe(2);
    });
  });

  it('keeps participants apart: the same sequence number in two logs is two rows', async () => {
    const first = await newParticipant();
    const second = await newParticipant();
    const before = await rowCount();
    expect(await append(first, 1, { type: 'NEXT' })).toMatchObject({ kind: 'appended', sequence: 1 });
    expect(await append(second, 1, { type: 'NEXT' })).toMatchObject({ kind: 'appended', sequence: 1 });
    expect(await rowCount()).toBe(before + 2);
    // An unknown participant has an empty log: sequence 1 would be next; the foreign key refuses the row.
    await expect(append('AAAAAAAAAAAAAAAAAAAAAA', 1, { type: 'NEXT' })).rejects.toThrow();
    expect(await rowCount()).toBe(before + 2);
  });
});
