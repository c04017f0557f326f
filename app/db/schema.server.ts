import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { Language } from '../i18n/config';
import type { LessonVariant } from '../lessons/schema';
import type { GroupSessionStatus, OrganisationType, PacingMode, Profession, Region, Role, UserStatus } from './vocabulary';

export * from './vocabulary';

/** The whole schema in one place; row types derive from it. */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  user_roles: UserRoleTable;
  auth_sessions: AuthSessionTable;
  password_reset_tokens: PasswordResetTokenTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  rate_limits: RateLimitTable;
  participants: ParticipantTable;
  progress_events: ProgressEventTable;
  group_sessions: GroupSessionTable;
  session_answers: SessionAnswerTable;
  session_evaluations: SessionEvaluationTable;
  care_signals: CareSignalTable;
  course_enrolments: CourseEnrolmentTable;
  course_lesson_progress: CourseLessonProgressTable;
  course_quiz_attempts: CourseQuizAttemptTable;
  course_completions: CourseCompletionTable;
  certificates: CertificateTable;
  group_session_exceptions: GroupSessionExceptionTable;
  training_days: TrainingDayTable;
  training_day_parts: TrainingDayPartTable;
  training_day_registrations: TrainingDayRegistrationTable;
}

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  /** Lower-cased, accent- and punctuation-free name: the key for "did you mean…". */
  normalised_name: string;
  type: OrganisationType;
  postal_code: string;
  municipality: string;
  region: Region;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export type Organisation = Selectable<OrganisationTable>;

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UserTable {
  id: Generated<string>;
  /** Stored lower-cased and trimmed: one account per address. */
  email: string;
  name: string;
  password_hash: string;
  language: string;
  profession: Profession;
  /** Facilitators and trainers belong to exactly one; coordinators and admins may have none. */
  organisation_id: string | null;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  rejection_reason: string | null;
  created_at: CreatedAt;
  reviewed_at: Date | null;
  reviewed_by: string | null;
}
export type User = Selectable<UserTable>;

export interface UserRoleTable {
  user_id: string;
  role: Role;
}

export interface AuthSessionTable {
  /** SHA-256 of the random session id: a leaked table cannot be replayed as cookies. */
  id_hash: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: ColumnType<Date, Date | undefined, Date>;
  expires_at: Date;
}

export interface PasswordResetTokenTable {
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Date;
  used_at: Date | null;
}

export interface OutboxTable {
  id: Generated<string>;
  recipient: string;
  language: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}
export type OutboxMessage = Selectable<OutboxTable>;
export type NewOutboxMessage = Insertable<OutboxTable>;

export interface AuditLogTable {
  id: Generated<string>;
  /** Null once the actor's account is deleted: the action stays, her name goes. */
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: CreatedAt;
}
export type AuditEntry = Selectable<AuditLogTable>;

export interface RateLimitTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface ParticipantTable {
  id: string;
  module_id: string;
  /** Checked by the database too (migration 0011), like the session's. */
  variant: LessonVariant;
  language: Language;
  preview_by: string | null;
  created_at: CreatedAt;
  group_session_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Erased when the session ends: counts and aggregates stay, names do not. */
  nickname: ColumnType<string | null, string | null | undefined, string | null>;
  avatar: ColumnType<string | null, string | null | undefined, string | null>;
  removed: ColumnType<boolean, boolean | undefined, boolean>;
  /** Her current step (own-pace mode), kept with each appended event for the facilitator's counts. */
  current_step: ColumnType<string | null, string | null | undefined, string | null>;
  /** When her own log reached the module's end (solo and own pace; "together" follows the group's path). */
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** What the facilitator's screens call her (for "remove" only, never her id); dropped when the session ends. */
  handle: ColumnType<string | null, string | null | undefined, string | null>;
}
export type Participant = Selectable<ParticipantTable>;

export interface ProgressEventTable {
  participant_id: string;
  sequence: number;
  event: ColumnType<unknown, string, never>;
  created_at: CreatedAt;
}

export interface GroupSessionTable {
  id: Generated<string>;
  organisation_id: string;
  facilitator_id: string | null;
  module_id: string;
  variant: LessonVariant;
  language: Language;
  pacing: PacingMode;
  join_code: string;
  status: ColumnType<GroupSessionStatus, GroupSessionStatus | undefined, GroupSessionStatus>;
  joining_locked: ColumnType<boolean, boolean | undefined, boolean>;
  path: ColumnType<string[], string, string>;
  revealed_step: ColumnType<string | null, string | null | undefined, string | null>;
  version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  expires_at: Date;
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Participations of the session, kept with each join, removal and own-pace finish (decision 0010). */
  joined_count: ColumnType<number, number | undefined, number>;
  removed_count: ColumnType<number, number | undefined, number>;
  finished_own_count: ColumnType<number, number | undefined, number>;
  /** How many care signals the girls sent: all that stays of them after the end (decision 0015). */
  care_signal_count: ColumnType<number, number | undefined, number>;
}
export type GroupSession = Selectable<GroupSessionTable>;

/** A girl's private "I want to stop / ask something" signal, until the session ends (decision 0015). */
export interface CareSignalTable {
  id: Generated<string>;
  group_session_id: string;
  participant_id: string;
  created_at: CreatedAt;
  seen_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface SessionAnswerTable {
  group_session_id: string;
  participant_id: string;
  step_id: string;
  answer: ColumnType<unknown, string, string>;
  created_at: CreatedAt;
}

export interface SessionEvaluationTable {
  group_session_id: string;
  how_it_went: number;
  step_usefulness: ColumnType<Record<string, number>, string, string>;
  comments: string | null;
  created_at: CreatedAt;
  /** The session's scope, copied when the evaluation is written (a session's scope never changes): the dashboard counts without joining the sessions. */
  session_started_at: Date;
  module_id: string;
  variant: string;
  language: string;
  organisation_id: string;
}

// Courses (migration 0008, decision 0016).
export interface CourseEnrolmentTable {
  user_id: string;
  course_id: string;
  course_version: number;
  enrolled_at: CreatedAt;
  unenrolled_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CourseLessonProgressTable {
  user_id: string;
  course_id: string;
  lesson_id: string;
  step_id: string;
  visited: ColumnType<string[], string, string>;
  completed_at: Date | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CourseQuizAttemptTable {
  id: Generated<string>;
  user_id: string;
  course_id: string;
  course_version: number;
  quiz_id: string;
  answers: ColumnType<Record<string, string[]>, string, never>;
  correct: number;
  total: number;
  score: number;
  passed: boolean;
  created_at: CreatedAt;
}

export interface CourseCompletionTable {
  id: Generated<string>;
  user_id: string;
  course_id: string;
  course_version: number;
  attempt_id: string | null;
  score: number | null;
  completed_at: CreatedAt;
}

export type CertificateStatus = 'valid' | 'revoked';
export interface CertificateTable {
  id: Generated<string>;
  code: string;
  completion_id: string;
  user_id: string;
  course_id: string;
  holder_name: string;
  organisation_name: string | null;
  course_title: string;
  course_version: number;
  language: string;
  score: number | null;
  issued_at: CreatedAt;
  expires_at: Date | null;
  status: ColumnType<CertificateStatus, CertificateStatus | undefined, CertificateStatus>;
  revoked_reason: string | null;
  revoked_by: string | null;
  revoked_at: Date | null;
}
export type Certificate = Selectable<CertificateTable>;

export interface GroupSessionExceptionTable {
  user_id: string;
  reason: string;
  granted_by: string | null;
  granted_at: ColumnType<Date, Date | undefined, Date>;
}

// Training days (migration 0010, decision 0018).
export interface TrainingDayTable {
  id: Generated<string>;
  course_id: string;
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  online_url: string | null;
  capacity: number;
  language: string;
  notes: string | null;
  material_url: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type TrainingDay = Selectable<TrainingDayTable>;

export type TrainingDayPartKind = 'plenary' | 'breakout';
export interface TrainingDayPartTable {
  id: Generated<string>;
  training_day_id: string;
  position: number;
  kind: TrainingDayPartKind;
  title: string;
  starts_at: Date;
  ends_at: Date;
  room: string | null;
}

export type TrainingDayRegistrationStatus = 'registered' | 'waiting' | 'cancelled';
export interface TrainingDayRegistrationTable {
  training_day_id: string;
  user_id: string;
  status: TrainingDayRegistrationStatus;
  queued_at: ColumnType<Date, Date | undefined, Date>;
  breakout_part_id: string | null;
  promoted_at: Date | null;
  cancelled_at: Date | null;
  reminded_at: Date | null;
  attended: ColumnType<boolean, boolean | undefined, boolean>;
  attendance_marked_at: Date | null;
  attendance_marked_by: string | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
