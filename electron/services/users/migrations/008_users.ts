import type { Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Users tab (issue 4, users part). The grid asks for one page of the tenant's live users
 * ordered by a column, often filtered by agent group: with these indexes the database walks
 * the order instead of sorting 100,000 rows for every page. (Logon ID order is
 * ix_cc_user_grid from 001.) Soft deletion needs no schema change: cc_user.deleted exists and
 * the unique indexes deliberately include deleted rows, so a deleted synchronized user keeps
 * its values for its undelete (see domain/users/deletion.ts).
 */
export function usersMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createIndex('ix_cc_user_grid_last_name')
        .on('cc_user')
        .columns(['tenant_id', 'deleted', 'last_name'])
        .execute();
      await s
        .createIndex('ix_cc_user_grid_group')
        .on('cc_user')
        .columns(['tenant_id', 'deleted', 'agent_group_id', 'logon_id'])
        .execute();
      await s
        .createIndex('ix_cc_user_grid_last_logon')
        .on('cc_user')
        .columns(['tenant_id', 'deleted', 'last_logon_at'])
        .execute();
    },
  };
}
