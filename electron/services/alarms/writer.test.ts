import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../connectors/db/engine';
import { ENGINES, newMigratedDb } from '../../connectors/db/testing/engines';
import { DEFAULT_EVENT_CONFIGS } from '../../domain/alarms/defaults';
import { EventMatcher, mapTrap } from '../../domain/alarms/eventConfig';
import { buildIndex } from '../../domain/alarms/mib';
import { windowsEnterprise, windowsEventOf, type Trap } from '../../domain/alarms/trap';
import { AlarmWriter, applyRetention } from './writer';

const sink = { consoleId: 'test', committed: () => {} };
const matcher = new EventMatcher(DEFAULT_EVENT_CONFIGS.map((c, i) => ({ ...c, id: i + 1 })));
const mib = buildIndex([]).index;
const ent = windowsEnterprise('1.3.6.1.4.1.311.1.13.1', 'Interaction Center');
const event = (id: number, at: string, source = '10.20.2.31') => {
  const trapOid = `${ent}.0.${id}`;
  const t: Trap = { receivedAt: at, source, version: 'v1', kind: 'trap', trapOid, uptime: 0, varbinds: [], windowsEvent: windowsEventOf(trapOid)! };
  return mapTrap(t, matcher, mib);
};

describe.each(ENGINES)('alarm writer and retention (%s)', (engine) => {
  const dbs: Db[] = [];
  afterAll(async () => {
    for (const d of dbs) await d.close();
  });

  it('writes a problem, its resolution and its return inside one batch in order', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(() => db, sink, () => {}, (e) => {
      throw e;
    });
    // Before the batch: one open 47000 row.
    w.push(event(47000, '2026-01-01T00:00:00.000Z'));
    await w.flush();
    for (const [id, at] of [[47000, '01'], [47001, '02'], [47000, '03'], [47000, '04'], [47001, '05'], [47000, '06']] as const) w.push(event(id, `2026-01-01T00:00:${at}.000Z`));
    await w.flush();
    const rows = await db.kysely.selectFrom('alarm').select(['occurrences', 'cleared', 'received_at', 'last_seen']).orderBy('id').execute();
    expect(rows).toEqual([
      { occurrences: 2, cleared: 1, received_at: '2026-01-01T00:00:00.000Z', last_seen: '2026-01-01T00:00:01.000Z' },
      { occurrences: 2, cleared: 1, received_at: '2026-01-01T00:00:03.000Z', last_seen: '2026-01-01T00:00:04.000Z' },
      { occurrences: 1, cleared: 0, received_at: '2026-01-01T00:00:06.000Z', last_seen: '2026-01-01T00:00:06.000Z' },
    ]);
    expect(Number((await db.kysely.selectFrom('trap_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())!.n)).toBe(7);
    expect(w.stored).toBe(7);
  });

  it('retention trims old traps, the oldest beyond the row cap, and old cleared alarms', async () => {
    const db = await newMigratedDb(engine);
    dbs.push(db);
    const w = new AlarmWriter(() => db, sink, () => {}, (e) => {
      throw e;
    });
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
