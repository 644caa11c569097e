import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';
import { DEFAULT_EVENT_CONFIGS, INVENTED_OID_PATTERNS } from '../../../domain/alarms/defaults';

/**
 * Alarms against real MiCC Enterprise servers:
 * - event configuration can take the severity from a Windows event ID's severity bits;
 * - trap_log and alarm keep sysUpTime and how many varbinds past the cap were left out;
 * - the listener's counters and the SNMPv3 replay cache (message digests, engine clocks)
 *   survive a restart, per computer running a listener (host name);
 * - the shipped configuration rows for notification numbers no server sends (…5.1.0.1–.0.5)
 *   go where nobody changed them, and the configuration for real event-to-trap traps (the
 *   MiCC subtree, IF-MIB linkDown/linkUp per ifIndex) comes in.
 */
export function alarmsStateMigration(engine: Engine) {
  const big = engine === 'sqlite' ? 'integer' : 'bigint';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .alterTable('alarm_event_config')
        .addColumn('severity_from_event', 'smallint', (c) =>
          c
            .notNull()
            .defaultTo(0)
            .check(sql`severity_from_event in (0, 1)`),
        )
        .execute();
      for (const t of ['trap_log', 'alarm']) {
        await s.alterTable(t).addColumn('uptime', big).execute();
        await s
          .alterTable(t)
          .addColumn('left_out', 'integer', (c) =>
            c
              .notNull()
              .defaultTo(0)
              .check(sql`left_out >= 0`),
          )
          .execute();
      }
      await s
        .createTable('alarm_listener_state')
        .addColumn('host', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('counters', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await s
        .createTable('alarm_v3_replay')
        .addColumn('host', 'varchar(255)', (c) => c.notNull())
        .addColumn('digest', 'varchar(400)', (c) => c.notNull())
        .addColumn('seen_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_alarm_v3_replay', ['host', 'digest'])
        .execute();
      await s.createIndex('ix_alarm_v3_replay_seen').on('alarm_v3_replay').columns(['host', 'seen_at']).execute();
      await s
        .createTable('alarm_v3_engine')
        .addColumn('host', 'varchar(255)', (c) => c.notNull())
        .addColumn('engine_id', 'varchar(130)', (c) => c.notNull())
        .addColumn('boots', big, (c) => c.notNull())
        .addColumn('engine_time', big, (c) => c.notNull())
        .addColumn('seen_at', big, (c) => c.notNull())
        .addPrimaryKeyConstraint('pk_alarm_v3_engine', ['host', 'engine_id'])
        .execute();

      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const k = db as Kysely<any>;
      await k
        .deleteFrom('alarm_event_config')
        .where('oid_pattern', 'in', INVENTED_OID_PATTERNS)
        .where('version', '=', 1)
        .where('updated_by', '=', 'system')
        .execute();
      const have = new Set(
        (await k.selectFrom('alarm_event_config').select('oid_pattern').execute()).map(
          (r: { oid_pattern: string }) => r.oid_pattern,
        ),
      );
      const now = new Date().toISOString();
      const add = DEFAULT_EVENT_CONFIGS.filter((c) => !have.has(c.oidPattern));
      if (add.length > 0) {
        await k
          .insertInto('alarm_event_config')
          .values(
            add.map((c) => ({
              oid_pattern: c.oidPattern,
              name: c.name,
              category: c.category,
              severity: c.severity,
              severity_from_event: c.severityFromEvent ? 1 : 0,
              message_format: c.messageFormat,
              dedupe_key: c.dedupeKey,
              clear_key: c.clearKey,
              updated_at: now,
              updated_by: 'system',
            })),
          )
          .execute();
      }
    },
  };
}
