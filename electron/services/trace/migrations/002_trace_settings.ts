import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Trace levels per server machine (seed 001, REGISTRY KEYS and WCF SERVICES): the registry
 * values the console keeps for each server, exported to and imported from .reg files.
 * Not per tenant: the values live in the server's registry, shared by every tenant on it.
 *
 * The row key is an integer id (so the shared optimistic-concurrency helper, which updates
 * by id, serves it); the server name is unique ignoring case (host names ignore case), and
 * keeps the spelling it was first saved with. `settings` is the contract's TraceSettings as
 * JSON text.
 */
export function traceSettingsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('trace_settings')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('server', 'varchar(255)', (c) => c.notNull().check(sql`length(server) between 1 and 255`))
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ux_trace_settings_server')
        .unique()
        .on('trace_settings')
        .expression(sql`lower(server)`)
        .execute();
    },
  };
}
