// Training days (decision 0018): live events of a course. Every change to who holds a seat
// locks the training day's row first (`select … for update`), so the seats are counted by
// one transaction at a time and capacity is never exceeded; the waiting list moves up in the
// transaction that frees the seat, and the mail goes to the outbox in that same transaction.
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import { type Actor, can } from '~/accounts/permissions';
import { completeCourseIfEligible } from '~/courses/completion.server';
import { type CourseLibrary, type LoadedCourse, courseText } from '~/courses/load.server';
import type { Database, TrainingDayPartKind, TrainingDayRegistrationStatus, TrainingDayTable } from '~/db/schema.server';
import { type Language, languageOr } from '~/i18n/config';
import { type Result, ok, refused } from '~/lib/result';
import { queueEmail } from '~/mail/outbox.server';
import type { TrainingDayInput } from './forms';
import { lockPeople } from './attendance-rule.server';
import { brusselsDate, brusselsToInstant, formatDay, formatTimes } from './time';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string | undefined): value is string => typeof value === 'string' && uuidPattern.test(value);

/** How long before the start the reminder goes out. */
export const reminderLeadMs = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------
// Publishing

/** May this user publish training days? (trainers, coordinators, admins) */
export const mayPublish = (actor: Actor) => can(actor, 'create', 'training-day');

/** May this user mark attendance and attach material? The trainer who published it, or a coordinator. */
export function mayManage(actor: Actor & { id: string }, day: { created_by: string | null }): boolean {
  return (mayPublish(actor) && day.created_by === actor.id) || can(actor, 'manage', 'training-day');
}

/** Is this course taught (partly) on a training day? Then it has training days, and lists them. */
export const hasTrainingDays = (loaded: LoadedCourse): boolean => loaded.course.format !== 'self-paced';

/** The courses a training day may belong to: those taught (partly) on a training day. */
export function coursesWithTrainingDays(courses: CourseLibrary): LoadedCourse[] {
  return courses.courses.filter(hasTrainingDays);
}

/** Publishes a training day (with its programme) for a course taught on training days, if it has not ended yet. */
export async function createTrainingDay(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { createdBy: string; day: TrainingDayInput; now?: Date },
): Promise<Result<{ id: string }, 'trainingDayCourse' | 'trainingDayInPast'>> {
  const { day } = input;
  const loaded = courses.course(day.course);
  if (!loaded || !hasTrainingDays(loaded)) return refused('trainingDayCourse');
  const startsAt = brusselsToInstant(day.date, day.startTime);
  const endsAt = brusselsToInstant(day.date, day.endTime);
  if (endsAt.getTime() <= (input.now ?? new Date()).getTime()) return refused('trainingDayInPast');
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('training_days')
      .values({
        course_id: day.course,
        starts_at: startsAt,
        ends_at: endsAt,
        place: day.place ?? null,
        online_url: day.onlineUrl ?? null,
        capacity: day.capacity,
        language: day.language,
        notes: day.notes ?? null,
        created_by: input.createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (day.parts.length) {
      await trx
        .insertInto('training_day_parts')
        .values(
          [...day.parts]
            .sort((a, b) => a.startTime.localeCompare(b.startTime) || (a.kind === b.kind ? 0 : a.kind === 'plenary' ? -1 : 1))
            .map((part, position) => ({
              training_day_id: id,
              position,
              kind: part.kind,
              title: part.title,
              starts_at: brusselsToInstant(day.date, part.startTime),
              ends_at: brusselsToInstant(day.date, part.endTime),
              room: part.room ?? null,
            })),
        )
        .execute();
    }
    return ok({ id });
  });
}

export async function setMaterialUrl(db: Kysely<Database>, trainingDayId: string, url: string | undefined): Promise<void> {
  await db
    .updateTable('training_days')
    .set({ material_url: url ?? null, updated_at: new Date() })
    .where('id', '=', trainingDayId)
    .execute();
}

// ---------------------------------------------------------------------------------------
// Reading

export interface TrainingDayPartView {
  id: string;
  kind: TrainingDayPartKind;
  title: string;
  times: string;
  room: string | null;
}

export interface TrainingDaySummary {
  id: string;
  courseId: string;
  courseTitle: string;
  day: string;
  /** Brussels calendar day, YYYY-MM-DD. */
  date: string;
  times: string;
  startsAt: string;
  place: string | null;
  online: boolean;
  language: string;
  capacity: number;
  registered: number;
  waiting: number;
  /** Her own registration, if any. */
  myStatus: Exclude<TrainingDayRegistrationStatus, 'cancelled'> | null;
  /** Seats left (0 when full: new registrations wait). */
  seatsLeft: number;
}

export interface TrainingDayDetail extends TrainingDaySummary {
  /** Shown to those who hold a seat (and to who manages it). */
  onlineUrl: string | null;
  materialUrl: string | null;
  notes: string | null;
  parts: TrainingDayPartView[];
  myBreakout: string | null;
  /** Her place on the waiting list (1 = next), when she waits. */
  myQueuePosition: number | null;
  attended: boolean;
  /** The day has ended: no more registrations or cancellations. */
  over: boolean;
  /** Attendance may be marked: from the day itself (Brussels calendar) on. */
  attendanceOpen: boolean;
  createdBy: string | null;
}

/** A training day as read here: its row without the bookkeeping timestamps. */
type DayRow = Omit<Selectable<TrainingDayTable>, 'created_at' | 'updated_at'>;

function titleOf(courses: CourseLibrary, courseId: string, language: Language): string {
  const loaded = courses.course(courseId);
  return loaded ? courseText(loaded, language)(loaded.course.titleKey) : courseId;
}

async function counts(db: Kysely<Database>, ids: string[]): Promise<Map<string, { registered: number; waiting: number }>> {
  const result = new Map<string, { registered: number; waiting: number }>();
  if (!ids.length) return result;
  const rows = await db
    .selectFrom('training_day_registrations')
    .select(['training_day_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('training_day_id', 'in', ids)
    .where('status', 'in', ['registered', 'waiting'])
    .groupBy(['training_day_id', 'status'])
    .execute();
  for (const row of rows) {
    const entry = result.get(row.training_day_id) ?? { registered: 0, waiting: 0 };
    entry[row.status as 'registered' | 'waiting'] = Number(row.n);
    result.set(row.training_day_id, entry);
  }
  return result;
}

function summarise(
  row: DayRow,
  courses: CourseLibrary,
  language: Language,
  count: { registered: number; waiting: number } | undefined,
  myStatus: TrainingDayRegistrationStatus | null,
): TrainingDaySummary {
  const registered = count?.registered ?? 0;
  return {
    id: row.id,
    courseId: row.course_id,
    courseTitle: titleOf(courses, row.course_id, language),
    day: formatDay(row.starts_at, language),
    date: brusselsDate(row.starts_at),
    times: formatTimes(row.starts_at, row.ends_at),
    startsAt: row.starts_at.toISOString(),
    place: row.place,
    online: row.online_url !== null,
    language: row.language,
    capacity: row.capacity,
    registered,
    waiting: count?.waiting ?? 0,
    myStatus: myStatus === 'cancelled' ? null : myStatus,
    seatsLeft: Math.max(0, row.capacity - registered),
  };
}

const dayColumns = ['id', 'course_id', 'starts_at', 'ends_at', 'place', 'online_url', 'capacity', 'language', 'notes', 'material_url', 'created_by'] as const;

/** Training days that have not ended, soonest first; of one course, or of all. */
export async function listUpcomingTrainingDays(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { userId: string; language: Language; courseId?: string; now?: Date },
): Promise<TrainingDaySummary[]> {
  let query = db
    .selectFrom('training_days')
    .select(dayColumns)
    .where('ends_at', '>', input.now ?? new Date())
    .orderBy('starts_at')
    .orderBy('id')
    .limit(200);
  if (input.courseId) query = query.where('course_id', '=', input.courseId);
  const rows = await query.execute();
  const ids = rows.map((r) => r.id);
  const [count, mine] = await Promise.all([
    counts(db, ids),
    ids.length
      ? db
          .selectFrom('training_day_registrations')
          .select(['training_day_id', 'status'])
          .where('user_id', '=', input.userId)
          .where('training_day_id', 'in', ids)
          .execute()
      : Promise.resolve([]),
  ]);
  return rows.map((row) => summarise(row, courses, input.language, count.get(row.id), mine.find((m) => m.training_day_id === row.id)?.status ?? null));
}

/** Training days this user published (or all, for a coordinator) that ended in the last 60 days or are still to come. */
export async function listManagedTrainingDays(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { user: Actor & { id: string }; language: Language; now?: Date },
): Promise<TrainingDaySummary[]> {
  const since = new Date((input.now ?? new Date()).getTime() - 60 * 24 * 60 * 60 * 1000);
  let query = db.selectFrom('training_days').select(dayColumns).where('ends_at', '>', since).orderBy('starts_at').orderBy('id').limit(200);
  if (!can(input.user, 'manage', 'training-day')) query = query.where('created_by', '=', input.user.id);
  const rows = await query.execute();
  const count = await counts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => summarise(row, courses, input.language, count.get(row.id), null));
}

export async function findTrainingDay(db: Kysely<Database>, id: string | undefined): Promise<DayRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('training_days').select(dayColumns).where('id', '=', id).executeTakeFirst();
}

export async function trainingDayDetail(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { day: DayRow; userId: string; language: Language; manager: boolean; now?: Date },
): Promise<TrainingDayDetail> {
  const { day, language } = input;
  const now = input.now ?? new Date();
  const [count, mine, parts] = await Promise.all([
    counts(db, [day.id]),
    db
      .selectFrom('training_day_registrations')
      .select(['status', 'queued_at', 'breakout_part_id', 'attended'])
      .where('training_day_id', '=', day.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirst(),
    db.selectFrom('training_day_parts').selectAll().where('training_day_id', '=', day.id).orderBy('position').execute(),
  ]);
  let myQueuePosition: number | null = null;
  if (mine?.status === 'waiting') {
    const ahead = await db
      .selectFrom('training_day_registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('training_day_id', '=', day.id)
      .where('status', '=', 'waiting')
      .where('queued_at', '<', mine.queued_at)
      .executeTakeFirstOrThrow();
    myQueuePosition = Number(ahead.n) + 1;
  }
  const holdsSeat = mine?.status === 'registered' || input.manager;
  return {
    ...summarise(day, courses, language, count.get(day.id), mine?.status ?? null),
    onlineUrl: holdsSeat ? day.online_url : null,
    materialUrl: holdsSeat ? day.material_url : null,
    notes: day.notes,
    parts: parts.map((p) => ({ id: p.id, kind: p.kind, title: p.title, times: formatTimes(p.starts_at, p.ends_at), room: p.room })),
    myBreakout: mine?.status === 'cancelled' ? null : (mine?.breakout_part_id ?? null),
    myQueuePosition,
    attended: mine?.attended ?? false,
    over: day.ends_at.getTime() <= now.getTime(),
    attendanceOpen: brusselsDate(now) >= brusselsDate(day.starts_at),
    createdBy: day.created_by,
  };
}

export interface AttendanceRow {
  userId: string;
  name: string;
  organisation: string | null;
  breakout: string | null;
  attended: boolean;
}

/** Who holds a seat (the attendance list), and who waits, in order. */
export async function trainingDayPeople(db: Kysely<Database>, trainingDayId: string): Promise<{ registered: AttendanceRow[]; waiting: { name: string }[] }> {
  const rows = await db
    .selectFrom('training_day_registrations as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .leftJoin('organisations as o', 'o.id', 'u.organisation_id')
    .leftJoin('training_day_parts as p', 'p.id', 'r.breakout_part_id')
    .select(['r.user_id', 'r.status', 'r.attended', 'u.name', 'o.name as organisation', 'p.title as breakout'])
    .where('r.training_day_id', '=', trainingDayId)
    .where('r.status', 'in', ['registered', 'waiting'])
    .orderBy('r.queued_at')
    .orderBy('r.user_id')
    .execute();
  return {
    registered: rows
      .filter((r) => r.status === 'registered')
      .map((r) => ({ userId: r.user_id, name: r.name, organisation: r.organisation, breakout: r.breakout, attended: r.attended }))
      .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    waiting: rows.filter((r) => r.status === 'waiting').map((r) => ({ name: r.name })),
  };
}

// ---------------------------------------------------------------------------------------
// Registering, cancelling, the waiting list

async function lockTrainingDay(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('training_days').select(dayColumns).where('id', '=', id).forUpdate().executeTakeFirst();
}

async function registeredCount(trx: Transaction<Database>, id: string): Promise<number> {
  const row = await trx
    .selectFrom('training_day_registrations')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('training_day_id', '=', id)
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Her place: a seat or the waiting list; `already` when she held it and only her break-out changed. */
export type Registration = { status: 'registered' | 'waiting'; already: boolean };
export type RegisterOutcome = Result<Registration, 'trainingDayNotFound' | 'trainingDayOver' | 'chooseBreakout'>;

/**
 * Takes a seat, or a place at the end of the waiting list when the day is full. Asking
 * again changes only her break-out. Capacity holds under any number of concurrent
 * registrations: the day's row is locked while the seats are counted.
 */
export async function registerForTrainingDay(
  db: Kysely<Database>,
  input: { trainingDayId: string; userId: string; breakoutPartId?: string; now?: Date },
): Promise<RegisterOutcome> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<RegisterOutcome> => {
    const day = await lockTrainingDay(trx, input.trainingDayId);
    if (!day) return refused('trainingDayNotFound');
    if (day.ends_at.getTime() <= now.getTime()) return refused('trainingDayOver');
    const breakouts = await trx.selectFrom('training_day_parts').select('id').where('training_day_id', '=', day.id).where('kind', '=', 'breakout').execute();
    if (breakouts.length && !breakouts.some((b) => b.id === input.breakoutPartId)) return refused('chooseBreakout');
    if (!breakouts.length && input.breakoutPartId) return refused('chooseBreakout');
    const breakout = input.breakoutPartId ?? null;
    const existing = await trx
      .selectFrom('training_day_registrations')
      .select('status')
      .where('training_day_id', '=', day.id)
      .where('user_id', '=', input.userId)
      .executeTakeFirst();
    if (existing && existing.status !== 'cancelled') {
      await trx
        .updateTable('training_day_registrations')
        .set({ breakout_part_id: breakout, updated_at: now })
        .where('training_day_id', '=', day.id)
        .where('user_id', '=', input.userId)
        .execute();
      return ok({ status: existing.status, already: true });
    }
    const status = (await registeredCount(trx, day.id)) < day.capacity ? 'registered' : 'waiting';
    const values = {
      status,
      queued_at: sql<Date>`clock_timestamp()`,
      breakout_part_id: breakout,
      promoted_at: null,
      cancelled_at: null,
      reminded_at: null,
      attended: false,
      attendance_marked_at: null,
      attendance_marked_by: null,
      updated_at: now,
    } as const;
    await trx
      .insertInto('training_day_registrations')
      .values({ training_day_id: day.id, user_id: input.userId, ...values })
      .onConflict((oc) => oc.columns(['training_day_id', 'user_id']).doUpdateSet(values))
      .execute();
    return ok({ status, already: false });
  });
}

/** Whether she held a place to give up, and who moved up into the freed seats. */
export type Cancellation = { cancelled: boolean; promoted: string[] };
export type CancelOutcome = Result<Cancellation, 'trainingDayNotFound' | 'trainingDayOver'>;

/**
 * Gives up her seat (or her place on the waiting list). A freed seat goes to the first on
 * the waiting list in the same transaction, and her mail ("a seat for you") is queued in it.
 */
export async function cancelRegistration(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { trainingDayId: string; userId: string; origin?: string; now?: Date },
): Promise<CancelOutcome> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<CancelOutcome> => {
    const day = await lockTrainingDay(trx, input.trainingDayId);
    if (!day) return refused('trainingDayNotFound');
    if (day.ends_at.getTime() <= now.getTime()) return refused('trainingDayOver');
    const cancelled = await trx
      .updateTable('training_day_registrations')
      .set({ status: 'cancelled', cancelled_at: now, updated_at: now, breakout_part_id: null })
      .where('training_day_id', '=', day.id)
      .where('user_id', '=', input.userId)
      .where('status', 'in', ['registered', 'waiting'])
      .returning('status')
      .executeTakeFirst();
    if (!cancelled) return ok({ cancelled: false, promoted: [] });
    const promoted = await fillFreeSeats(trx, courses, day, now, input.origin);
    return ok({ cancelled: true, promoted });
  });
}

/** Moves the first on the waiting list up while there are free seats; mails each. Inside the day's lock. */
async function fillFreeSeats(trx: Transaction<Database>, courses: CourseLibrary, day: DayRow, now: Date, origin?: string): Promise<string[]> {
  const free = day.capacity - (await registeredCount(trx, day.id));
  if (free <= 0) return [];
  const next = await trx
    .selectFrom('training_day_registrations as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['r.user_id', 'u.email', 'u.name', 'u.language'])
    .where('r.training_day_id', '=', day.id)
    .where('r.status', '=', 'waiting')
    .orderBy('r.queued_at')
    .orderBy('r.user_id')
    .limit(free)
    .execute();
  for (const person of next) {
    await trx
      .updateTable('training_day_registrations')
      .set({ status: 'registered', promoted_at: now, updated_at: now })
      .where('training_day_id', '=', day.id)
      .where('user_id', '=', person.user_id)
      .execute();
    await queueEmail(trx, { to: person.email, language: person.language, template: 'trainingDayPromoted', values: mailValues(courses, day, person, origin) });
  }
  return next.map((p) => p.user_id);
}

function mailValues(courses: CourseLibrary, day: DayRow, person: { name: string; language: string }, origin?: string): Record<string, string> {
  const language: Language = languageOr(person.language);
  const where = [day.place, day.online_url].filter(Boolean).join(' · ');
  return {
    name: person.name,
    course: titleOf(courses, day.course_id, language),
    day: formatDay(day.starts_at, language),
    times: formatTimes(day.starts_at, day.ends_at),
    where,
    link: origin ? `${origin}/training-days/${day.id}` : '',
  };
}

// ---------------------------------------------------------------------------------------
// Attendance

/** How many are marked present, and whose course this completed. */
export type AttendanceSaved = { present: number; completed: string[] };
export type AttendanceOutcome = Result<AttendanceSaved, 'trainingDayNotFound' | 'attendanceTooEarly'>;

/**
 * The trainer's list: exactly the people in `presentUserIds` (of those holding a seat) are
 * marked present. Where the course asks for attendance, each newly present person's
 * completion (and certificate) is written in this same transaction when her other rules
 * hold (decision 0016: `completeCourseIfEligible`). Unmarking never takes a completion back.
 */
export async function markAttendance(
  db: Kysely<Database>,
  courses: CourseLibrary,
  input: { trainingDayId: string; presentUserIds: readonly string[]; markedBy: string; now?: Date },
): Promise<AttendanceOutcome> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx): Promise<AttendanceOutcome> => {
    const day = await lockTrainingDay(trx, input.trainingDayId);
    if (!day) return refused('trainingDayNotFound');
    if (brusselsDate(now) < brusselsDate(day.starts_at)) return refused('attendanceTooEarly');
    const seats = await trx
      .selectFrom('training_day_registrations')
      .select(['user_id', 'attended'])
      .where('training_day_id', '=', day.id)
      .where('status', '=', 'registered')
      .orderBy('user_id')
      .execute();
    const present = new Set(input.presentUserIds);
    const becomePresent = seats.filter((s) => present.has(s.user_id) && !s.attended).map((s) => s.user_id);
    const becomeAbsent = seats.filter((s) => !present.has(s.user_id) && s.attended).map((s) => s.user_id);
    // The same per-person lock the passing quiz attempt takes (hasAttendedTrainingDay), in
    // one order: whichever of the two commits last sees the other and writes the completion.
    if (becomePresent.length) await lockPeople(trx, becomePresent);
    for (const [ids, attended] of [
      [becomePresent, true],
      [becomeAbsent, false],
    ] as const) {
      if (!ids.length) continue;
      await trx
        .updateTable('training_day_registrations')
        .set({ attended, attendance_marked_at: now, attendance_marked_by: input.markedBy, updated_at: now })
        .where('training_day_id', '=', day.id)
        .where('user_id', 'in', ids)
        .execute();
    }
    const completed: string[] = [];
    const loaded = courses.course(day.course_id);
    if (loaded?.course.completion.attendanceRequired) {
      for (const userId of becomePresent) {
        if ((await completeCourseIfEligible(trx, { userId, loaded })).ok) completed.push(userId);
      }
    }
    return ok({ present: seats.filter((s) => present.has(s.user_id)).length, completed });
  });
}

// ---------------------------------------------------------------------------------------
// Reminders

/**
 * Queues the day-before reminder for everyone holding a seat on a training day that starts
 * within the next 24 hours, once per registration (the sweep in the server process calls
 * this every few minutes; two instances sweeping at once still send one reminder).
 */
export async function queueTrainingDayReminders(db: Kysely<Database>, courses: CourseLibrary, input: { now?: Date; origin?: string } = {}): Promise<number> {
  const now = input.now ?? new Date();
  const horizon = new Date(now.getTime() + reminderLeadMs);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .updateTable('training_day_registrations')
      .set({ reminded_at: now })
      .where('status', '=', 'registered')
      .where('reminded_at', 'is', null)
      .where('training_day_id', 'in', (eb) => eb.selectFrom('training_days').select('id').where('starts_at', '>', now).where('starts_at', '<=', horizon))
      .returning(['training_day_id', 'user_id'])
      .execute();
    for (const { training_day_id, user_id } of due) {
      const day = (await trx.selectFrom('training_days').select(dayColumns).where('id', '=', training_day_id).executeTakeFirstOrThrow()) as DayRow;
      const person = await trx.selectFrom('users').select(['email', 'name', 'language']).where('id', '=', user_id).executeTakeFirstOrThrow();
      await queueEmail(trx, {
        to: person.email,
        language: person.language,
        template: 'trainingDayReminder',
        values: mailValues(courses, day, person, input.origin),
      });
    }
    return due.length;
  });
}
