// Her training-day data for "download my data" (decision 0018): every registration (with
// its waiting-list, reminder and attendance history) and the training days she published.
import type { Kysely } from 'kysely';
import type { Database } from '~/db/schema.server';

export async function trainingDayDataOf(db: Kysely<Database>, userId: string) {
  const [registrations, published] = await Promise.all([
    db
      .selectFrom('training_day_registrations as r')
      .innerJoin('training_days as d', 'd.id', 'r.training_day_id')
      .leftJoin('training_day_parts as p', 'p.id', 'r.breakout_part_id')
      .select([
        'd.id as training_day_id',
        'd.course_id',
        'd.starts_at',
        'd.ends_at',
        'd.place',
        'r.status',
        'r.queued_at',
        'p.title as breakout',
        'r.promoted_at',
        'r.cancelled_at',
        'r.reminded_at',
        'r.attended',
        'r.attendance_marked_at',
      ])
      .where('r.user_id', '=', userId)
      .orderBy('d.starts_at')
      .execute(),
    db
      .selectFrom('training_days')
      .select(['id', 'course_id', 'starts_at', 'ends_at', 'place', 'online_url', 'capacity', 'language', 'material_url', 'created_at'])
      .where('created_by', '=', userId)
      .orderBy('starts_at')
      .execute(),
  ]);
  return { registrations, published };
}
