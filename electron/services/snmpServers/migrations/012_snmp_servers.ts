import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../../connectors/db/engine';

/**
 * Alarms › Servers (migration 012): the MiCC Enterprise servers whose SNMP agent the console
 * checks and whose SNMP Service configuration it generates. Not per tenant, like the listener:
 * a server's SNMP Service serves the installation. The query community and SNMPv3 keys are in
 * the OS keychain, never here. `agent_config` is the contract's SnmpAgentConfig as JSON text.
 */
export function snmpServersMigration(engine: Engine) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('snmp_server')
        .addColumn('id', 'integer', (c) =>
          engine === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey().generatedByDefaultAsIdentity(),
        )
        .addColumn('name', 'varchar(100)', (c) => c.notNull().check(sql`length(name) between 1 and 100`))
        .addColumn('host', 'varchar(255)', (c) => c.notNull().check(sql`length(host) between 1 and 255`))
        .addColumn('port', 'integer', (c) => c.notNull().check(sql`port between 1 and 65535`))
        .addColumn('snmp_version', 'varchar(4)', (c) => c.notNull().check(sql`snmp_version in ('v1', 'v2c', 'v3')`))
        .addColumn('v3_user', 'varchar(32)', (c) => c.notNull().defaultTo(''))
        .addColumn('v3_level', 'varchar(16)', (c) => c.notNull().defaultTo('authPriv'))
        .addColumn('v3_auth_protocol', 'varchar(10)', (c) => c.notNull().defaultTo('sha'))
        .addColumn('v3_priv_protocol', 'varchar(10)', (c) => c.notNull().defaultTo('aes'))
        .addColumn('timeout_ms', 'integer', (c) => c.notNull().check(sql`timeout_ms between 100 and 60000`))
        .addColumn('retries', 'integer', (c) => c.notNull().check(sql`retries between 0 and 5`))
        .addColumn('agent_config', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('updated_by', 'varchar(100)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ux_snmp_server_name')
        .unique()
        .on('snmp_server')
        .expression(sql`lower(name)`)
        .execute();
    },
  };
}
