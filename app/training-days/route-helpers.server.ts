// What every training-day route does first: the day from the URL (404 when unknown, without
// saying more).
import { json } from '@remix-run/node';
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';
import { findTrainingDay } from './training-days.server';

export async function trainingDayFromParams(db: Kysely<Database>, id: string | undefined) {
  const day = await findTrainingDay(db, id);
  if (!day) throw json({ reason: 'notFound' }, { status: 404 });
  return day;
}
