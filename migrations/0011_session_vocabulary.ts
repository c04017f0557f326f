import { type Kysely, sql } from 'kysely';

// A participant's and a group session's variant and language are the app's own codes (the
// lesson variants, the supported languages): the schema types them so (decision 0022), and
// the database now checks them too. Every row was written with them (the forms take nothing
// else), so the constraints hold for the rows already there.
const checks = [
  { column: 'variant', values: sql`('standard', 'slechthorend', 'roma')` },
  { column: 'language', values: sql`('nl', 'fr', 'en')` },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['participants', 'group_sessions']) {
    for (const { column, values } of checks) {
      await sql`alter table ${sql.table(table)} add constraint ${sql.id(`${table}_${column}`)} check (${sql.ref(column)} in ${values})`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['participants', 'group_sessions']) {
    for (const { column } of checks) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_${column}`)}`.execute(db);
  }
}
