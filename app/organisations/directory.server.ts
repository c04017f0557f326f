import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '~/accounts/audit.server';
import type { Database, Organisation, OrganisationType, Region } from '~/db/schema.server';
import { type Result, ok, refused } from '~/lib/result';
import { namesLookAlike, normaliseOrganisationName } from './names';

export async function countOrganisations(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

export interface OrganisationProposal {
  name: string;
  type: OrganisationType;
  postal_code: string;
  municipality: string;
  region: Region;
}

export type OrganisationSummary = Pick<Organisation, 'id' | 'name' | 'type' | 'postal_code' | 'municipality' | 'region'>;
const summaryColumns = ['id', 'name', 'type', 'postal_code', 'municipality', 'region'] as const;

/** Type-ahead: by name (accents and case ignored), municipality or postal code. */
export async function searchOrganisations(db: Kysely<Database>, query: string, limit = 10): Promise<OrganisationSummary[]> {
  const needle = normaliseOrganisationName(query);
  if (needle.length < 2) return [];
  return db
    .selectFrom('organisations')
    .select(summaryColumns)
    .where((eb) =>
      eb.or([eb('normalised_name', 'like', `%${needle}%`), eb('postal_code', '=', needle), eb(eb.fn('lower', ['municipality']), 'like', `%${needle}%`)]),
    )
    .orderBy('name')
    .limit(limit)
    .execute();
}

export function findOrganisation(db: Kysely<Database>, id: string): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** "Did you mean…": the same normalised name anywhere, or a look-alike name with the same postal code. */
export async function findLookAlikes(db: Kysely<Database>, proposal: Pick<OrganisationProposal, 'name' | 'postal_code'>): Promise<OrganisationSummary[]> {
  const normalised = normaliseOrganisationName(proposal.name);
  const candidates = await db
    .selectFrom('organisations')
    .select([...summaryColumns, 'normalised_name'])
    .where((eb) => eb.or([eb('normalised_name', '=', normalised), eb('postal_code', '=', proposal.postal_code)]))
    .execute();
  return candidates
    .filter((c) => c.normalised_name === normalised || namesLookAlike(c.normalised_name, normalised))
    .map(({ normalised_name: _ignored, ...summary }) => summary);
}

export async function createOrganisation(db: Kysely<Database>, proposal: OrganisationProposal): Promise<string> {
  const { id } = await db
    .insertInto('organisations')
    .values({ ...proposal, normalised_name: normaliseOrganisationName(proposal.name) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A coordinator's correction of an organisation's details, written to the audit log with what it was before. */
export async function updateOrganisation(db: Kysely<Database>, actorId: string, id: string, changes: OrganisationProposal): Promise<Result<void, 'notFound'>> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('organisations').select(summaryColumns).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) return refused('notFound');
    await trx
      .updateTable('organisations')
      .set({ ...changes, normalised_name: normaliseOrganisationName(changes.name) })
      .where('id', '=', id)
      .execute();
    await recordAudit(trx, { actorId, action: 'organisation.update', targetType: 'organisation', targetId: id, details: { before, after: changes } });
    return ok();
  });
}

/**
 * Every column that points at an organisation: a merge moves them all to the survivor.
 * A test compares this list with the database's foreign keys, so a new table cannot be forgotten.
 */
export const organisationReferences = [
  { table: 'users', column: 'organisation_id' },
  { table: 'group_sessions', column: 'organisation_id' },
] as const;

/**
 * Merges a duplicate into the survivor: members and history move, the duplicate goes. The
 * duplicate must be another organisation of the directory.
 */
export async function mergeOrganisations(
  db: Kysely<Database>,
  actorId: string,
  survivorId: string,
  duplicateId: string,
): Promise<Result<void, 'notFound' | 'noSuchDuplicate'>> {
  if (survivorId === duplicateId) return refused('noSuchDuplicate');
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const [survivor, duplicate] = await Promise.all([
      trx.selectFrom('organisations').select(summaryColumns).where('id', '=', survivorId).forUpdate().executeTakeFirst(),
      trx.selectFrom('organisations').select(summaryColumns).where('id', '=', duplicateId).forUpdate().executeTakeFirst(),
    ]);
    if (!survivor) return refused('notFound');
    if (!duplicate) return refused('noSuchDuplicate');
    let moved = 0;
    for (const reference of organisationReferences) {
      const result = await trx
        .updateTable(reference.table)
        .set({ [reference.column]: survivor.id })
        .where(reference.column, '=', duplicate.id)
        .executeTakeFirst();
      moved += Number(result.numUpdatedRows);
    }
    await trx.deleteFrom('organisations').where('id', '=', duplicate.id).execute();
    await recordAudit(trx, {
      actorId,
      action: 'organisation.merge',
      targetType: 'organisation',
      targetId: survivor.id,
      details: { merged: duplicate, rowsMoved: moved },
    });
    return ok();
  });
}

export async function listOrganisations(db: Kysely<Database>, query: string, limit = 100) {
  const needle = normaliseOrganisationName(query);
  let select = db
    .selectFrom('organisations as o')
    .leftJoin('users as u', 'u.organisation_id', 'o.id')
    .select(['o.id', 'o.name', 'o.type', 'o.postal_code', 'o.municipality', 'o.region'])
    .select((eb) => eb.fn.count<string>('u.id').as('members'))
    .groupBy('o.id')
    .orderBy('o.name')
    .limit(limit);
  if (needle) select = select.where((eb) => eb.or([eb('o.normalised_name', 'like', `%${needle}%`), eb('o.postal_code', '=', needle)]));
  return (await select.execute()).map((o) => ({ ...o, members: Number(o.members) }));
}

export async function organisationMembers(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'profession', 'status', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

/** Who her colleagues see on the organisation's page: approved members, by name and profession only. */
export async function approvedMembers(db: Kysely<Database>, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'profession'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'approved')
    .orderBy('name')
    .execute();
}

/**
 * What a coordinator may merge into this organisation: what her search finds, or without a
 * search its look-alikes (the likely duplicates); never the organisation itself.
 */
export async function mergeCandidates(db: Kysely<Database>, organisation: Organisation, query: string): Promise<OrganisationSummary[]> {
  const candidates = query ? await searchOrganisations(db, query, 20) : await findLookAlikes(db, organisation);
  return candidates.filter((candidate) => candidate.id !== organisation.id);
}
