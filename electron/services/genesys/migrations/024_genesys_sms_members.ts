import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Genesys Cloud, second part (seed 004 "Configure Genesys Cloud for SMS Provisioning", "Manage Client
 * Configuration", and the queue membership of synchronized workgroups), per tenant:
 * - genesys_sms_number: the console's details of a number it provisioned (E-Mail, Comment, webhook
 *   username, MO and DR URLs; the webhook password is in the OS keychain, bound to the MO URL's host);
 *   the number's status comes from Genesys Cloud (Refresh);
 * - genesys_sms_client: Manage Client Configuration, the OAuth client the SMS provisioning uses
 *   (Service Name, Client Id, Duration, Status, Description; the secret is in the keychain);
 * - genesys_queue_member_status: per agent group, whether its members are its queue's members
 *   (Synced / Error / Not synced, the API's text, the last success);
 * - genesys_sync_status.object_name: the record's name when it was last synchronized, so the
 *   deactivation of a user deleted for good (its cc_user row is gone) is still listed by name.
 */
export function genesysSmsMembersMigration(engine: Engine) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type T = CreateTableBuilder<any, any>;
  const versioned = (t: T): T =>
    t
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('updated_by', 'varchar(100)', (c) => c.notNull());
  const tenantRef = (t: T): T =>
    t.addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'));

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await versioned(
        tenantRef(
          s
            .createTable('genesys_sms_number')
            .addColumn('id', 'integer', (c) =>
              engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
            ),
        )
          .addColumn('phone_number', 'varchar(20)', (c) => c.notNull())
          .addColumn('number_type', 'varchar(20)', (c) =>
            c.notNull().check(sql`number_type in ('Longcode', 'Toll Free')`),
          )
          .addColumn('country', 'varchar(2)', (c) => c.notNull())
          .addColumn('remote_id', 'varchar(100)')
          .addColumn('email', 'varchar(254)', (c) => c.notNull())
          .addColumn('comment', 'varchar(500)', (c) => c.notNull().defaultTo(''))
          .addColumn('webhook_username', 'varchar(100)', (c) => c.notNull().defaultTo(''))
          .addColumn('mo_url', 'varchar(2000)', (c) => c.notNull())
          .addColumn('dr_url', 'varchar(2000)', (c) => c.notNull()),
      ).execute();
      await s
        .createIndex('ux_genesys_sms_number')
        .unique()
        .on('genesys_sms_number')
        .columns(['tenant_id', 'phone_number'])
        .execute();

      await versioned(
        s
          .createTable('genesys_sms_client')
          .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
          .addColumn('service_name', 'varchar(100)', (c) => c.notNull())
          .addColumn('client_id', 'varchar(100)', (c) => c.notNull())
          .addColumn('duration_seconds', 'integer', (c) =>
            c.notNull().check(sql`duration_seconds between 600 and 172800`),
          )
          .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('active', 'inactive')`))
          .addColumn('description', 'varchar(500)', (c) => c.notNull().defaultTo('')),
      ).execute();

      await s.alterTable('genesys_sync_status').addColumn('object_name', 'varchar(200)').execute();

      await tenantRef(s.createTable('genesys_queue_member_status'))
        .addColumn('agent_group_id', 'integer', (c) => c.notNull().references('agent_group.id').onDelete('cascade'))
        .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('Synced', 'Error', 'Not synced')`))
        .addColumn('message', 'text')
        .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_synced_at', 'varchar(40)')
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_genesys_queue_member_status', ['tenant_id', 'agent_group_id'])
        .execute();
    },
  };
}
