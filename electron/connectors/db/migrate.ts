import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import type { Db, Engine } from './engine';
import { initialMigration } from './migrations/001_initial';
import type { MigrationSet } from './parts';

/**
 * The core migrations: the tables several features share (001_initial). A feature's own
 * migrations live in its folder (electron/services/<feature>/migrations/) and reach the
 * migrator through the features list (electron/features.ts → DbParts). Never edit one that
 * has shipped: add the next number (011 and 019 were never used, 030 is reserved; the next free number is 033).
 */
export const coreMigrations: MigrationSet = {
  '001_initial': initialMigration,
};

/** The migrations of a set for one engine, in name order (the order Kysely runs them). */
export function migrations(set: MigrationSet, engine: Engine): Record<string, Migration> {
  return Object.fromEntries(
    Object.keys(set)
      .sort()
      .map((name) => [name, set[name]!(engine)]),
  );
}

/** The schema version a console with this set of migrations expects: how many there are. */
export function schemaVersion(set: MigrationSet): number {
  return Object.keys(set).length;
}

export class SchemaVersionError extends Error {
  constructor(
    readonly found: number,
    readonly expected: number,
    readonly unknown: string[],
  ) {
    super(
      `The database schema is version ${found}, newer than this console understands (${expected}): it was upgraded ` +
        `by a newer console. Update this console.`,
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
export async function inspectSchema(
  db: Db,
  set: MigrationSet,
): Promise<{ version: number; expected: number; unknown: string[] }> {
  const applied = await appliedMigrations(db.kysely as Kysely<unknown>);
  return { version: applied.length, expected: schemaVersion(set), unknown: applied.filter((n) => !(n in set)) };
}

/**
 * Brings the database to this console's schema. Refuses a database that a newer console
 * has already upgraded (it would not understand its tables), rather than guessing.
 */
export async function migrateToLatest(db: Db, set: MigrationSet): Promise<{ from: number; to: number }> {
  const schema = await inspectSchema(db, set);
  if (schema.unknown.length > 0) throw new SchemaVersionError(schema.version, schema.expected, schema.unknown);
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: async () => migrations(set, db.engine) },
    migrationTableName: TABLE,
    migrationLockTableName: `${TABLE}_lock`,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { from: schema.version, to: schema.expected };
}
