import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../connectors/db/engine';
import { transact, type ChangeSink, type Work } from '../../connectors/db/unitOfWork';
import { LOG_ONLY, type MappedTrap, type Severity } from '../../domain/alarms/eventConfig';

export const SYSTEM_ACTOR = { userId: null, logonId: 'system', origin: 'snmp listener' };
/** Traps waiting for storage (about 1 KB each in memory); beyond this they are counted, not kept. */
export const MAX_QUEUE = 50_000;
const MAX_BATCH = 20_000;
/**
 * During a storm (the last transaction held at least this many traps) the writer waits 2.5 ×
 * its interval before the next one: a transaction has a fixed cost (one update per
 * deduplication key, the lookup of the open rows, the commit) that a storm from hundreds of
 * servers pays per transaction, so fewer, larger ones leave main more time. Quiet traffic keeps
 * the short interval. The alarm list refreshes at most 4 times a second anyway.
 */
const STORM_BATCH = 1000;

interface Entry {
  key: string;
  items: number[]; // indexes into the batch
  first: MappedTrap;
  last: MappedTrap;
  clearedBy: MappedTrap | null;
}

export interface RaisedAlarm {
  severity: Severity;
  source: string;
  message: string;
}
export interface FlushResult {
  stored: number;
  /** New Critical alarms (and rows that became Critical) first, then new Major ones; each list capped. */
  raised: RaisedAlarm[];
}
/** Per batch: enough to name them in one notification ("+n more"), never a flood of events. */
export const MAX_RAISED_CRITICAL = 20;
export const MAX_RAISED_MAJOR = 5;

/** Raised alarms waiting for the next alarms.changed: Criticals kept apart, so Majors never crowd one out. */
export class RaisedQueue {
  private critical: RaisedAlarm[] = [];
  private other: RaisedAlarm[] = [];
  add(items: RaisedAlarm[]): void {
    for (const x of items) {
      const into = x.severity === 'Critical' ? this.critical : this.other;
      if (into.length < (x.severity === 'Critical' ? MAX_RAISED_CRITICAL : MAX_RAISED_MAJOR)) into.push(x);
    }
  }
  /** Everything queued, Criticals first; the queue is empty after. */
  take(): RaisedAlarm[] {
    const out = [...this.critical, ...this.other];
    this.critical = [];
    this.other = [];
    return out;
  }
}

/**
 * Batches mapped traps into transactions: every trap goes to trap_log, alarm-category traps
 * fold into one alarm row per deduplication key, and resolutions clear their problems — all
 * of a batch or none of it. The queue is bounded; overflow is counted, never buffered forever.
 */
export class AlarmWriter {
  private queue: MappedTrap[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  stored = 0;
  overflow = 0;
  failed = 0;
  private lastBatch = 0;

  constructor(
    private readonly db: () => Db | null,
    private readonly sink: ChangeSink,
    private readonly after: (r: FlushResult) => void,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = 100,
  ) {}

  get queued() {
    return this.queue.length;
  }

  push(m: MappedTrap): boolean {
    if (this.queue.length >= MAX_QUEUE) {
      this.overflow++;
      return false;
    }
    this.queue.push(m);
    if (!this.timer)
      this.timer = setTimeout(
        () => void this.flush(),
        this.queue.length >= MAX_BATCH ? 0 : this.lastBatch >= STORM_BATCH ? this.intervalMs * 2.5 : this.intervalMs,
      );
    return true;
  }

  /** Writes everything queued (in batches); resolves when the queue is empty or the DB is gone. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.flushing) await this.flushing;
    while (this.queue.length > 0) {
      const db = this.db();
      if (!db) return;
      const batch = this.queue.splice(0, MAX_BATCH);
      this.lastBatch = batch.length;
      this.flushing = this.write(db, batch)
        .then((r) => {
          this.stored += r.stored;
          this.after(r);
        })
        .catch((err) => {
          this.failed += batch.length;
          this.onError(err);
        })
        .finally(() => (this.flushing = null));
      await this.flushing;
    }
  }

  async dispose(): Promise<void> {
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async write(db: Db, batch: MappedTrap[]): Promise<FlushResult> {
    return transact(db, SYSTEM_ACTOR, this.sink, async (w) => {
      const alarmIdOf = new Array<number | null>(batch.length).fill(null);
      // Criticals apart from Majors: five Majors earlier in a batch must not hide a Critical.
      const critical: RaisedAlarm[] = [];
      const major: RaisedAlarm[] = [];
      const raise = (m: MappedTrap) => {
        const into = m.severity === 'Critical' ? critical : major;
        if (into.length < (m.severity === 'Critical' ? MAX_RAISED_CRITICAL : MAX_RAISED_MAJOR))
          into.push({ severity: m.severity, source: m.trap.source, message: m.message.slice(0, 300) });
      };
      const pending = new Map<string, Entry>();
      const closed: Entry[] = [];
      const clearKeys = new Map<string, MappedTrap>();
      batch.forEach((m, i) => {
        if (m.clearKey) {
          const open = pending.get(m.clearKey);
          if (open) {
            open.clearedBy = m;
            closed.push(open);
            pending.delete(m.clearKey);
          }
          clearKeys.set(m.clearKey, m);
          return;
        }
        if (m.category === LOG_ONLY || m.severity === 'Cleared') return;
        const e = pending.get(m.dedupeKey);
        if (e) {
          e.items.push(i);
          e.last = m;
        } else pending.set(m.dedupeKey, { key: m.dedupeKey, items: [i], first: m, last: m, clearedBy: null });
      });

      const keys = [...new Set([...pending.keys(), ...closed.map((e) => e.key), ...clearKeys.keys()])];
      const open = new Map<string, { id: number; occurrences: number; severity: string }>();
      if (w.sqlite) {
        // One cached prepared statement for any number of keys (they go as one JSON array): a
        // storm from many servers has hundreds of keys per batch, and a Kysely query of 500
        // parameters built, compiled and prepared again per batch cost more than the lookups.
        const rows = alarmStatements(w.sqlite).openByKeys.all(JSON.stringify(keys)) as {
          id: number;
          dedupe_key: string;
          occurrences: number;
          severity: string;
        }[];
        for (const r of rows) open.set(r.dedupe_key, { id: r.id, occurrences: r.occurrences, severity: r.severity });
      }
      for (let i = 0; !w.sqlite && i < keys.length; i += 500) {
        const rows = await w.tx
          .selectFrom('alarm')
          .select(['id', 'dedupe_key', 'occurrences', 'severity'])
          .where('cleared', '=', 0)
          .where('dedupe_key', 'in', keys.slice(i, i + 500))
          .execute();
        for (const r of rows) open.set(r.dedupe_key, { id: r.id, occurrences: r.occurrences, severity: r.severity });
      }

      const usedOpen = new Set<string>();
      /** The rows this batch raised or re-raised: stamped with the batch's alarm_change number. */
      const touched: number[] = [];
      const clearedText = (m: MappedTrap) => `${m.name} from ${m.trap.source}`;
      const writeEntry = async (e: Entry, canMerge: boolean) => {
        const last = e.last;
        const cleared = e.clearedBy;
        const existing = canMerge && !usedOpen.has(e.key) ? open.get(e.key) : undefined;
        let id: number;
        if (existing) {
          usedOpen.add(e.key);
          id = existing.id;
          // An open Major (say) that a Critical trap continues is a new Critical alarm to the operator.
          if (!cleared && last.severity === 'Critical' && existing.severity !== 'Critical') raise(last);
          // Name and category follow the last trap: a trap configured since the row opened
          // re-classifies it (e.g. out of the unknown bucket).
          const vbs = last.varbindsJson ?? JSON.stringify(last.trap.varbinds);
          if (w.sqlite) {
            // One update per deduplication key per batch (count += n), through a cached
            // prepared statement on the transaction's connection: a storm of identical traps
            // costs one statement step per batch, not one Kysely query build.
            const st = alarmStatements(w.sqlite);
            const common = [
              e.items.length,
              last.trap.receivedAt,
              last.message,
              last.severity,
              clip(last.name, 200),
              clip(last.category, 50),
              last.configId,
              vbs,
              last.trap.uptime,
              last.trap.leftOut ?? 0,
              last.trap.version,
            ];
            if (cleared) st.mergeClear.run(...common, clearedText(cleared), cleared.trap.receivedAt, id);
            else st.merge.run(...common, id);
          } else {
            await w.tx
              .updateTable('alarm')
              .set({
                occurrences: sql`occurrences + ${e.items.length}`,
                last_seen: last.trap.receivedAt,
                message: last.message,
                severity: last.severity,
                name: last.name.slice(0, 200),
                category: last.category.slice(0, 50),
                config_id: last.configId,
                varbinds: vbs,
                uptime: last.trap.uptime,
                left_out: last.trap.leftOut ?? 0,
                snmp_version: last.trap.version,
                ...(cleared
                  ? { cleared: 1, cleared_by: clearedText(cleared), cleared_at: cleared.trap.receivedAt }
                  : {}),
              } as never)
              .where('id', '=', id)
              .execute();
          }
        } else {
          const row = await w.tx
            .insertInto('alarm')
            .values({
              received_at: e.first.trap.receivedAt,
              last_seen: last.trap.receivedAt,
              source_address: last.trap.source.slice(0, 100),
              trap_oid: last.trap.trapOid.slice(0, 300),
              name: last.name.slice(0, 200),
              category: last.category.slice(0, 50),
              severity: last.severity,
              message: last.message,
              varbinds: last.varbindsJson ?? JSON.stringify(last.trap.varbinds),
              acknowledged: 0,
              acknowledged_by: null,
              acknowledged_at: null,
              dedupe_key: e.key.slice(0, 500),
              occurrences: e.items.length,
              notes: '',
              cleared: cleared ? 1 : 0,
              cleared_by: cleared ? clearedText(cleared) : null,
              cleared_at: cleared ? cleared.trap.receivedAt : null,
              config_id: last.configId,
              snmp_version: last.trap.version,
              uptime: last.trap.uptime,
              left_out: last.trap.leftOut ?? 0,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          id = row.id;
          if (!cleared && (last.severity === 'Critical' || last.severity === 'Major')) raise(last);
        }
        for (const i of e.items) alarmIdOf[i] = id;
        touched.push(id);
      };
      // Problems that came and were resolved inside this batch first (the first may continue an open row)…
      for (const e of closed) await writeEntry(e, true);
      // …then resolutions of rows opened before this batch…
      for (const [key, m] of clearKeys) {
        const row = open.get(key);
        if (row && !usedOpen.has(key)) {
          usedOpen.add(key);
          await w.tx
            .updateTable('alarm')
            .set({ cleared: 1, cleared_by: clearedText(m), cleared_at: m.trap.receivedAt })
            .where('id', '=', row.id)
            .execute();
        }
      }
      // …then what is still open: merged unless that row was just resolved.
      for (const e of pending.values()) await writeEntry(e, !clearKeys.has(e.key));

      await insertTrapLog(w, batch, alarmIdOf);
      await stampChangeSeq(w, touched);
      w.changed('alarm', null, null);
      return { stored: batch.length, raised: [...critical, ...major] };
    });
  }
}

/**
 * Gives the batch the next alarm_change number and stamps the rows it raised or re-raised with it
 * (031). Last in the transaction: the counter row stays locked until the commit, so on PostgreSQL
 * two writers get their numbers in commit order, and the lock is held only for these statements.
 */
async function stampChangeSeq(w: Work, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const row = await w.tx
    .updateTable('alarm_change')
    .set({ seq: sql`seq + 1` })
    .where('id', '=', 1)
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.seq);
  for (let i = 0; i < ids.length; i += 500)
    await w.tx
      .updateTable('alarm')
      .set({ change_seq: seq })
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

const TRAP_LOG_COLUMNS =
  '(received_at, source, snmp_version, trap_oid, name, category, severity, message, varbinds, alarm_id, uptime, ' +
  'left_out)';
const COLS = 12;
/** Rows per multi-row insert on SQLite (12 parameters each): one statement step instead of 64. */
const ROWS_PER_INSERT = 64;
const trapLogStatements = new WeakMap<
  NonNullable<Work['sqlite']>,
  { one: BetterSqlite3.Statement; many: BetterSqlite3.Statement }
>();

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

const ALARM_MERGE =
  'update alarm set occurrences = occurrences + ?, last_seen = ?, message = ?, severity = ?, name = ?, category = ' +
  '?, config_id = ?, varbinds = ?, uptime = ?, left_out = ?, snmp_version = ?';
const alarmStatementCache = new WeakMap<
  NonNullable<Work['sqlite']>,
  { merge: BetterSqlite3.Statement; mergeClear: BetterSqlite3.Statement; openByKeys: BetterSqlite3.Statement }
>();

function alarmStatements(sqlite: NonNullable<Work['sqlite']>) {
  let st = alarmStatementCache.get(sqlite);
  if (!st) {
    st = {
      merge: sqlite.prepare(`${ALARM_MERGE} where id = ?`),
      mergeClear: sqlite.prepare(`${ALARM_MERGE}, cleared = 1, cleared_by = ?, cleared_at = ? where id = ?`),
      // The open rows (the partial unique index on dedupe_key where cleared = 0) of the keys given as a JSON array.
      openByKeys: sqlite.prepare(
        'select id, dedupe_key, occurrences, severity from alarm ' +
          'where cleared = 0 and dedupe_key in (select value from json_each(?))',
      ),
    };
    alarmStatementCache.set(sqlite, st);
  }
  return st;
}

async function insertTrapLog(w: Work, batch: MappedTrap[], alarmIdOf: (number | null)[]): Promise<void> {
  const vb = (m: MappedTrap) => m.varbindsJson ?? JSON.stringify(m.trap.varbinds);
  if (w.sqlite) {
    // Prepared statements (cached per connection) on the transaction's own connection,
    // positional parameters, 64 rows per statement: far cheaper than one Kysely query per row.
    let st = trapLogStatements.get(w.sqlite);
    if (!st) {
      const row = `(${new Array<string>(COLS).fill('?').join(', ')})`;
      st = {
        one: w.sqlite.prepare(`insert into trap_log ${TRAP_LOG_COLUMNS} values ${row}`),
        many: w.sqlite.prepare(
          `insert into trap_log ${TRAP_LOG_COLUMNS} values ${new Array<string>(ROWS_PER_INSERT).fill(row).join(', ')}`,
        ),
      };
      trapLogStatements.set(w.sqlite, st);
    }
    const params = new Array<unknown>(ROWS_PER_INSERT * COLS);
    const put = (m: MappedTrap, i: number, into: unknown[], at: number) => {
      const t = m.trap;
      into[at] = t.receivedAt;
      into[at + 1] = t.source.length > 100 ? t.source.slice(0, 100) : t.source;
      into[at + 2] = t.version;
      into[at + 3] = t.trapOid.length > 300 ? t.trapOid.slice(0, 300) : t.trapOid;
      into[at + 4] = m.name.length > 200 ? m.name.slice(0, 200) : m.name;
      into[at + 5] = m.category.length > 100 ? m.category.slice(0, 100) : m.category;
      into[at + 6] = m.severity;
      into[at + 7] = m.message;
      into[at + 8] = vb(m);
      into[at + 9] = alarmIdOf[i] ?? null;
      into[at + 10] = t.uptime;
      into[at + 11] = t.leftOut ?? 0;
    };
    let i = 0;
    for (; i + ROWS_PER_INSERT <= batch.length; i += ROWS_PER_INSERT) {
      for (let j = 0; j < ROWS_PER_INSERT; j++) put(batch[i + j]!, i + j, params, j * COLS);
      st.many.run(params);
    }
    const one = new Array<unknown>(COLS);
    for (; i < batch.length; i++) {
      put(batch[i]!, i, one, 0);
      st.one.run(one);
    }
    return;
  }
  const row = (m: MappedTrap, i: number) => ({
    received_at: m.trap.receivedAt,
    source: m.trap.source.slice(0, 100),
    snmp_version: m.trap.version,
    trap_oid: m.trap.trapOid.slice(0, 300),
    name: m.name.slice(0, 200),
    category: m.category.slice(0, 100),
    severity: m.severity,
    message: m.message,
    varbinds: vb(m),
    alarm_id: alarmIdOf[i] ?? null,
    uptime: m.trap.uptime,
    left_out: m.trap.leftOut ?? 0,
  });
  for (let i = 0; i < batch.length; i += 1000) {
    await w.tx
      .insertInto('trap_log')
      .values(batch.slice(i, i + 1000).map((m, j) => row(m, i + j)))
      .execute();
  }
}

/** Retention: traps older than the policy, the oldest beyond the row cap, and old cleared alarms. */
export async function applyRetention(
  db: Db,
  days: number,
  maxRows: number,
  now = Date.now(),
): Promise<{ traps: number; alarms: number }> {
  const cutoff = new Date(now - days * 86_400_000).toISOString();
  const a = await db.kysely.deleteFrom('trap_log').where('received_at', '<', cutoff).executeTakeFirst();
  let traps = Number(a.numDeletedRows);
  const max = await db.kysely
    .selectFrom('trap_log')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  const top = Number(max?.m ?? 0);
  if (top > maxRows) {
    const b = await db.kysely
      .deleteFrom('trap_log')
      .where('id', '<=', top - maxRows)
      .executeTakeFirst();
    traps += Number(b.numDeletedRows);
  }
  const c = await db.kysely
    .deleteFrom('alarm')
    .where('cleared', '=', 1)
    .where('last_seen', '<', cutoff)
    .executeTakeFirst();
  return { traps, alarms: Number(c.numDeletedRows) };
}
