import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { ENGINES, newMigratedDb } from '../../connectors/db/testing/engines';
import { DEFAULT_EVENT_CONFIGS } from '../../domain/alarms/defaults';
import {
  EventMatcher,
  mapTrap,
  packBatch,
  unpackBatch,
  type EventConfig,
  type MappedTrap,
} from '../../domain/alarms/eventConfig';
import { buildIndex } from '../../domain/alarms/mib';
import { windowsEnterprise, windowsEventOf, type Trap } from '../../domain/alarms/trap';
import { AlarmWriter, applyRetention, MAX_RAISED_MAJOR, RaisedQueue, type FlushResult } from './writer';

const sink = { consoleId: 'test', committed: () => {} };
const matcher = new EventMatcher(DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 })));
const mib = buildIndex([]).index;
const ent = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
const event = (id: number, at: string, source = '10.20.2.31') => {
  const trapOid = `${ent}.0.${id}`;
  const t: Trap = {
    receivedAt: at,
    source,
    version: 'v1',
    kind: 'trap',
    trapOid,
    uptime: 0,
    varbinds: [],
    windowsEvent: windowsEventOf(trapOid)!,
  };
  return mapTrap(t, matcher, mib);
};

describe('alarms raised between two alarms.changed events', () => {
  it('keeps Criticals apart and first: Majors never crowd one out', () => {
    const q = new RaisedQueue();
    const major = (i: number) => ({ severity: 'Major' as const, source: `m${i}`, message: 'x' });
    q.add([1, 2, 3, 4, 5, 6].map(major));
    q.add([{ severity: 'Critical', source: 'c', message: 'y' }]);
    const out = q.take();
    expect(out[0]).toEqual({ severity: 'Critical', source: 'c', message: 'y' });
    expect(out).toHaveLength(1 + MAX_RAISED_MAJOR);
    expect(q.take()).toEqual([]);
  });
});

describe.each(ENGINES)('alarm writer and retention (%s)', (engine) => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close();
  });

  it('writes a problem, its resolution and its return inside one batch in order', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(
      () => db,
      sink,
      () => {},
      (e) => {
        throw e;
      },
    );
    // Before the batch: one open 47000 row.
    w.push(event(47000, '2026-01-01T00:00:00.000Z'));
    await w.flush();
    for (const [id, at] of [
      [47000, '01'],
      [47001, '02'],
      [47000, '03'],
      [47000, '04'],
      [47001, '05'],
      [47000, '06'],
    ] as const)
      w.push(event(id, `2026-01-01T00:00:${at}.000Z`));
    await w.flush();
    const rows = await db.kysely
      .selectFrom('alarm')
      .select(['occurrences', 'cleared', 'received_at', 'last_seen'])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { occurrences: 2, cleared: 1, received_at: '2026-01-01T00:00:00.000Z', last_seen: '2026-01-01T00:00:01.000Z' },
      { occurrences: 2, cleared: 1, received_at: '2026-01-01T00:00:03.000Z', last_seen: '2026-01-01T00:00:04.000Z' },
      { occurrences: 1, cleared: 0, received_at: '2026-01-01T00:00:06.000Z', last_seen: '2026-01-01T00:00:06.000Z' },
    ]);
    expect(
      Number(
        (await db.kysely
          .selectFrom('trap_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst())!.n,
      ),
    ).toBe(7);
    expect(w.stored).toBe(7);
  });

  it('folds 1,000 identical traps of one batch into one row per key (count += n, last seen of the last), every trap logged', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(
      () => db,
      sink,
      () => {},
      (e) => {
        throw e;
      },
    );
    const at = (i: number) => new Date(Date.parse('2026-03-01T00:00:00.000Z') + i * 10).toISOString();
    const withVarbinds = (id: number, i: number, source: string) => {
      const m = event(id, at(i), source);
      m.trap.varbinds = [
        { oid: '1.3.6.1.4.1.311.1.13.1.9999.1.0', type: 'OctetString', value: `line "${i}"\r\n\u0001` },
      ];
      return m;
    };
    // A new key: 1,000 in one batch, as they come from the receiver worker (packed + unpacked).
    for (const m of unpackBatch(packBatch(Array.from({ length: 1000 }, (_, i) => withVarbinds(47000, i, 'a')))))
      w.push(m);
    await w.flush();
    // An open key: one trap first, then 1,000 more in one batch; a third key is opened, then
    // continued and resolved inside one batch.
    w.push(withVarbinds(47000, 0, 'b'));
    w.push(withVarbinds(47000, 0, 'c'));
    await w.flush();
    const next = [
      ...Array.from({ length: 1000 }, (_, i) => withVarbinds(47000, 1000 + i, 'b')),
      withVarbinds(47000, 2000, 'c'),
      withVarbinds(47001, 2001, 'c'),
    ];
    for (const m of unpackBatch(packBatch(next))) w.push(m);
    await w.flush();
    const rows = await db.kysely
      .selectFrom('alarm')
      .select(['id', 'source_address', 'occurrences', 'received_at', 'last_seen', 'cleared', 'cleared_at', 'varbinds'])
      .orderBy('id')
      .execute();
    expect(rows.map(({ id: _, ...r }) => r)).toEqual([
      {
        source_address: 'a',
        occurrences: 1000,
        received_at: at(0),
        last_seen: at(999),
        cleared: 0,
        cleared_at: null,
        varbinds: JSON.stringify(withVarbinds(47000, 999, 'a').trap.varbinds),
      },
      {
        source_address: 'b',
        occurrences: 1001,
        received_at: at(0),
        last_seen: at(1999),
        cleared: 0,
        cleared_at: null,
        varbinds: JSON.stringify(withVarbinds(47000, 1999, 'b').trap.varbinds),
      },
      {
        source_address: 'c',
        occurrences: 2,
        received_at: at(0),
        last_seen: at(2000),
        cleared: 1,
        cleared_at: at(2001),
        varbinds: JSON.stringify(withVarbinds(47000, 2000, 'c').trap.varbinds),
      },
    ]);
    const logged = await db.kysely
      .selectFrom('trap_log')
      .select(['alarm_id', 'received_at', 'varbinds'])
      .orderBy('id')
      .execute();
    expect(logged).toHaveLength(2004);
    expect(w.stored).toBe(2004);
    expect(logged.filter((l) => l.alarm_id === rows[0]!.id)).toHaveLength(1000);
    expect(logged.filter((l) => l.alarm_id === rows[1]!.id)).toHaveLength(1001);
    expect(logged[999]).toEqual({
      alarm_id: rows[0]!.id,
      received_at: at(999),
      varbinds: JSON.stringify(withVarbinds(47000, 999, 'a').trap.varbinds),
    });
    expect(logged.at(-1)!.alarm_id).toBeNull(); // the resolution itself is logged, not an alarm
  });

  it('each batch gets the next alarm_change number and stamps the alarms it raised or re-raised; acknowledging does not', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(
      () => db,
      sink,
      () => {},
      (e) => {
        throw e;
      },
    );
    const seqs = async () =>
      (await db.kysely.selectFrom('alarm').select(['source_address', 'change_seq']).orderBy('id').execute()).map(
        (r) => [r.source_address, Number(r.change_seq)],
      );
    const counter = async () =>
      Number((await db.kysely.selectFrom('alarm_change').select('seq').executeTakeFirstOrThrow()).seq);
    expect(await counter()).toBe(0);
    w.push(event(47000, '2026-01-01T00:00:00.000Z', '10.0.0.1'));
    w.push(event(47000, '2026-01-01T00:00:00.000Z', '10.0.0.2'));
    await w.flush();
    expect(await seqs()).toEqual([
      ['10.0.0.1', 1],
      ['10.0.0.2', 1],
    ]);
    // A re-raise of the first (merged into its row, an older receive time): the next number.
    w.push(event(47000, '2025-12-31T00:00:00.000Z', '10.0.0.1'));
    await w.flush();
    expect(await seqs()).toEqual([
      ['10.0.0.1', 2],
      ['10.0.0.2', 1],
    ]);
    await db.kysely.updateTable('alarm').set({ acknowledged: 1, acknowledged_by: 'tech' }).execute();
    expect(await seqs()).toEqual([
      ['10.0.0.1', 2],
      ['10.0.0.2', 1],
    ]);
    expect(await counter()).toBe(2);
  });

  it('a Critical is raised whatever came before it: five Majors in the batch first, or an open Major row it turns Critical', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const raised: FlushResult['raised'][] = [];
    const w = new AlarmWriter(
      () => db,
      sink,
      (r) => raised.push(r.raised),
      (e) => {
        throw e;
      },
    );
    const cfg = (id: number, oid: string, severity: 'Major' | 'Critical', dedupeKey: string): EventConfig => ({
      id,
      oidPattern: oid,
      name: '',
      category: 'Application Alert Alarms',
      severity,
      severityFromEvent: false,
      messageFormat: '$1',
      dedupeKey,
      clearKey: '',
    });
    const m = new EventMatcher([
      cfg(1, '1.3.6.1.4.1.4242.0.1', 'Major', '$A|disk|$1'),
      cfg(2, '1.3.6.1.4.1.4242.0.2', 'Critical', '$A|disk|$1'),
    ]);
    const disk = (n: 1 | 2, text: string, source = 'rec01'): MappedTrap =>
      mapTrap(
        {
          receivedAt: '2026-01-01T00:00:00.000Z',
          source,
          version: 'v2c',
          kind: 'trap',
          trapOid: `1.3.6.1.4.1.4242.0.${n}`,
          uptime: 0,
          varbinds: [{ oid: '1.3.6.1.4.1.4242.1.1.0', type: 'OctetString', value: text }],
        },
        m,
        mib,
      );
    for (let i = 1; i <= 6; i++) w.push(disk(1, `D${i}`));
    w.push(disk(2, 'E', 'rec02'));
    await w.flush();
    expect(raised[0]![0]).toEqual({ severity: 'Critical', source: 'rec02', message: 'E' });
    expect(raised[0]!.filter((r) => r.severity === 'Major')).toHaveLength(5);

    // D1 is an open Major row; a Critical on the same key continues it and is raised…
    w.push(disk(2, 'D1'));
    await w.flush();
    expect(raised[1]).toEqual([{ severity: 'Critical', source: 'rec01', message: 'D1' }]);
    // …once: the next Critical repeat of the row is not new.
    w.push(disk(2, 'D1'));
    await w.flush();
    expect(raised[2]).toEqual([]);
    const row = await db.kysely
      .selectFrom('alarm')
      .select(['severity', 'occurrences'])
      .where('dedupe_key', '=', 'rec01|disk|D1')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ severity: 'Critical', occurrences: 3 });
  });

  it('retention trims old traps, the oldest beyond the row cap, and old cleared alarms', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(
      () => db,
      sink,
      () => {},
      (e) => {
        throw e;
      },
    );
    w.push(event(47000, '2025-01-01T00:00:00.000Z', 'old'));
    w.push(event(47001, '2025-01-01T00:00:01.000Z', 'old'));
    for (let i = 0; i < 1500; i++) w.push(event(47000, '2026-06-01T00:00:00.000Z', 'new'));
    await w.flush();
    const now = Date.parse('2026-06-02T00:00:00.000Z');
    const r = await applyRetention(db, 30, 1000, now);
    expect(r).toEqual({ traps: 502, alarms: 1 });
    const left = await db.kysely.selectFrom('alarm').select(['source_address', 'occurrences']).execute();
    expect(left).toEqual([{ source_address: 'new', occurrences: 1500 }]);
  });
});

describe('alarm writer during a storm', () => {
  it('waits 2.5 × its interval after a transaction of 1,000 traps or more, its interval otherwise', async () => {
    const db = await newMigratedDb('sqlite');
    const w = new AlarmWriter(
      () => db,
      sink,
      () => {},
      (e) => {
        throw e;
      },
      40,
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const at = '2026-01-01T00:00:00.000Z';
      w.push(event(47000, at));
      vi.advanceTimersByTime(40); // quiet: the interval
      expect(w.queued).toBe(0);
      await w.flush();
      for (let i = 0; i < 1000; i++) w.push(event(47000, at, `10.20.3.${i % 200}`));
      await w.flush();
      w.push(event(47000, at));
      vi.advanceTimersByTime(40);
      expect(w.queued).toBe(1); // the last transaction was a storm's: not yet
      vi.advanceTimersByTime(60);
      expect(w.queued).toBe(0);
      await w.flush();
      w.push(event(47000, at));
      vi.advanceTimersByTime(40); // that one was small again: the interval
      expect(w.queued).toBe(0);
      await w.flush();
      expect(w.stored).toBe(1003);
    } finally {
      vi.useRealTimers();
      await db.close();
    }
  });
});
