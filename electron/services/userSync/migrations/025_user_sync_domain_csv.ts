import type { Kysely } from 'kysely';

/**
 * User synchronization (migration 025):
 * - `ad_domain`: the DNS domain whose domain controllers are found by DNS SRV (`_ldap._tcp.<domain>`) when Host Name
 *   is blank; blank = the machine's domain (Windows only).
 * - `csv_folder` / `csv_file_name`: where UserSync.csv is appended. The folder is blank (the console's logs folder)
 *   or one of the folders a host administrator allowed for log files; the file name is a plain name ending in .csv.
 */
export function userSyncDomainCsvMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('user_sync_config')
        .addColumn('ad_domain', 'varchar(255)', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('user_sync_config')
        .addColumn('csv_folder', 'varchar(1024)', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema
        .alterTable('user_sync_config')
        .addColumn('csv_file_name', 'varchar(100)', (c) => c.notNull().defaultTo('UserSync.csv'))
        .execute();
    },
  };
}
