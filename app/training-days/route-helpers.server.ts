// What every training-day route does first: the day from the URL (404 when unknown, without
// saying more), for whoever may see it or for whoever manages it.
import type { AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import type { Kysely } from 'kysely';
import { requirePermission, requireUser } from '~/accounts/guard.server';
import type { Database } from '~/db/schema.server';
import { refusal } from '~/lib/refusal.server';
import { findTrainingDay, mayManage } from './training-days.server';

type Params = LoaderFunctionArgs['params'];

export async function trainingDayFromParams(db: Kysely<Database>, id: string | undefined) {
  const day = await findTrainingDay(db, id);
  if (!day) throw refusal('notFound');
  return day;
}

/** Any signed-in professional, and the day of the URL. */
export async function visitedDay(context: AppLoadContext, request: Request, params: Params) {
  const user = await requireUser(context, request);
  return { user, day: await trainingDayFromParams(context.db, params.id) };
}

/** The trainer who published the day of the URL, or a coordinator; another trainer is told it is not there. */
export async function managedDay(context: AppLoadContext, request: Request, params: Params) {
  const user = await requirePermission(context, request, 'create', 'training-day');
  const day = await trainingDayFromParams(context.db, params.id);
  if (!mayManage(user, day)) throw refusal('notFound');
  return { user, day };
}
