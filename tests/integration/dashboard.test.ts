import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { loadCourses } from '~/courses/load.server';
import { loadLessonModules, type LessonLibrary } from '~/lessons/load.server';
import { readDashboard } from '~/stats/dashboard.server';
import { type DashboardFilters, readDashboardFilters } from '~/stats/filters';
import {
  countCourseActivity,
  countOrganisations,
  countParticipations,
  countPollAnswers,
  countProfessionals,
  countSessionsHeld,
  countTrainingDays,
  summariseEvaluations,
} from '~/stats/indicators.server';
import { compileLessonFlow, currentStepId, type LessonEvent, replayLessonEvents } from '~/lessons/compile';
import { appendProgressEvent } from '~/progress/progress.server';
import { createInProcessBus } from '~/live/bus.server';
import { createGroupSessions } from '~/sessions/group-sessions.server';
import { saveEvaluation } from '~/sessions/evaluations.server';
import { createOrganisation } from '~/organisations/directory.server';
import { forwardEvents } from '../unit/lessons/helpers';
import { approvedStaff, databaseWithStaff } from './people';
import { databaseKind, openTestDatabase } from './test-database';

/**
 * Every indicator against an independent count written here in plain SQL, on data seeded
 * with known dates, places and paths (PGlite, or PostgreSQL when DATABASE_URL is set).
 */
describe(`the coordinators' indicators on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let library: LessonLibrary;
  const db = () => database.db;
  const module = 'wie-ben-ik';
  let endStep: string;
  let pollStep: { id: string; options: string[] };
  const year2026 = (): DashboardFilters => {
    const read = readDashboardFilters(new URLSearchParams('period=year&year=2026'));
    if (!read.ok) throw new Error('filters');
    return read.value.filters;
  };
  const withFilters = (query: string): DashboardFilters => {
    const read = readDashboardFilters(new URLSearchParams(query));
    if (!read.ok) throw new Error(`filters ${query}`);
    return read.value.filters;
  };
  const one = async (db: Kysely<Database>, query: ReturnType<typeof sql<{ n: string }>>) => Number((await query.execute(db)).rows[0]!.n);

  beforeAll(async () => {
    database = await openTestDatabase();
    library = loadLessonModules();
    const standard = library.lesson(module, 'standard')!.module;
    endStep = standard.steps.find((s) => s.type === 'end')!.id;
    const poll = standard.steps.find((s) => s.type === 'poll')!;
    pollStep = { id: poll.id, options: poll.type === 'poll' ? poll.options.map((o) => o.id) : [] };

    const org = (name: string, region: 'oost_vlaanderen' | 'brussel' | 'luik' | 'antwerpen', type: 'youth_care' | 'school' | 'caw') =>
      createOrganisation(db(), { name, type, postal_code: '1000', municipality: 'X', region });
    const gent = await org('Jeugdhulp Gent', 'oost_vlaanderen', 'youth_care');
    const brussel = await org('École Bruxelles', 'brussel', 'school');
    const luik = await org('Service Liège', 'luik', 'youth_care');
    await org('CAW Antwerpen', 'antwerpen', 'caw');

    const gentFacilitator = await approvedStaff(db(), { email: 'a@example.org', role: 'facilitator', organisationId: gent });
    await approvedStaff(db(), { email: 'b@example.org', role: 'facilitator', organisationId: brussel });
    const pending = await approvedStaff(db(), { email: 'c@example.org', role: 'facilitator', organisationId: luik });
    await db().updateTable('users').set({ status: 'pending' }).where('id', '=', pending).execute();
    await approvedStaff(db(), { email: 'coord@example.org', role: 'coordinator', organisationId: null });

    let code = 0;
    const session = async (
      organisationId: string,
      values: { language: Language; pacing: 'together' | 'own_pace'; status: 'ended' | 'lobby'; createdAt: string; path: string[] },
    ) => {
      const { id } = await db()
        .insertInto('group_sessions')
        .values({
          organisation_id: organisationId,
          facilitator_id: gentFacilitator,
          module_id: module,
          variant: 'standard',
          language: values.language,
          pacing: values.pacing,
          join_code: `CODE${String(code++).padStart(2, '0')}`,
          status: values.status,
          path: JSON.stringify(values.path),
          created_at: new Date(values.createdAt),
          expires_at: new Date(values.createdAt),
          ended_at: values.status === 'ended' ? new Date(values.createdAt) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    };
    let participantNumber = 0;
    const participants = async (
      groupSessionId: string | null,
      count: number,
      values: { createdAt: string; language?: Language; finished?: boolean; removed?: boolean; preview?: string },
    ) => {
      const ids = Array.from({ length: count }, () => `p${participantNumber++}`);
      await db()
        .insertInto('participants')
        .values(
          ids.map((id) => ({
            id,
            module_id: module,
            variant: 'standard',
            language: values.language ?? 'nl',
            preview_by: values.preview ?? null,
            group_session_id: groupSessionId,
            created_at: new Date(values.createdAt),
            removed: values.removed ?? false,
            finished_at: values.finished ? new Date(values.createdAt) : null,
          })),
        )
        .execute();
      return ids;
    };

    // Gent: a "together" session that reached the end (12 girls, one removed on the way), one that stopped halfway (3 girls).
    const reachedEnd = await session(gent, {
      language: 'nl',
      pacing: 'together',
      status: 'ended',
      createdAt: '2026-03-10T10:00:00Z',
      path: [standard.start, endStep],
    });
    const gentGirls = await participants(reachedEnd, 11, { createdAt: '2026-03-10T10:00:00Z' });
    await participants(reachedEnd, 1, { createdAt: '2026-03-10T10:00:00Z', removed: true });
    const halfway = await session(gent, { language: 'nl', pacing: 'together', status: 'ended', createdAt: '2026-05-02T10:00:00Z', path: [standard.start] });
    await participants(halfway, 3, { createdAt: '2026-05-02T10:00:00Z' });
    // Gent in 2025: outside the year.
    const old = await session(gent, {
      language: 'nl',
      pacing: 'together',
      status: 'ended',
      createdAt: '2025-11-02T10:00:00Z',
      path: [standard.start, endStep],
    });
    await participants(old, 14, { createdAt: '2025-11-02T10:00:00Z' });
    // Brussels: own pace in French, 6 of 15 finished on their own.
    const brusselsSession = await session(brussel, { language: 'fr', pacing: 'own_pace', status: 'ended', createdAt: '2026-05-20T10:00:00Z', path: [] });
    await participants(brusselsSession, 6, { createdAt: '2026-05-20T10:00:00Z', language: 'fr', finished: true });
    await participants(brusselsSession, 9, { createdAt: '2026-05-20T10:00:00Z', language: 'fr' });
    // Liège: a session still in the lobby (not held) with 2 girls; a session with only a preview (not held).
    const lobby = await session(luik, { language: 'fr', pacing: 'together', status: 'lobby', createdAt: '2026-06-01T10:00:00Z', path: [] });
    await participants(lobby, 2, { createdAt: '2026-06-01T10:00:00Z', language: 'fr' });
    // Solo plays (no organisation), one finished; and a facilitator's preview, never counted.
    await participants(null, 4, { createdAt: '2026-07-01T10:00:00Z' });
    await participants(null, 1, { createdAt: '2026-07-02T10:00:00Z', finished: true });
    await participants(null, 1, { createdAt: '2026-07-03T10:00:00Z', preview: gentFacilitator });

    // The rows above were written straight into the tables: their sessions' counters are
    // recounted the way the migration fills them (the domain keeps them; see the test below).
    await sql`update group_sessions gs set
        joined_count = (select count(*) from participants p where p.group_session_id = gs.id),
        removed_count = (select count(*) from participants p where p.group_session_id = gs.id and p.removed),
        finished_own_count = (select count(*) from participants p where p.group_session_id = gs.id and p.finished_at is not null)`.execute(db());

    // Evaluations and poll answers.
    // Written as the facilitator's form writes them: the session's scope is copied on (migration 0009).
    await saveEvaluation(db(), reachedEnd, { howItWent: 5, usefulness: { [standard.start]: 3 }, comments: 'Goed gesprek.' });
    await saveEvaluation(db(), halfway, { howItWent: 2, usefulness: { [standard.start]: 1 }, comments: undefined });
    const answers = gentGirls.map((participantId, i) => ({
      group_session_id: reachedEnd,
      participant_id: participantId,
      step_id: pollStep.id,
      answer: JSON.stringify({ option: pollStep.options[i < 8 ? 0 : 1] }),
    }));
    await db().insertInto('session_answers').values(answers).execute();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('organisations: registered, with a facilitator, with a session in the period, by region', async () => {
    const rows = await countOrganisations(db(), year2026());
    const total = (key: 'registered' | 'withFacilitator' | 'withSession') => rows.reduce((s, r) => s + r[key], 0);
    expect(total('registered')).toBe(await one(db(), sql<{ n: string }>`select count(*) as n from organisations where created_at < '2027-01-01'`));
    expect(total('withFacilitator')).toBe(
      await one(
        db(),
        sql<{
          n: string;
        }>`select count(distinct u.organisation_id) as n from users u join user_roles r on r.user_id = u.id where r.role = 'facilitator' and u.status = 'approved'`,
      ),
    );
    expect(total('withSession')).toBe(
      await one(
        db(),
        sql<{ n: string }>`select count(distinct organisation_id) as n from group_sessions where created_at >= '2026-01-01' and created_at < '2027-01-01'`,
      ),
    );
    const brussels = await countOrganisations(db(), withFilters('period=year&year=2026&place=brussels'));
    expect(brussels.map((r) => r.region)).toEqual(['brussel']);
    expect(brussels[0]!.withSession).toBe(1);
  });

  it('professionals: by status and role; waiting approvals', async () => {
    const counts = await countProfessionals(db(), withFilters('period=all'));
    const approved = counts.byProfession.filter((r) => r.status === 'approved').reduce((s, r) => s + r.count, 0);
    expect(approved).toBe(await one(db(), sql<{ n: string }>`select count(*) as n from users where status = 'approved'`));
    const facilitators = counts.byRole.filter((r) => r.role === 'facilitator').reduce((s, r) => s + r.count, 0);
    expect(facilitators).toBe(await one(db(), sql<{ n: string }>`select count(*) as n from user_roles where role = 'facilitator'`));
    expect(counts.waiting.count).toBe(await one(db(), sql<{ n: string }>`select count(*) as n from users where status = 'pending'`));
    expect(counts.waiting.oldestDays).toBe(0);
  });

  it('group sessions held: ended, with a participant who is not a preview, in the period', async () => {
    const held = await countSessionsHeld(db(), year2026());
    const independent = await one(
      db(),
      sql<{ n: string }>`select count(*) as n from group_sessions gs where status = 'ended' and created_at >= '2026-01-01' and created_at < '2027-01-01'
        and exists (select 1 from participants p where p.group_session_id = gs.id and p.preview_by is null)`,
    );
    expect(held.reduce((s, r) => s + r.count, 0)).toBe(independent);
    expect(independent).toBe(3);
    expect(held.filter((r) => r.pacing === 'own_pace').reduce((s, r) => s + r.count, 0)).toBe(1);
  });

  it('participations: joined and finished per kind, previews never counted', async () => {
    const rows = await countParticipations(db(), library, year2026());
    const joined = rows.reduce((s, r) => s + r.joined, 0);
    expect(joined).toBe(
      await one(
        db(),
        sql<{ n: string }>`select count(*) as n from participants where preview_by is null and created_at >= '2026-01-01' and created_at < '2027-01-01'`,
      ),
    );
    const finished = rows.reduce((s, r) => s + r.finished, 0);
    const independentFinished = await one(
      db(),
      sql<{ n: string }>`select count(*) as n from participants p left join group_sessions gs on gs.id = p.group_session_id
        where p.preview_by is null and p.created_at >= '2026-01-01' and p.created_at < '2027-01-01'
        and (p.finished_at is not null or (gs.pacing = 'together' and not p.removed and gs.path ->> -1 = ${endStep}))`,
    );
    expect(finished).toBe(independentFinished);
    // 11 with the group at the end (the removed girl not), 6 on their own pace, 1 alone.
    expect(finished).toBe(18);
    const solo = rows.filter((r) => r.kind === 'solo');
    expect(solo.reduce((s, r) => s + r.joined, 0)).toBe(5);
    // A place filter leaves solo plays out: they belong to no organisation.
    const flanders = await countParticipations(db(), library, withFilters('period=year&year=2026&place=flanders'));
    expect(flanders.reduce((s, r) => s + r.joined, 0)).toBe(15);
    expect(flanders.every((r) => r.kind !== 'solo')).toBe(true);
    const french = await countParticipations(db(), library, withFilters('period=quarter&year=2026&quarter=2&language=fr'));
    expect(french.reduce((s, r) => s + r.joined, 0)).toBe(17);
  });

  it('evaluations and poll answers per module', async () => {
    const [evaluation] = await summariseEvaluations(db(), year2026());
    expect(evaluation!.evaluations).toBe(await one(db(), sql<{ n: string }>`select count(*) as n from session_evaluations`));
    expect(evaluation!.averageRating).toBe(3.5);
    expect(evaluation!.comments.map((c) => c.text)).toEqual(['Goed gesprek.']);
    expect(evaluation!.steps).toEqual([{ step: library.lesson(module, 'standard')!.module.start, answers: 2, averageUsefulness: 2 }]);
    // The evaluations carry their sessions' scope: both were of Dutch sessions in Gent, in March and May.
    expect(await summariseEvaluations(db(), withFilters('period=year&year=2026&language=fr'))).toEqual([]);
    expect((await summariseEvaluations(db(), withFilters('period=month&year=2026&month=3')))[0]!.evaluations).toBe(1);
    expect(await summariseEvaluations(db(), withFilters('period=year&year=2026&place=brussels'))).toEqual([]);
    const polls = await countPollAnswers(db(), library, year2026());
    const first = polls.find((p) => p.option === pollStep.options[0])!;
    expect(first.count).toBe(
      await one(
        db(),
        sql<{ n: string }>`select count(*) as n from session_answers where step_id = ${pollStep.id} and answer ->> 'option' = ${pollStep.options[0]!}`,
      ),
    );
  });

  it('the dashboard suppresses girl-derived counts: <10 for 1–9, and no hidden count recoverable from a total', async () => {
    const t = (key: string, options?: Record<string, unknown>) => (options ? `${key} ${JSON.stringify(options)}` : key);
    const dashboard = await readDashboard(db(), library, loadCourses(), year2026(), 2026, 'nl', t);
    const byKind = dashboard.participations.byKind;
    // together: 11 + 1 removed + 3 in Gent and 2 in the Liège lobby = 17 joined (shown); own pace 15; solo 5 (small).
    const joinedColumn = byKind.rows.map((row) => row.cells[0]!);
    expect(joinedColumn[0], JSON.stringify(byKind)).toEqual({ kind: 'count', value: 17 });
    expect(joinedColumn[2]).toEqual({ kind: 'small' });
    // The total would give the solo count away: one more count is hidden (own pace or the total), no more.
    const shownJoined = [...joinedColumn, byKind.totals!.cells[0]!];
    expect(shownJoined.filter((cell) => cell.kind === 'hidden')).toHaveLength(1);
    expect([joinedColumn[1], byKind.totals!.cells[0]]).toContainEqual({ kind: 'hidden' });
    // Organisations are never suppressed.
    expect(dashboard.organisations.byRegion.rows.find((row) => row.label === 'regions.brussel')!.cells[0]).toEqual({ kind: 'count', value: 1 });
    // The yearly report: Flanders 15 participations in 2026, Wallonia and Brussels from girls as well.
    const flanders = dashboard.yearly.participations.rows.find((row) => row.label === 'dashboard.areas.flanders')!;
    // Wallonia's 2 are small; Flanders' 15 shows, or is hidden where the totals would give Wallonia away.
    expect([{ kind: 'count', value: 15 }, { kind: 'hidden' }]).toContainEqual(flanders.cells[0]);
    expect(dashboard.yearly.participations.rows.find((row) => row.label === 'dashboard.areas.wallonia')!.cells[0]).toEqual({ kind: 'small' });
  });
  it("courses and training days: each count equals a recount, by period and by the person's place; never suppressed", async () => {
    const course = 'aanspreekpunt-jeugdhulp';
    const userId = async (email: string) => (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const gentPerson = await userId('a@example.org');
    const brusselsPerson = await userId('b@example.org');
    const at = (iso: string) => new Date(iso);
    await db()
      .insertInto('course_enrolments')
      .values([
        { user_id: gentPerson, course_id: course, course_version: 1, enrolled_at: at('2026-02-01T10:00:00Z') },
        { user_id: brusselsPerson, course_id: course, course_version: 1, enrolled_at: at('2025-12-01T10:00:00Z') },
      ])
      .execute();
    const completion = await db()
      .insertInto('course_completions')
      .values({ user_id: gentPerson, course_id: course, course_version: 1, score: 90, completed_at: at('2026-03-01T10:00:00Z') })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('certificates')
      .values({
        code: 'ABCDEFGHJKMNPQRS',
        completion_id: completion.id,
        user_id: gentPerson,
        course_id: course,
        holder_name: 'A',
        course_title: 'Aanspreekpunt',
        course_version: 1,
        language: 'nl',
        issued_at: at('2026-03-01T10:00:00Z'),
        status: 'revoked',
        revoked_reason: 'test',
      })
      .execute();
    const day = await db()
      .insertInto('training_days')
      .values({ course_id: course, starts_at: at('2026-04-01T08:00:00Z'), ends_at: at('2026-04-01T15:00:00Z'), place: 'Gent', capacity: 1, language: 'nl' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('training_day_registrations')
      .values([
        { training_day_id: day.id, user_id: gentPerson, status: 'registered', attended: true },
        { training_day_id: day.id, user_id: brusselsPerson, status: 'waiting' },
      ])
      .execute();

    const recount = async (query: ReturnType<typeof sql<{ n: string }>>) => one(db(), query);
    const [activity] = (await countCourseActivity(db(), year2026())).filter((a) => a.course === course);
    expect(activity).toEqual({
      course,
      enrolments: await recount(
        sql<{
          n: string;
        }>`select count(*) as n from course_enrolments where course_id = ${course} and enrolled_at >= '2026-01-01' and enrolled_at < '2027-01-01'`,
      ),
      completions: await recount(sql<{ n: string }>`select count(*) as n from course_completions where course_id = ${course} and completed_at >= '2026-01-01'`),
      certificatesValid: 0,
      certificatesExpired: 0,
      certificatesRevoked: await recount(sql<{ n: string }>`select count(*) as n from certificates where course_id = ${course} and status = 'revoked'`),
    });
    expect(activity!.enrolments).toBe(1);
    // Brussels people only: the Gent person's enrolment, completion and certificate are not theirs.
    expect((await countCourseActivity(db(), withFilters('period=all&place=brussels'))).find((a) => a.course === course)).toMatchObject({
      enrolments: 1,
      completions: 0,
    });
    expect(await countTrainingDays(db(), year2026())).toEqual([{ course, days: 1, registered: 1, waiting: 1, attended: 1 }]);
    // The day counts whatever the place; its registrations only for people of that place.
    expect(await countTrainingDays(db(), withFilters('period=all&place=brussels'))).toEqual([{ course, days: 1, registered: 0, waiting: 1, attended: 0 }]);
    expect(await countTrainingDays(db(), withFilters('period=year&year=2025'))).toEqual([]);

    // On the page: every course of the catalogue has a row; small numbers are shown as they are.
    const t = (key: string) => key;
    const dashboard = await readDashboard(db(), library, loadCourses(), year2026(), 2026, 'nl', t);
    expect(dashboard.courses.activity.suppressed).toBe(false);
    expect(dashboard.courses.activity.rows).toHaveLength(loadCourses().courses.length);
    const row = dashboard.courses.activity.rows.find((r) => r.cells[4]!.kind === 'count' && r.cells[4]!.value === 1)!;
    expect(row.cells.map((cell) => (cell.kind === 'count' ? cell.value : cell.kind))).toEqual([1, 1, 0, 0, 1]);
  });
});

/**
 * The sessions' counters against a recount of their participants, after the real domain
 * writes: joins, a removal (twice), and a girl who plays her own pace to the end.
 */
describe(`the sessions' participation counters on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  afterAll(async () => {
    await database.drop();
  });

  it('equal a recount after joins, a removal and an own-pace finish', async () => {
    ({ database } = await databaseWithStaff({ email: 'teller@example.org', role: 'facilitator' }));
    const db = database.db;
    const [organisation] = await db.selectFrom('organisations').select('id').execute();
    const [facilitator] = await db.selectFrom('users').select('id').execute();
    const library = loadLessonModules();
    const lesson = library.lesson('wie-ben-ik', 'standard')!;
    const groupSessions = createGroupSessions({ db, lessons: library, bus: createInProcessBus() });
    const { id: sessionId } = await groupSessions.create({
      organisationId: organisation!.id,
      facilitatorId: facilitator!.id,
      lesson,
      language: 'nl',
      pacing: 'own_pace',
    });
    const girls: string[] = [];
    for (const nickname of ['Roos', 'Lies', 'Mila', 'Noa']) {
      const joined = await groupSessions.join(sessionId, { nickname, avatar: 'owl' });
      if (!joined.ok) throw new Error(joined.reason);
      girls.push(joined.value.participantId);
    }
    expect((await groupSessions.control(sessionId, { type: 'start' })).ok).toBe(true);
    // The console names her by her handle, never by her participant id.
    const { handle } = await db.selectFrom('participants').select('handle').where('id', '=', girls[3]!).executeTakeFirstOrThrow();
    expect((await groupSessions.control(sessionId, { type: 'remove', handle: handle! })).ok).toBe(true);
    expect((await groupSessions.control(sessionId, { type: 'remove', handle: handle! })).ok).toBe(true);

    // Roos plays to the end: the first way forward at every step.
    const machine = compileLessonFlow(lesson.module);
    const events: LessonEvent[] = [];
    for (let guard = 0; guard < 200; guard++) {
      const replayed = replayLessonEvents(machine, events);
      if (!replayed.ok) throw new Error(replayed.reason);
      const snapshot = replayed.snapshot;
      if (snapshot.status === 'done') break;
      const step = lesson.module.steps.find((s) => s.id === currentStepId(snapshot))!;
      const [event] = forwardEvents(step);
      const outcome = await appendProgressEvent(db, lesson, girls[0]!, events.length + 1, event);
      expect(outcome.kind, JSON.stringify(outcome)).toBe('appended');
      events.push(event!);
    }
    // The last event again (a retried post) is a duplicate and counts nothing more.
    expect((await appendProgressEvent(db, lesson, girls[0]!, events.length, events.at(-1))).kind).toBe('duplicate');

    const counters = await db
      .selectFrom('group_sessions')
      .select(['joined_count', 'removed_count', 'finished_own_count'])
      .where('id', '=', sessionId)
      .executeTakeFirstOrThrow();
    const recount = (
      await sql<{ joined: string; removed: string; finished: string }>`select count(*) as joined, count(*) filter (where removed) as removed,
        count(finished_at) as finished from participants where group_session_id = ${sessionId}`.execute(db)
    ).rows[0]!;
    expect(counters).toEqual({ joined_count: Number(recount.joined), removed_count: Number(recount.removed), finished_own_count: Number(recount.finished) });
    expect(counters).toEqual({ joined_count: 4, removed_count: 1, finished_own_count: 1 });
  });
});
