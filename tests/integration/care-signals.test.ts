import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LessonLibrary, loadLessonModules } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { type SessionChange, createInProcessBus } from '~/live/bus.server';
import { hasUnseenCareSignal } from '~/sessions/care-signals.server';
import { type GroupSessions, createGroupSessions } from '~/sessions/group-sessions.server';
import { readSessionViews } from '~/sessions/read-views.server';
import { databaseWithStaff } from './people';
import { databaseKind } from './test-database';

/**
 * A girl's care signal (decision 0015) on a real database: only the facilitator's view has it,
 * a second press while it waits writes nothing, the rate limit holds, marking it seen removes it,
 * removing a girl takes her signals, and the end erases them all and keeps only the count.
 */
describe(`care signals on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof databaseWithStaff>>['database'];
  let organisationId: string;
  let facilitatorId: string;
  let library: LessonLibrary;
  let lesson: ResolvedLesson;
  /** The writes, on a bus of this test's own: `announced` is every change they published. */
  let groupSessions: GroupSessions;
  const announced: SessionChange[] = [];
  const db = () => database.db;

  beforeAll(async () => {
    ({ database, organisationId, staffId: facilitatorId } = await databaseWithStaff({ email: 'begeleider@example.org', role: 'facilitator' }));
    library = loadLessonModules();
    lesson = library.lesson('wie-ben-ik', 'standard')!;
    const bus = createInProcessBus();
    bus.subscribe((change) => announced.push(change));
    groupSessions = createGroupSessions({ db: db(), lessons: library, bus });
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function sessionWithGirls(...nicknames: string[]) {
    const { id } = await groupSessions.create({ organisationId, facilitatorId, lesson, language: 'nl', pacing: 'together' });
    const ids: string[] = [];
    for (const nickname of nicknames) {
      const joined = await groupSessions.join(id, { nickname, avatar: 'owl' });
      if (!joined.ok) throw new Error(joined.reason);
      ids.push(joined.value.participantId);
    }
    return { sessionId: id, ids };
  }
  async function views(sessionId: string) {
    const result = (await readSessionViews(db(), library, sessionId, true))!;
    return { tablet: result.tablet, facilitator: result.facilitator };
  }

  it('reaches the facilitator’s view only, once while it waits, and leaves it when marked seen', async () => {
    const { sessionId, ids } = await sessionWithGirls('Sterretje', 'Maanlicht');
    const before = await views(sessionId);
    const sent = await groupSessions.sendCareSignal(ids[0]!);
    expect(sent).toEqual({ ok: true, value: { sent: 'new' } });
    expect(announced.at(-1)).toEqual({ sessionId, version: before.facilitator.version + 1 });
    const after = await views(sessionId);
    expect(after.facilitator.careSignals).toEqual([expect.objectContaining({ nickname: 'Sterretje', avatar: 'owl' })]);
    expect(JSON.stringify(after.tablet)).not.toContain('Sterretje');
    expect(after.facilitator.participants).toEqual(before.facilitator.participants);
    expect(after.facilitator.aggregates).toEqual(before.facilitator.aggregates);
    // Pressed again while it waits: nothing written, nothing announced.
    const announcedBefore = announced.length;
    expect(await groupSessions.sendCareSignal(ids[0]!)).toEqual({ ok: true, value: { sent: 'already' } });
    expect(announced).toHaveLength(announcedBefore);
    expect((await views(sessionId)).facilitator.careSignals).toHaveLength(1);
    expect(await hasUnseenCareSignal(db(), ids[0]!)).toBe(true);
    // Seen: gone from her console (a second "seen" changes nothing).
    await groupSessions.markCareSignalSeen(sessionId, after.facilitator.careSignals[0]!.id);
    expect(announced.slice(announcedBefore)).toEqual([{ sessionId, version: after.facilitator.version + 1 }]);
    await groupSessions.markCareSignalSeen(sessionId, after.facilitator.careSignals[0]!.id);
    expect(announced).toHaveLength(announcedBefore + 1);
    expect((await views(sessionId)).facilitator.careSignals).toEqual([]);
    expect(await hasUnseenCareSignal(db(), ids[0]!)).toBe(false);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(1);
  });

  it('holds a tablet to three signals in ten minutes', async () => {
    const { sessionId, ids } = await sessionWithGirls('Regenboog');
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = await groupSessions.sendCareSignal(ids[0]!);
      outcomes.push(sent.ok ? sent.value.sent : sent.reason);
      const waiting = (await views(sessionId)).facilitator.careSignals[0];
      if (waiting) await groupSessions.markCareSignalSeen(sessionId, waiting.id);
    }
    expect(outcomes).toEqual(['new', 'new', 'new', 'already', 'already']);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(3);
  });

  it('goes with a removed girl, and with every nickname at the end; the count stays', async () => {
    const { sessionId, ids } = await sessionWithGirls('Zonnestraal', 'Wolkje');
    await groupSessions.sendCareSignal(ids[0]!);
    await groupSessions.sendCareSignal(ids[1]!);
    expect(
      await groupSessions.control(sessionId, {
        type: 'remove',
        handle: (await db().selectFrom('participants').select('handle').where('id', '=', ids[1]!).executeTakeFirstOrThrow()).handle!,
      }),
    ).toMatchObject({ ok: true });
    expect((await views(sessionId)).facilitator.careSignals.map((s) => s.nickname)).toEqual(['Zonnestraal']);
    expect(await groupSessions.sendCareSignal(ids[1]!)).toEqual({ ok: false, reason: 'notInSession' });
    expect(await groupSessions.control(sessionId, { type: 'end' })).toMatchObject({ ok: true });
    const rows = await db().selectFrom('care_signals').select('id').where('group_session_id', '=', sessionId).execute();
    expect(rows).toEqual([]);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(2);
    expect(await groupSessions.sendCareSignal(ids[0]!)).toEqual({ ok: false, reason: 'sessionEnded' });
  });
});
