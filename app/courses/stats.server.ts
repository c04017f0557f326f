// Course figures for the coordinators' dashboard (decision 0016): per course and version,
// enrolments (current), completions and certificates valid / expired / revoked. Aggregated in SQL.
import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';

export interface CourseVersionCounts {
  courseId: string;
  courseVersion: number;
  enrolments: number;
  completions: number;
  certificatesValid: number;
  certificatesExpired: number;
  certificatesRevoked: number;
}

export async function courseCounts(db: Kysely<Database>, now: Date = new Date()): Promise<CourseVersionCounts[]> {
  const enrolments = db
    .selectFrom('course_enrolments')
    .select([
      'course_id',
      'course_version',
      sql<string>`count(*)`.as('enrolments'),
      sql<string>`0`.as('completions'),
      sql<string>`0`.as('valid'),
      sql<string>`0`.as('expired'),
      sql<string>`0`.as('revoked'),
    ])
    .where('unenrolled_at', 'is', null)
    .groupBy(['course_id', 'course_version']);
  const completions = db
    .selectFrom('course_completions')
    .select([
      'course_id',
      'course_version',
      sql<string>`0`.as('enrolments'),
      sql<string>`count(*)`.as('completions'),
      sql<string>`0`.as('valid'),
      sql<string>`0`.as('expired'),
      sql<string>`0`.as('revoked'),
    ])
    .groupBy(['course_id', 'course_version']);
  const certificates = db
    .selectFrom('certificates')
    .select([
      'course_id',
      'course_version',
      sql<string>`0`.as('enrolments'),
      sql<string>`0`.as('completions'),
      sql<string>`count(*) filter (where status = 'valid' and (expires_at is null or expires_at > ${now}))`.as('valid'),
      sql<string>`count(*) filter (where status = 'valid' and expires_at <= ${now})`.as('expired'),
      sql<string>`count(*) filter (where status = 'revoked')`.as('revoked'),
    ])
    .groupBy(['course_id', 'course_version']);
  const rows = await db
    .selectFrom(enrolments.unionAll(completions).unionAll(certificates).as('parts'))
    .select([
      'course_id',
      'course_version',
      sql<string>`sum(enrolments)`.as('enrolments'),
      sql<string>`sum(completions)`.as('completions'),
      sql<string>`sum(valid)`.as('valid'),
      sql<string>`sum(expired)`.as('expired'),
      sql<string>`sum(revoked)`.as('revoked'),
    ])
    .groupBy(['course_id', 'course_version'])
    .orderBy('course_id')
    .orderBy('course_version')
    .execute();
  return rows.map((row) => ({
    courseId: row.course_id,
    courseVersion: row.course_version,
    enrolments: Number(row.enrolments),
    completions: Number(row.completions),
    certificatesValid: Number(row.valid),
    certificatesExpired: Number(row.expired),
    certificatesRevoked: Number(row.revoked),
  }));
}
