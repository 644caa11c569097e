import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/** Object tags and dialed numbers (issue 4). Reserved number; fill in up(). */
export function usersObjectTagsMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
    },
  };
}
