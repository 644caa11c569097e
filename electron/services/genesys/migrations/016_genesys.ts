import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/** The area this migration adds to the stored permissions of the built-in user types (domain/userTypes.ts). */
export const GENESYS_GRANTS: Record<string, 'read' | 'write'> = {
  Administrator: 'write',
  'Host Administrator': 'write',
  Supervisor: 'read',
};

/**
 * Genesys Cloud for PureConnect (seed 004), per tenant:
 * - genesys_config: the Configuration and Synchronization Options tabs (no secrets: the
 *   administrator's password and the OAuth client's secret are in the OS keychain, bound to the
 *   region's login host), what provisioning created (org id and name, OAuth client id);
 * - genesys_user_profile: a user's Business Email and Display Name (what SCIM sends);
 * - genesys_skill_option: Treat as a Language per skill;
 * - wrapup_code: the tenant's wrap-up codes (name unique ignoring case);
 * - genesys_sync_status: per record (user, workgroup, skill, wrap-up code, a user's skills) Synced /
 *   Error / Not synced with the API's text and the last successful synchronization;
 * - genesys_sync_lease: the console that synchronizes the tenant (several consoles share a database,
 *   one pushes) and the API Health / OAuth state it last saw (JSON).
 * Existing databases' built-in user types get the new area (Administrator write, Supervisor read),
 * as a fresh database's do.
 */
export function genesysMigration(engine: Engine) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type T = CreateTableBuilder<any, any>;
  const versioned = (t: T): T =>
    t
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('updated_by', 'varchar(100)', (c) => c.notNull());
  const bit = (t: T, table: string, name: string, dflt = 0): T =>
    t
      .addColumn(name, 'smallint', (c) => c.notNull().defaultTo(dflt))
      .addCheckConstraint(`ck_${table}_${name}_bit`, sql`${sql.ref(name)} in (0, 1)`);
  const tenantRef = (t: T): T =>
    t.addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'));

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      let t: T = s
        .createTable('genesys_config')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('admin_email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
        .addColumn('org_short_name', 'varchar(100)', (c) => c.notNull().defaultTo(''))
        .addColumn('region', 'varchar(100)', (c) => c.notNull())
        .addColumn('browser_client_apps', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('dial_groups', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('provisioned_at', 'varchar(40)')
        .addColumn('org_id', 'varchar(100)')
        .addColumn('org_name', 'varchar(200)')
        .addColumn('client_id', 'varchar(100)');
      t = bit(t, 'genesys_config', 'enabled');
      t = bit(t, 'genesys_config', 'sync_users', 1);
      t = bit(t, 'genesys_config', 'sync_advanced');
      await versioned(t).execute();

      await s
        .createTable('genesys_user_profile')
        .addColumn('user_id', 'integer', (c) => c.primaryKey().references('cc_user.id').onDelete('cascade'))
        .addColumn('business_email', 'varchar(254)', (c) => c.notNull().defaultTo(''))
        .addColumn('display_name', 'varchar(200)', (c) => c.notNull().defaultTo(''))
        .execute();

      const skillOption: T = s
        .createTable('genesys_skill_option')
        .addColumn('skill_id', 'integer', (c) => c.primaryKey().references('skill.id').onDelete('cascade'));
      await bit(skillOption, 'genesys_skill_option', 'treat_as_language').execute();

      await versioned(
        tenantRef(
          s
            .createTable('wrapup_code')
            .addColumn('id', 'integer', (c) =>
              engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
            ),
        ).addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`)),
      ).execute();
      await s
        .createIndex('ux_wrapup_code_name')
        .unique()
        .on('wrapup_code')
        .expression(sql`tenant_id, lower(name)`)
        .execute();

      await tenantRef(s.createTable('genesys_sync_status'))
        .addColumn('kind', 'varchar(20)', (c) =>
          c.notNull().check(sql`kind in ('user', 'workgroup', 'skill', 'wrapupCode', 'userSkill')`),
        )
        .addColumn('object_id', 'integer', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('Synced', 'Error', 'Not synced')`))
        .addColumn('message', 'text')
        .addColumn('last_synced_at', 'varchar(40)')
        .addColumn('remote_id', 'varchar(100)')
        .addColumn('remote_version', 'varchar(100)')
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_genesys_sync_status', ['tenant_id', 'kind', 'object_id'])
        .execute();

      // Which console synchronizes a tenant (one at a time, a lease it renews) and the API Health it last saw,
      // so every console's Integration Health shows the same.
      await s
        .createTable('genesys_sync_lease')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('console_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('expires_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('health', 'text', (c) => c.notNull().defaultTo('{}'))
        .execute();

      // Existing built-in user types get the area (a fresh database's get it from domain/userTypes.ts).
      const types = await sql<{ id: number; name: string; permissions: string }>`
        select id, name, permissions from user_type`.execute(db);
      for (const r of types.rows) {
        const grant = GENESYS_GRANTS[r.name];
        if (!grant) continue;
        let p: Record<string, string>;
        try {
          p = JSON.parse(r.permissions) as Record<string, string>;
        } catch {
          continue;
        }
        if (p.genesys) continue;
        p.genesys = grant;
        await sql`update user_type set permissions = ${JSON.stringify(p)} where id = ${r.id}`.execute(db);
      }
    },
  };
}
