import type { Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Response files (issue 6). The table and the service-group association exist since 001;
 * this adds where the file lives for agents: relative Src paths "are relative to the
 * location of the XML response file" (seed 001, Nodes table), so a file kept in the
 * database needs that folder (or URL) to resolve them.
 */
export function responseFilesMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('response_file').addColumn('location', 'varchar(1000)').execute();
    },
  };
}
