import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * E-mail rate limit and Reporting server (migration 021):
 * - `email_alarm_rule.tenant_id`: the tenant a rule was made in (null: made before this migration —
 *   its digests go out through the installation's Outgoing e-mail, as before);
 * - `email_queue.server_id`: the tenant's e-mail server marked Reporting a message goes out through
 *   (null: Outgoing e-mail); `email_queue.wait_reason`: why a due message waits ("rate limit: …");
 * - `email_sent`: when each server accepted a message, counted over the last hour for its
 *   "Message rate limit per hour" — in the database, so a restart does not reset the window.
 * No area grant: 014 gave the E-mail area.
 */
export function emailRateMigration(engine: Engine) {
  const id = (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('email_alarm_rule').addColumn('tenant_id', 'integer').execute();
      await db.schema.alterTable('email_queue').addColumn('server_id', 'integer').execute();
      await db.schema.alterTable('email_queue').addColumn('wait_reason', 'varchar(200)').execute();
      await db.schema
        .createTable('email_sent')
        .addColumn('id', 'integer', id)
        .addColumn('server_id', 'integer', (c) => c.notNull())
        .addColumn('sent_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await sql`create index ix_email_sent_server on email_sent (server_id, sent_at)`.execute(db);
    },
  };
}
