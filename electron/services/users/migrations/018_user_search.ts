import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';
import { userSearchText } from '../../../domain/users/search';

const CHUNK = 500;

/**
 * The users grid's and the pickers' search (domain/users/search.ts): every word of the query
 * is looked for in first name, last name, Logon ID, External Logon ID and Directory Number,
 * ignoring case and accents, on both engines alike.
 *
 * - adds cc_user.search_text, the five fields folded by that one function (no SQL function
 *   folds accents the same on both engines), and fills it from the existing rows;
 * - indexes (tenant_id, deleted, search_text): a substring test cannot seek in a b-tree, but
 *   the database then reads the folded texts from this narrow index instead of the table's
 *   rows — the count of a search and a search sorted by another column scan only the index.
 */
export function userSearchMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // Kysely's migrator runs SQLite migrations outside a transaction: make this one atomic.
      if (engine === 'sqlite') await sql`begin`.execute(db);
      try {
        await db.schema.alterTable('cc_user').addColumn('search_text', 'text').execute();
        type Row = {
          id: number;
          logon_id: string;
          first_name: string;
          last_name: string;
          external_logon_id: string | null;
          directory_number: string | null;
        };
        const cols = 'id, logon_id, first_name, last_name, external_logon_id, directory_number';
        const rows = (await sql.raw<Row>(`select ${cols} from cc_user order by id`).execute(db)).rows;
        for (let i = 0; i < rows.length; i += CHUNK) {
          const values = sql.join(
            rows.slice(i, i + CHUNK).map((r) => sql`(cast(${r.id} as integer), cast(${userSearchText(r)} as text))`),
          );
          await sql`with v(id, st) as (values ${values})
            update cc_user set search_text = v.st from v where cc_user.id = v.id`.execute(db);
        }
        await db.schema
          .createIndex('ix_cc_user_search')
          .on('cc_user')
          .columns(['tenant_id', 'deleted', 'search_text'])
          .execute();
        if (engine === 'sqlite') await sql`commit`.execute(db);
      } catch (err) {
        if (engine === 'sqlite') await sql`rollback`.execute(db);
        throw err;
      }
    },
  };
}
