import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './engine';
import { startWalCheckpointer } from './walCheckpointer';

const opened: Db[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => {})));
});

function sqliteDb(): { db: Db; file: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'ccm-wal-')), 'wal.sqlite');
  const db = openDb({ engine: 'sqlite', file });
  opened.push(db);
  return { db, file };
}

/** One transaction of about 12 MB (more than the 4 MiB threshold). */
function bigWrite(db: Db): void {
  const s = db.sqlite!;
  s.exec('create table if not exists t (id integer primary key, v text)');
  const ins = s.prepare('insert into t (v) values (?)');
  s.transaction(() => {
    for (let i = 0; i < 12_000; i++) ins.run(`${i}-${'x'.repeat(1000)}`);
  })();
}

const walSize = (file: string) => statSync(`${file}-wal`).size;

describe('WAL checkpoints off main', () => {
  it('main never checkpoints inside COMMIT; the worker copies the WAL into the file and the WAL is restarted', async () => {
    const { db, file } = sqliteDb();
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    bigWrite(db);
    // Without a checkpoint inside COMMIT every frame is still in the WAL and the file has not grown.
    expect(walSize(file)).toBeGreaterThan(10_000_000);
    const fileBefore = statSync(file).size;
    await db.checkpointer!.check();
    const st = db.checkpointer!.stats();
    expect(st).toMatchObject({ runs: 1, fallback: false });
    expect(st.last!.log).toBeGreaterThan(2000);
    expect(st.last!.checkpointed).toBe(st.last!.log);
    expect(statSync(file).size).toBeGreaterThan(fileBefore + 10_000_000);
    // The next write restarts the WAL from its start and truncates it to the limit.
    await sql`insert into t (v) values ('after')`.execute(db.kysely);
    expect(walSize(file)).toBeLessThanOrEqual(1024 * 1024);
    // Nothing new to copy: no further checkpoint is asked for.
    await db.checkpointer!.check();
    expect(db.checkpointer!.stats().runs).toBe(1);
    const n = await sql<{ n: number }>`select count(*) as n from t`.execute(db.kysely);
    expect(n.rows[0]!.n).toBe(12_001);
  });

  it('a small WAL starts no worker', async () => {
    const { db } = sqliteDb();
    await sql`create table s (id integer primary key)`.execute(db.kysely);
    await db.checkpointer!.check();
    expect(db.checkpointer!.stats()).toMatchObject({ runs: 0, fallback: false });
  });

  it('a worker that cannot start gives main its autocheckpoint back (the WAL never grows without bound)', async () => {
    const { db, file } = sqliteDb();
    await db.checkpointer!.close();
    const broken = startWalCheckpointer(file, db.sqlite!, { workerModule: '/nonexistent/better-sqlite3' });
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    bigWrite(db);
    await broken.check();
    await expect.poll(() => broken.stats().fallback).toBe(true);
    expect(db.sqlite!.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await broken.close();
  });
});
