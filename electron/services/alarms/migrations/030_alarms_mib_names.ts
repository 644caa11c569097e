import type { Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * coldStart and warmStart are named through SNMPv2-MIB, like every trap a MIB knows: migration
 * 007 shipped their rows with the literal names 'coldStart'/'warmStart', and the later defaults
 * (an empty name = the MIB's) never reached a database that already had those rows. Only rows
 * nobody changed since (version 1, written by the system) are touched.
 */
export function alarmsMibNamesMigration(engine: Engine) {
  void engine;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const k = db as Kysely<any>;
      for (const [oid, name] of [
        ['1.3.6.1.6.3.1.1.5.1', 'coldStart'],
        ['1.3.6.1.6.3.1.1.5.2', 'warmStart'],
      ] as const) {
        await k
          .updateTable('alarm_event_config')
          .set({ name: '' })
          .where('oid_pattern', '=', oid)
          .where('name', '=', name)
          .where('version', '=', 1)
          .where('updated_by', '=', 'system')
          .execute();
      }
    },
  };
}
