import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Web installation customer folders (migration 022): one row per CustomerID (the repository
 * folder <InstallDir>\WebDeployment\<CustomerID>, also the download URL's last part), owned by a
 * tenant. CustomerID is unique without regard to case on both engines (a unique index on
 * lower(customer_id)): the folder names are not case sensitive and the URL space is the
 * installation's. `content` is the Setup.config's bytes as base64, exactly as imported or edited.
 */
export function setupConfigMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('setup_config')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('customer_id', 'varchar(64)', (c) => c.notNull().check(sql`length(customer_id) between 1 and 64`))
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ux_setup_config_customer')
        .unique()
        .on('setup_config')
        .expression(sql`lower(customer_id)`)
        .execute();
      await db.schema.createIndex('ix_setup_config_tenant').on('setup_config').column('tenant_id').execute();
    },
  };
}
