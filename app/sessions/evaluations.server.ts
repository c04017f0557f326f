// The facilitator's evaluation of an ended session (decision 0017: it carries the session's scope).
import { type Kysely, sql } from 'kysely';
import type { Database } from '~/db/schema.server';

/** Her evaluation of an ended session, if she wrote one. */
export async function findEvaluation(db: Kysely<Database>, sessionId: string) {
  const row = await db.selectFrom('session_evaluations').selectAll().where('group_session_id', '=', sessionId).executeTakeFirst();
  return row ? { howItWent: row.how_it_went, usefulness: row.step_usefulness, comments: row.comments } : null;
}

export async function saveEvaluation(
  db: Kysely<Database>,
  sessionId: string,
  evaluation: { howItWent: number; usefulness: Record<string, number>; comments: string | undefined },
): Promise<void> {
  const usefulness = JSON.stringify(evaluation.usefulness);
  const comments = evaluation.comments ?? null;
  // The session's scope is copied from the session in the same statement (see migration 0009).
  await db
    .insertInto('session_evaluations')
    .columns(['group_session_id', 'how_it_went', 'step_usefulness', 'comments', 'session_started_at', 'module_id', 'variant', 'language', 'organisation_id'])
    .expression((eb) =>
      eb
        .selectFrom('group_sessions as gs')
        .select([
          'gs.id',
          sql<number>`${evaluation.howItWent}::integer`.as('how_it_went'),
          sql<string>`${usefulness}::jsonb`.as('step_usefulness'),
          sql<string | null>`${comments}::text`.as('comments'),
          'gs.created_at',
          'gs.module_id',
          'gs.variant',
          'gs.language',
          'gs.organisation_id',
        ])
        .where('gs.id', '=', sessionId),
    )
    .onConflict((oc) => oc.column('group_session_id').doUpdateSet({ how_it_went: evaluation.howItWent, step_usefulness: usefulness, comments }))
    .execute();
}
