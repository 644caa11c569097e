import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openDb, type Db, type DbTarget } from '../engine';
import { mainDbParts } from '../../../features';
import { migrateToLatest } from '../migrate';
import { createDatabase } from './postgresServer';

/** Both engines, for `describe.each(ENGINES)`: every DB rule is proven on SQLite and on PostgreSQL. */
export const ENGINES = ['sqlite', 'postgres'] as const;

/** A new, empty database (a temp SQLite file, or a fresh database on the test PostgreSQL). */
export async function newTarget(engine: (typeof ENGINES)[number]): Promise<DbTarget> {
  if (engine === 'sqlite') return { engine, file: join(mkdtempSync(join(tmpdir(), 'ccm-db-')), 'test.sqlite') };
  const pg = await createDatabase(inject('pg'));
  return { engine, host: pg.host, port: pg.port, database: pg.database, user: pg.user, password: pg.password };
}

export async function newMigratedDb(engine: (typeof ENGINES)[number]): Promise<Db> {
  const db = openDb(await newTarget(engine));
  await migrateToLatest(db, mainDbParts.migrations);
  return db;
}
