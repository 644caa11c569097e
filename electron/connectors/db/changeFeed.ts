import { sql } from 'kysely';
import type pg from 'pg';
import type { DbChange } from '../../contract';
import type { Db } from './engine';
import { CHANGE_CHANNEL } from './unitOfWork';

export interface ChangeFeed {
  stop(): Promise<void>;
}

/**
 * Hears the changes other consoles commit to the same database. PostgreSQL: LISTEN on a
 * dedicated connection (woken by the NOTIFY in each transaction). SQLite: PRAGMA
 * data_version, which changes only when another connection committed — a cheap poll.
 * Either way the rows come from change_event, so both engines report the same thing.
 */
export async function watchChanges(
  db: Db,
  consoleId: string,
  onChanges: (changes: DbChange[]) => void,
  pollMs = 500,
): Promise<ChangeFeed> {
  const k = db.kysely;
  let lastId = Number(
    (
      await k
        .selectFrom('change_event')
        .select(sql<number>`coalesce(max(id), 0)`.as('m'))
        .executeTakeFirst()
    )?.m ?? 0,
  );
  let busy = false;
  let stopped = false;

  const read = async () => {
    if (busy || stopped) return;
    busy = true;
    try {
      const rows = await k
        .selectFrom('change_event')
        .selectAll()
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (rows.length === 0) return;
      lastId = rows[rows.length - 1]!.id;
      const foreign = rows.filter((r) => r.console_id !== consoleId);
      if (foreign.length > 0)
        onChanges(foreign.map((r) => ({ table: r.table_name, tenantId: r.tenant_id, rowId: r.row_id })));
    } catch {
      // The connection may be going away; the next wake-up retries.
    } finally {
      busy = false;
    }
  };

  if (db.engine === 'sqlite' && db.sqlite) {
    const sqlite = db.sqlite;
    let version = sqlite.pragma('data_version', { simple: true });
    const timer = setInterval(() => {
      if (!sqlite.open) return;
      const v = sqlite.pragma('data_version', { simple: true });
      if (v !== version) {
        version = v;
        void read();
      }
    }, pollMs);
    timer.unref();
    return {
      stop: async () => {
        stopped = true;
        clearInterval(timer);
      },
    };
  }

  const client: pg.PoolClient = await db.pgPool!.connect();
  client.on('notification', () => void read());
  client.on('error', () => {});
  await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  // A safety net for a dropped LISTEN connection.
  const timer = setInterval(() => void read(), 10_000);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      try {
        await client.query(`UNLISTEN ${CHANGE_CHANNEL}`);
      } catch {
        // already gone
      }
      client.release(true);
    },
  };
}
