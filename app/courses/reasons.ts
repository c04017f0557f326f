import type { ReasonSpec } from '~/reasons';

/**
 * The refusals of the training plan — courses, certificates, /verify, the group-session
 * unlock and training days — with their status and message (decision 0022; the registry is
 * app/reasons.ts).
 */
export const courseReasons = {
  // The course player
  /** A case step moves on only after a choice, and only to one of its options. */
  chooseAnswer: { status: 400, message: 'courses:player.caseChooseFirst' },
  /** The completion quiz waits until every other lesson is finished. */
  lessonsFirst: { status: 409, message: 'courses:player.quizLessonsFirst' },
  /** She has completed the course (any version): no second completion, no new completion quiz. */
  courseCompleted: { status: 409, message: 'courses:player.quizAlreadyCompleted' },
  /** No passing attempt at the completion quiz yet. */
  quizNotPassed: { status: 409, message: 'courses:player.quizFailed' },
  /** Passed, but the course also asks for a training day she has not attended yet. */
  awaitingAttendance: { status: 409, message: 'courses:player.quizAwaitingAttendance' },
  /** A course's material is for those enrolled in it. */
  notEnrolled: { status: 403, message: 'courses:player.notEnrolled' },

  // Certificates and /verify
  certificateNotFound: { status: 404, message: 'courses:coordinate.certificates.notFound' },
  alreadyRevoked: { status: 409, message: 'courses:coordinate.certificates.alreadyRevoked' },
  /** No certificate has this code (or it is not even the shape of one): counted toward the limit. */
  verifyWrongCode: { status: 404, message: 'courses:verify.notFound' },
  /** Twenty wrong codes a minute from one address: every lookup waits. */
  verifyTooMany: { status: 429, message: 'courses:verify.tooMany' },

  // Group sessions: the course first, or a coordinator's exception
  courseRequired: { status: 403, message: 'courses:gate.refused' },
  exceptionAccountUnknown: { status: 400, message: 'courses:coordinate.exceptions.notFound' },
  exceptionNotFacilitator: { status: 400, message: 'courses:coordinate.exceptions.notFacilitator' },
  exceptionNotFound: { status: 404, message: 'courses:coordinate.exceptions.gone' },

  // Training days
  trainingDayNotFound: { status: 404, message: 'training:errors.notFound' },
  /** Registering or cancelling once the day has ended. */
  trainingDayOver: { status: 409, message: 'training:errors.over' },
  /** Publishing a day whose end has passed. */
  trainingDayInPast: { status: 400, message: 'training:errors.inPast' },
  /** Publishing a day for a course that is not taught on training days (or does not exist). */
  trainingDayCourse: { status: 400, message: 'form.choose' },
  chooseBreakout: { status: 400, message: 'training:errors.breakout' },
  attendanceTooEarly: { status: 409, message: 'training:errors.attendanceTooEarly' },
} as const satisfies Record<string, ReasonSpec>;

export type CourseReason = keyof typeof courseReasons;
