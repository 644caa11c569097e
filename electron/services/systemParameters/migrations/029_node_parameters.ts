import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Migration 029: the installation's own parameters (`system_node`, one versioned JSON row per page,
 * installation-wide: tenant_id is always null, kept so store.ts reads and writes it like
 * system_parameter). Pages: the secure communications certificate (public part: PEM, Common Name,
 * dates, fingerprint; the private key is in the keychain), the cloud services Client ID (the secret
 * is in the keychain) and the web server base URL. A separate table because system_parameter.page
 * has an inline CHECK that SQLite cannot alter. Nothing to backfill.
 */
export function nodeParametersMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('system_node')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.check(sql`tenant_id is null`))
        .addColumn('page', 'varchar(40)', (c) =>
          c
            .notNull()
            .unique()
            .check(sql`page in ('secureCertificate', 'cloudAuth', 'webServer')`),
        )
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
    },
  };
}
