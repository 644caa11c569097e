import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Single sign-on (issue 7).
 * - SAML 2.0 for Agent Portal Web (seed 000, chapter 3): the Service Providers (one per
 *   Application Server, Host URL unique ignoring case), the Identity Providers (pinned
 *   signing certificates as a JSON array of base64 DER, or a fingerprint with its
 *   algorithm — the database refuses a row with neither) and the per-tenant settings
 *   (Single Sign On needs an Identity Provider; an IdP in use cannot be deleted).
 * - Circuit (seed 000, chapter 4): per tenant; the client secret is in the OS keychain only.
 * - OpenID Connect (seed 001, CONFIGURING MICC ENTERPRISE) stays in the existing sso_config
 *   table; this adds the Web server domain the redirect URIs are built from.
 */
export function ssoMigration(engine: Engine) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type T = CreateTableBuilder<any, any>;
  const withId = (t: T): T =>
    t.addColumn('id', 'integer', (c) =>
      engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    );
  const versioned = (t: T): T =>
    t
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
      .addColumn('updated_by', 'varchar(100)', (c) => c.notNull());
  const bit = (t: T, table: string, name: string): T =>
    t
      .addColumn(name, 'smallint', (c) => c.notNull().defaultTo(0))
      .addCheckConstraint(`ck_${table}_${name}_bit`, sql`${sql.ref(name)} in (0, 1)`);

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await versioned(withId(s.createTable('saml_service_provider')))
        .addColumn('host_url', 'varchar(500)', (c) => c.notNull().check(sql`host_url like 'https://%'`))
        .addColumn('certificate', 'text')
        .addColumn('public_key', 'text')
        .execute();
      await s
        .createIndex('ux_saml_sp_host_url')
        .unique()
        .on('saml_service_provider')
        .expression(sql`lower(host_url)`)
        .execute();

      let t = withId(s.createTable('saml_identity_provider'))
        .addColumn('entity_id', 'varchar(500)', (c) => c.notNull())
        .addColumn('sso_url', 'varchar(1000)', (c) => c.notNull())
        .addColumn('username_match', 'varchar(500)', (c) => c.notNull().check(sql`length(username_match) > 0`))
        .addColumn('slo_url', 'varchar(1000)')
        .addColumn('slo_response_url', 'varchar(1000)')
        .addColumn('certificates', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('fingerprint', 'varchar(200)')
        .addColumn('fingerprint_algorithm', 'varchar(10)', (c) =>
          c.check(sql`fingerprint_algorithm in ('SHA1', 'SHA256', 'SHA384', 'SHA512')`),
        )
        .addColumn('source', 'varchar(10)', (c) => c.notNull().check(sql`source in ('manual', 'metadata')`))
        .addCheckConstraint(
          'ck_saml_idp_trust',
          sql`certificates <> '[]' or (fingerprint is not null and fingerprint_algorithm is not null)`,
        );
      t = bit(t, 'saml_idp', 'metadata_signed');
      await versioned(t).execute();
      await s
        .createIndex('ux_saml_idp_entity_id')
        .unique()
        .on('saml_identity_provider')
        .expression(sql`lower(entity_id)`)
        .execute();

      t = s
        .createTable('saml_tenant')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('idp_id', 'integer', (c) => c.references('saml_identity_provider.id').onDelete('restrict'))
        .addCheckConstraint('ck_saml_tenant_idp', sql`sso_enabled = 0 or idp_id is not null`);
      t = bit(t, 'saml_tenant', 'sso_enabled');
      t = bit(t, 'saml_tenant', 'single_logout');
      await versioned(t).execute();

      t = s
        .createTable('circuit_config')
        .addColumn('tenant_id', 'integer', (c) => c.primaryKey().references('tenant.id').onDelete('cascade'))
        .addColumn('client_id', 'varchar(200)')
        .addColumn('agent_portal_url', 'varchar(1000)')
        .addColumn('circuit_login_url', 'varchar(1000)')
        .addCheckConstraint('ck_circuit_enabled_client', sql`enabled = 0 or client_id is not null`);
      t = bit(t, 'circuit_config', 'enabled');
      await versioned(t).execute();

      await s.alterTable('sso_config').addColumn('web_domain', 'varchar(255)').execute();
    },
  };
}
