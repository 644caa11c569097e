import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/** Single sign-on (issue 7). Reserved number; fill in up(). */
export function ssoMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
    },
  };
}
