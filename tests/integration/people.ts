import type { Kysely } from 'kysely';
import type { Database, Role } from '~/db/schema.server';
import { createOrganisation } from '~/organisations/directory.server';
import { openTestDatabase } from './test-database';

/** A youth-care facility in the directory, De Linde in Gent unless told otherwise. */
export function linde(db: Kysely<Database>, name = 'Jeugdhulp De Linde'): Promise<string> {
  return createOrganisation(db, { name, type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' });
}

/**
 * An approved staff member written straight into the tables (no password that signs in):
 * for tests of what she does, not of how she registered.
 */
export async function approvedStaff(
  db: Kysely<Database>,
  person: { email: string; role: Role; organisationId: string | null; name?: string },
): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: person.email,
      name: person.name ?? (person.role === 'coordinator' ? 'Coördinator' : 'Begeleider'),
      password_hash: 'x',
      language: 'nl',
      profession: person.organisationId === null ? 'other' : 'youth_care_worker',
      organisation_id: person.organisationId,
      status: 'approved',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('user_roles').values({ user_id: id, role: person.role }).execute();
  return id;
}

/**
 * A fresh, migrated test database with one organisation in the directory and one approved
 * staff member: a coordinator belongs to none, a facilitator to that organisation.
 */
export async function databaseWithStaff(staff: { email: string; role: Role; organisationName?: string }) {
  const database = await openTestDatabase();
  const organisationId = await linde(database.db, staff.organisationName);
  const staffId = await approvedStaff(database.db, {
    email: staff.email,
    role: staff.role,
    organisationId: staff.role === 'coordinator' ? null : organisationId,
  });
  return { database, organisationId, staffId };
}
