import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * SNMP traps and alarms (issue 8). The `alarm` table of 001 becomes one row per
 * deduplication key (count, first/last seen, notes, cleared); every received trap is kept in
 * `trap_log` (the retention policy trims it); event configuration, imported MIBs, the
 * listener's settings and SNMPv3 users (names and protocols only: keys live in the keychain).
 */
// The event configuration this migration shipped, frozen here (the domain's defaults have
// moved on: 010 replaces the invented .0.1–.0.5 numbers).
const B = '1.3.6.1.4.1.193.132.5.1';
const SHIPPED_007 = [
  {
    oidPattern: `${B}.0.1`,
    name: 'secBrokerConFailed',
    category: 'Application Alert Alarms',
    severity: 'Major',
    messageFormat: '$1',
    dedupeKey: '$A|broker',
    clearKey: '',
  },
  {
    oidPattern: `${B}.0.2`,
    name: 'secRouterOASConLost',
    category: 'Application Alert Alarms',
    severity: 'Critical',
    messageFormat: '$1',
    dedupeKey: '$A|router-oas',
    clearKey: '',
  },
  {
    oidPattern: `${B}.0.3`,
    name: 'secRouterOASConRestored',
    category: 'Application Alert Alarms',
    severity: 'Cleared',
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '$A|router-oas',
  },
  {
    oidPattern: `${B}.0.4`,
    name: 'secServiceStopped',
    category: 'Application Alert Alarms',
    severity: 'Major',
    messageFormat: '$1',
    dedupeKey: '$A|service|$3',
    clearKey: '',
  },
  {
    oidPattern: `${B}.0.5`,
    name: 'secServiceStarted',
    category: 'Application Alert Alarms',
    severity: 'Cleared',
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '$A|service|$3',
  },
  {
    oidPattern: '1.3.6.1.4.1.*.0.47000',
    name: 'Genesys Cloud connection lost',
    category: 'Application Alert Alarms',
    severity: 'Critical',
    messageFormat: '$1',
    dedupeKey: '$A|genesys-cloud',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.4.1.*.0.47001',
    name: 'Genesys Cloud connection restored',
    category: 'Application Alert Alarms',
    severity: 'Cleared',
    messageFormat: '$1',
    dedupeKey: '',
    clearKey: '$A|genesys-cloud',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.5',
    name: 'authenticationFailure',
    category: 'Security Alarms',
    severity: 'Warning',
    messageFormat: '$1',
    dedupeKey: '$A|auth',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.1',
    name: 'coldStart',
    category: 'Status Alarms',
    severity: 'Normal',
    messageFormat: 'Cold start of $A',
    dedupeKey: '',
    clearKey: '',
  },
  {
    oidPattern: '1.3.6.1.6.3.1.1.5.2',
    name: 'warmStart',
    category: 'Log only',
    severity: 'Normal',
    messageFormat: 'Warm start of $A',
    dedupeKey: '',
    clearKey: '',
  },
];

export function alarmsMigration(engine: Engine) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type T = CreateTableBuilder<any, any>;
  const withId = (t: T): T =>
    t.addColumn('id', 'integer', (c) =>
      engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
    );
  const bitCheck = (name: string) => sql`${sql.ref(name)} in (0, 1)`;
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .alterTable('alarm')
        .addColumn('dedupe_key', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        .execute();
      await s
        .alterTable('alarm')
        .addColumn('occurrences', 'integer', (c) =>
          c
            .notNull()
            .defaultTo(1)
            .check(sql`occurrences >= 1`),
        )
        .execute();
      await s
        .alterTable('alarm')
        .addColumn('last_seen', 'varchar(40)', (c) => c.notNull().defaultTo(''))
        .execute();
      await s
        .alterTable('alarm')
        .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await s
        .alterTable('alarm')
        .addColumn('cleared', 'smallint', (c) => c.notNull().defaultTo(0).check(bitCheck('cleared')))
        .execute();
      await s.alterTable('alarm').addColumn('cleared_by', 'varchar(200)').execute();
      await s.alterTable('alarm').addColumn('cleared_at', 'varchar(40)').execute();
      await s.alterTable('alarm').addColumn('config_id', 'integer').execute();
      await s
        .alterTable('alarm')
        .addColumn('snmp_version', 'varchar(10)', (c) => c.notNull().defaultTo('v2c'))
        .execute();
      // One open row per deduplication key; a cleared problem that comes back opens a new row.
      await s
        .createIndex('uq_alarm_open_key')
        .on('alarm')
        .column('dedupe_key')
        .unique()
        .where(sql.ref('cleared'), '=', 0)
        .execute();
      await s.createIndex('ix_alarm_last_seen').on('alarm').column('last_seen').execute();

      await withId(s.createTable('trap_log'))
        .addColumn('received_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('source', 'varchar(100)', (c) => c.notNull())
        .addColumn('snmp_version', 'varchar(10)', (c) => c.notNull())
        .addColumn('trap_oid', 'varchar(300)', (c) => c.notNull())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('category', 'varchar(100)', (c) => c.notNull())
        .addColumn('severity', 'varchar(20)', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('varbinds', 'text', (c) => c.notNull())
        .addColumn('alarm_id', 'integer')
        .execute();
      await s.createIndex('ix_trap_log_received').on('trap_log').column('received_at').execute();

      let t = withId(s.createTable('alarm_event_config'))
        .addColumn('oid_pattern', 'varchar(300)', (c) => c.notNull().unique())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('category', 'varchar(100)', (c) => c.notNull().check(sql`length(category) > 0`))
        .addColumn('severity', 'varchar(20)', (c) =>
          c.notNull().check(sql`severity in ('Normal', 'Warning', 'Minor', 'Major', 'Critical', 'Cleared')`),
        )
        .addColumn('message_format', 'varchar(1000)', (c) => c.notNull())
        .addColumn('dedupe_key', 'varchar(500)', (c) => c.notNull().defaultTo(''))
        .addColumn('clear_key', 'varchar(500)', (c) => c.notNull().defaultTo(''));
      await t
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      await withId(s.createTable('alarm_mib'))
        .addColumn('module_name', 'varchar(200)', (c) => c.notNull().unique())
        .addColumn('file_name', 'varchar(300)', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('imported_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      t = s
        .createTable('alarm_listener')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('enabled', 'smallint', (c) => c.notNull().defaultTo(0).check(bitCheck('enabled')))
        .addColumn('address', 'varchar(100)', (c) => c.notNull())
        .addColumn('port', 'integer', (c) => c.notNull().check(sql`port between 0 and 65535`))
        .addColumn('communities', 'text', (c) => c.notNull())
        .addColumn('accept_any_host', 'smallint', (c) => c.notNull().defaultTo(1).check(bitCheck('accept_any_host')))
        .addColumn('accept_hosts', 'text', (c) => c.notNull())
        .addColumn('engine_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('retention_days', 'integer', (c) => c.notNull().check(sql`retention_days between 1 and 3650`))
        .addColumn('max_trap_rows', 'integer', (c) => c.notNull().check(sql`max_trap_rows between 1000 and 100000000`))
        .addColumn('notify_desktop', 'smallint', (c) => c.notNull().defaultTo(0).check(bitCheck('notify_desktop')));
      await t
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      await withId(s.createTable('alarm_v3_user'))
        .addColumn('name', 'varchar(32)', (c) =>
          c
            .notNull()
            .unique()
            .check(sql`length(name) > 0`),
        )
        .addColumn('level', 'varchar(20)', (c) =>
          c.notNull().check(sql`level in ('noAuthNoPriv', 'authNoPriv', 'authPriv')`),
        )
        .addColumn('auth_protocol', 'varchar(10)', (c) => c.notNull())
        .addColumn('priv_protocol', 'varchar(10)', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();

      const now = new Date().toISOString();
      // A persisted engine ID: 0x80 | enterprise 193 (Ericsson) | 0x04 text format | random.
      const rand = Array.from({ length: 8 }, () =>
        Math.floor(Math.random() * 256)
          .toString(16)
          .padStart(2, '0'),
      ).join('');
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const k = db as Kysely<any>;
      await k
        .insertInto('alarm_listener')
        .values({
          id: 1,
          enabled: 0,
          address: '0.0.0.0',
          port: 162,
          communities: JSON.stringify(['public']),
          accept_any_host: 1,
          accept_hosts: '[]',
          engine_id: `800000c104${rand}`,
          retention_days: 30,
          max_trap_rows: 5_000_000,
          notify_desktop: 0,
          updated_at: now,
          updated_by: 'system',
        })
        .execute();
      await k
        .insertInto('alarm_event_config')
        .values(
          SHIPPED_007.map((c) => ({
            oid_pattern: c.oidPattern,
            name: c.name,
            category: c.category,
            severity: c.severity,
            message_format: c.messageFormat,
            dedupe_key: c.dedupeKey,
            clear_key: c.clearKey,
            updated_at: now,
            updated_by: 'system',
          })),
        )
        .execute();
    },
  };
}
