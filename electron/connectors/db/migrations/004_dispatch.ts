import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine';

/** Dispatch groups, personal call routing, phone agent logon (issue 5). */
export function dispatchMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // The tenant's pool of dispatch licences; null = no limit. Assigning dispatch
      // privilege beyond it is refused (services/dispatch/licences.ts).
      await db.schema
        .alterTable('tenant')
        .addColumn('dispatch_licences', 'integer', (c) => c.check(sql`dispatch_licences is null or dispatch_licences >= 0`))
        .execute();
    },
  };
}
