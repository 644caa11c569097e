import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Migration 027: the tenant's Cisco IP Telephony / AXL settings (`system_cisco`, one versioned JSON
 * row per tenant, same columns as system_option; the CallManager Password is in the keychain, never
 * here). A separate table because system_option.page has an inline CHECK that SQLite cannot alter.
 * Nothing to backfill: no tenant had these settings before.
 */
export function ciscoTelephonyMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('system_cisco')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('page', 'varchar(40)', (c) => c.notNull().check(sql`page in ('ciscoTelephony')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .addUniqueConstraint('ux_system_cisco_page', ['tenant_id', 'page'])
        .execute();
    },
  };
}
