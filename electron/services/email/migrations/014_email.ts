import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/** What the built-in user types get on the E-mail area (as in domain/userTypes.ts). */
export const EMAIL_GRANTS: Readonly<Record<string, 'read' | 'write'>> = {
  Administrator: 'write',
  'Host Administrator': 'write',
  Supervisor: 'read',
};

/**
 * E-mail (migration 014): the e-mail servers and destinations of each tenant, and the E-mail
 * area for the built-in user types of a database created before this area existed (a fresh
 * database gets it from domain/userTypes.ts when its user types are created).
 */
export function emailMigration(engine: Engine) {
  const id = (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('email_server')
        .addColumn('id', 'integer', id)
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('imap_host', 'varchar(255)')
        .addColumn('imap_port', 'integer', (c) => c.check(sql`imap_port between 1 and 65535`))
        .addColumn('imap_ssl', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`imap_ssl in (0, 1)`),
        )
        .addColumn('imap_auth', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('password')
            .check(sql`imap_auth in ('password', 'oauth')`),
        )
        .addColumn('imap_user', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('imap_max_sessions', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`imap_max_sessions >= 0`),
        )
        .addColumn('smtp_host', 'varchar(255)')
        .addColumn('smtp_port', 'integer', (c) => c.check(sql`smtp_port between 1 and 65535`))
        .addColumn('smtp_ssl', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`smtp_ssl in (0, 1)`),
        )
        .addColumn('smtp_reporting', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`smtp_reporting in (0, 1)`),
        )
        .addColumn('smtp_auth', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('none')
            .check(sql`smtp_auth in ('none', 'password', 'oauth')`),
        )
        .addColumn('smtp_user', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('oauth_tenant', 'varchar(100)')
        .addColumn('oauth_client', 'varchar(100)')
        .addColumn('heartbeat_address', 'varchar(254)', (c) => c.notNull().defaultTo(''))
        .addColumn('rate_limit_per_hour', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`rate_limit_per_hour >= 0`),
        )
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .addCheckConstraint('ck_email_server_section', sql`imap_host is not null or smtp_host is not null`)
        .execute();
      await sql`create unique index ux_email_server_name on email_server (tenant_id, lower(name))`.execute(db);
      await db.schema
        .createTable('email_destination')
        .addColumn('id', 'integer', id)
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('address', 'varchar(254)', (c) => c.notNull().check(sql`length(address) between 3 and 254`))
        .addColumn('description', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        .addColumn('from_text', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('monitored', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`monitored in (0, 1)`),
        )
        .addColumn('outgoing', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`outgoing in (0, 1)`),
        )
        // No cascade: a server a destination uses cannot be deleted.
        .addColumn('server_id', 'integer', (c) => c.references('email_server.id'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await sql`create unique index ux_email_destination_name on email_destination (tenant_id, lower(name))`.execute(
        db,
      );
      const addressIndex =
        'create unique index ux_email_destination_address on email_destination (tenant_id, lower(address))';
      await sql.raw(addressIndex).execute(db);
      await sql`create index ix_email_server_account on email_server (lower(imap_host), lower(imap_user))`.execute(db);

      await db.schema
        .createTable('email_outgoing')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('enabled', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`enabled in (0, 1)`),
        )
        .addColumn('protocol', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('smtp')
            .check(sql`protocol in ('smtp', 'office365')`),
        )
        .addColumn('from_address', 'varchar(254)', (c) => c.notNull().defaultTo(''))
        .addColumn('host', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('port', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(25)
            .check(sql`port between 1 and 65535`),
        )
        .addColumn('use_auth', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`use_auth in (0, 1)`),
        )
        .addColumn('user_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('o365_client_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('o365_tenant_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('o365_authority', 'varchar(255)', (c) => c.notNull().defaultTo('https://login.microsoftonline.com'))
        .addColumn('configured', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`configured in (0, 1)`),
        )
        .addColumn('worker_owner', 'varchar(100)')
        .addColumn('worker_until', 'varchar(40)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('email_queue')
        .addColumn('id', 'integer', id)
        .addColumn('message_id', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('created_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('origin', 'varchar(100)', (c) => c.notNull())
        .addColumn('to_addrs', 'text', (c) => c.notNull())
        .addColumn('subject', 'varchar(1000)', (c) => c.notNull())
        .addColumn('body_text', 'text', (c) => c.notNull())
        .addColumn('state', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('queued')
            .check(sql`state in ('queued', 'failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .addColumn('last_attempt_at', 'varchar(40)')
        .addColumn('next_attempt_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await sql`create index ix_email_queue_state on email_queue (state, id)`.execute(db);
      await db.schema
        .createTable('email_alarm_rule')
        .addColumn('id', 'integer', id)
        .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
        .addColumn('enabled', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`enabled in (0, 1)`),
        )
        .addColumn('min_severity', 'varchar(20)', (c) => c.notNull())
        .addColumn('category', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('source_pattern', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .addColumn('recipients', 'text', (c) => c.notNull())
        .addColumn('digest_seconds', 'integer', (c) => c.notNull().check(sql`digest_seconds between 10 and 86400`))
        .addColumn('last_run_at', 'varchar(40)')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      // The E-mail area for the built-in user types that existed before it (names as shipped).
      const types = await sql<{ id: number; name: string; permissions: string }>`
        select id, name, permissions from user_type`.execute(db);
      for (const t of types.rows) {
        const level = EMAIL_GRANTS[t.name];
        if (!level) continue;
        let perms: Record<string, unknown>;
        try {
          perms = JSON.parse(t.permissions) as Record<string, unknown>;
        } catch {
          continue;
        }
        if (perms.email !== undefined) continue;
        perms.email = level;
        await sql`update user_type set permissions = ${JSON.stringify(perms)} where id = ${t.id}`.execute(db);
      }
    },
  };
}
