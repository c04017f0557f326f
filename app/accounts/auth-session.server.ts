import { type Kysely, sql } from 'kysely';
import type { Database, Role, UserStatus } from '~/db/schema.server';
import { appCookie } from '~/security/cookie-policy.server';
import { hashToken, randomToken } from './crypto.server';

// Decision 0006: two hours idle, twelve hours absolute; last-seen is written at most every
// five minutes so that reading a page does not always mean writing a row.
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export interface SignedInUser {
  id: string;
  name: string;
  email: string;
  language: string;
  status: UserStatus;
  organisationId: string | null;
  roles: Role[];
}

/** The session cookie: signed, HttpOnly, SameSite=Lax; `__Host-` and Secure over HTTPS (decision 0014). */
export function sessionCookie(request: Request) {
  return appCookie('session', request);
}

const signedInUsers = new WeakMap<Request, Promise<SignedInUser | null>>();

/** The user behind the request's session cookie, or null (no cookie, forged, expired, disabled). */
export function getSignedInUser(db: Kysely<Database>, request: Request): Promise<SignedInUser | null> {
  let found = signedInUsers.get(request);
  if (!found) {
    found = readSession(db, request);
    signedInUsers.set(request, found);
  }
  return found;
}

/** The session token the request's (signed) cookie carries, or null. */
export async function sessionTokenOf(request: Request): Promise<string | null> {
  const token: unknown = await sessionCookie(request).parse(request.headers.get('Cookie'));
  return typeof token === 'string' && token.length <= 100 ? token : null;
}

async function readSession(db: Kysely<Database>, request: Request): Promise<SignedInUser | null> {
  const token = await sessionTokenOf(request);
  return token ? findSessionUser(db, token) : null;
}

/**
 * The user of a session token, or null: unknown, idle for two hours, past its twelve hours,
 * or her account disabled (such a session is deleted on the spot).
 */
export async function findSessionUser(db: Kysely<Database>, token: string): Promise<SignedInUser | null> {
  if (token.length > 100) return null;
  const idHash = hashToken(token);
  const row = await db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.last_seen_at', 's.expires_at', 'u.id', 'u.name', 'u.email', 'u.language', 'u.status', 'u.organisation_id'])
    // Roles in the same statement: every signed-in request reads them.
    .select(sql<string | null>`(select string_agg(r.role, ',') from user_roles r where r.user_id = u.id)`.as('roles'))
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + SESSION_IDLE_MS <= now || row.status === 'disabled') {
    await db.deleteFrom('auth_sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db
      .updateTable('auth_sessions')
      .set({ last_seen_at: new Date(now) })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    status: row.status,
    organisationId: row.organisation_id,
    roles: (row.roles ? row.roles.split(',') : []) as Role[],
  };
}

/**
 * A new session (a new id at every sign-in); returns its token, which only the cookie keeps.
 * The session this browser had before (`previousToken`, whoever's it was) ends in the same
 * transaction: a sign-in never leaves an old session valid behind it.
 */
export async function createAuthSession(db: Kysely<Database>, userId: string, previousToken?: string | null): Promise<string> {
  const token = randomToken();
  await db.transaction().execute(async (trx) => {
    if (previousToken) await trx.deleteFrom('auth_sessions').where('id_hash', '=', hashToken(previousToken)).execute();
    await trx
      .insertInto('auth_sessions')
      .values({ id_hash: hashToken(token), user_id: userId, expires_at: new Date(Date.now() + SESSION_ABSOLUTE_MS) })
      .execute();
  });
  return token;
}

/** The Set-Cookie header that carries a session token. */
export async function sessionSetCookie(request: Request, token: string): Promise<string> {
  return sessionCookie(request).serialize(token, { maxAge: SESSION_ABSOLUTE_MS / 1000 });
}

/** Ends the request's session (if any); returns the Set-Cookie header that clears the cookie. */
export async function endAuthSession(db: Kysely<Database>, request: Request): Promise<string> {
  const sessionCookieJar = sessionCookie(request);
  const token = await sessionCookieJar.parse(request.headers.get('Cookie'));
  if (typeof token === 'string') await db.deleteFrom('auth_sessions').where('id_hash', '=', hashToken(token)).execute();
  return sessionCookieJar.serialize('', { maxAge: 0 });
}

/** Signs the user out on every device. */
export async function endAllAuthSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('auth_sessions').where('user_id', '=', userId).execute();
}
