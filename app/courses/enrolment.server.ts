// Enrolments and the place in each lesson (decision 0016): enrol, unenrol, where she is, how
// far she got. Progress is kept by lesson and step id, so it follows her on any device.
import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { nextStepId } from './flow';
import type { CourseLibrary, LoadedCourse } from './load.server';
import type { CourseLesson } from './schema';
import { courseSummary } from './views.server';

export async function enrol(db: Kysely<Database>, userId: string, loaded: LoadedCourse): Promise<void> {
  await db
    .insertInto('course_enrolments')
    .values({ user_id: userId, course_id: loaded.course.id, course_version: loaded.course.version })
    .onConflict((oc) =>
      oc.columns(['user_id', 'course_id']).doUpdateSet({ unenrolled_at: null, course_version: loaded.course.version, updated_at: new Date() }),
    )
    .execute();
}

/** Leaves the course; her progress, attempts and any completion stay (enrolling again continues). */
export async function unenrol(db: Kysely<Database>, userId: string, courseId: string): Promise<void> {
  await db
    .updateTable('course_enrolments')
    .set({ unenrolled_at: new Date(), updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .execute();
}

export async function isEnrolled(db: Kysely<Database>, userId: string, courseId: string): Promise<boolean> {
  const row = await db
    .selectFrom('course_enrolments')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('unenrolled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export interface LessonProgress {
  id: string;
  /** The step she is on (or will start with). */
  stepId: string;
  seen: number;
  total: number;
  done: boolean;
  /** 0–100. */
  percent: number;
}

export interface CourseProgress {
  enrolled: boolean;
  lessons: LessonProgress[];
  /** 0–100 over every step of the course. */
  percent: number;
  /** Where "continue" leads: the first lesson not finished, at her step. */
  resume: { lessonId: string; stepId: string };
  completion: { courseVersion: number; completedAt: Date; score: number | null } | null;
}

/** Her progress in one course, read fresh (another device may have moved on). */
export async function courseProgress(db: Kysely<Database>, userId: string, loaded: LoadedCourse): Promise<CourseProgress> {
  const { course } = loaded;
  const [enrolment, rows, completion] = await Promise.all([
    db.selectFrom('course_enrolments').select(['unenrolled_at']).where('user_id', '=', userId).where('course_id', '=', course.id).executeTakeFirst(),
    db
      .selectFrom('course_lesson_progress')
      .select(['lesson_id', 'step_id', 'visited', 'completed_at'])
      .where('user_id', '=', userId)
      .where('course_id', '=', course.id)
      .execute(),
    db
      .selectFrom('course_completions')
      .select(['course_version', 'completed_at', 'score'])
      .where('user_id', '=', userId)
      .where('course_id', '=', course.id)
      .executeTakeFirst(),
  ]);
  const byLesson = new Map(rows.map((row) => [row.lesson_id, row]));
  const lessons = course.lessons.map((lesson): LessonProgress => {
    const row = byLesson.get(lesson.id);
    const ids = new Set(lesson.steps.map((step) => step.id));
    const seen = new Set((row?.visited ?? []).filter((id) => ids.has(id))).size;
    const done = Boolean(row?.completed_at) || completion !== undefined;
    // A step that no longer exists (a new version) sends her back to the lesson's start.
    const stepId = row && ids.has(row.step_id) ? row.step_id : lesson.steps[0]!.id;
    const total = lesson.steps.length;
    return { id: lesson.id, stepId, seen: done ? total : seen, total, done, percent: done ? 100 : Math.floor((seen * 100) / total) };
  });
  const totalSteps = lessons.reduce((sum, lesson) => sum + lesson.total, 0);
  const seenSteps = lessons.reduce((sum, lesson) => sum + lesson.seen, 0);
  const open = lessons.find((lesson) => !lesson.done) ?? lessons.at(-1)!;
  return {
    enrolled: enrolment !== undefined && enrolment.unenrolled_at === null,
    lessons,
    percent: completion ? 100 : Math.floor((seenSteps * 100) / totalSteps),
    resume: { lessonId: open.id, stepId: open.stepId },
    completion: completion ? { courseVersion: completion.course_version, completedAt: completion.completed_at, score: completion.score } : null,
  };
}

/** She opened a step: it becomes her place in the lesson and counts as seen. */
export async function visitStep(db: Kysely<Database>, userId: string, courseId: string, lessonId: string, stepId: string): Promise<void> {
  await db
    .insertInto('course_lesson_progress')
    .values({ user_id: userId, course_id: courseId, lesson_id: lessonId, step_id: stepId, visited: JSON.stringify([stepId]) })
    .onConflict((oc) =>
      oc.columns(['user_id', 'course_id', 'lesson_id']).doUpdateSet({
        step_id: stepId,
        visited: sql`case when course_lesson_progress.visited @> ${JSON.stringify([stepId])}::jsonb then course_lesson_progress.visited else course_lesson_progress.visited || ${JSON.stringify([stepId])}::jsonb end`,
        updated_at: new Date(),
      }),
    )
    .execute();
}

/** She finished the last step of a lesson. */
export async function finishLesson(db: Kysely<Database>, userId: string, courseId: string, lessonId: string, lastStepId: string): Promise<void> {
  await visitStep(db, userId, courseId, lessonId, lastStepId);
  await db
    .updateTable('course_lesson_progress')
    .set({ completed_at: sql`coalesce(completed_at, now())`, updated_at: new Date() })
    .where('user_id', '=', userId)
    .where('course_id', '=', courseId)
    .where('lesson_id', '=', lessonId)
    .execute();
}

export type Advance = { kind: 'step'; lessonId: string; stepId: string } | { kind: 'lesson-finished'; next?: { lessonId: string; stepId: string } };

/** She moves on from a step (with her case choice, if any): the next step, or the lesson is finished. */
export async function advance(
  db: Kysely<Database>,
  userId: string,
  loaded: LoadedCourse,
  lesson: CourseLesson,
  stepId: string,
  caseOption?: string,
): Promise<Advance> {
  const courseId = loaded.course.id;
  const target = nextStepId(lesson, stepId, caseOption);
  if (target !== undefined) {
    await visitStep(db, userId, courseId, lesson.id, target);
    return { kind: 'step', lessonId: lesson.id, stepId: target };
  }
  await finishLesson(db, userId, courseId, lesson.id, stepId);
  const index = loaded.course.lessons.findIndex((candidate) => candidate.id === lesson.id);
  const following = loaded.course.lessons[index + 1];
  return { kind: 'lesson-finished', next: following ? { lessonId: following.id, stepId: following.steps[0]!.id } : undefined };
}

/** The lessons she must finish before the completion quiz: every lesson but the quiz's own. */
export async function lessonsMissingBeforeQuiz(db: Kysely<Database>, userId: string, loaded: LoadedCourse): Promise<string[]> {
  const required = loaded.course.lessons.slice(0, -1).map((lesson) => lesson.id);
  if (!required.length) return [];
  const done = await db
    .selectFrom('course_lesson_progress')
    .select('lesson_id')
    .where('user_id', '=', userId)
    .where('course_id', '=', loaded.course.id)
    .where('completed_at', 'is not', null)
    .execute();
  const finished = new Set(done.map((row) => row.lesson_id));
  return required.filter((id) => !finished.has(id));
}

/** The courses she is enrolled in, for "my courses". */
export async function enrolledCourseIds(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('course_enrolments').select('course_id').where('user_id', '=', userId).where('unenrolled_at', 'is', null).execute();
  return rows.map((row) => row.course_id);
}

/** Every course in the reader's language; with her status and progress when she is a learner (signed in, may take courses). */
export async function catalogue(db: Kysely<Database>, courses: CourseLibrary, input: { learnerId: string | null; language: Language }) {
  return Promise.all(
    courses.courses.map(async (loaded) => {
      const progress = input.learnerId ? await courseProgress(db, input.learnerId, loaded) : null;
      const status = progress?.completion ? ('completed' as const) : progress?.enrolled ? ('enrolled' as const) : ('notEnrolled' as const);
      return { ...courseSummary(loaded, input.language), status, percent: progress?.percent ?? 0 };
    }),
  );
}
