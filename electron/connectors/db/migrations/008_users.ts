import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/** Users tab: grid search/sort indexes, soft deletion details (issue 4, users part). Reserved number; fill in up(). */
export function usersMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
    },
  };
}
