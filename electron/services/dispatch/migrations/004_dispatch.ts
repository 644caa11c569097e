import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/** Dispatch groups, personal call routing, phone agent logon (issue 5). */
export function dispatchMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // The tenant's pool of dispatch licences; null = no limit. Assigning dispatch
      // privilege beyond it is refused (services/dispatch/licences.ts).
      await db.schema
        .alterTable('tenant')
        .addColumn('dispatch_licences', 'integer', (c) =>
          c.check(sql`dispatch_licences is null or dispatch_licences >= 0`),
        )
        .execute();
      // The system values the personal call routing rules depend on (seed 001, CONFIGURATION
      // OF PERSONAL CALL ROUTING / WITHOUT DISPATCH; AGENT DATA ACCESS).
      await db.schema
        .alterTable('tenant')
        .addColumn('ring_time_supervision_sec', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(15)
            .check(sql`ring_time_supervision_sec between 1 and 3600`),
        )
        .execute();
      await db.schema.alterTable('tenant').addColumn('system_default_destination', 'varchar(50)').execute();
      await db.schema
        .alterTable('tenant')
        .addColumn('allow_view_all_dispatch_groups', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`allow_view_all_dispatch_groups in (0, 1)`),
        )
        .execute();
      // Call managers are chosen per site (CALL MANAGER LOAD BALANCING).
      await db.schema.alterTable('site_server_param').addColumn('site', 'varchar(100)').execute();
      // CALLER ID FOR OUTGOING CALLS: "one of the custom caller IDs may be selected as the default".
      await db.schema
        .createIndex('ux_caller_id_default')
        .unique()
        .on('caller_id')
        .column('tenant_id')
        .where(sql.ref('is_default'), '=', 1)
        .execute();
      // Lookups the dispatch views run often.
      await db.schema.createIndex('ix_service_access_group').on('service_access').column('service_group_id').execute();
      await db.schema
        .createIndex('ix_skill_assignment_skill')
        .on('skill_assignment')
        .columns(['skill_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('ix_phone_agent_logon_tenant')
        .on('phone_agent_logon')
        .columns(['tenant_id', 'priority_logon'])
        .execute();
    },
  };
}
