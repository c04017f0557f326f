import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { hashPassword } from '~/accounts/passwords.server';
import { completeCourseIfEligible } from '~/courses/completion.server';
import { enrol, finishLesson, visitStep } from '~/courses/enrolment.server';
import type { CourseLibrary } from '~/courses/load.server';
import { scoreQuiz } from '~/courses/quiz';
import { completionQuiz } from '~/courses/schema';
import type { Database, Profession, Role } from '~/db/schema.server';
import { countOrganisations } from '~/organisations/directory.server';
import { normaliseOrganisationName } from '~/organisations/names';
import { brusselsDate, brusselsToInstant } from '~/training-days/time';

const demoOrganisations = [
  { name: 'Demo: Jeugdhulp De Linde', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' },
  { name: 'Demo: Begeleidingscentrum Horizon', type: 'youth_care', postal_code: '2000', municipality: 'Antwerpen', region: 'antwerpen' },
] as const;

export interface DemoAccount {
  label: 'admin' | 'coordinator' | 'facilitator' | 'pending' | 'professional' | 'trainer';
  email: string;
  password: string;
}

const demoPeople: {
  label: DemoAccount['label'];
  email: string;
  name: string;
  roles: Role[];
  organisation: number | null;
  status: 'approved' | 'pending';
  profession?: Profession;
}[] = [
  { label: 'admin', email: 'beheerder@demo.weerbaar.invalid', name: 'Demo Beheerder', roles: ['admin'], organisation: null, status: 'approved' },
  {
    label: 'coordinator',
    email: 'coordinator@demo.weerbaar.invalid',
    name: 'Demo Coördinator',
    roles: ['coordinator'],
    organisation: null,
    status: 'approved',
  },
  { label: 'facilitator', email: 'begeleider@demo.weerbaar.invalid', name: 'Demo Begeleider', roles: ['facilitator'], organisation: 0, status: 'approved' },
  { label: 'pending', email: 'nieuw@demo.weerbaar.invalid', name: 'Demo Nieuwe Begeleider', roles: ['facilitator'], organisation: 1, status: 'pending' },
  // A teacher taking the courses (decision 0016): halfway through course 1.
  {
    label: 'professional',
    email: 'leerkracht@demo.weerbaar.invalid',
    name: 'Demo Leerkracht',
    roles: ['trainer'],
    organisation: 1,
    status: 'approved',
    profession: 'teacher',
  },
  // A trainer who publishes training days (decision 0018): one is coming up.
  {
    label: 'trainer',
    email: 'trainer@demo.weerbaar.invalid',
    name: 'Demo Trainer',
    roles: ['trainer'],
    organisation: 0,
    status: 'approved',
    profession: 'pedagogue',
  },
];

/** The facilitator course every demo facilitator has passed, and the course the professional is halfway through. */
const demoCourses = { passed: 'weerbaar-sessies-begeleiden', halfway: 'tienerpooiers-herkennen' } as const;

/**
 * The demo passwords are random per installation and kept beside the data (mode 600), so
 * that the start-up log can say how to sign in without a password anyone could look up.
 */
function demoAccounts(dataDir: string, mayCreate: boolean): DemoAccount[] {
  const file = path.join(dataDir, 'demo-accounts.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
  // Another instance seeded this database: its passwords are not ours to know.
  if (!mayCreate) return [];
  const accounts = demoPeople.map((p) => ({ label: p.label, email: p.email, password: randomBytes(12).toString('base64url') }));
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(accounts, null, 2), { mode: 0o600 });
  return accounts;
}

/** Seeds the demo data once, into an empty database; returns the demo accounts that exist. */
export async function seedDemoData(db: Kysely<Database>, dataDir: string, courses?: CourseLibrary): Promise<{ seeded: boolean; accounts: DemoAccount[] }> {
  const alreadySeeded = (await countOrganisations(db)) > 0;
  const accounts = demoAccounts(dataDir, !alreadySeeded);
  // Hashing costs ~50 ms a password: only when there is something to seed (start-up budget).
  const hashes = alreadySeeded ? [] : await Promise.all(accounts.map((a) => hashPassword(a.password)));
  const seeded = await db.transaction().execute(async (trx) => {
    if (hashes.length === 0 || (await countOrganisations(trx)) > 0) return false;
    const organisations = await trx
      .insertInto('organisations')
      .values(demoOrganisations.map((o) => ({ ...o, normalised_name: normaliseOrganisationName(o.name) })))
      .returning('id')
      .execute();
    for (const [index, person] of demoPeople.entries()) {
      const { id } = await trx
        .insertInto('users')
        .values({
          email: person.email,
          name: person.name,
          password_hash: hashes[index]!,
          language: 'nl',
          profession: person.profession ?? (person.organisation === null ? 'other' : 'youth_care_worker'),
          organisation_id: person.organisation === null ? null : organisations[person.organisation]!.id,
          status: person.status,
          reviewed_at: person.status === 'approved' ? new Date() : null,
        })
        .returning('id')
        .execute()
        .then((rows) => rows[0]!);
      await trx
        .insertInto('user_roles')
        .values(person.roles.map((role) => ({ user_id: id, role })))
        .execute();
      if (courses && person.label === 'facilitator') await passCourse(trx, courses, id, demoCourses.passed);
      if (courses && person.label === 'professional') await halfwayThrough(trx, courses, id, demoCourses.halfway);
      if (courses && person.label === 'trainer') await upcomingTrainingDay(trx, courses, id);
    }
    return true;
  });
  if (accounts.length === 0) return { seeded, accounts };
  const existing = await db
    .selectFrom('users')
    .select('email')
    .where(
      'email',
      'in',
      accounts.map((a) => a.email),
    )
    .execute();
  return { seeded, accounts: accounts.filter((a) => existing.some((e) => e.email === a.email)) };
}

/** The demo facilitator passed the facilitator course: every lesson, a perfect quiz, completion and certificate. */
async function passCourse(trx: Transaction<Database>, courses: CourseLibrary, userId: string, courseId: string) {
  const loaded = courses.course(courseId);
  if (!loaded) return;
  await enrol(trx, userId, loaded);
  for (const lesson of loaded.course.lessons) await finishLesson(trx, userId, courseId, lesson.id, lesson.steps.at(-1)!.id);
  const quiz = completionQuiz(loaded.course);
  const answers = Object.fromEntries(quiz.questions.map((q) => [q.id, q.options.filter((o) => o.correct).map((o) => o.id)]));
  const result = scoreQuiz(quiz, answers);
  await trx
    .insertInto('course_quiz_attempts')
    .values({
      user_id: userId,
      course_id: courseId,
      course_version: loaded.course.version,
      quiz_id: quiz.id,
      answers: JSON.stringify(answers),
      correct: result.correct,
      total: result.total,
      score: result.score,
      passed: result.passed,
    })
    .execute();
  await completeCourseIfEligible(trx, { userId, loaded, language: 'nl' });
}

/** The demo professional finished the first half of a course's lessons and stands at the start of the next. */
async function halfwayThrough(trx: Transaction<Database>, courses: CourseLibrary, userId: string, courseId: string) {
  const loaded = courses.course(courseId);
  if (!loaded) return;
  await enrol(trx, userId, loaded);
  const { lessons } = loaded.course;
  const half = Math.floor(lessons.length / 2);
  for (const lesson of lessons.slice(0, half)) {
    for (const step of lesson.steps) await visitStep(trx, userId, courseId, lesson.id, step.id);
    await finishLesson(trx, userId, courseId, lesson.id, lesson.steps.at(-1)!.id);
  }
  const next = lessons[half];
  if (next) await visitStep(trx, userId, courseId, next.id, next.steps[0]!.id);
}

/**
 * The demo trainer's training day, two weeks after the seeding, 09:30–16:30 in Gent: of the
 * course whose completion asks for one (course 4), else of any course with a training day.
 */
async function upcomingTrainingDay(trx: Transaction<Database>, courses: CourseLibrary, trainerId: string) {
  const withDays = courses.courses.filter((c) => c.course.format !== 'self-paced');
  const loaded = withDays.find((c) => c.course.completion.attendanceRequired) ?? withDays[0];
  if (!loaded) return;
  const date = brusselsDate(new Date(Date.now() + 14 * 24 * 60 * 60 * 1000));
  await trx
    .insertInto('training_days')
    .values({
      course_id: loaded.course.id,
      starts_at: brusselsToInstant(date, '09:30'),
      ends_at: brusselsToInstant(date, '16:30'),
      place: 'Demo: Jeugdhulp De Linde, vergaderzaal 1, Gent',
      online_url: null,
      capacity: 12,
      language: 'nl',
      notes: null,
      created_by: trainerId,
    })
    .execute();
}
