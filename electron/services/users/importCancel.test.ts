import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../connectors/db/testing/engines';
import { DEMO_ACCOUNTS } from '../../connectors/db/demoSeed';
import { seededDb, signIn, startConsole, type TestConsole } from '../testing/harness';

interface Progress {
  importId: string;
  phase: string;
  done: number;
  total: number;
}

/** Calls `onProgress` for every users.importProgress main emits (state, not time). */
function onProgress(c: TestConsole, onProgress: (p: Progress) => void) {
  const bus = c.core.bus;
  const emit = bus.emit.bind(bus);
  bus.emit = ((name: string, item: unknown) => {
    emit(name as never, item as never);
    if (name === 'users.importProgress') onProgress(item as Progress);
  }) as typeof bus.emit;
  return () => (bus.emit = emit);
}

const csv = (prefix: string, n: number) => {
  const lines = ['Logon ID,First Name,Last Name,Agent Group,User Type'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},First${i},Last${i},Sales,Agent`);
  return lines.join('\r\n') + '\r\n';
};

// Issue 21: a long CSV import reports its progress and can be cancelled. Decision: cancel stops at the next
// batch and rolls the one transaction back — nothing of the file is imported, and the result says so.
describe.each(ENGINES)('users CSV import: progress and cancel on %s', (engine) => {
  let c: TestConsole;
  beforeAll(async () => {
    c = await startConsole(await seededDb(engine, 0));
    await signIn(c, 'admin', DEMO_ACCOUNTS.hostAdmin.password);
  }, 120_000);
  afterAll(async () => c?.stop());

  const countPrefix = async (prefix: string) =>
    (await c.call('users', 'page', { search: prefix, limit: 10, withTotal: true })).value!.total;

  it('reports reading, checking, writing (rows done of the total) and saving', async () => {
    const importId = randomUUID();
    const seen: Progress[] = [];
    const off = onProgress(c, (p) => seen.push(p));
    const res = await c.call('users', 'importCsv', { text: csv('progress', 1000), importId });
    off();
    expect(res.value).toMatchObject({ applied: true, created: 1000 });
    expect(seen.every((p) => p.importId === importId)).toBe(true);
    expect([...new Set(seen.map((p) => p.phase))]).toEqual(['reading', 'checking', 'writing', 'saving']);
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(writing.length).toBeGreaterThanOrEqual(4); // batches of 200
    expect(writing.every((p) => p.total === 1000)).toBe(true);
    expect(writing.map((p) => p.done)).toEqual([...writing.map((p) => p.done)].sort((a, b) => a - b));
    expect(writing.at(-1)!.done).toBe(1000);
  });

  it('cancel during the writing stops at the next batch and rolls back: nothing is imported', async () => {
    const importId = randomUUID();
    let cancel: Promise<unknown> | null = null;
    const off = onProgress(c, (p) => {
      if (p.phase === 'writing' && p.done > 0 && !cancel) cancel = c.call('users', 'cancelImport', { importId });
    });
    const res = await c.call('users', 'importCsv', { text: csv('cancelme', 2000), importId });
    off();
    expect(await cancel).toMatchObject({ value: { cancelled: true } });
    expect(res.value).toMatchObject({ applied: false, cancelled: true, rows: 2000, errors: [] });
    expect(await countPrefix('cancelme')).toBe(0);
    // the import is over: its id is no longer running
    const again = await c.call('users', 'cancelImport', { importId });
    expect(again.error).toMatchObject({ code: 'NOT_FOUND', field: 'importId' });
  });

  it('only a running import of the caller can be cancelled: another id is not found', async () => {
    const res = await c.call('users', 'cancelImport', { importId: randomUUID() });
    expect(res.error).toMatchObject({ code: 'NOT_FOUND', message: 'No import of yours with this id is running.' });
  });
});
