import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStepId, type LessonEvent } from '~/lessons/compile';
import { loadLessonModules } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { type AppendOutcome, RecentSoloLogs, appendProgressEvent, appendWithRememberedLog, createParticipant, findParticipantWithLog, lessonStateOf, progressEvents } from '~/progress/progress.server';
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
    (await database.db.selectFrom('progress_events').select(['participant_id', 'sequence', 'event']).orderBy('participant_id').orderBy('sequence').execute()).map(
      (row) => ({ ...row, event: JSON.stringify(row.event) }),
    );
  const rowCount = async () => Number((await database.db.selectFrom('progress_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

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

  // Module 1 from the start to its first choice ("advies-foto").
  const toFirstChoice: LessonEvent[] = [
    { type: 'NEXT' }, // welkom (story)
    { type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } }, // poll
    { type: 'NEXT' }, // chat-foto (story)
  ];
  async function participantAtFirstChoice() {
    const id = await newParticipant();
    for (const [index, event] of toFirstChoice.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
    expect((await stepOf(id)).step).toBe('advies-foto');
    return id;
  }

  beforeAll(async () => {
    database = await openTestDatabase();
    const resolved = loadLessonModules().lesson('wie-ben-ik', 'standard');
    if (!resolved) throw new Error('content/modules/wie-ben-ik has no standard lesson');
    lesson = resolved;
  });
  afterAll(async () => {
    await database.drop();
  });

  it('appends the events the lesson allows, one row each, and they replay to the right step with the answers', async () => {
    const id = await newParticipant();
    expect(await stepOf(id)).toMatchObject({ step: 'welkom', path: ['welkom'] });
    const before = await rowCount();
    const events: LessonEvent[] = [...toFirstChoice, { type: 'ANSWER', step: 'advies-foto', answer: { option: 'laten-staan' } }];
    for (const [index, event] of events.entries()) {
      expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
      expect(await rowCount()).toBe(before + index + 1);
    }
    expect(await progressEvents(database.db, id)).toEqual(events);
    // "laten staan" branches to lina-trots, not filter-weetje.
    expect(await stepOf(id)).toEqual({
      step: 'lina-trots',
      path: ['welkom', 'gevoel', 'chat-foto', 'advies-foto', 'lina-trots'],
      answers: { gevoel: { option: 'blij' }, 'advies-foto': { option: 'laten-staan' } },
    });

    // BACK is an event like any other: back on the choice (still on the path, so its answer stays).
    expect(await append(id, 5, { type: 'BACK' })).toMatchObject({ kind: 'appended', sequence: 5 });
    expect(await stepOf(id)).toEqual({
      step: 'advies-foto',
      path: ['welkom', 'gevoel', 'chat-foto', 'advies-foto'],
      answers: { gevoel: { option: 'blij' }, 'advies-foto': { option: 'laten-staan' } },
    });
    expect(await rowCount()).toBe(before + 5);
  });

  it('a repeated sequence number with the same event is a duplicate and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    const outcome = await expectNothingWritten(id, () => append(id, 2, { type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } }));
    expect(outcome).toEqual({ kind: 'duplicate', sequence: 2 });
    // The same event with its keys in another order is still the same event.
    expect(await expectNothingWritten(id, () => append(id, 2, { answer: { option: 'blij' }, step: 'gevoel', type: 'ANSWER' }))).toEqual({ kind: 'duplicate', sequence: 2 });
    expect(await expectNothingWritten(id, () => append(id, 3, { type: 'NEXT' }))).toEqual({ kind: 'duplicate', sequence: 3 });
  });

  it('the same sequence number with a different event is a conflict and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    expect(await expectNothingWritten(id, () => append(id, 2, { type: 'ANSWER', step: 'gevoel', answer: { option: 'moe' } }))).toEqual({ kind: 'conflict', expected: 4 });
    expect(await expectNothingWritten(id, () => append(id, 1, { type: 'BACK' }))).toEqual({ kind: 'conflict', expected: 4 });
    expect((await progressEvents(database.db, id))[1]).toEqual({ type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } });
  });

  it('a sequence number from the future is a gap and writes nothing, even for an event the lesson would allow', async () => {
    const id = await participantAtFirstChoice();
    const allowed = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } };
    expect(await expectNothingWritten(id, () => append(id, 5, allowed))).toEqual({ kind: 'gap', expected: 4 });
    expect(await expectNothingWritten(id, () => append(id, 10_000, allowed))).toEqual({ kind: 'gap', expected: 4 });
    // The right number goes through afterwards.
    expect(await append(id, 4, allowed)).toMatchObject({ kind: 'appended', sequence: 4 });
  });

  it('refuses, with a reason, an event the lesson machine does not allow now, and writes nothing', async () => {
    const id = await participantAtFirstChoice();
    const refused = async (event: unknown) => {
      const outcome = await expectNothingWritten(id, () => append(id, 4, event));
      expect(outcome.kind, JSON.stringify(event)).toBe('refused');
      return (outcome as { reason: string }).reason;
    };
    // NEXT on a choice.
    expect(await refused({ type: 'NEXT' })).toMatch(/advies-foto.*answered with ANSWER, not NEXT/);
    // An answer for another step (the poll she already answered).
    expect(await refused({ type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } })).toMatch(/current step is "advies-foto", not "gevoel"/);
    // An answer for a step that does not exist.
    expect(await refused({ type: 'ANSWER', step: 'no-such-step', answer: { option: 'praten' } })).toMatch(/not "no-such-step"/);
    // The right step, a wrong answer shape or an unknown option.
    expect(await refused({ type: 'ANSWER', step: 'advies-foto', answer: { options: ['praten'] } })).toMatch(/advies-foto/);
    expect(await refused({ type: 'ANSWER', step: 'advies-foto', answer: { option: 'weglopen' } })).toMatch(/unknown option "weglopen"/);
    expect(await refused({ type: 'ANSWER', step: 'advies-foto', answer: 'praten' })).toMatch(/advies-foto/);
    expect(await refused({ type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten', extra: true } })).toMatch(/advies-foto/);

    // On a story step an ANSWER is refused; on the first step there is nowhere to go back to.
    const fresh = await newParticipant();
    const freshOutcome = await expectNothingWritten(fresh, () => append(fresh, 1, { type: 'ANSWER', step: 'welkom', answer: { option: 'x' } }));
    expect(freshOutcome).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/welkom.*takes NEXT, not ANSWER/) });
    expect(await expectNothingWritten(fresh, () => append(fresh, 1, { type: 'BACK' }))).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/no step to go back to/) });
  });

  describe('"I\'d rather skip" (SKIP, decision 0009)', () => {
    const skipped = async (participantId: string) => {
      const state = lessonStateOf(lesson, await progressEvents(database.db, participantId));
      if (!state.ok) throw new Error(state.reason);
      return state.snapshot.context.skipped;
    };

    it('appends a skip of a poll, a quiz and a choice about herself; they replay with no answer for those steps', async () => {
      const id = await newParticipant();
      const events: LessonEvent[] = [
        { type: 'NEXT' }, // welkom
        { type: 'SKIP', step: 'gevoel' }, // poll
        { type: 'NEXT' }, // chat-foto
        { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } }, // squad advice: answered
        { type: 'SKIP', step: 'filter-weetje' }, // quiz
        { type: 'SKIP', step: 'sterktes' }, // poll
        { type: 'NEXT' }, // complimentenketting (offline)
        { type: 'SKIP', step: 'mijn-foto' }, // choice about herself: to its skipNext
      ];
      for (const [index, event] of events.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
      expect(await progressEvents(database.db, id)).toEqual(events);
      expect(await stepOf(id)).toEqual({
        step: 'durven-zeggen',
        path: ['welkom', 'gevoel', 'chat-foto', 'advies-foto', 'filter-weetje', 'sterktes', 'complimentenketting', 'mijn-foto', 'durven-zeggen'],
        answers: { 'advies-foto': { option: 'verwijderen' } },
      });
      expect(await skipped(id)).toEqual(['gevoel', 'filter-weetje', 'sterktes', 'mijn-foto']);
      // A retried skip is the same event, written once.
      expect(await expectNothingWritten(id, () => append(id, 8, { type: 'SKIP', step: 'mijn-foto' }))).toEqual({ kind: 'duplicate', sequence: 8 });
    });

    it('refuses a skip where skipping is not allowed, for another step, or with an answer, and writes nothing', async () => {
      const id = await participantAtFirstChoice();
      const refused = async (participantId: string, sequence: number, event: unknown) => {
        const outcome = await expectNothingWritten(participantId, () => append(participantId, sequence, event));
        expect(outcome.kind, JSON.stringify(event)).toBe('refused');
        return (outcome as { reason: string }).reason;
      };
      // Squad advice for the peer in the story: the story needs the group's advice.
      expect(await refused(id, 4, { type: 'SKIP', step: 'advies-foto' })).toBe('step "advies-foto" (choice) cannot be skipped');
      // A skip meant for another step (a late one for the poll she already answered).
      expect(await refused(id, 4, { type: 'SKIP', step: 'gevoel' })).toBe('the current step is "advies-foto", not "gevoel"');
      // A skip carries no answer, and names its step.
      expect(await refused(id, 4, { type: 'SKIP', step: 'advies-foto', answer: { option: 'praten' } })).toMatch(/not a lesson event/);
      expect(await refused(id, 4, { type: 'SKIP' })).toMatch(/not a lesson event/);
      // A story asks nothing: nothing to skip.
      const fresh = await newParticipant();
      expect(await refused(fresh, 1, { type: 'SKIP', step: 'welkom' })).toBe('step "welkom" (story) cannot be skipped');
      expect(await skipped(id)).toEqual([]);
    });
  });

  it('refuses a sort with an item missing, and a body-map-like answer on a sort', async () => {
    const id = await newParticipant();
    // welkom → gevoel → chat-foto → advies-foto "verwijderen" → filter-weetje → sterktes → complimentenketting → mijn-foto "vragen" → berichten-sorteren.
    const events: LessonEvent[] = [
      ...toFirstChoice,
      { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } },
      { type: 'ANSWER', step: 'filter-weetje', answer: { options: ['bewerkt', 'licht'] } },
      { type: 'ANSWER', step: 'sterktes', answer: { option: 'sport' } },
      { type: 'NEXT' },
      { type: 'ANSWER', step: 'mijn-foto', answer: { option: 'vragen' } },
    ];
    for (const [index, event] of events.entries()) expect(await append(id, index + 1, event)).toMatchObject({ kind: 'appended', sequence: index + 1 });
    expect((await stepOf(id)).step).toBe('berichten-sorteren');
    const items = lesson.module.steps.find((step) => step.id === 'berichten-sorteren');
    if (items?.type !== 'sort') throw new Error('berichten-sorteren is a sort step');
    const placements = Object.fromEntries(items.items.map((item) => [item.id, 'oke']));
    const { moedig: _left, ...oneMissing } = placements;
    const sequence = events.length + 1;
    expect(await expectNothingWritten(id, () => append(id, sequence, { type: 'ANSWER', step: 'berichten-sorteren', answer: { placements: oneMissing } }))).toMatchObject({
      kind: 'refused',
      reason: expect.stringMatching(/item "moedig" is not placed/),
    });
    expect(
      await expectNothingWritten(id, () => append(id, sequence, { type: 'ANSWER', step: 'berichten-sorteren', answer: { placements: { ...placements, moedig: 'misschien' } } })),
    ).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/unknown category "misschien"/) });
    expect(
      await expectNothingWritten(id, () => append(id, sequence, { type: 'ANSWER', step: 'berichten-sorteren', answer: { person: 'vriendin', marks: [] } })),
    ).toMatchObject({ kind: 'refused' });
    // The complete sort is accepted.
    expect(await append(id, sequence, { type: 'ANSWER', step: 'berichten-sorteren', answer: { placements } })).toMatchObject({ kind: 'appended', sequence });
    expect((await stepOf(id)).step).toBe('bericht-dario');
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
      { type: 'NEXT', step: 'advies-foto' },
      { type: 'ANSWER', answer: { option: 'praten' } },
      { type: 'ANSWER', step: 7, answer: { option: 'praten' } },
      junk,
      { type: junk },
      { ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, junk.slice(0, 20)])), type: 'NEXT' },
    ];
    for (const event of malformed) {
      const outcome = await expectNothingWritten(id, () => append(id, 4, event));
      expect(outcome, typeof event === 'string' ? `${event.slice(0, 20)}…` : JSON.stringify(event)?.slice(0, 60)).toMatchObject({
        kind: 'refused',
        reason: expect.stringMatching(/not a lesson event/),
      });
    }
    // A well-formed ANSWER carrying 10 kB of junk as its answer: too large, whatever it says.
    const large = await expectNothingWritten(id, () => append(id, 4, { type: 'ANSWER', step: 'advies-foto', answer: { option: junk } }));
    expect(large).toEqual({ kind: 'refused', reason: 'the event is too large' });
    expect(await expectNothingWritten(id, () => append(id, 4, { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten', junk } }))).toMatchObject({ kind: 'refused' });
  });

  it('two concurrent appends of the same next sequence with different events: exactly one wins', async () => {
    for (let round = 0; round < 5; round += 1) {
      const id = await participantAtFirstChoice();
      const before = await rowCount();
      const a: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } };
      const b: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } };
      const outcomes = await Promise.all([append(id, 4, a), append(id, 4, b)]);
      const winners = outcomes.filter((o) => o.kind === 'appended');
      expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'conflict'), JSON.stringify(outcomes)).toHaveLength(1);
      expect(await rowCount()).toBe(before + 1);
      const stored = await progressEvents(database.db, id);
      expect(stored).toHaveLength(4);
      expect(stored[3]).toEqual(outcomes[0]!.kind === 'appended' ? a : b);
      expect((await stepOf(id)).step).toBe(outcomes[0]!.kind === 'appended' ? 'filter-weetje' : 'lina-trots');
    }
  });

  it('two concurrent appends of the same event (a retry racing the first try) write it once', async () => {
    const id = await participantAtFirstChoice();
    const before = await rowCount();
    const event: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } };
    const outcomes = await Promise.all([append(id, 4, event), append(id, 4, event), append(id, 4, event)]);
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
    const fromTheOtherTablet: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } };
    expect(await append(id, 4, fromTheOtherTablet)).toMatchObject({ kind: 'appended' });
    const before = await rowCount();
    const different: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } };
    expect(await appendProgressEvent(database.db, lesson, id, 4, different, readBefore)).toEqual({ kind: 'conflict', expected: 5 });
    expect(await appendProgressEvent(database.db, lesson, id, 4, fromTheOtherTablet, readBefore)).toEqual({ kind: 'duplicate', sequence: 4 });
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
      expect(await post(1, toFirstChoice[0]!)).toMatchObject({ kind: 'appended', sequence: 1 });
      expect(logs.get(id)?.events).toEqual([toFirstChoice[0]]);
      expect(await post(2, toFirstChoice[1]!)).toMatchObject({ kind: 'appended', sequence: 2 });
      // Another instance appends the third; this one's memory still ends at two.
      expect(await append(id, 3, toFirstChoice[2]!)).toMatchObject({ kind: 'appended' });
      expect(logs.get(id)?.events).toHaveLength(2);
      // Her fourth event looks like a gap to the memory; the stored log takes it.
      const choice: LessonEvent = { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } };
      expect(await post(4, choice)).toMatchObject({ kind: 'appended', sequence: 4 });
      expect(logs.get(id)?.events).toEqual([...toFirstChoice, choice]);
      // A retry of the third, judged on the memory: the same event, a duplicate; nothing written twice.
      expect(await post(3, toFirstChoice[2]!)).toEqual({ kind: 'duplicate', sequence: 3 });
      expect(await progressEvents(database.db, id)).toEqual([...toFirstChoice, choice]);
    });

    it('keeps the most recent solo players only, and never a group participant', () => {
      const logs = new RecentSoloLogs(2);
      const participant = (id: string, groupSessionId: string | null) => ({ id, group_session_id: groupSessionId }) as Parameters<RecentSoloLogs['remember']>[0];
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
