// The facilitator's evaluation of an ended session (decision 0017: it carries the session's scope).
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '~/db/schema.server';
import type { ResolvedLesson } from '~/lessons/resolved';
import { type Result, ok, refused } from '~/lib/result';

export interface Evaluation {
  /** 1 (badly) to 5 (very well). */
  howItWent: number;
  /** Per step of the module she rated: 1 (not useful) to 3 (very useful). */
  usefulness: Record<string, number>;
  comments: string | undefined;
}

const evaluationForm = z.object({
  howItWent: z.coerce.number().int().min(1).max(5),
  comments: z.string().trim().max(2000).optional(),
});
const usefulnessScore = z.coerce.number().int().min(1).max(3);

/**
 * The evaluation form (SessionSummary): how it went is required; a step's usefulness
 * (`useful-<step>`) counts only for a step of this module with a score of 1–3, and any other
 * field is left out rather than refused.
 */
export function parseEvaluation(lesson: ResolvedLesson, values: Record<string, string | string[]>): Result<Evaluation, 'evaluationInvalid'> {
  const parsed = evaluationForm.safeParse(values);
  if (!parsed.success) return refused('evaluationInvalid');
  const usefulness: Record<string, number> = {};
  for (const step of lesson.module.steps) {
    const score = usefulnessScore.safeParse(values[`useful-${step.id}`]);
    if (score.success) usefulness[step.id] = score.data;
  }
  return ok({ howItWent: parsed.data.howItWent, usefulness, comments: parsed.data.comments || undefined });
}

/** Her evaluation of an ended session, if she wrote one. */
export async function findEvaluation(db: Kysely<Database>, sessionId: string) {
  const row = await db.selectFrom('session_evaluations').selectAll().where('group_session_id', '=', sessionId).executeTakeFirst();
  return row ? { howItWent: row.how_it_went, usefulness: row.step_usefulness, comments: row.comments } : null;
}

export async function saveEvaluation(db: Kysely<Database>, sessionId: string, evaluation: Evaluation): Promise<void> {
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
