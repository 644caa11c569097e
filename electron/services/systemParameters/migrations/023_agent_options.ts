import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Migration 023: the tenant's MiVoice Call Recording and Agent Data Access options
 * (`system_option`, one versioned JSON row per tenant and page, like system_parameter but always a
 * tenant's) and the agent privileges of user types the manual names (`user_type_privilege`: Record
 * Calls, Record Others, Change Skills for Other Agents, Provide Assistance; a row = granted). Nothing
 * to backfill: no user type had these privileges before, on a fresh database neither.
 */
export function agentOptionsMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('system_option')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('tenant_id', 'integer', (c) => c.notNull().references('tenant.id').onDelete('cascade'))
        .addColumn('page', 'varchar(40)', (c) => c.notNull().check(sql`page in ('callRecording', 'agentDataAccess')`))
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .addUniqueConstraint('ux_system_option_page', ['tenant_id', 'page'])
        .execute();
      await db.schema
        .createTable('user_type_privilege')
        .addColumn('user_type_id', 'integer', (c) => c.notNull().references('user_type.id').onDelete('cascade'))
        .addColumn('privilege', 'varchar(40)', (c) =>
          c
            .notNull()
            .check(sql`privilege in ('recordCalls', 'recordOthers', 'changeSkillsForOthers', 'provideAssistance')`),
        )
        .addPrimaryKeyConstraint('pk_user_type_privilege', ['user_type_id', 'privilege'])
        .execute();
    },
  };
}
