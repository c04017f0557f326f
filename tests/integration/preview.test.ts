import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentStepId } from '~/lessons/compile';
import { loadLessonModules, type LessonLibrary } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { appendProgressEvent, createParticipant, findParticipant, lessonStateOf, progressEvents } from '~/progress/progress.server';
import {
  type FacilitatorView,
  controlGroupSession,
  createGroupSession,
  joinGroupSession,
  listOrganisationSessions,
  noteOwnPaceProgress,
  readSessionViews,
} from '~/sessions/group-sessions.server';
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
  const db = () => database.db;

  beforeAll(async () => {
    ({ database, organisationId, staffId: facilitatorId } = await databaseWithStaff({ email: 'voorbeeld@example.org', role: 'facilitator', organisationName: 'Jeugdhulp Het Anker' }));
    library = loadLessonModules();
    lesson = library.lesson('wie-ben-ik', 'standard')!;
  });
  afterAll(async () => {
    await database.drop();
  });

  it('plays (answers, skips, moves on) and is marked as a preview, in no session', async () => {
    // What play.start does for `preview=yes` once requirePermission('preview', 'module') passed.
    const previewId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl', previewBy: facilitatorId });
    const events = [{ type: 'NEXT' }, { type: 'SKIP', step: 'gevoel' }, { type: 'NEXT' }, { type: 'ANSWER', step: 'advies-foto', answer: { option: 'praten' } }];
    for (const [index, event] of events.entries()) expect(await appendProgressEvent(db(), lesson, previewId, index + 1, event)).toMatchObject({ kind: 'appended' });
    const state = lessonStateOf(lesson, await progressEvents(db(), previewId));
    expect(state.ok && currentStepId(state.snapshot)).toBe('lina-trots');
    expect(await findParticipant(db(), previewId)).toMatchObject({ preview_by: facilitatorId, group_session_id: null, nickname: null });
    // A girl who starts the same module herself is not a preview.
    const girlId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl' });
    expect(await findParticipant(db(), girlId)).toMatchObject({ preview_by: null });
  });

  it("is left out of the organisation's session counts and of the console's counts, while a session of the same module runs", async () => {
    const session = await createGroupSession(db(), { organisationId, facilitatorId, lesson, language: 'nl', pacing: 'own_pace' });
    const girls: string[] = [];
    for (const nickname of ['Mila', 'Noor']) {
      const joined = await joinGroupSession(db(), session.id, { nickname, avatar: 'owl' });
      if (!joined.ok) throw new Error(joined.reason);
      girls.push(joined.participantId);
    }
    expect(await controlGroupSession(db(), library, session.id, { type: 'start' })).toMatchObject({ ok: true });
    const countsBefore = await listOrganisationSessions(db(), organisationId);
    const viewsBefore = (await readSessionViews(db(), library, session.id, true))!.facilitator as FacilitatorView;

    // The facilitator previews the module while her group plays it, and plays it to its end.
    const previewId = await createParticipant(db(), { moduleId: 'wie-ben-ik', variant: 'standard', language: 'nl', previewBy: facilitatorId });
    const toEnd = [
      { type: 'NEXT' },
      { type: 'ANSWER', step: 'gevoel', answer: { option: 'blij' } },
      { type: 'NEXT' },
      { type: 'ANSWER', step: 'advies-foto', answer: { option: 'verwijderen' } },
      { type: 'ANSWER', step: 'filter-weetje', answer: { options: ['bewerkt'] } },
      { type: 'ANSWER', step: 'sterktes', answer: { option: 'sport' } },
      { type: 'NEXT' },
      { type: 'ANSWER', step: 'mijn-foto', answer: { option: 'vragen' } },
      { type: 'SKIP', step: 'berichten-sorteren' },
      { type: 'NEXT' },
      { type: 'ANSWER', step: 'advies-dario', answer: { option: 'blokkeren' } },
      { type: 'NEXT' },
      { type: 'NEXT' },
      { type: 'NEXT' },
    ];
    for (const [index, event] of toEnd.entries()) {
      const outcome = await appendProgressEvent(db(), lesson, previewId, index + 1, event);
      expect(outcome, JSON.stringify(event)).toMatchObject({ kind: 'appended' });
      // The player's route notes own-pace progress only for a participant in a session: for her, nothing.
      if (outcome.kind === 'appended') expect(await noteOwnPaceProgress(db(), previewId, outcome.step)).toBeNull();
    }
    const state = lessonStateOf(lesson, await progressEvents(db(), previewId));
    expect(state.ok && state.snapshot.status).toBe('done');

    // The organisation's sessions still count two participants, and the console sees the two girls only.
    const countsAfter = await listOrganisationSessions(db(), organisationId);
    expect(countsAfter).toEqual(countsBefore);
    expect(countsAfter.find((s) => s.id === session.id)?.participants).toBe(2);
    const viewsAfter = (await readSessionViews(db(), library, session.id, true))!.facilitator as FacilitatorView;
    expect(viewsAfter.participants.map((p) => p.id).sort()).toEqual([...girls].sort());
    expect(viewsAfter.stepCounts).toEqual({ welkom: 2 });
    expect(viewsAfter.finished).toBe(0);
    // Her answers are in no one's counts.
    expect(viewsAfter.aggregates).toEqual({});
    expect(viewsAfter).toEqual({ ...viewsBefore, version: viewsAfter.version });
  });
});
