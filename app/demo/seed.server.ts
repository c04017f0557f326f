import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { countOrganisations } from '~/organisations/directory.server';
import { normaliseOrganisationName } from '~/organisations/names';

const demoOrganisations = [
  { name: 'Demo: Jeugdhulp De Linde', type: 'youth_care', postal_code: '9000', municipality: 'Gent', region: 'oost_vlaanderen' },
  { name: 'Demo: Begeleidingscentrum Horizon', type: 'youth_care', postal_code: '2000', municipality: 'Antwerpen', region: 'antwerpen' },
] as const;

/** Seeds the demo data once, into an empty database; returns whether it wrote anything. */
export async function seedDemoData(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if ((await countOrganisations(trx)) > 0) return false;
    await trx
      .insertInto('organisations')
      .values(demoOrganisations.map((o) => ({ ...o, normalised_name: normaliseOrganisationName(o.name) })))
      .execute();
    return true;
  });
}
