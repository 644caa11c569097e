import type { Kysely } from 'kysely';
import type { Engine } from '../engine';

/** SNMP traps and alarms (issue 8). Reserved number; fill in up(). */
export function alarmsMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      void db;
    },
  };
}
