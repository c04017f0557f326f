import { accountReasons } from './accounts/reasons';
import { courseReasons } from './courses/reasons';
import { sessionReasons } from './sessions/reasons';

/** What a refusal means for the client: its HTTP status, and the message key that explains it. */
export interface ReasonSpec {
  status: 400 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 423 | 429;
  /** An i18next key (`namespace:key` outside `common`) that exists in every language. */
  message: string;
}

/** Refusals any route can give: bad bodies, missing things, too many attempts. */
export const commonReasons = {
  badRequest: { status: 400, message: 'form.invalidRequest' },
  notJson: { status: 400, message: 'form.invalidRequest' },
  tooLarge: { status: 413, message: 'form.tooLarge' },
  unsupportedMediaType: { status: 415, message: 'form.invalidRequest' },
  methodNotAllowed: { status: 405, message: 'form.invalidRequest' },
  notFound: { status: 404, message: 'errors.notFound.body' },
  forbidden: { status: 403, message: 'errors.forbidden.body' },
  tooMany: { status: 429, message: 'errors.tooManyRequests.body' },
} as const satisfies Record<string, ReasonSpec>;

/**
 * Every reason the app gives, one table per area (decision 0022). A reason is named once: the
 * unit test fails when two areas use the same name, or a message is missing in a language.
 */
export const reasonTables = { common: commonReasons, accounts: accountReasons, courses: courseReasons, sessions: sessionReasons } as const;

export const reasons = { ...commonReasons, ...accountReasons, ...courseReasons, ...sessionReasons } as const satisfies Record<string, ReasonSpec>;

export type Reason = keyof typeof reasons;

export function statusOf(reason: Reason): ReasonSpec['status'] {
  return reasons[reason].status;
}

export function messageOf(reason: Reason): string {
  return reasons[reason].message;
}
