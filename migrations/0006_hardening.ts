import { type Kysely, sql } from 'kysely';

// Hardening (decision 0013): the facilitator's screens name each girl by an opaque handle
// that opens nothing but "remove", dropped when the session ends; rate_limits keeps keyed
// hashes instead of client addresses, so the rows written before (plain addresses) go.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('handle', 'text').execute();
  await sql`update participants p set handle = md5(random()::text || p.id)
    from group_sessions s where s.id = p.group_session_id and s.status <> 'ended'`.execute(db);
  await sql`create unique index participants_handle on participants (handle) where handle is not null`.execute(db);
  await db.deleteFrom('rate_limits').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('participants_handle').execute();
  await db.schema.alterTable('participants').dropColumn('handle').execute();
}
