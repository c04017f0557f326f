import { redirect } from '@remix-run/node';
import type { AppServices } from '~/context.server';
import { refusal } from '~/lib/refusal.server';
import { type SignedInUser, getSignedInUser } from './auth-session.server';
import { type Action, type EntityOf, can } from './permissions';

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/account/sign-in?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** A signed-in user with an approved account; others go to sign-in or the waiting page. */
export async function requireUser({ db }: Pick<AppServices, 'db'>, request: Request): Promise<SignedInUser> {
  const user = await getSignedInUser(db, request);
  if (!user) signInRedirect(request);
  if (user.status !== 'approved') throw redirect('/account/pending');
  return user;
}

/** Any signed-in user, approved or not (the waiting page, the own-data pages). */
export async function requireSignedIn({ db }: Pick<AppServices, 'db'>, request: Request): Promise<SignedInUser> {
  const user = await getSignedInUser(db, request);
  if (!user) signInRedirect(request);
  return user;
}

/**
 * An approved user who may do `action` on `entity`: 403 when her roles do not allow it at
 * all, 404 when it is another organisation's (we do not say that it exists).
 */
export async function requirePermission<A extends Action>(
  services: Pick<AppServices, 'db'>,
  request: Request,
  action: A,
  entity: EntityOf<A>,
  targetOrganisationId?: string | null,
): Promise<SignedInUser> {
  const user = await requireUser(services, request);
  if (!can(user, action, entity)) throw refusal('forbidden');
  if (targetOrganisationId !== undefined && !can(user, action, entity, targetOrganisationId)) {
    throw refusal('notFound');
  }
  return user;
}
