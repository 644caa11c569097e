import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * User synchronization (migration 013), per tenant:
 * - `user_sync_config`: the User Synchronization tab (type, AD / Azure AD connection without secrets, user group,
 *   Logon ID generation, field mapping as JSON, the daily schedule). The deletion flags stay in `tenant`
 *   (never_delete_synced, allow_manual_delete_synced), where the users area reads them.
 * - `user_sync_run`: one row per run (manual, schedule, command line) with its counts, for "last run".
 * - `user_sync_lock`: at most one running synchronization per tenant across all consoles on the database (the
 *   primary key decides; a lock whose holder stopped renewing it expires).
 */
export function userSyncMigration(engine: Engine) {
  const id = (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_sync_config')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('sync_type', 'varchar(8)', (c) => c.notNull().check(sql`sync_type in ('none', 'ad', 'azure')`))
        .addColumn('ad_host', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('ad_port', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(389)
            .check(sql`ad_port between 1 and 65535`),
        )
        .addColumn('ad_user', 'varchar(256)', (c) => c.notNull().defaultTo(''))
        .addColumn('ad_security', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('none')
            .check(sql`ad_security in ('none', 'ldaps', 'starttls')`),
        )
        .addColumn('ad_base_dn', 'varchar(512)', (c) => c.notNull().defaultTo(''))
        .addColumn('azure_tenant_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('azure_client_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('azure_login_base_url', 'varchar(200)', (c) => c.notNull().defaultTo(''))
        .addColumn('azure_graph_base_url', 'varchar(200)', (c) => c.notNull().defaultTo(''))
        .addColumn('user_group', 'varchar(256)', (c) => c.notNull().defaultTo(''))
        .addColumn('logon_order', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('lastFirst')
            .check(sql`logon_order in ('lastFirst', 'firstLast')`),
        )
        .addColumn('logon_first_chars', 'integer', (c) => c.notNull().defaultTo(2))
        .addColumn('logon_last_chars', 'integer', (c) => c.notNull().defaultTo(18))
        .addColumn('mapping_json', 'text', (c) => c.notNull())
        .addColumn('schedule_enabled', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`schedule_enabled in (0, 1)`),
        )
        .addColumn('schedule_time', 'varchar(5)', (c) => c.notNull().defaultTo('02:00'))
        .addColumn('last_scheduled_date', 'varchar(10)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .addCheckConstraint(
          'ck_user_sync_logon_chars',
          sql`logon_first_chars >= 1 and logon_last_chars >= 1
          and logon_first_chars + logon_last_chars <= 20`,
        )
        .execute();
      await db.schema
        .createTable('user_sync_run')
        .addColumn('id', 'integer', id)
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('started_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('finished_at', 'varchar(40)')
        .addColumn('trigger', 'varchar(10)', (c) =>
          c.notNull().check(sql`${sql.ref('trigger')} in ('manual', 'schedule', 'command')`),
        )
        .addColumn('actor', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(10)', (c) =>
          c.notNull().check(sql`status in ('running', 'succeeded', 'failed', 'cancelled')`),
        )
        .addColumn('counts_json', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema.createIndex('ix_user_sync_run_tenant').on('user_sync_run').columns(['tenant_id', 'id']).execute();
      await db.schema
        .createTable('user_sync_lock')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('holder', 'varchar(100)', (c) => c.notNull())
        .addColumn('acquired_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .execute();
    },
  };
}
