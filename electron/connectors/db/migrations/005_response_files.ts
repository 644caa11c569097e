import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/** Response files (issue 6). Reserved number; fill in up(). */
export function responseFilesMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
    },
  };
}
