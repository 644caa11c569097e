import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../../electron/contract';
import { EMPTY_VIEWER_FILTER, regexError, toLogFilter } from './filterForm';
import { formatBytes, isoLocalMs, logExportName, parseLocalDateTime } from './format';
import { compileHighlight, splitHighlights } from './highlight';
import { locateLine } from './locate';
import { PAGE, PageCache } from './pageCache';

const line = (seq: number): LogLine => ({
  seq,
  time: seq,
  structured: true,
  severity: 'info',
  level: 'INFO',
  sourceId: 's',
  component: 'cs.exe',
  thread: '1',
  message: `line ${seq}`,
  text: `line ${seq}`,
  cut: false,
});

describe('viewer filter form', () => {
  it('sends only what is set', () => {
    expect(toLogFilter(EMPTY_VIEWER_FILTER)).toEqual({ filter: { regex: false, caseSensitive: false }, errors: {} });
    const { filter } = toLogFilter({
      ...EMPTY_VIEWER_FILTER,
      severities: ['error'],
      sourceIds: ['a'],
      include: 'Socket',
      exclude: 'ping',
    });
    expect(filter).toEqual({
      regex: false,
      caseSensitive: false,
      severities: ['error'],
      sourceIds: ['a'],
      include: 'Socket',
      exclude: 'ping',
    });
  });
  it('a bad regular expression is an error under its field and is not sent', () => {
    const { filter, errors } = toLogFilter({
      ...EMPTY_VIEWER_FILTER,
      regex: true,
      include: 'Socket(Manager',
      exclude: 'ok',
    });
    expect(errors.include).toMatch(/^Invalid regex: /);
    expect(filter.include).toBeUndefined();
    expect(filter.exclude).toBe('ok');
    // the same text as a plain substring is fine
    expect(toLogFilter({ ...EMPTY_VIEWER_FILTER, include: 'Socket(Manager' }).errors).toEqual({});
    expect(regexError('a+', false)).toBeNull();
  });
  it('time range: whole minute included, end before start refused', () => {
    const { filter } = toLogFilter({ ...EMPTY_VIEWER_FILTER, from: '2026-01-31T14:05', to: '2026-01-31T14:06' });
    expect(filter.from).toBe(new Date(2026, 0, 31, 14, 5).getTime());
    expect(filter.to).toBe(new Date(2026, 0, 31, 14, 6, 59, 999).getTime());
    const bad = toLogFilter({ ...EMPTY_VIEWER_FILTER, from: '2026-01-31T14:05', to: '2026-01-31T14:00' });
    expect(bad.errors.to).toBe('The end of the time range is before its start.');
    expect(bad.filter.from).toBeUndefined();
    expect(parseLocalDateTime('2026-01-31T14:05:09')).toBe(new Date(2026, 0, 31, 14, 5, 9).getTime());
    expect(parseLocalDateTime('nonsense')).toBeUndefined();
  });
});

describe('formats', () => {
  it('log times with milliseconds, export file name, sizes', () => {
    expect(isoLocalMs(new Date(2026, 0, 31, 14, 5, 9, 7))).toBe('2026-01-31 14:05:09.007');
    expect(logExportName(new Date(2026, 10, 2, 9, 7, 59))).toBe('logs-20261102-0907.log');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MB');
  });
});

describe('highlight', () => {
  it('marks substring matches, case-insensitively unless asked', () => {
    const re = compileHighlight('socket', false, false);
    expect(splitHighlights('SocketManager socket', re)).toEqual([
      { text: 'Socket', hit: true },
      { text: 'Manager ', hit: false },
      { text: 'socket', hit: true },
    ]);
    expect(splitHighlights('a.b', compileHighlight('.', false, true))).toEqual([
      { text: 'a', hit: false },
      { text: '.', hit: true },
      { text: 'b', hit: false },
    ]);
  });
  it('regex matches; empty matches and bad patterns mark nothing', () => {
    const re = compileHighlight('Socket(Manager)?\\s+\\w+', true, false);
    expect(
      splitHighlights('x SocketManager connected to 10.0.0.1', re)
        .filter((s) => s.hit)
        .map((s) => s.text),
    ).toEqual(['SocketManager connected']);
    expect(splitHighlights('abc', compileHighlight('x*', true, false))).toEqual([{ text: 'abc', hit: false }]);
    expect(compileHighlight('(', true, false)).toBeNull();
  });
});

describe('page cache', () => {
  function setup() {
    const calls: Array<[number, number]> = [];
    const pending: Array<() => void> = [];
    let changes = 0;
    const cache = new PageCache(
      (offset, count) => {
        calls.push([offset, count]);
        return new Promise((ok) =>
          pending.push(() =>
            ok({ total: 10_000, offset, lines: Array.from({ length: count }, (_, k) => line(offset + k)) }),
          ),
        );
      },
      () => changes++,
    );
    const flush = async () => {
      for (const p of pending.splice(0)) p();
      await Promise.resolve();
      await Promise.resolve();
    };
    return { cache, calls, flush, changes: () => changes };
  }

  it('fetches the pages under the visible lines once, then serves them', async () => {
    const { cache, calls, flush, changes } = setup();
    expect(cache.ensure(480, 520, 10_000)).toBe(2);
    expect(calls).toEqual([
      [0, PAGE],
      [PAGE, PAGE],
    ]);
    expect(cache.ensure(480, 520, 10_000)).toBe(0); // in flight
    await flush();
    expect(changes()).toBe(2);
    expect(cache.get(510)?.seq).toBe(510);
    expect(cache.ensure(480, 520, 10_000)).toBe(0);
  });

  it('drops pages far from the screen and refetches stale ones', async () => {
    const { cache, calls, flush } = setup();
    cache.ensure(0, 10, 10_000);
    await flush();
    cache.ensure(9000, 9010, 10_000);
    await flush();
    expect(cache.get(5)).toBeUndefined();
    expect(cache.pageCount).toBe(1);
    cache.invalidate();
    expect(cache.get(9005)?.seq).toBe(9005); // still shown while stale
    expect(cache.ensure(9000, 9010, 10_000)).toBe(1);
    expect(calls.at(-1)).toEqual([9000, PAGE]);
  });

  it('lines after fetchLast (the followed tail) are not fetched, but far pages still go', async () => {
    const { cache, calls } = setup();
    for (let o = 0; o < 10_000; o += 500)
      cache.put(
        o,
        Array.from({ length: 500 }, (_, k) => line(o + k)),
      );
    expect(cache.pageCount).toBe(20);
    expect(cache.ensure(9950, 9999, 10_000, 9899)).toBe(0);
    expect(calls).toHaveLength(0);
    expect(cache.pageCount).toBe(4); // pages 16–19 stay
  });

  it('a followed tail put into the cache needs no fetch; answers after clear are ignored', async () => {
    const { cache, calls, flush } = setup();
    cache.put(
      9900,
      Array.from({ length: 100 }, (_, k) => line(9900 + k)),
    );
    expect(cache.ensure(9950, 9999, 10_000)).toBe(0);
    expect(cache.ensure(9850, 9999, 10_000)).toBe(1);
    cache.clear();
    await flush();
    expect(cache.get(9850)).toBeUndefined();
    expect(calls).toHaveLength(1);
  });
});

describe('locate a bookmarked line', () => {
  // a view in (time, seq) order; line 7 came late from a source whose clock was behind
  const view = [
    { seq: 1, time: 100 },
    { seq: 4, time: 110 },
    { seq: 9, time: 120 },
    { seq: 7, time: 121 },
    { seq: 10, time: 130 },
    { seq: 15, time: 130 },
    { seq: 22, time: 150 },
  ];
  const keyAt = async (i: number) => view[i];
  const seqsFrom = async (o: number, c: number) => view.slice(o, o + c).map((l) => l.seq);
  it('finds it where it was, or by binary search, or the next line when filtered out', async () => {
    expect(await locateLine({ seq: 10, time: 130 }, view.length, 3, keyAt, seqsFrom)).toEqual({
      index: 4,
      exact: true,
    });
    expect(await locateLine({ seq: 15, time: 130 }, view.length, undefined, keyAt, seqsFrom)).toEqual({
      index: 5,
      exact: true,
    });
    expect(await locateLine({ seq: 7, time: 121 }, view.length, undefined, keyAt, seqsFrom)).toEqual({
      index: 3,
      exact: true,
    });
    expect(await locateLine({ seq: 11, time: 140 }, view.length, undefined, keyAt, seqsFrom)).toEqual({
      index: 6,
      exact: false,
    });
    expect(await locateLine({ seq: 99, time: 999 }, view.length, undefined, keyAt, seqsFrom)).toEqual({
      index: 6,
      exact: false,
    });
    expect(await locateLine({ seq: 1, time: 1 }, 0, undefined, keyAt, seqsFrom)).toBeNull();
  });
});

describe('source form', () => {
  it('a TCP source: port as typed, the contract’s messages', async () => {
    const { newSourceForm, parseSourceForm } = await import('./sourceForm');
    const form = { ...newSourceForm('tcp', 'x'), name: 'CCS01 cs.exe', port: '7001', component: 'cs.exe' };
    expect(parseSourceForm(form)).toEqual({
      ok: true,
      value: {
        id: 'x',
        kind: 'tcp',
        name: 'CCS01 cs.exe',
        host: '127.0.0.1',
        port: 7001,
        component: 'cs.exe',
        enabled: true,
      },
    });
    expect(parseSourceForm({ ...form, port: '70000', name: ' ' })).toEqual({
      ok: false,
      errors: { port: 'Port must be 1–65535', name: 'Name is required' },
    });
    expect(parseSourceForm({ ...form, port: 'abc' })).toEqual({ ok: false, errors: { port: 'Port must be 1–65535' } });
    expect(parseSourceForm({ ...form, port: '' })).toEqual({ ok: false, errors: { port: 'Port must be 1–65535' } });
  });
  it('a followed file needs a path', async () => {
    const { newSourceForm, parseSourceForm } = await import('./sourceForm');
    expect(parseSourceForm({ ...newSourceForm('file', 'f'), name: 'UserSync' })).toEqual({
      ok: false,
      errors: { path: 'Path is required' },
    });
  });
});
