import type { ReasonSpec } from '~/reasons';

/**
 * The refusals of group sessions and the player, with their status and message (decision
 * 0022; the registry is app/reasons.ts). A message is for whoever sees it: the girl (join,
 * player, tablet) or her facilitator (the console, a new session).
 */
export const sessionReasons = {
  // A code, a nickname, joining (the girl's pages).
  joinCodeFormat: { status: 400, message: 'join.errors.format' },
  joinCodeUnknown: { status: 404, message: 'join.errors.unknown' },
  joinTooMany: { status: 429, message: 'join.errors.tooMany' },
  joiningLocked: { status: 409, message: 'join.nickname.errors.locked' },
  nicknameLength: { status: 400, message: 'join.nickname.errors.length' },
  nicknameCharacters: { status: 400, message: 'join.nickname.errors.characters' },
  nicknameContact: { status: 400, message: 'join.nickname.errors.contact' },
  nicknameUnkind: { status: 400, message: 'join.nickname.errors.unkind' },
  avatarMissing: { status: 400, message: 'join.nickname.errors.avatar' },

  // Her tablet's way into a session's live endpoints.
  notJoined: { status: 403, message: 'join.errors.notJoined' },
  otherSession: { status: 403, message: 'join.errors.otherSession' },
  removedFromSession: { status: 403, message: 'join.errors.removed' },
  notInSession: { status: 404, message: 'join.errors.removed' },

  // Where the session is: for her answers and steps, and for the facilitator's controls.
  sessionEnded: { status: 409, message: 'sessions.errors.ended' },
  sessionPaused: { status: 409, message: 'player.errors.paused' },
  notRunning: { status: 409, message: 'player.errors.sessionClosed' },
  togetherSession: { status: 409, message: 'player.errors.sessionClosed' },
  ownPaceSession: { status: 409, message: 'sessions.errors.ownPace' },

  // Her answer in "together" mode, her own steps (the player).
  notCurrentStep: { status: 409, message: 'player.errors.stale' },
  noAnswerHere: { status: 422, message: 'player.errors.incomplete' },
  answerInvalid: { status: 422, message: 'player.errors.incomplete' },
  eventNotAllowed: { status: 422, message: 'player.errors.incomplete' },
  sequenceTaken: { status: 409, message: 'player.errors.stale' },
  sequenceAhead: { status: 409, message: 'player.errors.stale' },
  stalePage: { status: 400, message: 'player.errors.stale' },

  // The facilitator: a new session, her controls, the evaluation.
  sessionFormInvalid: { status: 400, message: 'sessions.new.invalid' },
  sessionNeedsOrganisation: { status: 409, message: 'sessions.new.noOrganisation' },
  facilitatorCourseMissing: { status: 403, message: 'courses:gate.refused' },
  alreadyStarted: { status: 409, message: 'sessions.errors.alreadyStarted' },
  sessionNotStarted: { status: 409, message: 'sessions.errors.notStarted' },
  atLastStep: { status: 409, message: 'sessions.errors.atEnd' },
  atFirstStep: { status: 409, message: 'sessions.errors.atStart' },
  groupChoiceNeeded: { status: 409, message: 'sessions.errors.chooseOption' },
  unknownGroupChoice: { status: 409, message: 'sessions.errors.unknownOption' },
  unknownParticipant: { status: 409, message: 'sessions.errors.unknownParticipant' },
  sessionBusy: { status: 409, message: 'sessions.errors.busy' },
  sessionNotEnded: { status: 409, message: 'sessions.errors.notEnded' },
  evaluationInvalid: { status: 400, message: 'sessions.errors.evaluation' },
} as const satisfies Record<string, ReasonSpec>;

export type SessionReason = keyof typeof sessionReasons;
