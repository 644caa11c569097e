import type { Migration, Transaction } from 'kysely';
import type { Engine } from './engine';
import type { Database } from './schema';

/** One migration, written once for both engines. */
export type MigrationFactory = (engine: Engine) => Migration;

/**
 * Migrations by name ('001_initial', …). The database records the names, so a shipped name
 * never changes; Kysely runs them in name order, wherever they are defined.
 */
export type MigrationSet = Readonly<Record<string, MigrationFactory>>;

/**
 * A feature's rows for the embedded demo database, run inside seedDemo's transaction after the
 * base demo (tenants, users, groups), in the order of the features list.
 */
export type DemoSeeder = (tx: Transaction<Database>, demoTenantId: number, at: string) => Promise<void>;

/**
 * What the database layer needs from the features (electron/features.ts builds it): every
 * migration, and the demo seeders. Connectors never import services; the composition root
 * hands this in.
 */
export interface DbParts {
  readonly migrations: MigrationSet;
  readonly demo: readonly DemoSeeder[];
}

/**
 * Joins migration sets; a name defined twice, or a number used twice ('004_a' and '004_b'), is
 * a programming error and throws at start.
 */
export function joinMigrations(...sets: ReadonlyArray<MigrationSet | undefined>): MigrationSet {
  const out: Record<string, MigrationFactory> = {};
  const numbers = new Map<string, string>();
  for (const set of sets) {
    for (const [name, factory] of Object.entries(set ?? {})) {
      const number = /^(\d{3})_[a-z0-9_]+$/.exec(name)?.[1];
      if (!number) throw new Error(`Migration name "${name}" is not NNN_snake_case.`);
      const other = numbers.get(number);
      if (other !== undefined) throw new Error(`Migrations "${other}" and "${name}" share the number ${number}.`);
      numbers.set(number, name);
      out[name] = factory;
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
