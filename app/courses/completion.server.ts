// Quiz attempts, completion and certificates (decision 0016). The attempt that passes the
// completion quiz writes the completion and the certificate in its own transaction: all
// three or none. A completion keeps the course version it was earned on and is never
// recomputed.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '~/db/schema.server';
import { isLanguage, type Language } from '~/i18n/config';
import { type Result, ok, refused } from '~/lib/result';
import { hasAttendedTrainingDay } from './attendance.server';
import { CERTIFICATE_CODE_BYTES, encodeCrockford } from './certificate-code';
import { finishLesson, lessonsMissingBeforeQuiz } from './enrolment.server';
import { courseText, type LoadedCourse } from './load.server';
import { scoreQuiz, type QuizAnswers, type QuizResult } from './quiz';
import { completionQuiz, type QuizStep } from './schema';

/** 80 bits from the operating system's CSPRNG, as 16 Crockford base32 characters. */
export function newCertificateCode(): string {
  return encodeCrockford(randomBytes(CERTIFICATE_CODE_BYTES));
}

export interface AttemptOutcome {
  attemptId: string;
  result: QuizResult;
  /** Set when this attempt completed the course. */
  certificateCode?: string;
  /** Passed, but the course also asks for a training day she has not attended yet. */
  awaitingAttendance: boolean;
}

/** Why the completion quiz is not taken: she completed the course already, or other lessons wait. */
export type AttemptRefusal = 'courseCompleted' | 'lessonsFirst';

/**
 * Stores an attempt (her answers as given, the score) and, when it passes the completion
 * quiz and every other condition holds, the completion and the certificate — one transaction.
 * The completion quiz is refused once she has completed the course (any version), and while
 * a lesson before it is unfinished.
 */
export async function submitQuizAttempt(
  db: Kysely<Database>,
  input: { userId: string; loaded: LoadedCourse; quiz: QuizStep; answers: QuizAnswers; language: Language },
): Promise<Result<AttemptOutcome, AttemptRefusal>> {
  const { loaded, quiz, userId } = input;
  const isCompletionQuiz = quiz.id === loaded.course.completion.quiz;
  const result = scoreQuiz(quiz, input.answers);
  return db.transaction().execute(async (trx): Promise<Result<AttemptOutcome, AttemptRefusal>> => {
    if (isCompletionQuiz) {
      if (await hasCompletion(trx, userId, loaded.course.id)) return refused('courseCompleted');
      if ((await lessonsMissingBeforeQuiz(trx, userId, loaded)).length) return refused('lessonsFirst');
    }
    const { id: attemptId } = await trx
      .insertInto('course_quiz_attempts')
      .values({
        user_id: userId,
        course_id: loaded.course.id,
        course_version: loaded.course.version,
        quiz_id: quiz.id,
        answers: JSON.stringify(input.answers),
        correct: result.correct,
        total: result.total,
        score: result.score,
        passed: result.passed,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (!isCompletionQuiz || !result.passed) return ok({ attemptId, result, awaitingAttendance: false });
    const lastLesson = loaded.course.lessons.at(-1)!;
    await finishLesson(trx, userId, loaded.course.id, lastLesson.id, quiz.id);
    const completed = await completeCourseIfEligible(trx, { userId, loaded, language: input.language });
    return ok({
      attemptId,
      result,
      certificateCode: completed.ok ? completed.value.code : undefined,
      awaitingAttendance: !completed.ok && completed.reason === 'awaitingAttendance',
    });
  });
}

async function hasCompletion(db: Kysely<Database>, userId: string, courseId: string): Promise<boolean> {
  return (
    (await db.selectFrom('course_completions').select('id').where('user_id', '=', userId).where('course_id', '=', courseId).executeTakeFirst()) !== undefined
  );
}

/** Why a course is not completed (yet): each rule of completion that does not hold. */
export type CompletionRefusal = 'courseCompleted' | 'lessonsFirst' | 'quizNotPassed' | 'awaitingAttendance';

/**
 * Writes the completion and its certificate when every rule of the course holds: the other
 * lessons finished, the completion quiz passed (its latest passing attempt gives the score),
 * a training day attended where the course asks for it. Refused, with the rule that does not
 * hold, when she has completed the course already (any version) or a rule does not hold.
 * Call it inside the transaction that made the last rule true: the passing attempt, or the
 * attendance (training days).
 */
export async function completeCourseIfEligible(
  trx: Transaction<Database>,
  input: { userId: string; loaded: LoadedCourse; language?: Language },
): Promise<Result<{ completionId: string; code: string }, CompletionRefusal>> {
  const { userId, loaded } = input;
  const { course } = loaded;
  if (await hasCompletion(trx, userId, course.id)) return refused('courseCompleted');
  if ((await lessonsMissingBeforeQuiz(trx, userId, loaded)).length) return refused('lessonsFirst');
  const attempt = await trx
    .selectFrom('course_quiz_attempts')
    .select(['id', 'score'])
    .where('user_id', '=', userId)
    .where('course_id', '=', course.id)
    .where('quiz_id', '=', completionQuiz(course).id)
    .where('passed', '=', true)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!attempt) return refused('quizNotPassed');
  if (course.completion.attendanceRequired && !(await hasAttendedTrainingDay(trx, userId, course.id))) return refused('awaitingAttendance');

  const completion = await trx
    .insertInto('course_completions')
    .values({ user_id: userId, course_id: course.id, course_version: course.version, attempt_id: attempt.id, score: attempt.score })
    .onConflict((oc) => oc.columns(['user_id', 'course_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  // Another transaction completed it first.
  if (!completion) return refused('courseCompleted');

  const holder = await trx
    .selectFrom('users')
    .leftJoin('organisations', 'organisations.id', 'users.organisation_id')
    .select(['users.name', 'users.language', 'organisations.name as organisation_name'])
    .where('users.id', '=', userId)
    .executeTakeFirstOrThrow();
  const wanted = input.language ?? (isLanguage(holder.language) ? holder.language : undefined);
  const language = wanted && course.languages.includes(wanted) ? wanted : course.languages[0]!;
  const issuedAt = new Date();
  const expiresAt = course.certificate.validityMonths ? addMonths(issuedAt, course.certificate.validityMonths) : null;
  const code = newCertificateCode();
  await trx
    .insertInto('certificates')
    .values({
      code,
      completion_id: completion.id,
      user_id: userId,
      course_id: course.id,
      holder_name: holder.name,
      organisation_name: holder.organisation_name,
      course_title: courseText(loaded, language)(course.titleKey),
      course_version: course.version,
      language,
      score: attempt.score,
      issued_at: issuedAt,
      expires_at: expiresAt,
    })
    .execute();
  return ok({ completionId: completion.id, code });
}

/** The same day of the month, `months` later (the last day when that month is shorter). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export interface AttemptView {
  id: string;
  quizId: string;
  answers: QuizAnswers;
  score: number;
  passed: boolean;
  createdAt: Date;
}

/** One of her own attempts (never another's). */
export async function findAttempt(db: Kysely<Database>, userId: string, attemptId: string): Promise<AttemptView | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(attemptId)) return undefined;
  const row = await db
    .selectFrom('course_quiz_attempts')
    .select(['id', 'quiz_id', 'answers', 'score', 'passed', 'created_at'])
    .where('id', '=', attemptId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { id: row.id, quizId: row.quiz_id, answers: row.answers, score: row.score, passed: row.passed, createdAt: row.created_at } : undefined;
}

export async function attemptCount(db: Kysely<Database>, userId: string, courseId: string, quizId: string): Promise<number> {
  const row = await db
    .selectFrom('course_quiz_attempts')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('quiz_id', '=', quizId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
