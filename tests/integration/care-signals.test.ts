import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LessonLibrary, loadLessonModules } from '~/lessons/load.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { hasUnseenCareSignal, markCareSignalSeen, sendCareSignal } from '~/sessions/care-signals.server';
import { controlGroupSession, createGroupSession, joinGroupSession } from '~/sessions/group-sessions.server';
import { type FacilitatorView, type TabletView } from '~/sessions/session-views';
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
  const db = () => database.db;

  beforeAll(async () => {
    ({ database, organisationId, staffId: facilitatorId } = await databaseWithStaff({ email: 'begeleider@example.org', role: 'facilitator' }));
    library = loadLessonModules();
    lesson = library.lesson('wie-ben-ik', 'standard')!;
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function sessionWithGirls(...nicknames: string[]) {
    const { id } = await createGroupSession(db(), { organisationId, facilitatorId, lesson, language: 'nl', pacing: 'together' });
    const ids: string[] = [];
    for (const nickname of nicknames) {
      const joined = await joinGroupSession(db(), id, { nickname, avatar: 'owl' });
      if (!joined.ok) throw new Error(joined.reason);
      ids.push(joined.participantId);
    }
    return { sessionId: id, ids };
  }
  async function views(sessionId: string) {
    const result = (await readSessionViews(db(), library, sessionId, true))!;
    return { tablet: result.tablet as TabletView, facilitator: result.facilitator as FacilitatorView };
  }

  it('reaches the facilitator’s view only, once while it waits, and leaves it when marked seen', async () => {
    const { sessionId, ids } = await sessionWithGirls('Sterretje', 'Maanlicht');
    const before = await views(sessionId);
    const sent = await sendCareSignal(db(), ids[0]!);
    expect(sent).toMatchObject({ ok: true, sent: 'new', change: { sessionId, version: before.facilitator.version + 1 } });
    const after = await views(sessionId);
    expect(after.facilitator.careSignals).toEqual([expect.objectContaining({ nickname: 'Sterretje', avatar: 'owl' })]);
    expect(JSON.stringify(after.tablet)).not.toContain('Sterretje');
    expect(after.facilitator.participants).toEqual(before.facilitator.participants);
    expect(after.facilitator.aggregates).toEqual(before.facilitator.aggregates);
    // Pressed again while it waits: nothing written.
    expect(await sendCareSignal(db(), ids[0]!)).toEqual({ ok: true, sent: 'already', change: null });
    expect((await views(sessionId)).facilitator.careSignals).toHaveLength(1);
    expect(await hasUnseenCareSignal(db(), ids[0]!)).toBe(true);
    // Seen: gone from her console (a second "seen" changes nothing).
    expect(await markCareSignalSeen(db(), sessionId, after.facilitator.careSignals[0]!.id)).toMatchObject({ sessionId });
    expect(await markCareSignalSeen(db(), sessionId, after.facilitator.careSignals[0]!.id)).toBeNull();
    expect((await views(sessionId)).facilitator.careSignals).toEqual([]);
    expect(await hasUnseenCareSignal(db(), ids[0]!)).toBe(false);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(1);
  });

  it('holds a tablet to three signals in ten minutes', async () => {
    const { sessionId, ids } = await sessionWithGirls('Regenboog');
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const sent = await sendCareSignal(db(), ids[0]!);
      outcomes.push(sent.ok ? sent.sent : sent.reason);
      const waiting = (await views(sessionId)).facilitator.careSignals[0];
      if (waiting) await markCareSignalSeen(db(), sessionId, waiting.id);
    }
    expect(outcomes).toEqual(['new', 'new', 'new', 'already', 'already']);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(3);
  });

  it('goes with a removed girl, and with every nickname at the end; the count stays', async () => {
    const { sessionId, ids } = await sessionWithGirls('Zonnestraal', 'Wolkje');
    await sendCareSignal(db(), ids[0]!);
    await sendCareSignal(db(), ids[1]!);
    expect(
      await controlGroupSession(db(), library, sessionId, {
        type: 'remove',
        handle: (await db().selectFrom('participants').select('handle').where('id', '=', ids[1]!).executeTakeFirstOrThrow()).handle!,
      }),
    ).toMatchObject({ ok: true });
    expect((await views(sessionId)).facilitator.careSignals.map((s) => s.nickname)).toEqual(['Zonnestraal']);
    expect(await sendCareSignal(db(), ids[1]!)).toEqual({ ok: false, reason: 'notInSession' });
    expect(await controlGroupSession(db(), library, sessionId, { type: 'end' })).toMatchObject({ ok: true });
    const rows = await db().selectFrom('care_signals').select('id').where('group_session_id', '=', sessionId).execute();
    expect(rows).toEqual([]);
    expect((await views(sessionId)).facilitator.careSignalCount).toBe(2);
    expect(await sendCareSignal(db(), ids[0]!)).toEqual({ ok: false, reason: 'ended' });
  });
});
