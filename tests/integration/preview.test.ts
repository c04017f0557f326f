import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileLessonFlow, currentStepId, replayLessonEvents, type LessonEvent } from '~/lessons/compile';
import { loadLessonModules, type LessonLibrary } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { appendProgressEvent, createParticipant, findParticipant, lessonStateOf, progressEvents } from '~/progress/progress.server';
import { type SessionChange, createInProcessBus } from '~/live/bus.server';
import { playEvent } from '~/play/participant.server';
import { type GroupSessions, createGroupSessions } from '~/sessions/group-sessions.server';
import { listOrganisationSessions } from '~/sessions/listing.server';
import { readSessionViews } from '~/sessions/read-views.server';
import { type StepOf } from '~/lessons/schema';
import { forwardEvents, routeTo, skipEvents, stepOf, stepsInOrder } from '../unit/lessons/helpers';
import { databaseKind, openTestDatabase } from './test-database';
import { databaseWithStaff } from './people';

/**
 * A facilitator's preview (decision 0007; `POST /play/start` with `preview=yes`, from
 * /facilitate/preview) plays like any participant but is never counted. The counts of
 * participants today are per group session (the organisation's session list, the console's
 * "who is here", "at each step", "finished" and the answers): the preview is a participant
 * row marked with `preview_by`, in no session, and none of those counts sees it — not even
 * while her organisation runs a session of the same module and she plays it alongside.
 */
describe(`a facilitator's preview on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let library: LessonLibrary;
  let lesson: ResolvedLesson;
  let organisationId: string;
  let facilitatorId: string;
  /** The writes, on a bus of this test's own: `announced` is every change they published. */
  let groupSessions: GroupSessions;
  const announced: SessionChange[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    ({
      database,
      organisationId,
      staffId: facilitatorId,
    } = await databaseWithStaff({ email: 'voorbeeld@example.org', role: 'facilitator', organisationName: 'Jeugdhulp Het Anker' }));
    library = loadLessonModules();
    lesson = library.lesson('wie-ben-ik', 'standard')!;
    const bus = createInProcessBus();
    bus.subscribe((change) => announced.push(change));
    groupSessions = createGroupSessions({ db: db(), lessons: library, bus });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('plays (answers, skips, moves on) and is marked as a preview, in no session', async () => {
    // What play.start does for `preview=yes` once requirePermission('preview', 'module') passed.
    const previewId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl', previewBy: facilitatorId });
    // To the module's first choice, skipping the question on the way, moving on past the stories; then an answer.
    const choice = stepsInOrder(lesson.module).find((step): step is StepOf<'choice'> => step.type === 'choice')!;
    const toChoice = routeTo(lesson.module, choice.id).events.map((event) => (event.type === 'ANSWER' ? { type: 'SKIP', step: event.step } : event));
    const option = choice.options.at(-1)!;
    const events = [...toChoice, { type: 'ANSWER', step: choice.id, answer: { option: option.id } }];
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['NEXT', 'SKIP', 'ANSWER']));
    for (const [index, event] of events.entries())
      expect(await appendProgressEvent(db(), lesson, previewId, index + 1, event)).toMatchObject({ kind: 'appended' });
    const state = lessonStateOf(lesson, await progressEvents(db(), previewId));
    expect(state.ok && currentStepId(state.snapshot)).toBe(option.next);
    expect(await findParticipant(db(), previewId)).toMatchObject({ preview_by: facilitatorId, group_session_id: null, nickname: null });
    // A girl who starts the same module herself is not a preview.
    const girlId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl' });
    expect(await findParticipant(db(), girlId)).toMatchObject({ preview_by: null });
  });

  it("is left out of the organisation's session counts and of the console's counts, while a session of the same module runs", async () => {
    const session = await groupSessions.create({ organisationId, facilitatorId, lesson, language: 'nl', pacing: 'own_pace' });
    const girls: string[] = [];
    for (const nickname of ['Mila', 'Noor']) {
      const joined = await groupSessions.join(session.id, { nickname, avatar: 'owl' });
      if (!joined.ok) throw new Error(joined.reason);
      girls.push(joined.value.participantId);
    }
    expect(await groupSessions.control(session.id, { type: 'start' })).toMatchObject({ ok: true });
    const countsBefore = await listOrganisationSessions(db(), organisationId);
    const viewsBefore = (await readSessionViews(db(), library, session.id, true))!.facilitator;

    // The facilitator previews the module while her group plays it, and plays it to its end, as the player's posts do.
    const previewId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl', previewBy: facilitatorId });
    const preview = (await findParticipant(db(), previewId))!;
    const announcedBefore = announced.length;
    // The first way forward at every step, but the sort skipped: answers and a skip to count, if anyone counted them.
    const machine = compileLessonFlow(lesson.module);
    const toEnd: LessonEvent[] = [];
    for (let guard = 0; ; guard++) {
      if (guard > 100) throw new Error('no end reached');
      const replayed = replayLessonEvents(machine, toEnd);
      if (!replayed.ok) throw new Error(replayed.reason);
      if (replayed.snapshot.status === 'done') break;
      const step = stepOf(lesson.module, currentStepId(replayed.snapshot));
      const event = (step.type === 'sort' ? skipEvents(step)[0] : undefined) ?? forwardEvents(step)[0]!;
      const played = await playEvent({ db: db(), groupSessions }, { participant: preview, lesson, events: toEnd, remembered: false }, toEnd.length + 1, event);
      expect(played, JSON.stringify(event)).toEqual({ ok: true, value: { sequence: toEnd.length + 1, duplicate: false } });
      toEnd.push(event);
    }
    // Own-pace progress is noted (and announced) only for a participant in a session: for her, nothing.
    expect(announced).toHaveLength(announcedBefore);
    expect(toEnd.map((event) => event.type)).toEqual(expect.arrayContaining(['NEXT', 'ANSWER', 'SKIP']));
    const state = lessonStateOf(lesson, await progressEvents(db(), previewId));
    expect(state.ok && state.snapshot.status).toBe('done');

    // The organisation's sessions still count two participants, and the console sees the two girls only.
    const countsAfter = await listOrganisationSessions(db(), organisationId);
    expect(countsAfter).toEqual(countsBefore);
    expect(countsAfter.find((s) => s.id === session.id)?.participants).toBe(2);
    const viewsAfter = (await readSessionViews(db(), library, session.id, true))!.facilitator;
    const handles = await db().selectFrom('participants').select('handle').where('id', 'in', girls).execute();
    expect(viewsAfter.participants.map((p) => p.handle).sort()).toEqual(handles.map((h) => h.handle).sort());
    expect(viewsAfter.stepCounts).toEqual({ [lesson.module.start]: 2 });
    expect(viewsAfter.finished).toBe(0);
    // Her answers are in no one's counts.
    expect(viewsAfter.aggregates).toEqual({});
    expect(viewsAfter).toEqual({ ...viewsBefore, version: viewsAfter.version });
  });
});
