// The coordinators' indicators, each defined once here (the page's "how is this counted"
// says the same in words). Counting happens in SQL; the small result sets are arranged
// into tables in JavaScript. Counts derived from girls go through suppression.ts.
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database, GroupSessionStatus, OrganisationType, Profession, Region, Role, UserStatus } from '~/db/schema.server';
import type { LessonLibrary } from '~/lessons/load.server';
import type { DashboardFilters } from './filters';

type Db = Kysely<Database>;

/** Where a query finds a session's scope: on the session itself (`gs`), or copied onto its evaluation (`e`). */
const sessionColumns = { startedAt: 'gs.created_at', module: 'gs.module_id', variant: 'gs.variant', language: 'gs.language' };
const evaluationColumns = { startedAt: 'e.session_started_at', module: 'e.module_id', variant: 'e.variant', language: 'e.language' };

/**
 * The sessions a filter selects (aliases `gs`, and `o` for its organisation): started in the
 * period, of the module, version and language, at an organisation of the place and type.
 * One place for every indicator that counts by session.
 */
function sessionsInScope(
  filters: DashboardFilters,
  { withOrganisation = true, columns = sessionColumns }: { withOrganisation?: boolean; columns?: typeof sessionColumns } = {},
): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filters.period) conditions.push(sql`${sql.ref(columns.startedAt)} >= ${filters.period.from} and ${sql.ref(columns.startedAt)} < ${filters.period.to}`);
  if (filters.module) conditions.push(sql`${sql.ref(columns.module)} = ${filters.module}`);
  if (filters.variant) conditions.push(sql`${sql.ref(columns.variant)} = ${filters.variant}`);
  if (filters.language) conditions.push(sql`${sql.ref(columns.language)} = ${filters.language}`);
  if (withOrganisation && filters.provinces) conditions.push(sql`o.region in (${sql.join([...filters.provinces])})`);
  if (withOrganisation && filters.organisationType) conditions.push(sql`o.type = ${filters.organisationType}`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

/** Organisations: registered (in the directory before the period ends), with an approved facilitator, with a session in the period. */
export interface OrganisationCounts {
  region: Region;
  type: OrganisationType;
  registered: number;
  withFacilitator: number;
  withSession: number;
}

export async function countOrganisations(db: Db, filters: DashboardFilters): Promise<OrganisationCounts[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.region', 'o.type'])
    .select((eb) => [
      eb.fn.countAll<string>().as('registered'),
      sql<string>`count(*) filter (where exists (
        select 1 from users u join user_roles r on r.user_id = u.id
        where u.organisation_id = o.id and u.status = 'approved' and r.role = 'facilitator'))`.as('withFacilitator'),
      sql<string>`count(*) filter (where exists (
        select 1 from group_sessions gs where gs.organisation_id = o.id and ${sessionsInScope(filters, { withOrganisation: false })}))`.as('withSession'),
    ])
    .$call((qb) => (filters.period ? qb.where('o.created_at', '<', filters.period.to) : qb))
    .$call((qb) => (filters.provinces ? qb.where('o.region', 'in', filters.provinces) : qb))
    .$call((qb) => (filters.organisationType ? qb.where('o.type', '=', filters.organisationType) : qb))
    .groupBy(['o.region', 'o.type'])
    .execute();
  return rows.map((row) => ({
    region: row.region,
    type: row.type,
    registered: Number(row.registered),
    withFacilitator: Number(row.withFacilitator),
    withSession: Number(row.withSession),
  }));
}

/** Professionals registered in the period, by status × profession and status × role; of the directory's organisations when filtered by place or type. */
export interface ProfessionalCounts {
  byProfession: { status: UserStatus; profession: Profession; count: number }[];
  byRole: { status: UserStatus; role: Role; count: number }[];
  /** Registrations waiting for approval now (whatever the period), and how long the oldest and the median have waited, in days. */
  waiting: { count: number; oldestDays: number | null; medianDays: number | null };
}

export async function countProfessionals(db: Db, filters: DashboardFilters): Promise<ProfessionalCounts> {
  const users = () =>
    db
      .selectFrom('users as u')
      .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
      .$call((qb) => (filters.provinces ? qb.where('o.region', 'in', filters.provinces) : qb))
      .$call((qb) => (filters.organisationType ? qb.where('o.type', '=', filters.organisationType) : qb));
  const byProfession = await users()
    .select(['u.status', 'u.profession', (eb) => eb.fn.countAll<string>().as('count')])
    .$call((qb) => (filters.period ? qb.where('u.created_at', '>=', filters.period.from).where('u.created_at', '<', filters.period.to) : qb))
    .groupBy(['u.status', 'u.profession'])
    .execute();
  const byRole = await users()
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.status', 'r.role', (eb) => eb.fn.countAll<string>().as('count')])
    .$call((qb) => (filters.period ? qb.where('u.created_at', '>=', filters.period.from).where('u.created_at', '<', filters.period.to) : qb))
    .groupBy(['u.status', 'r.role'])
    .execute();
  const waiting = await users()
    .select([
      (eb) => eb.fn.countAll<string>().as('count'),
      sql<string | null>`max(extract(epoch from now() - u.created_at)) / 86400`.as('oldest'),
      sql<string | null>`percentile_cont(0.5) within group (order by extract(epoch from now() - u.created_at)) / 86400`.as('median'),
    ])
    .where('u.status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const days = (value: string | null) => (value === null ? null : Math.floor(Number(value)));
  return {
    byProfession: byProfession.map((row) => ({ status: row.status, profession: row.profession, count: Number(row.count) })),
    byRole: byRole.map((row) => ({ status: row.status, role: row.role, count: Number(row.count) })),
    waiting: { count: Number(waiting.count), oldestDays: days(waiting.oldest), medianDays: days(waiting.median) },
  };
}

/** The steps at which a module ends, as "module:step" keys, over every variant. */
function endStepKeys(library: LessonLibrary): string[] {
  const keys = new Set<string>();
  for (const set of library.modules.values()) {
    for (const lesson of Object.values(set.variants)) {
      if (!lesson) continue;
      for (const step of lesson.module.steps) if (step.type === 'end') keys.add(`${lesson.module.id}:${step.id}`);
    }
  }
  return [...keys];
}

/**
 * Group sessions held: ended, with at least one participant who is not a facilitator's
 * preview; counted in the period they started in.
 */
export interface SessionCount {
  module: string;
  variant: string;
  language: string;
  pacing: string;
  region: Region;
  count: number;
}

export async function countSessionsHeld(db: Db, filters: DashboardFilters): Promise<SessionCount[]> {
  const ended: GroupSessionStatus = 'ended';
  const rows = await db
    .selectFrom('group_sessions as gs')
    .innerJoin('organisations as o', 'o.id', 'gs.organisation_id')
    .select(['gs.module_id', 'gs.variant', 'gs.language', 'gs.pacing', 'o.region', (eb) => eb.fn.countAll<string>().as('count')])
    .where('gs.status', '=', ended)
    // Its join counter (a preview never joins a session): no look at the participants.
    .where('gs.joined_count', '>', 0)
    .where(sessionsInScope(filters))
    .groupBy(['gs.module_id', 'gs.variant', 'gs.language', 'gs.pacing', 'o.region'])
    .execute();
  return rows.map((row) => ({
    module: row.module_id,
    variant: row.variant,
    language: row.language,
    pacing: row.pacing,
    region: row.region,
    count: Number(row.count),
  }));
}

/** How a girl took part: in a session the facilitator paced, at her own pace in a session, or alone at /play. */
export type ParticipationKind = 'together' | 'own_pace' | 'solo';

/**
 * Participations: one girl in one session (or one solo play), not a unique girl; never a
 * facilitator's preview. A session's participations count in the period the session
 * started, a solo play's when she started. Finished: she reached the module's end on her
 * own (own pace, solo), or her group did while she was still in it (together).
 * Group sessions carry their counts (joined, removed, finished on her own pace), written in
 * the same transaction as the join, the removal and the last event; the dashboard sums
 * sessions, not millions of participants. Solo plays belong to no organisation: a place or
 * type filter leaves them out.
 */
export interface ParticipationCount {
  module: string;
  variant: string;
  language: string;
  kind: ParticipationKind;
  region: Region | null;
  month: string;
  joined: number;
  finished: number;
}

export async function countParticipations(db: Db, library: LessonLibrary, filters: DashboardFilters): Promise<ParticipationCount[]> {
  const endKeys = endStepKeys(library);
  const groupReachedEnd = endKeys.length === 0 ? sql<boolean>`false` : sql<boolean>`(gs.module_id || ':' || (gs.path ->> -1)) in (${sql.join(endKeys)})`;
  const inGroups = db
    .selectFrom('group_sessions as gs')
    .innerJoin('organisations as o', 'o.id', 'gs.organisation_id')
    .select([
      'gs.module_id',
      'gs.variant',
      'gs.language',
      sql<ParticipationKind>`gs.pacing`.as('kind'),
      'o.region',
      sql<string>`to_char(date_trunc('month', gs.created_at), 'YYYY-MM')`.as('month'),
      sql<string>`sum(gs.joined_count)`.as('joined'),
      sql<string>`sum(case when gs.pacing = 'together' and ${groupReachedEnd} then gs.joined_count - gs.removed_count else gs.finished_own_count end)`.as(
        'finished',
      ),
    ])
    .where('gs.joined_count', '>', 0)
    .where(sessionsInScope(filters))
    .groupBy(['gs.module_id', 'gs.variant', 'gs.language', 'gs.pacing', 'o.region', sql`6`])
    .execute();
  const alone =
    filters.provinces !== null || filters.organisationType !== null
      ? []
      : db
          .selectFrom('participants as p')
          .select([
            'p.module_id',
            'p.variant',
            'p.language',
            sql<string>`to_char(date_trunc('month', p.created_at), 'YYYY-MM')`.as('month'),
            (eb) => eb.fn.countAll<string>().as('joined'),
            sql<string>`count(p.finished_at)`.as('finished'),
          ])
          .where('p.group_session_id', 'is', null)
          .where('p.preview_by', 'is', null)
          .$call((qb) => (filters.period ? qb.where('p.created_at', '>=', filters.period.from).where('p.created_at', '<', filters.period.to) : qb))
          .$call((qb) => (filters.module ? qb.where('p.module_id', '=', filters.module) : qb))
          .$call((qb) => (filters.variant ? qb.where('p.variant', '=', filters.variant) : qb))
          .$call((qb) => (filters.language ? qb.where('p.language', '=', filters.language) : qb))
          .groupBy(['p.module_id', 'p.variant', 'p.language', sql`4`])
          .execute();
  const [groupRows, soloRows] = await Promise.all([inGroups, alone]);
  return [
    ...groupRows.map((row) => ({
      module: row.module_id,
      variant: row.variant,
      language: row.language,
      kind: row.kind,
      region: row.region,
      month: row.month,
      joined: Number(row.joined),
      finished: Number(row.finished),
    })),
    ...soloRows.map((row) => ({
      module: row.module_id,
      variant: row.variant,
      language: row.language,
      kind: 'solo' as const,
      region: null,
      month: row.month,
      joined: Number(row.joined),
      finished: Number(row.finished),
    })),
  ];
}

/** Facilitators' evaluations of sessions that started in the period, per module. */
export interface EvaluationSummary {
  module: string;
  evaluations: number;
  /** Average of "how did it go" (1–5). */
  averageRating: number | null;
  steps: { step: string; answers: number; averageUsefulness: number }[];
  comments: { date: string; text: string }[];
}

export async function summariseEvaluations(db: Db, filters: DashboardFilters): Promise<EvaluationSummary[]> {
  // Evaluations carry their session's scope (migration 0009): no join to the sessions.
  const scoped = () =>
    db
      .selectFrom('session_evaluations as e')
      .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
      .where(sessionsInScope(filters, { columns: evaluationColumns }));
  const ratingsQuery = scoped()
    .select(['e.module_id', (eb) => eb.fn.countAll<string>().as('count'), sql<string | null>`avg(e.how_it_went)`.as('average')])
    .groupBy('e.module_id')
    .execute();
  const stepsQuery = scoped()
    .innerJoin(sql<{ key: string; value: string }>`jsonb_each_text(e.step_usefulness)`.as('kv'), (join) => join.onTrue())
    .select(['e.module_id', 'kv.key', (eb) => eb.fn.countAll<string>().as('count'), sql<string>`avg(kv.value::numeric)`.as('average')])
    .groupBy(['e.module_id', 'kv.key'])
    .execute();
  const commentsQuery = scoped()
    .select(['e.module_id', 'e.comments', 'e.created_at'])
    .where('e.comments', 'is not', null)
    .where('e.comments', '<>', '')
    .orderBy('e.created_at', 'desc')
    .limit(100)
    .execute();
  const [ratings, steps, comments] = await Promise.all([ratingsQuery, stepsQuery, commentsQuery]);
  return ratings
    .map((row) => ({
      module: row.module_id,
      evaluations: Number(row.count),
      averageRating: row.average === null ? null : Math.round(Number(row.average) * 10) / 10,
      steps: steps
        .filter((s) => s.module_id === row.module_id)
        .map((s) => ({ step: s.key, answers: Number(s.count), averageUsefulness: Math.round(Number(s.average) * 10) / 10 })),
      comments: comments.filter((c) => c.module_id === row.module_id).map((c) => ({ date: c.created_at.toISOString().slice(0, 10), text: c.comments ?? '' })),
    }))
    .sort((a, b) => a.module.localeCompare(b.module));
}

/** The group's answers to a module's polls ("together" mode), per option: anonymous, never per girl. */
export interface PollCount {
  module: string;
  step: string;
  option: string;
  count: number;
}

export async function countPollAnswers(db: Db, library: LessonLibrary, filters: DashboardFilters): Promise<PollCount[]> {
  const pollKeys = new Set<string>();
  for (const set of library.modules.values()) {
    for (const lesson of Object.values(set.variants)) {
      for (const step of lesson?.module.steps ?? []) if (step.type === 'poll') pollKeys.add(`${lesson!.module.id}:${step.id}`);
    }
  }
  if (pollKeys.size === 0) return [];
  const rows = await db
    .selectFrom('session_answers as sa')
    .innerJoin('group_sessions as gs', 'gs.id', 'sa.group_session_id')
    .innerJoin('organisations as o', 'o.id', 'gs.organisation_id')
    .innerJoin('participants as p', 'p.id', 'sa.participant_id')
    .select(['gs.module_id', 'sa.step_id', sql<string>`sa.answer ->> 'option'`.as('option'), (eb) => eb.fn.countAll<string>().as('count')])
    .where('p.preview_by', 'is', null)
    .where(sql<boolean>`(gs.module_id || ':' || sa.step_id) in (${sql.join([...pollKeys])})`)
    .where(sessionsInScope(filters))
    .groupBy(['gs.module_id', 'sa.step_id', sql`3`])
    .execute();
  return rows.map((row) => ({ module: row.module_id, step: row.step_id, option: row.option, count: Number(row.count) }));
}

/**
 * Courses (professionals, not girls: never suppressed), per course: enrolments that started in
 * the period, completions in the period, certificates issued in the period by their status
 * now. By the organisation of the person when filtered by place or type.
 */
export interface CourseActivity {
  course: string;
  enrolments: number;
  completions: number;
  certificatesValid: number;
  certificatesExpired: number;
  certificatesRevoked: number;
}

/** People of the directory's organisations in scope (alias `u`, organisation `o`). */
function peopleInScope(filters: DashboardFilters): RawBuilder<boolean> {
  const conditions: RawBuilder<unknown>[] = [sql`true`];
  if (filters.provinces) conditions.push(sql`o.region in (${sql.join([...filters.provinces])})`);
  if (filters.organisationType) conditions.push(sql`o.type = ${filters.organisationType}`);
  return sql<boolean>`(${sql.join(conditions, sql` and `)})`;
}

function inPeriod(column: string, filters: DashboardFilters): RawBuilder<boolean> {
  return filters.period ? sql<boolean>`(${sql.ref(column)} >= ${filters.period.from} and ${sql.ref(column)} < ${filters.period.to})` : sql<boolean>`true`;
}

export async function countCourseActivity(db: Db, filters: DashboardFilters, now: Date = new Date()): Promise<CourseActivity[]> {
  const people = sql`users u left join organisations o on o.id = u.organisation_id`;
  const { rows } = await sql<{ course: string; kind: string; valid: string; expired: string; revoked: string; n: string }>`
    select x.course_id as course, 'enrolments' as kind, count(*) as n, 0 as valid, 0 as expired, 0 as revoked
      from course_enrolments x join ${people} on u.id = x.user_id
      where ${inPeriod('x.enrolled_at', filters)} and ${peopleInScope(filters)} group by x.course_id
    union all
    select x.course_id, 'completions', count(*), 0, 0, 0
      from course_completions x join ${people} on u.id = x.user_id
      where ${inPeriod('x.completed_at', filters)} and ${peopleInScope(filters)} group by x.course_id
    union all
    select x.course_id, 'certificates', count(*),
        count(*) filter (where x.status = 'valid' and (x.expires_at is null or x.expires_at > ${now})),
        count(*) filter (where x.status = 'valid' and x.expires_at <= ${now}),
        count(*) filter (where x.status = 'revoked')
      from certificates x join ${people} on u.id = x.user_id
      where ${inPeriod('x.issued_at', filters)} and ${peopleInScope(filters)} group by x.course_id`.execute(db);
  const byCourse = new Map<string, CourseActivity>();
  for (const row of rows) {
    const activity = byCourse.get(row.course) ?? {
      course: row.course,
      enrolments: 0,
      completions: 0,
      certificatesValid: 0,
      certificatesExpired: 0,
      certificatesRevoked: 0,
    };
    if (row.kind === 'enrolments') activity.enrolments = Number(row.n);
    if (row.kind === 'completions') activity.completions = Number(row.n);
    if (row.kind === 'certificates') {
      activity.certificatesValid = Number(row.valid);
      activity.certificatesExpired = Number(row.expired);
      activity.certificatesRevoked = Number(row.revoked);
    }
    byCourse.set(row.course, activity);
  }
  return [...byCourse.values()];
}

/**
 * Training days that take place in the period, per course: how many, and of their
 * registrations (people of the organisations in scope) how many hold a seat, wait, attended.
 */
export interface TrainingDayActivity {
  course: string;
  days: number;
  registered: number;
  waiting: number;
  attended: number;
}

export async function countTrainingDays(db: Db, filters: DashboardFilters): Promise<TrainingDayActivity[]> {
  const { rows } = await sql<{ course: string; days: string; registered: string; waiting: string; attended: string }>`
    select d.course_id as course,
        count(distinct d.id) as days,
        count(r.user_id) filter (where r.status = 'registered') as registered,
        count(r.user_id) filter (where r.status = 'waiting') as waiting,
        count(r.user_id) filter (where r.status = 'registered' and r.attended) as attended
      from training_days d
      left join (training_day_registrations r join users u on u.id = r.user_id left join organisations o on o.id = u.organisation_id)
        on r.training_day_id = d.id and ${peopleInScope(filters)}
      where ${inPeriod('d.starts_at', filters)}
      group by d.course_id`.execute(db);
  return rows.map((row) => ({
    course: row.course,
    days: Number(row.days),
    registered: Number(row.registered),
    waiting: Number(row.waiting),
    attended: Number(row.attended),
  }));
}
