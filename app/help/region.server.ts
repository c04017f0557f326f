// The help region of a group: from its organisation's province (decision 0010).
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { Language } from '~/i18n/config';
import { type HelpResource, type HelpRegion, helpRegionOf, helpResourcesForGirls } from './resources.server';

export async function organisationHelpRegion(database: Kysely<Database>, organisationId: string): Promise<HelpRegion | undefined> {
  const row = await database.selectFrom('organisations').select('region').where('id', '=', organisationId).executeTakeFirst();
  return row ? helpRegionOf(row.region) : undefined;
}

/** A girl's help: her group's region when she plays in a session, else her language's. */
export async function girlsHelpFor(database: Kysely<Database>, groupSessionId: string | null, language: Language): Promise<HelpResource[]> {
  if (!groupSessionId) return helpResourcesForGirls(language);
  const row = await database
    .selectFrom('group_sessions')
    .innerJoin('organisations', 'organisations.id', 'group_sessions.organisation_id')
    .select('organisations.region')
    .where('group_sessions.id', '=', groupSessionId)
    .executeTakeFirst();
  return helpResourcesForGirls(language, row ? helpRegionOf(row.region) : undefined);
}
