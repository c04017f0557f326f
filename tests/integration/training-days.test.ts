import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportUserData } from '~/accounts/users.server';
import { submitQuizAttempt } from '~/courses/completion.server';
import { enrol, finishLesson } from '~/courses/enrolment.server';
import { type LoadedCourse, loadCourses } from '~/courses/load.server';
import { completionQuiz } from '~/courses/schema';
import { seedDemoData } from '~/demo/seed.server';
import type { Database } from '~/db/schema.server';
import { ok, refused } from '~/lib/result';
import { parseTrainingDayForm } from '~/training-days/forms';
import { brusselsDate } from '~/training-days/time';
import {
  cancelRegistration,
  createTrainingDay,
  listUpcomingTrainingDays,
  markAttendance,
  queueTrainingDayReminders,
  registerForTrainingDay,
  trainingDayDetail,
  findTrainingDay,
} from '~/training-days/training-days.server';
import { approvedStaff, linde } from './people';
import { databaseKind, openTestDatabase } from './test-database';

// Training days (decision 0018) on PGlite and, with DATABASE_URL, on PostgreSQL, where the
// parallel registrations really run on separate connections.

const courses = loadCourses();
// The course whose completion asks for a training day (course 4), found from the content.
const attendanceCourse: LoadedCourse = courses.courses.find((c) => c.course.completion.attendanceRequired)!;
const hour = 60 * 60 * 1000;

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let db: Kysely<Database>;
let organisationId: string;
let trainerId: string;
let counter = 0;

async function person(language = 'nl', name?: string): Promise<{ id: string; email: string }> {
  counter += 1;
  const email = `prof-${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  const id = await approvedStaff(db, { email, role: 'trainer', organisationId, name: name ?? `Professional ${counter}` });
  await db.updateTable('users').set({ language }).where('id', '=', id).execute();
  return { id, email };
}

/** A training day written straight into the table, at any time relative to now. */
async function trainingDay(input: { capacity: number; startsIn: number; hours?: number; courseId?: string }): Promise<string> {
  const startsAt = new Date(Date.now() + input.startsIn);
  const { id } = await db
    .insertInto('training_days')
    .values({
      course_id: input.courseId ?? attendanceCourse.course.id,
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + (input.hours ?? 6) * hour),
      place: 'Jeugdhulp De Linde, zaal 2, Gent',
      online_url: null,
      capacity: input.capacity,
      language: 'nl',
      created_by: trainerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function statuses(dayId: string): Promise<Record<string, string>> {
  const rows = await db.selectFrom('training_day_registrations').select(['user_id', 'status']).where('training_day_id', '=', dayId).execute();
  return Object.fromEntries(rows.map((r) => [r.user_id, r.status]));
}

beforeAll(async () => {
  expect(attendanceCourse, 'a course with completion.attendanceRequired in content/courses').toBeTruthy();
  database = await openTestDatabase();
  db = database.db;
  organisationId = await linde(db);
  trainerId = await approvedStaff(db, { email: 'trainer@example.org', role: 'trainer', organisationId, name: 'Trainer Tom' });
});

afterAll(async () => {
  await database?.drop();
});

describe(`training days on ${databaseKind}`, () => {
  it('publishes a study day with its parts, on the Brussels clock', async () => {
    const date = brusselsDate(new Date(Date.now() + 10 * 24 * hour));
    const parsed = parseTrainingDayForm({
      course: attendanceCourse.course.id,
      date,
      startTime: '09:00',
      endTime: '16:00',
      place: 'Gent',
      capacity: '30',
      language: 'fr',
      part1Kind: 'plenary',
      part1Title: 'Ouverture',
      part1Start: '09:00',
      part1End: '10:30',
      part2Kind: 'breakout',
      part2Title: 'Atelier A',
      part2Start: '11:00',
      part2End: '12:30',
      part2Room: 'Salle A',
      part3Kind: 'breakout',
      part3Title: 'Atelier B',
      part3Start: '11:00',
      part3End: '12:30',
    });
    if (!('data' in parsed)) throw new Error(JSON.stringify(parsed.errors));
    const created = await createTrainingDay(db, courses, { createdBy: trainerId, day: parsed.data });
    if (!created.ok) throw new Error(created.reason);
    const day = (await findTrainingDay(db, created.value.id))!;
    expect(brusselsDate(day.starts_at)).toBe(date);
    const viewer = await person();
    const detail = await trainingDayDetail(db, courses, { day, userId: viewer.id, language: 'fr', manager: false });
    expect(detail.times).toBe('09:00–16:00');
    expect(detail.parts.map((p) => [p.kind, p.title, p.times])).toEqual([
      ['plenary', 'Ouverture', '09:00–10:30'],
      ['breakout', 'Atelier A', '11:00–12:30'],
      ['breakout', 'Atelier B', '11:00–12:30'],
    ]);

    // With break-outs, she must choose one of this day's; she may change her choice later.
    expect(await registerForTrainingDay(db, { trainingDayId: day.id, userId: viewer.id })).toEqual(refused('chooseBreakout'));
    const [a, b] = detail.parts.filter((p) => p.kind === 'breakout');
    expect(await registerForTrainingDay(db, { trainingDayId: day.id, userId: viewer.id, breakoutPartId: a!.id })).toEqual(
      ok({ status: 'registered', already: false }),
    );
    expect(await registerForTrainingDay(db, { trainingDayId: day.id, userId: viewer.id, breakoutPartId: b!.id })).toEqual(
      ok({ status: 'registered', already: true }),
    );
    const after = await trainingDayDetail(db, courses, { day, userId: viewer.id, language: 'fr', manager: false });
    expect([after.myBreakout, after.registered]).toEqual([b!.id, 1]);
  });

  it('refuses a day that is already over, and a form without a place or a link', async () => {
    const yesterday = brusselsDate(new Date(Date.now() - 2 * 24 * hour));
    const parsed = parseTrainingDayForm({
      course: attendanceCourse.course.id,
      date: yesterday,
      startTime: '09:00',
      endTime: '12:00',
      place: 'Gent',
      capacity: '5',
      language: 'nl',
    });
    if (!('data' in parsed)) throw new Error('valid form refused');
    expect(await createTrainingDay(db, courses, { createdBy: trainerId, day: parsed.data })).toEqual(refused('trainingDayInPast'));
    // Only for a course taught on training days.
    const selfPaced = courses.courses.find((c) => c.course.format === 'self-paced')!;
    const future = { ...parsed.data, date: brusselsDate(new Date(Date.now() + 10 * 24 * hour)) };
    for (const course of [selfPaced.course.id, 'no-such-course'])
      expect(await createTrainingDay(db, courses, { createdBy: trainerId, day: { ...future, course } })).toEqual(refused('trainingDayCourse'));
    const noWhere = parseTrainingDayForm({
      course: 'x',
      date: '2027-02-30',
      startTime: '9:00',
      endTime: '08:00',
      capacity: '0',
      language: 'de',
      onlineUrl: 'javascript:alert(1)',
    });
    expect('errors' in noWhere && noWhere.errors).toEqual({
      date: 'training:errors.date',
      startTime: 'training:errors.time',
      capacity: 'training:errors.capacity',
      language: 'form.choose',
      onlineUrl: 'training:errors.link',
    });
  });

  it('puts the third of three on the waiting list; a cancellation moves her up and mails her in her language, in the same transaction', async () => {
    const dayId = await trainingDay({ capacity: 2, startsIn: 7 * 24 * hour });
    const [anna, bert, chloe] = [await person('nl', 'Anna'), await person('nl', 'Bert'), await person('fr', 'Chloé')];
    expect(await registerForTrainingDay(db, { trainingDayId: dayId, userId: anna.id })).toEqual(ok({ status: 'registered', already: false }));
    expect(await registerForTrainingDay(db, { trainingDayId: dayId, userId: bert.id })).toEqual(ok({ status: 'registered', already: false }));
    expect(await registerForTrainingDay(db, { trainingDayId: dayId, userId: chloe.id })).toEqual(ok({ status: 'waiting', already: false }));
    const day = (await findTrainingDay(db, dayId))!;
    expect((await trainingDayDetail(db, courses, { day, userId: chloe.id, language: 'fr', manager: false })).myQueuePosition).toBe(1);

    const before = await db.selectFrom('outbox').select('id').where('recipient', '=', chloe.email).execute();
    expect(before).toEqual([]);
    const outcome = await cancelRegistration(db, courses, { trainingDayId: dayId, userId: anna.id, origin: 'https://weerbaar.example' });
    expect(outcome).toEqual(ok({ cancelled: true, promoted: [chloe.id] }));
    expect(await statuses(dayId)).toEqual({ [anna.id]: 'cancelled', [bert.id]: 'registered', [chloe.id]: 'registered' });
    const mail = await db.selectFrom('outbox').select(['language', 'subject', 'body']).where('recipient', '=', chloe.email).execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.language).toBe('fr');
    expect(mail[0]!.subject).toContain('Une place s’est libérée');
    expect(mail[0]!.body).toContain('Chloé');
    expect(mail[0]!.body).toContain(`https://weerbaar.example/training-days/${dayId}`);
    // Nobody else got mail; cancelling twice changes nothing.
    expect(await db.selectFrom('outbox').select('id').where('recipient', 'in', [anna.email, bert.email]).execute()).toEqual([]);
    expect(await cancelRegistration(db, courses, { trainingDayId: dayId, userId: anna.id })).toEqual(ok({ cancelled: false, promoted: [] }));

    // Her data export says so; the trainer's lists the day she published.
    const exported = await exportUserData(db, chloe.id);
    expect(exported.trainingDays.registrations.map((r) => [r.training_day_id, r.status, r.promoted_at !== null])).toEqual([[dayId, 'registered', true]]);
    expect((await exportUserData(db, trainerId)).trainingDays.published.map((d) => d.id)).toContain(dayId);

    // Anna registers again: the day is full, she goes to the end of the waiting list.
    expect(await registerForTrainingDay(db, { trainingDayId: dayId, userId: anna.id })).toEqual(ok({ status: 'waiting', already: false }));
    // Someone on the waiting list leaving frees no seat.
    expect(await cancelRegistration(db, courses, { trainingDayId: dayId, userId: anna.id })).toEqual(ok({ cancelled: true, promoted: [] }));
  });

  it('never gives more seats than the capacity to parallel registrations (the day row is locked)', async () => {
    const capacity = 5;
    const dayId = await trainingDay({ capacity, startsIn: 3 * 24 * hour });
    const people = await Promise.all(Array.from({ length: 24 }, () => person()));
    const started = Date.now();
    const outcomes = await Promise.all(people.map((p) => registerForTrainingDay(db, { trainingDayId: dayId, userId: p.id })));
    console.log(`24 parallel registrations on ${databaseKind}: ${Date.now() - started} ms`);
    const statusOf = (outcome: (typeof outcomes)[number]) => (outcome.ok ? outcome.value.status : outcome.reason);
    expect(outcomes.filter((o) => statusOf(o) === 'registered').length).toBe(capacity);
    expect(outcomes.filter((o) => statusOf(o) === 'waiting').length).toBe(24 - capacity);
    const rows = Object.values(await statuses(dayId));
    expect(rows.filter((s) => s === 'registered').length).toBe(capacity);

    // Parallel cancellations by every seat holder: each freed seat goes to exactly one waiting person.
    const holders = people.filter((_, i) => statusOf(outcomes[i]!) === 'registered');
    await Promise.all(holders.map((p) => cancelRegistration(db, courses, { trainingDayId: dayId, userId: p.id })));
    const after = Object.values(await statuses(dayId));
    expect(after.filter((s) => s === 'registered').length).toBe(capacity);
    expect(after.filter((s) => s === 'waiting').length).toBe(24 - 2 * capacity);
    const [summary] = await listUpcomingTrainingDays(db, courses, {
      userId: trainerId,
      language: 'nl',
      courseId: attendanceCourse.course.id,
      now: new Date(Date.now() + 3 * 24 * hour - hour),
    });
    expect([summary?.id, summary?.registered, summary?.seatsLeft]).toEqual([dayId, capacity, 0]);
  });

  it('queues the day-before reminder once, only to those holding a seat, and only within 24 hours of the start', async () => {
    const soon = await trainingDay({ capacity: 1, startsIn: 20 * hour });
    const later = await trainingDay({ capacity: 1, startsIn: 30 * hour });
    const [seat, waiting, laterSeat] = [await person('en', 'Emma'), await person(), await person()];
    await registerForTrainingDay(db, { trainingDayId: soon, userId: seat.id });
    await registerForTrainingDay(db, { trainingDayId: soon, userId: waiting.id });
    await registerForTrainingDay(db, { trainingDayId: later, userId: laterSeat.id });
    const [first, second] = await Promise.all([queueTrainingDayReminders(db, courses), queueTrainingDayReminders(db, courses)]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    const reminders = await db
      .selectFrom('outbox')
      .select(['recipient', 'subject', 'language'])
      .where('recipient', 'in', [seat.email, waiting.email, laterSeat.email])
      .execute();
    expect(reminders).toEqual([{ recipient: seat.email, subject: expect.stringContaining('Tomorrow: training day'), language: 'en' }]);
    expect(await queueTrainingDayReminders(db, courses)).toBe(0);
  });

  it('refuses attendance before the day', async () => {
    const dayId = await trainingDay({ capacity: 3, startsIn: 3 * 24 * hour });
    const p = await person();
    await registerForTrainingDay(db, { trainingDayId: dayId, userId: p.id });
    expect(await markAttendance(db, courses, { trainingDayId: dayId, presentUserIds: [p.id], markedBy: trainerId })).toEqual(refused('attendanceTooEarly'));
  });
});

describe(`attendance counts toward completion on ${databaseKind}`, () => {
  const quiz = completionQuiz(attendanceCourse.course);
  const rightAnswers = Object.fromEntries(quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));

  /** Enrolled, every lesson before the quiz finished, registered on a training day running now. */
  async function learnerOnTheDay(): Promise<{ userId: string; dayId: string }> {
    const { id: userId } = await person();
    await enrol(db, userId, attendanceCourse);
    for (const lesson of attendanceCourse.course.lessons.slice(0, -1))
      await finishLesson(db, userId, attendanceCourse.course.id, lesson.id, lesson.steps.at(-1)!.id);
    const dayId = await trainingDay({ capacity: 10, startsIn: -hour, hours: 3 });
    expect(await registerForTrainingDay(db, { trainingDayId: dayId, userId })).toEqual(ok({ status: 'registered', already: false }));
    return { userId, dayId };
  }
  const pass = (userId: string) => submitQuizAttempt(db, { userId, loaded: attendanceCourse, quiz, answers: rightAnswers, language: 'nl' });
  const attend = (dayId: string, userId: string) => markAttendance(db, courses, { trainingDayId: dayId, presentUserIds: [userId], markedBy: trainerId });
  const completions = async (userId: string) => {
    const rows = await db
      .selectFrom('course_completions as c')
      .leftJoin('certificates as cert', 'cert.completion_id', 'c.id')
      .select(['c.course_version', 'cert.code'])
      .where('c.user_id', '=', userId)
      .where('c.course_id', '=', attendanceCourse.course.id)
      .execute();
    return rows;
  };

  it('quiz first, then attendance: the attendance writes the completion and the certificate', async () => {
    const { userId, dayId } = await learnerOnTheDay();
    const attempt = await pass(userId);
    expect(attempt.ok && [attempt.value.result.passed, attempt.value.certificateCode, attempt.value.awaitingAttendance]).toEqual([true, undefined, true]);
    expect(await completions(userId)).toEqual([]);
    expect(await attend(dayId, userId)).toEqual(ok({ present: 1, completed: [userId] }));
    const rows = await completions(userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.course_version).toBe(attendanceCourse.course.version);
    expect(rows[0]!.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    // Saving the list again, unticking and ticking: still one completion, never taken back.
    expect(await markAttendance(db, courses, { trainingDayId: dayId, presentUserIds: [], markedBy: trainerId })).toEqual(ok({ present: 0, completed: [] }));
    expect(await completions(userId)).toHaveLength(1);
    expect(await attend(dayId, userId)).toEqual(ok({ present: 1, completed: [] }));
    expect(await completions(userId)).toHaveLength(1);
  });

  it('attendance first, then the quiz: the passing attempt writes the completion and the certificate', async () => {
    const { userId, dayId } = await learnerOnTheDay();
    expect(await attend(dayId, userId)).toEqual(ok({ present: 1, completed: [] }));
    expect(await completions(userId)).toEqual([]);
    const attempt = await pass(userId);
    expect(attempt.ok && attempt.value.certificateCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(await completions(userId)).toHaveLength(1);
    expect(await pass(userId)).toEqual(refused('courseCompleted'));
    expect(await completions(userId)).toHaveLength(1);
  });

  it('quiz and attendance at the same moment: exactly one completion, by whichever commits last', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { userId, dayId } = await learnerOnTheDay();
      const [attempt, attendance] = await Promise.all([pass(userId), attend(dayId, userId)]);
      const byQuiz = attempt.ok && attempt.value.certificateCode !== undefined;
      const byAttendance = attendance.ok && attendance.value.completed.includes(userId);
      expect([byQuiz || byAttendance, byQuiz && byAttendance], `round ${round}: completed by one of the two`).toEqual([true, false]);
      expect(await completions(userId)).toHaveLength(1);
    }
  });

  it('attendance alone does not complete a course whose quiz is not passed, and a seatless person cannot be marked', async () => {
    const { userId, dayId } = await learnerOnTheDay();
    const stranger = await person();
    expect(await markAttendance(db, courses, { trainingDayId: dayId, presentUserIds: [userId, stranger.id], markedBy: trainerId })).toEqual(
      ok({ present: 1, completed: [] }),
    );
    expect(await completions(userId)).toEqual([]);
    const strangerRow = await db
      .selectFrom('training_day_registrations')
      .select('user_id')
      .where('training_day_id', '=', dayId)
      .where('user_id', '=', stranger.id)
      .execute();
    expect(strangerRow).toEqual([]);
  });
});

describe(`demo data on ${databaseKind}`, () => {
  it('holds a demo trainer with an upcoming training day of the course that asks for one', async () => {
    const seeded = await openTestDatabase();
    try {
      await seedDemoData(seeded.db, mkdtempSync(path.join(tmpdir(), 'weerbaar-demo-training-')), courses);
      const trainer = await seeded.db.selectFrom('users').select('id').where('email', '=', 'trainer@demo.weerbaar.invalid').executeTakeFirstOrThrow();
      const days = await listUpcomingTrainingDays(seeded.db, courses, { userId: trainer.id, language: 'nl' });
      expect(days.map((d) => [d.courseId, d.times, d.capacity, d.seatsLeft])).toEqual([[attendanceCourse.course.id, '09:30–16:30', 12, 12]]);
      const row = await seeded.db.selectFrom('training_days').select('created_by').executeTakeFirstOrThrow();
      expect(row.created_by).toBe(trainer.id);
    } finally {
      await seeded.drop();
    }
  });
});
