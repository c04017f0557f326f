// The organisation's session history for the programme: which modules its groups have
// played (counts only, never who), and the warning before a module that builds on others.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import type { LessonLibrary } from '~/lessons/load.server';
import { type ProgrammeModule, programmeOf, unplayedBefore } from './programme';

/**
 * Group sessions per module that the organisation's groups have played: started at least
 * (running, paused or ended), so a session opened and never started does not count.
 */
export async function playedModuleCounts(db: Kysely<Database>, organisationId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('group_sessions')
    .select(['module_id', (eb) => eb.fn.countAll<string>().as('sessions')])
    .where('organisation_id', '=', organisationId)
    .where('status', '<>', 'lobby')
    .groupBy('module_id')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.module_id, Number(row.sessions)]));
}

export interface ProgrammeWithHistory {
  modules: (ProgrammeModule & { played: number; unplayedBefore: { order: number; title: string }[] })[];
}

/** The programme as the facilitator sees it: each module with her organisation's count and warning. */
export async function programmeForOrganisation(
  db: Kysely<Database>,
  library: LessonLibrary,
  organisationId: string | null,
  language: string,
): Promise<ProgrammeWithHistory> {
  const programme = programmeOf(library.modules, language);
  const played = organisationId ? await playedModuleCounts(db, organisationId) : {};
  return {
    modules: programme.map((module) => ({
      ...module,
      played: played[module.id] ?? 0,
      unplayedBefore: unplayedBefore(programme, played, module.id).map(({ order, title }) => ({ order, title })),
    })),
  };
}

/** The warning for one session's module, or null: the modules before it her organisation has not played. */
export async function programmeWarning(db: Kysely<Database>, library: LessonLibrary, organisationId: string, moduleId: string, language: string) {
  const programme = programmeOf(library.modules, language);
  const missing = unplayedBefore(programme, await playedModuleCounts(db, organisationId), moduleId);
  return missing.length ? missing.map(({ order, title }) => ({ order, title })) : null;
}
