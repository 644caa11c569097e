import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * PostgreSQL: a trigram index (pg_trgm, GIN) on cc_user.search_text, so each `like '%word%'` of the users
 * search (userSearch.ts) is answered from the index instead of a scan of every user: a rare name at 100,000
 * users went from ~100 ms to ~8 ms (docs/PERFORMANCE.md, bench:db word search). pg_trgm ships with
 * PostgreSQL and is a trusted extension (13+), so a database owner may create it; where the site's role may
 * not, the search stays correct without the index (a savepoint keeps the migration's transaction usable).
 *
 * SQLite has no trigram index that is cheap to build (FTS5 trigram took 31 s for 100,000 users); it keeps the
 * narrow search index of 018.
 */
export function userSearchTrigramMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (engine !== 'postgres') return;
      await sql`savepoint trigram`.execute(db);
      try {
        await sql`create extension if not exists pg_trgm`.execute(db);
      } catch {
        await sql`rollback to savepoint trigram`.execute(db);
        return;
      }
      await sql`release savepoint trigram`.execute(db);
      await sql`create index ix_cc_user_search_trgm on cc_user using gin (search_text gin_trgm_ops)`.execute(db);
    },
  };
}
