import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupSessionStatus } from '~/db/vocabulary';
import { type LessonLibrary, loadLessonModules } from '~/lessons/load.server';
import { programmeOf } from '~/programme/programme';
import { playedModuleCounts, programmeForOrganisation, programmeWarning } from '~/programme/programme.server';
import { createInProcessBus } from '~/live/bus.server';
import { createGroupSessions } from '~/sessions/group-sessions.server';
import { approvedStaff, databaseWithStaff, linde } from './people';
import { databaseKind } from './test-database';

/**
 * The programme's session history on a real database (issue 16): which modules an
 * organisation's groups have played — started sessions only, its own organisation only —
 * and the warning before module 5 when modules before it were not played.
 */
describe(`the programme's history on ${databaseKind}`, () => {
  let setup: Awaited<ReturnType<typeof databaseWithStaff>>;
  let library: LessonLibrary;
  let otherOrganisation: string;
  let otherFacilitator: string;
  const db = () => setup.database.db;

  beforeAll(async () => {
    setup = await databaseWithStaff({ email: 'begeleider@linde.test', role: 'facilitator' });
    library = loadLessonModules();
    otherOrganisation = await linde(db(), 'Jeugdhulp De Berk');
    otherFacilitator = await approvedStaff(db(), { email: 'begeleider@berk.test', role: 'facilitator', organisationId: otherOrganisation });
  });
  afterAll(() => setup?.database.drop());

  async function session(moduleId: string, status: GroupSessionStatus, organisationId = setup.organisationId, facilitatorId = setup.staffId) {
    const lesson = library.lesson(moduleId, 'standard')!;
    const groupSessions = createGroupSessions({ db: db(), lessons: library, bus: createInProcessBus() });
    const { id } = await groupSessions.create({ organisationId, facilitatorId, lesson, language: 'nl', pacing: 'together' });
    if (status !== 'lobby') await db().updateTable('group_sessions').set({ status }).where('id', '=', id).execute();
    return id;
  }
  /** The girls' modules before module 5, by id: what the warning lists when none was played. */
  const before5 = () => programmeOf(library.modules, 'nl').filter((module) => module.order < 5);

  it('has no history and warns before module 5 with every module before it', async () => {
    expect(await playedModuleCounts(db(), setup.organisationId)).toEqual({});
    const warning = await programmeWarning(db(), library, setup.organisationId, 'de-squad-helpt', 'nl');
    expect(warning).toEqual(before5().map(({ order, title }) => ({ order, title })));
    expect(warning![0]).toEqual({ order: 1, title: 'Wie ben ik?' });
    // Module 1 builds on nothing, and a girl may play it alone: never a warning.
    expect(await programmeWarning(db(), library, setup.organisationId, 'wie-ben-ik', 'nl')).toBeNull();
  });

  it("counts only started sessions, per module, of the facilitator's own organisation", async () => {
    await session('wie-ben-ik', 'ended');
    await session('wie-ben-ik', 'running');
    await session('wie-ben-ik', 'lobby'); // opened, never started
    await session('de-squad-helpt', 'lobby');
    await session('de-squad-helpt', 'ended', otherOrganisation, otherFacilitator);
    await session('wie-ben-ik', 'paused', otherOrganisation, otherFacilitator);
    expect(await playedModuleCounts(db(), setup.organisationId)).toEqual({ 'wie-ben-ik': 2 });
    expect(await playedModuleCounts(db(), otherOrganisation)).toEqual({ 'de-squad-helpt': 1, 'wie-ben-ik': 1 });
  });

  it('warns before module 5 only about the modules before it that are still unplayed', async () => {
    const warning = await programmeWarning(db(), library, setup.organisationId, 'de-squad-helpt', 'nl');
    const expected = before5().filter((module) => module.id !== 'wie-ben-ik');
    expect(warning).toEqual(expected.length ? expected.map(({ order, title }) => ({ order, title })) : null);
    // Every module before 5 played: no warning.
    for (const module of expected) await session(module.id, 'ended');
    expect(await programmeWarning(db(), library, setup.organisationId, 'de-squad-helpt', 'nl')).toBeNull();
  });

  it('gives the new-session form the programme in order, with counts, the solo flag and durations from content', async () => {
    const { modules } = await programmeForOrganisation(db(), library, setup.organisationId, 'fr');
    expect(modules.map((module) => module.order)).toEqual([...modules.map((module) => module.order)].sort((a, b) => a - b));
    const first = modules.find((module) => module.id === 'wie-ben-ik')!;
    const fifth = modules.find((module) => module.id === 'de-squad-helpt')!;
    expect(first).toMatchObject({ played: 2, unplayedBefore: [] });
    expect(fifth).toMatchObject({ order: 5, title: 'La squad aide', solo: false, played: 0, unplayedBefore: [] });
    expect(fifth.durations).toEqual({
      standard: library.lesson('de-squad-helpt', 'standard')!.module.durationMinutes,
      slechthorend: library.lesson('de-squad-helpt', 'slechthorend')!.module.durationMinutes,
      roma: library.lesson('de-squad-helpt', 'roma')!.module.durationMinutes,
    });
    // Without an organisation (an admin, say) nothing is counted and nothing warns.
    const none = await programmeForOrganisation(db(), library, null, 'nl');
    expect(none.modules.every((module) => module.played === 0)).toBe(true);
  });
});
