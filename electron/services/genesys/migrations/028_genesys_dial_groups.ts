import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Genesys Cloud Dial Groups (seed 004 "Configure Genesys Cloud Dial Groups"): the console is the
 * server-side configuration store, so it keeps the tenant's dial groups (the list "Available Dial
 * Groups" shows), name unique per tenant ignoring case. genesys_config.dial_groups (JSON string[])
 * stays the selection ("Currently Selected Dial Groups"); a selected name must be one of these.
 * Names an upgraded database already has in a selection become dial groups, so the stored
 * selection stays valid.
 */
export function genesysDialGroupsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('genesys_dial_group')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await s
        .createIndex('ux_genesys_dial_group_name')
        .unique()
        .on('genesys_dial_group')
        .expression(sql`tenant_id, lower(name)`)
        .execute();

      const rows = await sql<{ tenant_id: number; dial_groups: string }>`
        select tenant_id, dial_groups from genesys_config`.execute(db);
      const now = new Date().toISOString();
      for (const r of rows.rows) {
        let names: unknown;
        try {
          names = JSON.parse(r.dial_groups);
        } catch {
          names = [];
        }
        const seen = new Set<string>();
        const kept: string[] = [];
        for (const n of Array.isArray(names) ? names : []) {
          if (typeof n !== 'string') continue;
          const name = n.trim().slice(0, 100);
          if (!name || seen.has(name.toLowerCase())) continue;
          seen.add(name.toLowerCase());
          kept.push(name);
          await sql`insert into genesys_dial_group (tenant_id, name, version, updated_at, updated_by)
            values (${r.tenant_id}, ${name}, 1, ${now}, 'migration 028')`.execute(db);
        }
        await sql`update genesys_config set dial_groups = ${JSON.stringify(kept)}
          where tenant_id = ${r.tenant_id}`.execute(db);
      }
    },
  };
}
