import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Object tags (seed 001, OBJECT TAGS). object_tag, object_tag_mapping and dialed_number exist
 * since 001_initial. This adds the two kinds of object a tag's Data can name that the
 * database did not have: schedulers and play messages ("For service access, service group,
 * scheduler, agent and play message objects, it is the object ID"). The console lists them so
 * the Data field is a choice among defined objects, as for the other types; they are defined
 * by the tools that own them (Script Manager schedules, recorded messages), so the console
 * does not edit them. Names are unique in the tenant (a picker must tell them apart).
 */
export function usersObjectTagsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const table of ['scheduler', 'play_message']) {
        await db.schema
          .createTable(table)
          .addColumn('id', 'integer', (c) =>
            engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
          )
          .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
          .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
          .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
          .addUniqueConstraint(`uq_${table}_name`, ['tenant_id', 'name'])
          .execute();
      }
      // The Lookup and forObject read a tag's mappings by tag (the unique key) and an object's by
      // (object_type, object_id) (001's index); an object-valued Data is searched by value when
      // its object is deleted elsewhere, which is rare and needs no index.
    },
  };
}
