import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Db, Engine } from './engine';
import { initialMigration } from './migrations/001_initial';
import { traceSettingsMigration } from './migrations/002_trace_settings';
import { usersObjectTagsMigration } from './migrations/003_users_object_tags';
import { dispatchMigration } from './migrations/004_dispatch';
import { responseFilesMigration } from './migrations/005_response_files';
import { ssoMigration } from './migrations/006_sso';
import { alarmsMigration } from './migrations/007_alarms';
import { usersMigration } from './migrations/008_users';
import { logonKeyMigration } from './migrations/009_logon_key';
import { alarmsStateMigration } from './migrations/010_alarms_state';
import { snmpServersMigration } from './migrations/012_snmp_servers';

/** Numbered migrations, in order. Never edit one that has shipped: add the next. */
export function migrations(engine: Engine): Record<string, Migration> {
  return {
    '001_initial': initialMigration(engine),
    '002_trace_settings': traceSettingsMigration(engine),
    '003_users_object_tags': usersObjectTagsMigration(engine),
    '004_dispatch': dispatchMigration(engine),
    '005_response_files': responseFilesMigration(engine),
    '006_sso': ssoMigration(engine),
    '007_alarms': alarmsMigration(engine),
    '008_users': usersMigration(engine),
    '009_logon_key': logonKeyMigration(engine),
    '010_alarms_state': alarmsStateMigration(engine),
    '012_snmp_servers': snmpServersMigration(engine),
  };
}

export const SCHEMA_VERSION = Object.keys(migrations('sqlite')).length;

export class SchemaVersionError extends Error {
  constructor(
    readonly found: number,
    readonly expected: number,
    readonly unknown: string[],
  ) {
    super(
      `The database schema is version ${found}, newer than this console understands (${expected}): it was upgraded by a newer console. Update this console.`,
    );
    this.name = 'SchemaVersionError';
  }
}

const TABLE = 'ccm_migration';

/** Which migrations the database has run (empty for a new database). */
export async function appliedMigrations(db: Kysely<unknown>): Promise<string[]> {
  const tables = await db.introspection.getTables();
  if (!tables.some((t) => t.name === TABLE)) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(TABLE)} order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Reads the schema version without changing anything (Test Connection). */
export async function inspectSchema(db: Db): Promise<{ version: number; expected: number; unknown: string[] }> {
  const known = migrations(db.engine);
  const applied = await appliedMigrations(db.kysely as Kysely<unknown>);
  return { version: applied.length, expected: SCHEMA_VERSION, unknown: applied.filter((n) => !(n in known)) };
}

/**
 * Brings the database to this console's schema. Refuses a database that a newer console
 * has already upgraded (it would not understand its tables), rather than guessing.
 */
export async function migrateToLatest(db: Db): Promise<{ from: number; to: number }> {
  const schema = await inspectSchema(db);
  if (schema.unknown.length > 0) throw new SchemaVersionError(schema.version, SCHEMA_VERSION, schema.unknown);
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations(db.engine) },
    migrationTableName: TABLE,
    migrationLockTableName: `${TABLE}_lock`,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { from: schema.version, to: SCHEMA_VERSION };
}
