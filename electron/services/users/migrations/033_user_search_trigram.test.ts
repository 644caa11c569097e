import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { openDb, type DbTarget } from '../../../connectors/db/engine';
import { migrateToLatest } from '../../../connectors/db/migrate';
import { newTarget } from '../../../connectors/db/testing/engines';
import { seedDemo } from '../../../connectors/db/demoSeed';
import { mainDbParts } from '../../../features';
import { countUsers } from '../userQuery';

const indexes = async (target: DbTarget) => {
  const db = openDb(target);
  try {
    const rows = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'cc_user'`.execute(
      db.kysely,
    );
    return rows.rows.map((r) => r.indexname);
  } finally {
    await db.close();
  }
};

describe('migration 033: the users search on PostgreSQL has a trigram index', () => {
  it('creates pg_trgm and a GIN index on cc_user.search_text', async () => {
    const target = await newTarget('postgres');
    const db = openDb(target);
    await migrateToLatest(db, mainDbParts.migrations);
    await db.close();
    expect(await indexes(target)).toContain('ix_cc_user_search_trgm');
  }, 120_000);

  it('completes without the index where the role may not create an extension, and the search still works', async () => {
    const admin = await newTarget('postgres');
    if (admin.engine !== 'postgres') throw new Error('postgres target expected');
    // A site's role: owns nothing, may create tables in the public schema but not extensions in the database.
    const role = `limited_${Math.random().toString(36).slice(2, 8)}`;
    const c = new pg.Client({ ...inject('pg'), database: admin.database });
    await c.connect();
    await c.query(`create role ${role} login password 'Limited#2026'`);
    await c.query(`grant connect on database ${admin.database} to ${role}`);
    await c.query(`revoke create on database ${admin.database} from public`);
    await c.query(`grant usage, create on schema public to ${role}`);
    await c.end();
    const target: DbTarget = { ...admin, user: role, password: 'Limited#2026' };
    const db = openDb(target);
    await migrateToLatest(db, mainDbParts.migrations);
    const ext = await sql<{ n: string }>`select count(*) as n from pg_extension where extname = 'pg_trgm'`.execute(
      db.kysely,
    );
    expect(Number(ext.rows[0]!.n)).toBe(0);
    await seedDemo(db.kysely, mainDbParts.demo, 0);
    expect(await countUsers(db.kysely, 1, { search: 'ADMIN' }, 'postgres')).toBe(1);
    await db.close();
    expect(await indexes(target)).not.toContain('ix_cc_user_search_trgm');
  }, 120_000);
});
