import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/** The level the built-in user types get on the new area (domain/userTypes.ts LEVELS_BY_AREA.webManager). */
export const WEB_MANAGER_GRANTS: Record<string, 'read' | 'write'> = {
  'Host Administrator': 'write',
  Administrator: 'write',
  Supervisor: 'read',
};

/**
 * Web Manager (migration 015): Virtual Agent profiles with their agents and actions, REST SDK
 * clients, CLIP numbers per tenant, the Exchange Calendar settings per tenant; the user fields
 * Virtual Agents depend on (password type, Automatic Post-processing, Mandatory wrap-up reason);
 * the tenant's "agents may select a different caller ID" for private calls (CALLER ID FOR
 * OUTGOING CALLS). No secret is stored here: tokens, keys and passwords are in the OS keychain;
 * a Google key is known here only by its fingerprint (SHA-256 of its public key).
 *
 * Existing databases' built-in user types get the new area as a fresh database's do.
 */
export function webManagerMigration(engine: Engine) {
  const id = (c: ColumnDefinitionBuilder) =>
    engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity();
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      const bit = (name: string) => sql.raw(`${name} in (0, 1)`);

      // User fields (seed: "The Virtual Agent only supports the OpenScape Contact Center password type";
      // "Automatic Post-processing and Mandatory wrap-up reason are not supported by Virtual Agent").
      await s
        .alterTable('cc_user')
        .addColumn('password_type', 'varchar(10)', (c) =>
          c
            .notNull()
            .defaultTo('oscc')
            .check(sql`password_type in ('oscc', 'windows', 'saml2')`),
        )
        .execute();
      for (const col of ['automatic_post_processing', 'mandatory_wrap_up_reason'])
        await s
          .alterTable('cc_user')
          .addColumn(col, 'smallint', (c) => c.notNull().defaultTo(0).check(bit(col)))
          .execute();
      // CALLER ID FOR OUTGOING CALLS: "whether the agent is allowed to select a different caller ID".
      await s
        .alterTable('tenant')
        .addColumn('agents_may_change_caller_id', 'smallint', (c) =>
          c.notNull().defaultTo(0).check(bit('agents_may_change_caller_id')),
        )
        .execute();

      await s
        .createTable('wm_rest_client')
        .addColumn('id', 'integer', id)
        .addColumn('name', 'varchar(32)', (c) => c.notNull().check(sql`length(name) between 1 and 32`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await s
        .createIndex('ux_wm_rest_client_name')
        .unique()
        .on('wm_rest_client')
        .expression(sql`lower(name)`)
        .execute();

      // "You can add up to ten numbers per tenant": a slot 1–10, unique per tenant, holds the limit
      // in the database even when two consoles add at once.
      await s
        .createTable('wm_clip')
        .addColumn('id', 'integer', id)
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('slot', 'integer', (c) => c.notNull().check(sql`slot between 1 and 10`))
        .addColumn('number', 'varchar(32)', (c) =>
          c
            .notNull()
            .check(
              engine === 'sqlite'
                ? sql`number not glob '*[^0-9]*' and length(number) between 1 and 32`
                : sql`number ~ '^[0-9]{1,32}$'`,
            ),
        )
        .addColumn('name', 'varchar(50)', (c) => c.notNull().check(sql`length(name) between 1 and 50`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .addUniqueConstraint('uq_wm_clip_slot', ['tenant_id', 'slot'])
        .addUniqueConstraint('uq_wm_clip_number', ['tenant_id', 'number'])
        .execute();

      await s
        .createTable('va_profile')
        .addColumn('id', 'integer', id)
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('type', 'varchar(16)', (c) =>
          c.notNull().check(sql`type in ('dialogflow', 'dialogflowV2', 'connector')`),
        )
        .addColumn('url', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        .addColumn('project_id', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('token_endpoint', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        .addColumn('api_endpoint', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        // SHA-256 of the Google key's public key (never the key): "Each profile must be configured
        // with a different GCP token".
        .addColumn('key_fingerprint', 'varchar(64)')
        .addColumn('key_client_email', 'varchar(320)')
        .addColumn('key_id', 'varchar(100)')
        .addColumn('fallback_message', 'varchar(1000)', (c) =>
          c.notNull().check(sql`length(fallback_message) between 1 and 1000`),
        )
        .addColumn('session_timeout_min', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(3)
            .check(sql`session_timeout_min between 1 and 1440`),
        )
        .addColumn('timeout_message', 'varchar(1000)', (c) => c.notNull().defaultTo(''))
        .addColumn('speech', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await s
        .createIndex('ux_va_profile_name')
        .unique()
        .on('va_profile')
        .expression(sql`lower(name)`)
        .execute();
      await s.createIndex('ux_va_profile_key').unique().on('va_profile').column('key_fingerprint').execute();

      // An agent belongs to at most one profile: the user is the key.
      await s
        .createTable('va_agent')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('cc_user.id').onDelete('cascade'))
        .addColumn('profile_id', 'integer', (c) => c.notNull().references('va_profile.id').onDelete('cascade'))
        .execute();
      await s.createIndex('ix_va_agent_profile').on('va_agent').column('profile_id').execute();

      await s
        .createTable('va_action')
        .addColumn('id', 'integer', id)
        .addColumn('profile_id', 'integer', (c) => c.notNull().references('va_profile.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('kind', 'varchar(32)', (c) =>
          c
            .notNull()
            .check(
              sql.raw(
                `kind in ('requeueOpenMedia', 'requeueWebInteraction', 'requeueSpeech', 'callback', ` +
                  `'externalSystemRequest', 'webInteractionPushUrl')`,
              ),
            ),
        )
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await s
        .createIndex('ux_va_action_name')
        .unique()
        .on('va_action')
        .expression(sql`profile_id, lower(name)`)
        .execute();

      await s
        .createTable('wm_calendar')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('enabled', 'smallint', (c) => c.notNull().defaultTo(0).check(bit('enabled')))
        .addColumn('client_id', 'varchar(36)', (c) => c.notNull().defaultTo(''))
        .addColumn('directory_tenant_id', 'varchar(36)', (c) => c.notNull().defaultTo(''))
        .addColumn('authority_url', 'varchar(500)', (c) => c.notNull())
        .addColumn('graph_url', 'varchar(500)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      // The built-in user types of an existing database get the area (a fresh one has it from userTypes.ts).
      const types = await sql<{ id: number; name: string; permissions: string; is_host_admin: number }>`
        select id, name, permissions, is_host_admin from user_type`.execute(db);
      for (const t of types.rows) {
        const level = t.is_host_admin === 1 ? 'write' : WEB_MANAGER_GRANTS[t.name];
        if (!level) continue;
        let grants: Record<string, string>;
        try {
          grants = JSON.parse(t.permissions) as Record<string, string>;
        } catch {
          continue;
        }
        if (grants.webManager) continue;
        grants.webManager = level;
        await sql`update user_type set permissions = ${JSON.stringify(grants)} where id = ${t.id}`.execute(db);
      }
    },
  };
}
