// An organisation's sessions, newest first, for the facilitator's list.
import { type Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export async function listOrganisationSessions(db: Kysely<Database>, organisationId: string, limit = 50) {
  const sessions = await db
    .selectFrom('group_sessions as s')
    .leftJoin('participants as p', (join) => join.onRef('p.group_session_id', '=', 's.id').on('p.removed', '=', false))
    .leftJoin('session_evaluations as e', 'e.group_session_id', 's.id')
    .select(['s.id', 's.module_id', 's.variant', 's.language', 's.pacing', 's.status', 's.join_code', 's.created_at', 's.ended_at', 'e.how_it_went'])
    .select((eb) => eb.fn.count<string>('p.id').as('participants'))
    .where('s.organisation_id', '=', organisationId)
    .groupBy(['s.id', 'e.how_it_went'])
    .orderBy('s.created_at', 'desc')
    .limit(limit)
    .execute();
  return sessions.map((s) => ({ ...s, participants: Number(s.participants) }));
}
