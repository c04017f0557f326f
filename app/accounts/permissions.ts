import type { Role } from '~/db/vocabulary';

/**
 * Permissions as data: (action, entity, access). `own` means within her own organisation,
 * `any` means every organisation. One helper answers "may this user do this?"; the
 * authorisation-matrix test checks the routes against the same table. The actions and
 * entities are the table's own words: `can(user, 'reveiw', 'user')` does not compile.
 */
export type Access = 'own' | 'any';

const coordinatorPermissions = [
  'read:organisation:any',
  'update:organisation:any',
  'merge:organisation:any',
  'review:user:any',
  'update:user:any',
  'read:outbox:any',
  'read:audit:any',
  'read:statistics:any',
  'preview:module:any',
  // Courses (decision 0016): revoke a certificate, let a facilitator trained elsewhere run sessions.
  'revoke:certificate:any',
  'grant:session-exception:any',
  // Professionals of every role may take the courses.
  'take:course:any',
  // Training days (decision 0018): publish one, and manage anyone's (attendance, material).
  'create:training-day:any',
  'manage:training-day:any',
] as const;

export const rolePermissions = {
  facilitator: ['read:organisation:own', 'preview:module:any', 'run:group-session:own', 'take:course:any'],
  trainer: ['read:organisation:own', 'take:course:any', 'create:training-day:any'],
  coordinator: coordinatorPermissions,
  // Admins do what coordinators do, and appoint coordinators (and admins).
  admin: [...coordinatorPermissions, 'appoint:coordinator:any'],
} as const satisfies Record<Role, readonly `${string}:${string}:${Access}`[]>;

/** One row of the table: `read:organisation:own`. */
export type Permission = (typeof rolePermissions)[Role][number];
/** A permission without its access level: `read:organisation`. */
export type PermissionName = Permission extends `${infer Name}:${Access}` ? Name : never;
/** What may be done: `read`, `update`, `run`… */
export type Action = PermissionName extends `${infer A}:${string}` ? A : never;
/** What an action may be done to: for `read`, `organisation`, `outbox`, `audit` or `statistics`. */
export type EntityOf<A extends Action> = PermissionName extends infer Name ? (Name extends `${A}:${infer E}` ? E : never) : never;
/** Every entity of the table. */
export type Entity = EntityOf<Action>;

export interface Actor {
  roles: readonly Role[];
  organisationId: string | null;
}

/**
 * May this actor do `action` on `entity`? With a target organisation, `own` access covers
 * only her own organisation; without one, any access level will do.
 */
export function can<A extends Action>(actor: Actor, action: A, entity: EntityOf<A>, targetOrganisationId?: string | null): boolean {
  const granted: readonly string[] = actor.roles.flatMap((role) => rolePermissions[role]);
  if (granted.includes(`${action}:${entity}:any`)) return true;
  if (!granted.includes(`${action}:${entity}:own`)) return false;
  return targetOrganisationId === undefined || (targetOrganisationId !== null && targetOrganisationId === actor.organisationId);
}

/** Roles a coordinator may hand out; appointing coordinators and admins is an admin's call. */
export function assignableRoles(actor: Actor): Role[] {
  return can(actor, 'appoint', 'coordinator') ? ['facilitator', 'trainer', 'coordinator', 'admin'] : ['facilitator', 'trainer'];
}
