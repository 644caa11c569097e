import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * System parameters (migration 017): one versioned row per page. `tenant_id` null = the
 * installation-wide pages (proxy settings); otherwise the tenant's own (numbering plan, users
 * authentication settings, customer authentication). `value` is the page's settings as JSON
 * text, parsed by the contract's schema on every read. One row per (tenant, page): a unique
 * index on coalesce(tenant_id, 0) so the installation-wide row is unique too (NULLs are
 * distinct in a plain unique index on both engines). No secrets here: passwords are in the keychain.
 */
// Pages stored here: 'proxy' (installation-wide), 'numbering', 'userAuth', 'customerAuth' (per tenant).
export function systemParametersMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('system_parameter')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.references('tenant.id').onDelete('cascade'))
        .addColumn('page', 'varchar(40)', (c) =>
          c.notNull().check(sql`page in ('proxy', 'numbering', 'userAuth', 'customerAuth')`),
        )
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        // The proxy is the installation's; the other pages are a tenant's.
        .addCheckConstraint('ck_system_parameter_scope', sql`(page = 'proxy') = (tenant_id is null)`)
        .execute();
      await db.schema
        .createIndex('ux_system_parameter_page')
        .unique()
        .on('system_parameter')
        .expression(sql`coalesce(tenant_id, 0), page`)
        .execute();
    },
  };
}
