import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export async function countOrganisations(db: Kysely<Database>): Promise<number> {
  const { count } = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}
