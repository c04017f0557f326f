import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeCertificate, certificatesOf } from '~/courses/certificates.server';
import { completeCourseIfEligible, submitQuizAttempt } from '~/courses/completion.server';
import { courseProgress, enrol, finishLesson, lessonsMissingBeforeQuiz, unenrol, visitStep } from '~/courses/enrolment.server';
import { loadCourses, type LoadedCourse } from '~/courses/load.server';
import type { QuizAnswers } from '~/courses/quiz';
import { completionQuiz } from '~/courses/schema';
import { courseCounts } from '~/courses/stats.server';
import { grantSessionException, grantSessionExceptionByEmail, groupSessionUnlock, withdrawSessionException } from '~/courses/unlock.server';
import { verifyCertificate } from '~/courses/verify.server';
import { type Result, ok, refused } from '~/lib/result';
import { exportUserData } from '~/accounts/users.server';
import { seedDemoData } from '~/demo/seed.server';
import { approvedStaff, linde } from './people';
import { databaseKind, openTestDatabase } from './test-database';

/**
 * Courses on a real database (decision 0016), with the real facilitator course: completion
 * and certificate are written with the passing attempt or not at all, stay with the version
 * they were earned on, and unlock group sessions at once.
 */
describe(`courses on ${databaseKind}`, () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let organisationId: string;
  const library = loadCourses();
  const loaded = library.course('weerbaar-sessies-begeleiden')!;
  const quiz = completionQuiz(loaded.course);
  const right: QuizAnswers = Object.fromEntries(quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  const wrong: QuizAnswers = Object.fromEntries(quiz.questions.map((q) => [q.id, [q.options.find((o) => !o.correct)!.id]]));

  beforeAll(async () => {
    database = await openTestDatabase();
    organisationId = await linde(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  let people = 0;
  async function learner(role: 'trainer' | 'facilitator' = 'trainer') {
    people += 1;
    return approvedStaff(database.db, { email: `learner${people}@example.org`, role, organisationId, name: `Lerende ${people}` });
  }

  /** Every lesson before the quiz's finished, as the player would leave them. */
  async function finishLessonsBeforeQuiz(userId: string, course: LoadedCourse = loaded) {
    await enrol(database.db, userId, course);
    for (const lesson of course.course.lessons.slice(0, -1)) {
      for (const step of lesson.steps) await visitStep(database.db, userId, course.course.id, lesson.id, step.id);
      await finishLesson(database.db, userId, course.course.id, lesson.id, lesson.steps.at(-1)!.id);
    }
  }

  /** The value of an outcome that must not be refused. */
  function valueOf<T>(outcome: Result<T, string>): T {
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    return outcome.value;
  }
  const submit = async (...args: Parameters<typeof submitQuizAttempt>) => valueOf(await submitQuizAttempt(...args));

  const rows = async (userId: string) => ({
    attempts: await database.db.selectFrom('course_quiz_attempts').selectAll().where('user_id', '=', userId).execute(),
    completions: await database.db.selectFrom('course_completions').selectAll().where('user_id', '=', userId).execute(),
    certificates: await database.db.selectFrom('certificates').selectAll().where('user_id', '=', userId).execute(),
  });

  it('keeps a failed attempt with its answers, and writes no completion', async () => {
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    const outcome = await submit(database.db, { userId, loaded, quiz, answers: wrong, language: 'nl' });
    expect(outcome.result.passed).toBe(false);
    expect(outcome.certificateCode).toBeUndefined();
    const { attempts, completions, certificates } = await rows(userId);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.answers).toEqual(wrong);
    expect([attempts[0]!.score, attempts[0]!.passed, attempts[0]!.course_version]).toEqual([0, false, loaded.course.version]);
    expect(completions).toEqual([]);
    expect(certificates).toEqual([]);
  });

  it('writes the completion and the certificate with the passing attempt: a snapshot tied to the version', async () => {
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    const outcome = await submit(database.db, { userId, loaded, quiz, answers: right, language: 'fr' });
    expect(outcome.result).toMatchObject({ passed: true, score: 100 });
    const { attempts, completions, certificates } = await rows(userId);
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({ course_id: loaded.course.id, course_version: loaded.course.version, attempt_id: attempts[0]!.id, score: 100 });
    expect(certificates).toHaveLength(1);
    const certificate = certificates[0]!;
    expect(certificate.code).toBe(outcome.certificateCode);
    expect(certificate.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(certificate).toMatchObject({
      completion_id: completions[0]!.id,
      holder_name: 'Lerende 2',
      organisation_name: 'Jeugdhulp De Linde',
      course_title: 'Animer les séances Weerbaar',
      course_version: loaded.course.version,
      language: 'fr',
      score: 100,
      status: 'valid',
    });
    // Written in one transaction: the same transaction timestamp.
    expect(certificate.issued_at.getTime() - completions[0]!.completed_at.getTime()).toBeLessThan(5_000);
    const months = loaded.course.certificate.validityMonths!;
    expect(
      certificate.expires_at!.getUTCFullYear() * 12 +
        certificate.expires_at!.getUTCMonth() -
        (certificate.issued_at.getUTCFullYear() * 12 + certificate.issued_at.getUTCMonth()),
    ).toBe(months);

    // Once completed, the completion quiz is closed: no new attempt, never a second completion or certificate.
    expect(await submitQuizAttempt(database.db, { userId, loaded, quiz, answers: right, language: 'nl' })).toEqual(refused('courseCompleted'));
    const after = await rows(userId);
    expect([after.attempts.length, after.completions.length, after.certificates.length]).toEqual([1, 1, 1]);
  });

  it('refuses the completion quiz while a lesson before it is unfinished, and completes only with every rule met', async () => {
    const userId = await learner();
    await enrol(database.db, userId, loaded);
    expect(await lessonsMissingBeforeQuiz(database.db, userId, loaded)).toEqual(loaded.course.lessons.slice(0, -1).map((l) => l.id));
    expect(await submitQuizAttempt(database.db, { userId, loaded, quiz, answers: right, language: 'nl' })).toEqual(refused('lessonsFirst'));
    expect(await rows(userId)).toEqual({ attempts: [], completions: [], certificates: [] });
    const complete = () => database.db.transaction().execute((trx) => completeCourseIfEligible(trx, { userId, loaded }));
    expect(await complete()).toEqual(refused('lessonsFirst'));
    await finishLessonsBeforeQuiz(userId);
    expect(await complete()).toEqual(refused('quizNotPassed'));
    // The lessons finished, the passing attempt completes the course.
    const outcome = await submit(database.db, { userId, loaded, quiz, answers: right, language: 'nl' });
    expect([outcome.result.passed, outcome.awaitingAttendance]).toEqual([true, false]);
    expect(outcome.certificateCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(await complete()).toEqual(refused('courseCompleted'));
  });

  it(`writes completion and certificate together or not at all: ${databaseKind === 'postgres' ? 'the connection is killed' : 'the database fails'} at the certificate's insert`, async () => {
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    // The certificate insert is the last statement of the passing transaction; it dies there.
    const body = databaseKind === 'postgres' ? 'perform pg_terminate_backend(pg_backend_pid());' : "raise exception 'certificate insert failed';";
    await sql.raw(`create or replace function fail_certificate() returns trigger language plpgsql as $$ begin ${body} return new; end $$`).execute(database.db);
    await sql`create trigger fail_certificate before insert on certificates for each row execute function fail_certificate()`.execute(database.db);
    try {
      await expect(submitQuizAttempt(database.db, { userId, loaded, quiz, answers: right, language: 'nl' })).rejects.toThrow(
        databaseKind === 'postgres' ? /terminat/i : /certificate insert failed/,
      );
    } finally {
      await sql`drop trigger fail_certificate on certificates`.execute(database.db);
      await sql`drop function fail_certificate()`.execute(database.db);
    }
    const { attempts, completions, certificates } = await rows(userId);
    expect({ attempts: attempts.length, completions: completions.length, certificates: certificates.length }).toEqual({
      attempts: 0,
      completions: 0,
      certificates: 0,
    });
    // The lesson the quiz belongs to is not marked finished either.
    const lastLesson = loaded.course.lessons.at(-1)!.id;
    const progress = await database.db
      .selectFrom('course_lesson_progress')
      .select('completed_at')
      .where('user_id', '=', userId)
      .where('lesson_id', '=', lastLesson)
      .executeTakeFirst();
    expect(progress?.completed_at ?? null).toBeNull();

    // The database (and its pool) go on: the next passing attempt completes the course.
    const outcome = await submit(database.db, { userId, loaded, quiz, answers: right, language: 'nl' });
    expect(outcome.certificateCode).toBeDefined();
    expect((await rows(userId)).certificates).toHaveLength(1);
  });

  it('keeps a completion on the version it was earned on when the content moves to a new version', async () => {
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    await submit(database.db, { userId, loaded, quiz, answers: right, language: 'nl' });
    const next: LoadedCourse = { ...loaded, course: { ...loaded.course, version: loaded.course.version + 1 } };

    const progress = await courseProgress(database.db, userId, next);
    expect(progress.completion?.courseVersion).toBe(loaded.course.version);
    expect(progress.percent).toBe(100);
    // Nothing is recomputed or re-stamped: not by completing again, not by a new attempt (the quiz is closed).
    expect(await database.db.transaction().execute((trx) => completeCourseIfEligible(trx, { userId, loaded: next }))).toEqual(refused('courseCompleted'));
    expect(await submitQuizAttempt(database.db, { userId, loaded: next, quiz: completionQuiz(next.course), answers: wrong, language: 'nl' })).toEqual(
      refused('courseCompleted'),
    );
    const { attempts, completions, certificates } = await rows(userId);
    expect(attempts.map((a) => a.course_version)).toEqual([loaded.course.version]);
    expect(completions.map((c) => c.course_version)).toEqual([loaded.course.version]);
    expect(certificates.map((c) => [c.course_version, c.status])).toEqual([[loaded.course.version, 'valid']]);
    // Unenrolling keeps it too.
    await unenrol(database.db, userId, loaded.course.id);
    expect((await courseProgress(database.db, userId, next)).completion?.courseVersion).toBe(loaded.course.version);
  });

  it('unlocks group sessions at once when a facilitator passes, or by a coordinator’s audited exception', async () => {
    const coordinator = await approvedStaff(database.db, { email: 'coordinator@example.org', role: 'coordinator', organisationId: null });
    const passing = await learner('facilitator');
    expect(await groupSessionUnlock(database.db, library, passing)).toEqual(refused('courseRequired'));
    await finishLessonsBeforeQuiz(passing);
    await submit(database.db, { userId: passing, loaded, quiz, answers: right, language: 'nl' });
    expect(await groupSessionUnlock(database.db, library, passing)).toEqual(ok({ by: 'course' }));

    const trainedElsewhere = await learner('facilitator');
    const aTrainer = await learner('trainer');
    expect(await grantSessionException(database.db, { userId: aTrainer, actorId: coordinator, reason: 'x' })).toEqual(refused('exceptionNotFacilitator'));
    expect(await grantSessionExceptionByEmail(database.db, { email: 'nobody@example.org', actorId: coordinator, reason: 'x' })).toEqual(
      refused('exceptionAccountUnknown'),
    );
    expect(await grantSessionException(database.db, { userId: trainedElsewhere, actorId: coordinator, reason: 'Opgeleid bij Child Focus in 2024' })).toEqual(
      ok(),
    );
    expect(await groupSessionUnlock(database.db, library, trainedElsewhere)).toEqual(ok({ by: 'exception' }));
    expect(await withdrawSessionException(database.db, { userId: trainedElsewhere, actorId: coordinator })).toEqual(ok());
    expect(await groupSessionUnlock(database.db, library, trainedElsewhere)).toEqual(refused('courseRequired'));
    // Withdrawn twice: the second finds nothing to withdraw (and writes no audit entry).
    expect(await withdrawSessionException(database.db, { userId: trainedElsewhere, actorId: coordinator })).toEqual(refused('exceptionNotFound'));
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('actor_id', '=', coordinator)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.target_id])).toEqual([
      ['course-exception.grant', trainedElsewhere],
      ['course-exception.withdraw', trainedElsewhere],
    ]);
    expect(audit[0]!.details).toEqual({ reason: 'Opgeleid bij Child Focus in 2024' });
  });

  it('revokes with a reason (audited), verifies by code with its status, and counts per course version', async () => {
    const coordinator = await approvedStaff(database.db, { email: 'coordinator2@example.org', role: 'coordinator', organisationId: null });
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    const { certificateCode } = await submit(database.db, { userId, loaded, quiz, answers: right, language: 'en' });
    const [mine] = await certificatesOf(database.db, userId);
    expect(mine).toMatchObject({ courseTitle: 'Running Weerbaar sessions', status: 'valid', holderName: `Lerende ${people}` });
    const found = await verifyCertificate(
      database.db,
      certificateCode!
        .toLowerCase()
        .replace(/(.{4})/g, '$1-')
        .slice(0, 19),
      '10.9.9.9',
    );
    expect(found.ok && found.value.status).toBe('valid');
    expect(JSON.stringify(found)).not.toContain('@');

    const before = await courseCounts(database.db);
    const id = (await database.db.selectFrom('certificates').select('id').where('code', '=', certificateCode!).executeTakeFirstOrThrow()).id;
    expect(await revokeCertificate(database.db, { certificateId: id, actorId: coordinator, reason: 'Fraude' })).toEqual(ok());
    expect(await revokeCertificate(database.db, { certificateId: id, actorId: coordinator, reason: 'Nog eens' })).toEqual(refused('alreadyRevoked'));
    expect(await revokeCertificate(database.db, { certificateId: randomUUID(), actorId: coordinator, reason: 'Nergens' })).toEqual(
      refused('certificateNotFound'),
    );
    const revoked = await verifyCertificate(database.db, certificateCode!, '10.9.9.9');
    expect(revoked.ok && [revoked.value.status, revoked.value.revokedReason]).toEqual(['revoked', 'Fraude']);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'details'])
      .where('actor_id', '=', coordinator)
      .execute();
    expect(audit).toEqual([
      {
        action: 'certificate.revoke',
        target_type: 'certificate',
        target_id: id,
        details: { code: certificateCode, courseId: loaded.course.id, holderId: userId, reason: 'Fraude' },
      },
    ]);

    const after = await courseCounts(database.db);
    const row = (counts: typeof after) => counts.find((c) => c.courseId === loaded.course.id && c.courseVersion === loaded.course.version)!;
    expect(row(after).certificatesValid).toBe(row(before).certificatesValid - 1);
    expect(row(after).certificatesRevoked).toBe(row(before).certificatesRevoked + 1);
    const certificates = await database.db.selectFrom('certificates').select(['status']).where('course_id', '=', loaded.course.id).execute();
    expect(row(after).completions).toBe(
      (await database.db.selectFrom('course_completions').select('id').where('course_id', '=', loaded.course.id).execute()).length,
    );
    expect(row(after).certificatesValid + row(after).certificatesRevoked + row(after).certificatesExpired).toBe(certificates.length);
  });

  it('puts her course data in her export, and takes it away with her account', async () => {
    const userId = await learner();
    await finishLessonsBeforeQuiz(userId);
    await submit(database.db, { userId, loaded, quiz, answers: wrong, language: 'nl' });
    const { certificateCode } = await submit(database.db, { userId, loaded, quiz, answers: right, language: 'nl' });
    const exported = await exportUserData(database.db, userId);
    expect(exported.courses.quizAttempts.map((a) => [a.answers, a.passed])).toEqual([
      [wrong, false],
      [right, true],
    ]);
    expect(exported.courses.certificates.map((c) => c.code)).toEqual([certificateCode]);
    expect(exported.courses.enrolments.map((e) => e.course_id)).toEqual([loaded.course.id]);
    await database.db.deleteFrom('users').where('id', '=', userId).execute();
    expect(await rows(userId)).toEqual({ attempts: [], completions: [], certificates: [] });
    expect(await verifyCertificate(database.db, certificateCode!, '10.8.8.8')).toEqual(refused('verifyWrongCode'));
  });

  it('turns 20 wrong codes a minute from one address into a wait', async () => {
    const ip = `10.${Math.floor(Math.random() * 200)}.1.1`;
    for (let i = 0; i < 20; i++) expect(await verifyCertificate(database.db, `ABCD-EFGH-JKMN-${1000 + i}`, ip)).toEqual(refused('verifyWrongCode'));
    const blocked = await verifyCertificate(database.db, 'ABCD-EFGH-JKMN-PQRS', ip);
    expect(blocked.ok === false && blocked.reason).toBe('verifyTooMany');
    expect(blocked.ok === false && blocked.reason === 'verifyTooMany' && blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(await verifyCertificate(database.db, 'ABCD-EFGH-JKMN-PQRS', '10.250.250.250')).toEqual(refused('verifyWrongCode'));
  });

  it('seeds a demo facilitator who has passed the facilitator course', async () => {
    const seeded = await openTestDatabase();
    try {
      await seedDemoData(seeded.db, mkdtempSync(path.join(tmpdir(), 'weerbaar-demo-courses-')), library);
      const facilitator = await seeded.db.selectFrom('users').select('id').where('email', '=', 'begeleider@demo.weerbaar.invalid').executeTakeFirstOrThrow();
      expect(await groupSessionUnlock(seeded.db, library, facilitator.id)).toEqual(ok({ by: 'course' }));
      expect(await seeded.db.selectFrom('certificates').select('holder_name').where('user_id', '=', facilitator.id).execute()).toEqual([
        { holder_name: 'Demo Begeleider' },
      ]);
      const professional = await seeded.db
        .selectFrom('users')
        .select(['id', 'profession'])
        .where('email', '=', 'leerkracht@demo.weerbaar.invalid')
        .executeTakeFirstOrThrow();
      expect(professional.profession).toBe('teacher');
      const halfway = library.course('tienerpooiers-herkennen');
      if (halfway) {
        const progress = await courseProgress(seeded.db, professional.id, halfway);
        expect(progress.enrolled).toBe(true);
        expect(progress.completion).toBeNull();
        expect(progress.lessons.filter((l) => l.done)).toHaveLength(Math.floor(halfway.course.lessons.length / 2));
      }
    } finally {
      await seeded.drop();
    }
  });
});
