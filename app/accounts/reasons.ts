import type { ReasonSpec } from '~/reasons';

/**
 * The refusals of this area (accounts, organisations, coordination and the dashboard), with
 * their status and message (decision 0022; the registry is app/reasons.ts).
 */
export const accountReasons = {
  // Her own account.
  /** Sign-in: the address and the password do not go together (or the account is disabled); which, we do not say. */
  invalidCredentials: { status: 400, message: 'account.signIn.errors.invalid' },
  /** Changing her password or address, or deleting her account: the current password is not hers. */
  wrongPassword: { status: 400, message: 'account.password.wrongCurrent' },
  /** The new address belongs to another account. */
  emailTaken: { status: 409, message: 'account.email.taken' },
  /** A reset link that was used, has expired, or never existed. */
  resetLinkUnusable: { status: 410, message: 'account.reset.invalid' },

  // Registration.
  /** The chosen organisation is not (any more) in the directory. */
  unknownOrganisation: { status: 400, message: 'account.register.errors.unknownOrganisation' },
  /** A proposed organisation looks like ones already in the directory: she chooses first ("did you mean…"). */
  organisationLookAlikes: { status: 409, message: 'account.organisation.didYouMean' },

  // Coordination.
  /** Approving or rejecting a registration someone already handled. */
  registrationNotPending: { status: 409, message: 'coordinate.registrations.notPending' },
  /** The user to change does not exist (any more). */
  userNotFound: { status: 404, message: 'coordinate.users.roleErrors.unknownUser' },
  /** A role change that only an admin may make (appointing or removing coordinators and admins). */
  roleNotAssignable: { status: 403, message: 'coordinate.users.roleErrors.notAllowed' },
  /** Facilitators and trainers belong to an organisation. */
  roleNeedsOrganisation: { status: 400, message: 'coordinate.users.roleErrors.needsOrganisation' },
  /** Every account keeps at least one role. */
  noRoles: { status: 400, message: 'coordinate.users.roleErrors.empty' },
  /** Disabling or enabling an account that is not in that state, her own, or one whose roles she could not hand out. */
  userStatusUnchanged: { status: 409, message: 'coordinate.users.statusNotChanged' },
  /** A merge needs another organisation of the directory as the duplicate. */
  noSuchDuplicate: { status: 400, message: 'coordinate.organisations.chooseDuplicate' },

  // The dashboard.
  /** A filter value that is not one of the form's. */
  dashboardFilters: { status: 400, message: 'dashboard.errors.filters' },
  /** A custom period without both dates, or with its end before its start. */
  dashboardPeriod: { status: 400, message: 'dashboard.errors.customPeriod' },
  /** A CSV download of a table the dashboard does not have. */
  unknownDashboardTable: { status: 404, message: 'dashboard.errors.unknownTable' },
} as const satisfies Record<string, ReasonSpec>;
