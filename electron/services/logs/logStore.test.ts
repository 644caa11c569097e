import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../contract';
import { LogStore, type LogView } from './logStore';

const MB = 1024 * 1024;
const T0 = new Date(2026, 10, 22, 10, 0, 0, 0).getTime();
const pad = (v: number, w = 2) => String(v).padStart(w, '0');
const stamp = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
};
const line = (ms: number, level: string, msg: string, component = 'cs.exe', thread = '1844') =>
  `${stamp(ms)} ${level} ${component} [${thread}] ${msg}`;

const filter = (f: Partial<LogFilter> = {}): LogFilter => ({ regex: false, caseSensitive: false, ...f });

function setup(capacityBytes = 4 * MB, maxLineBytes?: number) {
  const store = new LogStore({ capacityBytes, maxLineBytes });
  const a = store.sourceIndex('a');
  const b = store.sourceIndex('b');
  const all = () => store.openView(`all-${Math.random()}`, store.compileFilter(filter()));
  const texts = (view: LogView) => store.window(view, 0, 2000).map((l) => l.text);
  return {
    store,
    a,
    b,
    all,
    texts,
    feed: (src: number, s: string | Buffer, recv = T0) =>
      store.append(src, Buffer.isBuffer(s) ? s : Buffer.from(s), recv),
  };
}

describe('framing: lines from chunks', () => {
  it('joins a line split across chunks at every byte position, LF or CRLF, CR split from LF', () => {
    const text = `${line(T0, 'INFO', 'first')}\r\n${line(T0 + 1, 'WARN', 'second ünïcödé')}\n${line(T0 + 2, 'ERROR', 'third')}\r\n`;
    const bytes = Buffer.from(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const { store, a, all, texts, feed } = setup();
      feed(a, bytes.subarray(0, cut));
      feed(a, bytes.subarray(cut));
      expect(texts(all()), `cut at ${cut}`).toEqual([
        line(T0, 'INFO', 'first'),
        line(T0 + 1, 'WARN', 'second ünïcödé'),
        line(T0 + 2, 'ERROR', 'third'),
      ]);
      expect(store.counters(a)).toMatchObject({ lines: 3, bytes: bytes.length, cutLines: 0, invalidUtf8Lines: 0 });
    }
  });

  it('one byte at a time', () => {
    const { a, all, texts, feed } = setup();
    const text = `${line(T0, 'INFO', 'x')}\r\nplain one\n\n${line(T0, 'DEBUG', 'y')}\n`;
    for (const byte of Buffer.from(text)) feed(a, Buffer.from([byte]));
    expect(texts(all())).toEqual([line(T0, 'INFO', 'x'), 'plain one', line(T0, 'DEBUG', 'y')]);
  });

  it('skips empty lines; keeps an unterminated last line until the stream ends', () => {
    const { store, a, all, texts, feed } = setup();
    feed(a, `\n\r\n${line(T0, 'INFO', 'x')}\n\n\nno newline yet`);
    expect(texts(all())).toEqual([line(T0, 'INFO', 'x')]);
    store.endOfStream(a, T0);
    expect(texts(all())).toEqual([line(T0, 'INFO', 'x'), 'no newline yet']);
  });

  it('parses severity, level, component, thread and message; plain lines keep their text', () => {
    const { store, a, all, feed } = setup();
    store.setComponent(a, 'Router Service');
    feed(
      a,
      `${line(T0 + 5, '9', 'SocketManager: x', 'cs.exe', '77')}\n${line(T0 + 6, 'Warning', 'queue', 'Router Service', '5')}\n   at Mitel.X()\n`,
      T0 + 1000,
    );
    const [l1, l2, l3] = store.window(all(), 0, 10);
    expect(l1).toMatchObject({
      seq: 0,
      time: T0 + 5,
      structured: true,
      severity: 'trace',
      level: '9',
      sourceId: 'a',
      component: 'cs.exe',
      thread: '77',
      message: 'SocketManager: x',
      cut: false,
    });
    expect(l2).toMatchObject({
      severity: 'warning',
      level: 'Warning',
      component: 'Router Service',
      thread: '5',
      message: 'queue',
    });
    // A plain line right after a structured one (a stack trace) takes its time and the source's component.
    expect(l3).toMatchObject({
      structured: false,
      severity: null,
      level: '',
      time: T0 + 6,
      component: 'Router Service',
      text: '   at Mitel.X()',
      message: '   at Mitel.X()',
    });
  });

  it('a plain line long after the last structured one has its receive time', () => {
    const { store, a, all, feed } = setup();
    feed(a, `${line(T0, 'INFO', 'x')}\n`, T0);
    feed(a, 'later plain ERROR text\n', T0 + 60_000);
    const lines = store.window(all(), 0, 10);
    expect(lines[1]).toMatchObject({ structured: false, time: T0 + 60_000, severity: 'error' });
  });

  it('cuts over-long lines at the limit (within a chunk, across chunks, without an LF in sight) and counts them', () => {
    const { store, a, all, texts, feed } = setup(4 * MB, 100);
    const long = 'L'.repeat(250);
    feed(a, `short\n${long}\nafter\n`);
    feed(a, 'M'.repeat(60));
    feed(a, 'M'.repeat(60));
    feed(a, 'M'.repeat(60) + '\nend\n');
    feed(a, 'X'.repeat(3 * MB)); // a piece with no LF at all
    feed(a, 'X'.repeat(10) + '\nfinal\n');
    const t = texts(all());
    expect(t).toEqual(['short', 'L'.repeat(100), 'after', 'M'.repeat(100), 'end', 'X'.repeat(100), 'final']);
    expect(store.window(all(), 0, 10).map((l) => l.cut)).toEqual([false, true, false, true, false, true, false]);
    expect(store.counters(a).cutLines).toBe(3);
  });

  it('a cut does not split a UTF-8 character', () => {
    const { a, all, texts, feed } = setup(4 * MB, 100);
    feed(a, 'a'.repeat(99) + '€€€€\n');
    expect(texts(all())).toEqual(['a'.repeat(99)]);
  });

  it('replaces invalid UTF-8 with U+FFFD and counts the lines', () => {
    const { store, a, all, texts, feed } = setup();
    feed(
      a,
      Buffer.concat([Buffer.from('good\nbad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' end\nalso good\n')]),
    );
    expect(texts(all())).toEqual(['good', 'bad \ufffd\ufffd\ufffd end', 'also good']);
    expect(store.counters(a).invalidUtf8Lines).toBe(1);
  });

  it('binary garbage never throws and every stored line decodes', () => {
    const { store, a, b, all, feed } = setup(MB, 512);
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 400; i++) {
      const chunk = Buffer.alloc(Math.floor(rnd() * 9000));
      for (let j = 0; j < chunk.length; j++) chunk[j] = rnd() < 0.02 ? 10 : Math.floor(rnd() * 256);
      expect(() => feed(i % 2 ? a : b, chunk)).not.toThrow();
    }
    const view = all();
    expect(view.total).toBe(store.stats().lines);
    expect(() => store.window(view, 0, 2000)).not.toThrow();
    expect(store.counters(a).invalidUtf8Lines).toBeGreaterThan(0);
  });
});

describe('the ring: a bounded store', () => {
  it('drops the oldest lines when full, counts them, and keeps the newest intact across the wrap', () => {
    const { store, a, all, feed } = setup(MB);
    const n = 40_000; // ~ 3.7 MB through a 1 MB ring
    let chunk = '';
    for (let i = 0; i < n; i++) {
      chunk += line(T0 + i, i % 10 === 0 ? 'ERROR' : 'INFO', `message ${i} ${'x'.repeat(i % 40)}`) + '\n';
      if (chunk.length > 5000) {
        feed(a, chunk);
        chunk = '';
      }
    }
    feed(a, chunk);
    const s = store.stats();
    expect(s.lines + s.dropped).toBe(n);
    expect(s.dropped).toBeGreaterThan(25_000);
    expect(s.bytes).toBeLessThanOrEqual(MB);
    expect(s.bytes).toBeGreaterThan(MB - 200);
    const view = all();
    expect(view.total).toBe(s.lines);
    // Every surviving line is intact, in order, ending with the newest.
    for (let off = 0; off < view.total; off += 2000) {
      for (const l of store.window(view, off, 2000)) {
        const i = l.seq;
        expect(l.text).toBe(line(T0 + i, i % 10 === 0 ? 'ERROR' : 'INFO', `message ${i} ${'x'.repeat(i % 40)}`));
      }
    }
    expect(store.window(view, view.total - 1, 1)[0]!.seq).toBe(n - 1);
  });

  it('also bounds the number of lines (capacity / 32) for tiny lines', () => {
    const { store, a, feed } = setup(MB);
    feed(a, 'x\n'.repeat(100_000));
    expect(store.stats().lines).toBe(MB / 32);
    expect(store.stats().dropped).toBe(100_000 - MB / 32);
  });

  it('setCapacity shrinks to the newest lines that fit and grows again; clear empties', () => {
    const { store, a, all, texts, feed } = setup(2 * MB);
    for (let i = 0; i < 20_000; i++) feed(a, line(T0 + i, 'INFO', `m${i} ${'y'.repeat(50)}`) + '\n');
    const view = all();
    const before = store.stats();
    store.setCapacity(MB);
    const after = store.stats();
    expect(after.capacityBytes).toBe(MB);
    expect(after.dropped).toBeGreaterThan(before.dropped);
    expect(after.bytes).toBeLessThanOrEqual(MB);
    expect(view.total).toBe(after.lines);
    expect(store.window(view, view.total - 1, 1)[0]!.text).toBe(line(T0 + 19_999, 'INFO', `m19999 ${'y'.repeat(50)}`));
    feed(a, line(T0 + 20_000, 'INFO', 'after resize') + '\n');
    store.setCapacity(3 * MB);
    expect(store.stats().lines).toBe(after.lines + 1);
    store.flush();
    expect(store.window(view, view.total - 1, 1)[0]!.message).toBe('after resize');
    store.clear();
    expect(store.stats()).toMatchObject({ lines: 0, bytes: 0 });
    expect(view.total).toBe(0);
    feed(a, 'new\n');
    store.flush();
    expect(texts(view)).toEqual(['new']);
    expect(store.window(view, 0, 1)[0]!.seq).toBe(20_001);
    expect(() => store.setCapacity(1000)).toThrow(/at least 1 MB/);
  });
});

describe('merged by time', () => {
  it('interleaves sources by time, keeps each source in arrival order, and orders equal times by arrival', () => {
    const { store, a, b, all, feed } = setup();
    feed(a, [line(T0 + 10, 'INFO', 'a1'), line(T0 + 30, 'INFO', 'a2'), line(T0 + 50, 'INFO', 'a3')].join('\n') + '\n');
    store.flush();
    // b is behind: its lines go between a's.
    feed(b, [line(T0 + 20, 'INFO', 'b1'), line(T0 + 30, 'INFO', 'b2'), line(T0 + 40, 'INFO', 'b3')].join('\n') + '\n');
    // a goes back in time: it stays after a3 (a source keeps its order).
    feed(a, line(T0 + 5, 'INFO', 'a4') + '\n');
    const msgs = store.window(all(), 0, 100).map((l) => l.message);
    expect(msgs).toEqual(['a1', 'b1', 'a2', 'b2', 'b3', 'a3', 'a4']);
    // The line keeps its own time even though it is ordered later.
    expect(store.window(all(), 6, 1)[0]!.time).toBe(T0 + 5);
  });

  it('a source far behind (a file read from its start) merges into the right place in an open view', () => {
    const { store, a, b, all, feed } = setup();
    const view = all();
    for (let i = 0; i < 1000; i++) feed(a, line(T0 + 1000 + i * 10, 'INFO', `live ${i}`) + '\n');
    store.flush();
    let hist = '';
    for (let i = 0; i < 500; i++) hist += line(T0 + i * 25, 'INFO', `history ${i}`) + '\n';
    feed(b, hist);
    store.flush();
    const lines = store.window(view, 0, 2000);
    expect(lines).toHaveLength(1500);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.time).toBeGreaterThanOrEqual(lines[i - 1]!.time);
    // Reopening gives the same order.
    expect(store.window(all(), 0, 2000).map((l) => l.seq)).toEqual(lines.map((l) => l.seq));
  });
});

describe('views', () => {
  function fixture() {
    const s = setup();
    const { a, b, feed } = s;
    feed(
      a,
      [
        line(T0, 'ERROR', 'Database query timed out', 'cs.exe'),
        line(T0 + 1, 'INFO', 'Accepted connection'),
        line(T0 + 2, 'WARN', 'Slow response TIMEOUT'),
        'plain text line',
      ].join('\r\n') + '\r\n',
    );
    feed(
      b,
      [
        line(T0 + 3, 'DEBUG', 'BVD update', 'RouterService.exe'),
        line(T0 + 4, '0', 'Lost connection', 'RouterService.exe'),
        line(T0 + 5, 'TRACE', 'tick'),
      ].join('\n') + '\n',
    );
    return s;
  }
  const open = (s: ReturnType<typeof setup>, f: Partial<LogFilter>) =>
    s.store.openView('v', s.store.compileFilter(filter(f)));
  const msgs = (s: ReturnType<typeof setup>, v: LogView) => s.store.window(v, 0, 100).map((l) => l.message);

  it('filters by severity (plain lines without one only when no severity is chosen) and source', () => {
    const s = fixture();
    expect(open(s, {}).total).toBe(7);
    expect(msgs(s, open(s, { severities: ['error'] }))).toEqual(['Database query timed out', 'Lost connection']);
    // the plain line after the WARN line is part of its entry (issue 21: entries, not lines)
    expect(msgs(s, open(s, { severities: ['warning', 'trace'] }))).toEqual([
      'Slow response TIMEOUT',
      'plain text line',
      'tick',
    ]);
    expect(msgs(s, open(s, { sourceIds: ['b'] }))).toEqual(['BVD update', 'Lost connection', 'tick']);
    expect(open(s, { sourceIds: ['nobody'] }).total).toBe(0);
  });

  it('include / exclude text, case-insensitive by default, case-sensitive, or a regex', () => {
    const s = fixture();
    // whole entries: the plain line after the WARN line goes with it
    expect(msgs(s, open(s, { include: 'timeout' }))).toEqual(['Slow response TIMEOUT', 'plain text line']);
    expect(msgs(s, open(s, { include: 'TIMED' }))).toEqual(['Database query timed out']);
    expect(msgs(s, open(s, { include: 'timeout', caseSensitive: true }))).toEqual([]);
    expect(msgs(s, open(s, { include: 'connection', exclude: 'lost' }))).toEqual(['Accepted connection']);
    expect(msgs(s, open(s, { include: 'time(d|out)', regex: true }))).toEqual([
      'Database query timed out',
      'Slow response TIMEOUT',
      'plain text line',
    ]);
    // filtering out the entries' first lines drops their continuation lines too
    expect(msgs(s, open(s, { exclude: '^\\d{4}-', regex: true }))).toEqual([]);
    expect(msgs(s, open(s, { exclude: 'plain', regex: true }))).not.toContain('Slow response TIMEOUT');
    expect(() => open(s, { include: '(', regex: true })).toThrow(/Not a valid regular expression/);
  });

  it('a time range (line time; plain lines their inherited or receive time)', () => {
    const s = fixture();
    expect(msgs(s, open(s, { from: T0 + 1, to: T0 + 3 }))).toEqual([
      'Accepted connection',
      'Slow response TIMEOUT',
      'plain text line',
      'BVD update',
    ]);
  });

  it('finds the next / previous error, warning or match (from is included)', () => {
    const s = fixture();
    const v = open(s, {});
    expect(s.store.find(v, 0, 'next', { severity: 0 })).toBe(0);
    expect(s.store.find(v, 1, 'next', { severity: 0 })).toBe(5);
    expect(s.store.find(v, 6, 'next', { severity: 0 })).toBeNull();
    expect(s.store.find(v, 4, 'previous', { severity: 0 })).toBe(0);
    expect(s.store.find(v, 100, 'previous', { severity: 1 })).toBe(2);
    expect(s.store.find(v, 100, 'next', { severity: 1 })).toBeNull();
  });

  it('follow new lines as they arrive, and lose evicted lines', () => {
    const s = setup(MB);
    const errors = open(s, { severities: ['error'] });
    const timeouts = s.store.openView('t', s.store.compileFilter(filter({ include: 'timeout' })));
    for (let i = 0; i < 1000; i++)
      s.feed(s.a, line(T0 + i, i % 4 === 0 ? 'ERROR' : 'INFO', i % 10 === 0 ? `timeout ${i}` : `ok ${i}`) + '\n');
    s.store.flush();
    expect(errors.total).toBe(250);
    expect(timeouts.total).toBe(100);
    expect(errors.changedFrom).toBe(0); // appended to an empty view
    errors.changedFrom = Infinity;
    s.feed(s.a, line(T0 + 999, 'ERROR', 'appended') + '\n');
    s.store.flush();
    expect(errors.changedFrom).toBe(250); // only appended: the old lines stay where they were
    errors.changedFrom = Infinity;
    s.feed(s.b, line(T0 + 10, 'ERROR', 'late, from a lagging source') + '\n');
    s.store.flush();
    expect(errors.changedFrom).toBe(3); // merged in after the errors at T0+0, 4, 8
    expect(s.store.window(errors, 3, 1)[0]!.message).toBe('late, from a lagging source');
    errors.changedFrom = Infinity;
    // A flood far beyond the store's size: the views shrink to what is left and stay right.
    for (let i = 1000; i < 60_000; i++)
      s.feed(s.a, line(T0 + i, i % 4 === 0 ? 'ERROR' : 'INFO', i % 10 === 0 ? `timeout ${i}` : `ok ${i}`) + '\n');
    s.store.flush();
    const stats = s.store.stats();
    expect(stats.dropped).toBeGreaterThan(40_000);
    expect(errors.changedFrom).toBe(0); // the oldest were dropped: every index moved
    // Flood line i has sequence number i + 2 (two lines were added above); i % 4 === 0 are errors.
    const firstLive = 60_000 + 2 - stats.lines - 2;
    const live = Array.from({ length: 60_000 - firstLive }, (_, k) => firstLive + k);
    expect(errors.total).toBe(live.filter((i) => i % 4 === 0).length);
    const got = s.store.window(errors, 0, 2000);
    expect(got[0]!.seq).toBe(firstLive + ((4 - (firstLive % 4)) % 4) + 2);
    expect(got.every((l) => l.severity === 'error' && Number(l.message.split(' ')[1]) % 4 === 0)).toBe(true);
    expect(timeouts.total).toBe(live.filter((i) => i % 10 === 0).length);
    // arrivals keep counting once the store is full, while the total stands still
    expect(errors.arrived).toBe(252 + errors.total);
    const [totalBefore, arrivedBefore] = [errors.total, errors.arrived];
    for (let i = 60_000; i < 60_400; i++) s.feed(s.a, line(T0 + i, 'ERROR', `more ${i}`) + '\n');
    s.store.flush();
    expect(errors.arrived - arrivedBefore).toBe(400);
    expect(errors.total - totalBefore).toBeLessThan(400);
  });

  it('lose evicted lines that sit in the middle (a source that was behind)', () => {
    const s = setup(MB);
    const view = open(s, {});
    // b's lines are older than a's, so they sit before a's in time, but arrive later.
    for (let i = 0; i < 3000; i++) s.feed(s.a, line(T0 + 1_000_000 + i, 'INFO', `a ${i} ${'p'.repeat(100)}`) + '\n');
    s.store.flush();
    for (let i = 0; i < 3000; i++) s.feed(s.b, line(T0 + i, 'INFO', `b ${i} ${'p'.repeat(100)}`) + '\n');
    s.store.flush();
    expect(view.list.monotonic).toBe(false);
    // Push a's old lines out.
    for (let i = 3000; i < 9000; i++) s.feed(s.a, line(T0 + 1_000_000 + i, 'INFO', `a ${i} ${'p'.repeat(100)}`) + '\n');
    s.store.flush();
    expect(view.total).toBe(s.store.stats().lines);
    const lines = s.store.window(view, 0, 2000);
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.time).toBeGreaterThanOrEqual(lines[i - 1]!.time);
  });

  it('exports a range or chosen lines as received, one per line', () => {
    const s = fixture();
    const v = open(s, { sourceIds: ['a'] });
    const all = s.store.exportLines(v, { offset: 0, count: 100 }, 1e9);
    expect(all.text.toString()).toBe(
      [
        line(T0, 'ERROR', 'Database query timed out'),
        line(T0 + 1, 'INFO', 'Accepted connection'),
        line(T0 + 2, 'WARN', 'Slow response TIMEOUT'),
        'plain text line',
        '',
      ].join('\n'),
    );
    expect(all.lines).toBe(4);
    const some = s.store.exportLines(v, { seqs: [3, 0, 999] }, 1e9);
    expect(some.text.toString()).toBe(`plain text line\n${line(T0, 'ERROR', 'Database query timed out')}\n`);
    expect(() => s.store.exportLines(v, { offset: 0, count: 100 }, 50)).toThrow(/larger than/);
  });
});

describe('checked against a brute-force reference', () => {
  it('the time order with several sources interleaved at random, flushed at random points', () => {
    const store = new LogStore({ capacityBytes: 2 * MB });
    const N = 6;
    const srcs = Array.from({ length: N }, (_, i) => store.sourceIndex(`s${i}`));
    const view = store.openView('v', store.compileFilter(filter({ exclude: 'zzz' })));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const clock = srcs.map(() => T0 + Math.floor(rnd() * 5000));
    const expected: Array<{ time: number; seq: number }> = [];
    let seq = 0;
    for (let round = 0; round < 400; round++) {
      const s = Math.floor(rnd() * N);
      let chunk = '';
      for (let k = Math.floor(rnd() * 30); k > 0; k--) {
        clock[s]! += Math.floor(rnd() * 3); // equal times happen
        chunk += line(clock[s]!, 'INFO', `s${s} n${seq}`) + '\n';
        expected.push({ time: clock[s]!, seq: seq++ });
      }
      store.append(srcs[s]!, Buffer.from(chunk), T0);
      if (rnd() < 0.3) store.flush();
    }
    store.flush();
    expected.sort((x, y) => x.time - y.time || x.seq - y.seq);
    const got: number[] = [];
    for (let off = 0; off < view.total; off += 2000) got.push(...store.window(view, off, 2000).map((l) => l.seq));
    expect(got).toEqual(expected.map((x) => x.seq));
    const reopened: number[] = [];
    const again = store.openView('w', store.compileFilter(filter()));
    for (let off = 0; off < again.total; off += 2000)
      reopened.push(...store.window(again, off, 2000).map((l) => l.seq));
    expect(reopened).toEqual(got);
  });

  it('views stay exact while interleaved sources flood a small store (lines merged by time, then dropped)', () => {
    const store = new LogStore({ capacityBytes: MB });
    const srcs = [0, 1, 2, 3].map((i) => store.sourceIndex(`s${i}`));
    const all = store.openView('all', store.compileFilter(filter()));
    const errors = store.openView('e', store.compileFilter(filter({ severities: ['error'] })));
    // Same clocks: each flush's lines sort into an interleaving that is later than everything
    // before it (appended, yet not in arrival order).
    const clock = [T0, T0, T0, T0];
    let n = 0;
    for (let round = 0; round < 3000; round++) {
      for (const s of srcs) {
        let chunk = '';
        for (let k = 0; k < 5; k++)
          chunk += line((clock[s]! += 2), n++ % 7 === 0 ? 'ERROR' : 'INFO', `n${n} ${'q'.repeat(40)}`) + '\n';
        store.append(s, Buffer.from(chunk), T0);
      }
      store.flush();
    }
    const stats = store.stats();
    expect(stats.dropped).toBeGreaterThan(0);
    expect(all.total).toBe(stats.lines);
    const lines = store.window(all, 0, 2000);
    expect(lines).toHaveLength(2000);
    const seen = store.window(errors, 0, 2000);
    expect(errors.total).toBe(store.window(all, 0, stats.lines).filter((l) => l.severity === 'error').length);
    expect(seen.every((l) => l.severity === 'error')).toBe(true);
  });

  it('text filters on a wrapped ring with cut lines and CRLF match a per-line RegExp', () => {
    const store = new LogStore({ capacityBytes: MB, maxLineBytes: 300 });
    const a = store.sourceIndex('a');
    const b = store.sourceIndex('b');
    const words = [
      'Timeout',
      'timeout',
      'TIMEOUT',
      'time out',
      'Agent 1023',
      'agent 1023',
      'DEBUG',
      'debug',
      'ünïcödé',
    ];
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < 30_000; i++) {
      const w = words[Math.floor(rnd() * words.length)]!;
      const long = rnd() < 0.01 ? 'x'.repeat(400) + w : '';
      const text = line(
        T0 + i,
        rnd() < 0.5 ? 'DEBUG' : 'INFO',
        `${'p'.repeat(Math.floor(rnd() * 60))}${w}${long} tail`,
      );
      store.append(i % 3 ? a : b, Buffer.from(text + (rnd() < 0.5 ? '\r\n' : '\n')), T0);
    }
    expect(store.stats().dropped).toBeGreaterThan(0);
    const all = store.openView('all', store.compileFilter(filter()));
    const lines: string[] = [];
    for (let off = 0; off < all.total; off += 2000) lines.push(...store.window(all, off, 2000).map((l) => l.text));
    for (const [needle, caseSensitive] of [
      ['timeout', false],
      ['Timeout', true],
      ['AGENT 1023', false],
      ['debug', false],
      ['DEBUG', true],
      ['e', false],
      ['ÜNÏ', false],
      ['ünï', true],
      ['xtime', false],
      ['tail', true],
    ] as const) {
      const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), caseSensitive ? '' : 'i');
      const inc = store.openView('i', store.compileFilter(filter({ include: needle, caseSensitive })));
      const exc = store.openView('x', store.compileFilter(filter({ exclude: needle, caseSensitive })));
      const got: string[] = [];
      for (let off = 0; off < inc.total; off += 2000) got.push(...store.window(inc, off, 2000).map((l) => l.text));
      expect(got, `${needle} ${caseSensitive}`).toEqual(lines.filter((t) => re.test(t)));
      expect(exc.total, `exclude ${needle}`).toBe(lines.length - got.length);
    }
  });
});
