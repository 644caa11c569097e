import { describe, expect, it } from 'vitest';
import type { LogFilter } from '../../contract';
import { LogStore, type LogView } from './logStore';
import { requiredLiterals, scanPlan } from './regexScan';
import { BytesMatcher, compileMatcher, type RegexMatcher, type TextMatcher } from './textMatch';

// Regular expressions in the re-filter's pass over the ring (filters.ts): a literal's byte search
// then the expression on the candidate lines, or runs of lines searched as one string
// (regexScan.ts). Whatever the way, the lines must be the ones the expression matches on each
// line alone, which is what the per-line path (`textMatches`, kept for a view's new lines and for
// find) does; these tests hold every way against it.

const MB = 1024 * 1024;
const filter = (f: Partial<LogFilter> = {}): LogFilter => ({ regex: false, caseSensitive: false, ...f });

type Way = BytesMatcher | 'runs' | 'lines';

/** The store with its protected pass exposed, and the way forced. */
class Probe extends LogStore {
  forced: Way | null = null;
  protected override regexWay(m: RegexMatcher): Way {
    return this.forced ?? super.regexWay(m);
  }
  chosen(m: RegexMatcher): Way {
    return super.regexWay(m);
  }
  /** Per line (no entries): the pass over the ring. */
  lines(m: TextMatcher): number[] {
    return Array.from(this.lineBitmap(m, 0).subarray(0, this.count));
  }
  /** Per line, each line decoded and tested alone (the old path). */
  reference(m: TextMatcher): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.count; r++) out.push(this.textMatches(m, this.slotAt(r)) ? 1 : 0);
    return out;
  }
  /** The pass with entries (what openView reads). */
  entries(m: TextMatcher): number[] {
    return Array.from(this.textBitmap(m, 0).subarray(0, this.count));
  }
}

const regex = (p: string, caseSensitive = true) => compileMatcher(p, true, caseSensitive, 'f') as RegexMatcher;

/** Every way (runs, each literal, lines) gives the per-line answer; returns it. */
function allWays(store: Probe, m: RegexMatcher, label: string): number[] {
  const expected = store.reference(m);
  const ways: Way[] = ['lines', ...m.literals];
  if (m.plan) ways.push('runs');
  for (const way of ways) {
    store.forced = way;
    const name = way instanceof BytesMatcher ? `literal ${Buffer.from(way.needle).toString('latin1')}` : way;
    expect(store.lines(m), `${label} (${name})`).toEqual(expected);
  }
  store.forced = 'lines';
  const entriesRef = store.entries(m);
  for (const way of ways) {
    store.forced = way;
    expect(store.entries(m), `${label} entries`).toEqual(entriesRef);
  }
  store.forced = null;
  expect(store.lines(m), `${label} (chosen)`).toEqual(expected);
  return expected;
}

function store(text: string | Buffer, capacityBytes = 4 * MB): Probe {
  const s = new Probe({ capacityBytes });
  s.append(s.sourceIndex('a'), typeof text === 'string' ? Buffer.from(text) : text, 0);
  return s;
}

describe('regexScan', () => {
  it('keeps a match on one line: atoms that could match LF are fenced, lookarounds and octal escapes have no plan', () => {
    expect(scanPlan('seq=\\d*77\\b', 'i')!.re.source).toBe('seq=\\d*77\\b');
    expect(scanPlan('seq=\\d*77\\b', 'i')!.re.flags).toBe('gim');
    expect(scanPlan('a\\sb', '')!.re.source).toBe('a(?:(?!\\n)\\s)b');
    expect(scanPlan('[^x]+[a-z]\\D\\W\\S\\d', '')!.re.source).toBe(
      '(?:(?!\\n)[^x])+[a-z](?:(?!\\n)\\D)(?:(?!\\n)\\W)\\S\\d',
    );
    expect(scanPlan('[\\s\\S]\\x0a\\x41\\u000A\\cJ\\cI\\n', '')!.re.source).toBe(
      '(?:(?!\\n)[\\s\\S])(?:(?!\\n)\\x0a)\\x41(?:(?!\\n)\\u000A)(?:(?!\\n)\\cJ)\\cI(?:(?!\\n)\\n)',
    );
    expect(scanPlan('(a)\\1 \\0', '')!.re.source).toBe('(a)\\1 \\0');
    expect(scanPlan('^a$', '')!.anchors).toBe(true);
    expect(scanPlan('a\\$', '')!.anchors).toBe(false);
    for (const p of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', '\\12', '\\012', 'a\nb'])
      expect(scanPlan(p, ''), p).toBeNull();
    expect(scanPlan('(?<n>a)\\k<n>', '')).not.toBeNull();
  });

  it('finds the literals every match contains', () => {
    expect(requiredLiterals('seq=\\d*77\\b')).toEqual(['seq=', '77']);
    expect(requiredLiterals('error|warn')).toEqual([]);
    expect(requiredLiterals('ab?c')).toEqual(['a', 'c']);
    expect(requiredLiterals('ab+c')).toEqual(['ab', 'c']);
    expect(requiredLiterals('ab*?c{0,3}d{2}e')).toEqual(['a', 'd', 'e']);
    expect(requiredLiterals('\\.log\\b')).toEqual(['.log']);
    expect(requiredLiterals('(foo|x)bar[0-9]baz\\x41q\\u0041r\\cJs\\1t')).toEqual(['bar', 'baz', 'q', 'r', 's', 't']);
    expect(requiredLiterals('a{,2}')).toEqual(['a{,2}']); // not a quantifier without `u`: literal text
    expect(requiredLiterals('^Queue\\.cs:line \\d+$')).toEqual(['Queue.cs:line ']);
    expect(requiredLiterals('é(ü)x')).toEqual(['x']);
  });

  it('literals are sound: random patterns, any string a pattern matches holds every literal', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const atoms = ['a', 'b', 'A', '.', '\\d', '\\.', 'x', '[ab]', '(a|b)', '(?:ab)', '\\b', '^', '$', ' ', '{', '\\s'];
    const quants = ['', '', '', '?', '*', '+', '{2}', '{0,1}', '{1,}', '??', '+?'];
    const alpha = 'abAB. x{}1';
    for (let t = 0; t < 2000; t++) {
      let p = '';
      for (let k = 1 + rnd(6); k > 0; k--) p += atoms[rnd(atoms.length)]! + quants[rnd(quants.length)]!;
      if (rnd(8) === 0) p += '|' + atoms[rnd(atoms.length)]!;
      let re: RegExp;
      try {
        re = new RegExp(p, t % 2 ? 'i' : '');
      } catch {
        continue;
      }
      const lits = requiredLiterals(p);
      for (let s = 0; s < 20; s++) {
        const text = Array.from({ length: rnd(12) }, () => alpha[rnd(alpha.length)]).join('');
        const found = re.exec(text);
        if (!found) continue;
        for (const l of lits) {
          const hay = t % 2 ? text.toLowerCase() : text;
          expect(hay.includes(t % 2 ? l.toLowerCase() : l), `${p} on ${JSON.stringify(text)}: ${l}`).toBe(true);
        }
      }
    }
  });
});

describe('regular expressions over the ring, line by line', () => {
  it('^ and $ mean the line start and end, and a match does not run across lines', () => {
    const s = store('alpha one\r\nbeta two\nfoo\nbar baz\ngamma\n\nfoo \n  bar\n');
    expect(allWays(s, regex('^beta'), '^beta')).toEqual([0, 1, 0, 0, 0, 0, 0]);
    expect(allWays(s, regex('one$'), 'one$')).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(allWays(s, regex('^[a-z]+$'), '^[a-z]+$')).toEqual([0, 0, 1, 0, 1, 0, 0]);
    expect(allWays(s, regex('foo\\s+bar'), '\\s across lines')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(allWays(s, regex('foo[^x]*bar'), '[^x] across lines')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(allWays(s, regex('o\\s*$'), '\\s* then $')).toEqual([0, 1, 1, 0, 0, 1, 0]);
    expect(allWays(s, regex('\\bbar\\b'), '\\b at line edges')).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(allWays(s, regex('\\s$'), 'trailing space (not the CR or LF)')).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(allWays(s, regex('^$'), 'empty lines are not stored')).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(allWays(s, regex('\\n|\\r'), 'terminators are not in lines')).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('a CR inside a line: ^ and $ do not match next to it', () => {
    const s = store('one\rtwo\nthree\r\n');
    expect(allWays(s, regex('^two'), '^two')).toEqual([0, 0]);
    expect(allWays(s, regex('one$'), 'one$')).toEqual([0, 0]);
    expect(allWays(s, regex('one\\stwo'), '\\s is the CR')).toEqual([1, 0]);
    expect(allWays(s, regex('three\\s'), 'the CR of CRLF is not in the line')).toEqual([0, 0]);
  });

  it('lines without a terminator between them (partial lines, cut lines, a resize) keep their edges', () => {
    const s = new Probe({ capacityBytes: 4 * MB, maxLineBytes: 64 });
    const a = s.sourceIndex('a');
    s.append(a, Buffer.from('first ab'), 0);
    s.append(a, Buffer.from('c\nxyz'), 0); // "first abc" committed from the partial: no LF copied after it
    s.append(a, Buffer.from('\nabc' + 'd'.repeat(100) + '\nlast\n'), 0); // a cut line
    expect(allWays(s, regex('^xyz$'), '^xyz$')).toEqual([0, 1, 0, 0]);
    expect(allWays(s, regex('abc$'), 'abc$')).toEqual([1, 0, 0, 0]);
    expect(allWays(s, regex('cxyz|zabc|dlast'), 'across packed lines')).toEqual([0, 0, 0, 0]);
    expect(allWays(s, regex('\\bxyz\\b'), '\\b')).toEqual([0, 1, 0, 0]);
    s.setCapacity(2 * MB); // packed without terminators
    expect(allWays(s, regex('^last$'), 'after a resize')).toEqual([0, 0, 0, 1]);
    expect(allWays(s, regex('^[a-z]{3}'), 'after a resize, each start')).toEqual([1, 1, 1, 1]);
  });

  it('non-ASCII and invalid UTF-8 lines are decoded as before (U+FFFD), case-insensitive too', () => {
    const s = store(
      Buffer.concat([Buffer.from('Grüße aus Köln\nplain ascii KÖLN\n'), Buffer.from([0x61, 0xff, 0x62, 10])]),
    );
    expect(allWays(s, regex('k.ln', false), 'k.ln (i)')).toEqual([1, 1, 0]);
    expect(allWays(s, regex('KÖLN', false), 'KÖLN (i)')).toEqual([1, 1, 0]);
    expect(allWays(s, regex('^.{5} '), 'characters, not bytes')).toEqual([1, 1, 0]);
    expect(allWays(s, regex('a\\ufffdb'), 'U+FFFD')).toEqual([0, 0, 1]);
    expect(allWays(s, regex('ASCII', false), 'ASCII (i)')).toEqual([0, 1, 0]);
  });

  it('the first and the last line of each ring segment, and the line that wraps around the ring end', () => {
    const s = new Probe({ capacityBytes: MB });
    const src = s.sourceIndex('a');
    // 100-byte lines with the LF, 1 MB is not a multiple of 100: some line wraps around the end.
    for (let i = 0; i < 15000; i++)
      s.append(src, Buffer.from(`line ${String(i).padStart(6, '0')} `.padEnd(99, 'x') + '\n'), 0);
    const texts = s.window(s.openView('all', s.compileFilter(filter())), 0, 20000).map((l) => l.text);
    const n = texts.length;
    // Find the wrap: the line whose bytes cross the ring's end.
    let wrap = -1;
    let off = (15000 - n) * 100;
    for (let i = 0; i < n; i++, off += 100) if (Math.floor(off / MB) !== Math.floor((off + 98) / MB)) wrap = i;
    expect(wrap).toBeGreaterThan(0);
    for (const i of [0, wrap - 1, wrap, wrap + 1, n - 1]) {
      const num = texts[i]!.slice(5, 11);
      const bits = allWays(s, regex(`^line ${num} x+$`), `line ${i}`);
      expect(bits.indexOf(1)).toBe(i);
      expect(bits.lastIndexOf(1)).toBe(i);
    }
  });

  it('continuation lines go with their entry, as with the text filter', () => {
    const s = new Probe({ capacityBytes: 4 * MB });
    const src = s.sourceIndex('a');
    s.append(
      src,
      Buffer.from(
        [
          '2026-11-22 10:00:00.000 INFO cs.exe [1] starting',
          '2026-11-22 10:00:01.000 ERROR cs.exe [1] failed',
          'java.io.IOException: Broken pipe',
          '\tat com.micc.Foo.bar(Foo.java:42)',
          '2026-11-22 10:00:02.000 INFO cs.exe [1] done',
        ].join('\n') + '\n',
      ),
      Date.now(),
    );
    const open = (f: Partial<LogFilter>) => s.openView(`v${Math.random()}`, s.compileFilter(filter(f)));
    const texts = (v: LogView) => s.window(v, 0, 100).map((l) => l.text.slice(-12));
    expect(texts(open({ include: 'Foo\\.java:\\d+\\)$', regex: true }))).toEqual(
      texts(open({ include: 'Foo.java:42)', caseSensitive: true })),
    );
    expect(texts(open({ include: 'Foo\\.java:\\d+\\)$', regex: true }))).toHaveLength(3);
    expect(texts(open({ exclude: 'broken\\s+pipe', regex: true }))).toEqual(texts(open({ exclude: 'broken pipe' })));
    expect(allWays(s, regex('^\\s+at '), 'entries')).toEqual([0, 0, 0, 1, 0]);
  });

  it('a class that could match LF stays on its line: no search runs on to the end of the run', () => {
    // 4,000 lines of 60 bytes without a "y": on the line alone [^x]*y costs ~60²/2 steps a line; across the
    // whole run it would cost ~240,000²/2.
    const s = store(Array.from({ length: 4000 }, (_, i) => `${i} `.padEnd(59, 'a')).join('\n') + '\n');
    expect(allWays(s, regex('[^x]*y'), '[^x]*y').includes(1)).toBe(false);
    expect(allWays(s, regex('\\s*\\S*\\s*y'), '\\s*').includes(1)).toBe(false);
  });

  it('chooses a literal the byte search finds quickly, the runs, or the lines', () => {
    const lines = Array.from(
      { length: 4000 },
      (_, i) => `2026-11-22 10:00:00.000 INFO cs.exe [1004] Agent 1023 state changed seq=${i}`,
    );
    const s = store(lines.join('\n') + '\n');
    const way = (p: string) => {
      const w = s.chosen(regex(p, false));
      return w instanceof BytesMatcher ? Buffer.from(w.needle).toString('latin1') : w;
    };
    expect(way('seq=\\d*77\\b')).toBe('77');
    expect(way('seq=\\d+')).toBe('runs');
    expect(way('\\d+(a|b)')).toBe('runs');
    expect(way('\\d+(?=a)')).toBe('lines');
    expect(allWays(s, regex('seq=\\d*77\\b', false), 'bench').filter((b) => b === 1)).toHaveLength(40);
  });

  it('randomized: every way gives the per-line answer (a few thousand generated lines, the ring wrapped)', () => {
    let seed = 12345;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const words = ['seq=177', 'seq=77x', 'Agent', 'agent', 'ERROR', 'error', 'x', 'ab', 'a b', '  ', '\t', '77'];
    const foreign = ['Köln', 'ü', '日本'];
    const s = new Probe({ capacityBytes: MB, maxLineBytes: 200 });
    const srcs = [s.sourceIndex('a'), s.sourceIndex('b')];
    const pending: Buffer[][] = [[], []];
    let recv = Date.now();
    let lines = 0;
    while (lines < 30000) {
      const i = rnd(2);
      const parts: string[] = [];
      for (let k = rnd(8); k >= 0; k--) parts.push(rnd(40) === 0 ? pick(foreign) : pick(words));
      let text = parts.join(pick([' ', '', ' ', '=']));
      const kind = rnd(10);
      if (kind < 5)
        text = `2026-11-22 10:00:${String(rnd(60)).padStart(2, '0')}.000 ${pick(['INFO', 'ERROR', 'DEBUG'])} cs.exe [1] ${text}`;
      else if (kind === 5)
        text = text + '\r' + text; // a CR inside the line
      else if (kind === 6) text = 'long ' + 'seq=1 '.repeat(45); // longer than maxLineBytes: cut
      const bytes = [Buffer.from(text)];
      if (rnd(100) === 0) bytes.push(Buffer.from([0xff, 0x61]));
      bytes.push(Buffer.from(pick(['\n', '\n', '\r\n', '\n\n'])));
      pending[i]!.push(...bytes);
      lines++;
      if (rnd(5) === 0) {
        // Random cuts, so lines arrive split across appends.
        const all = Buffer.concat(pending[i]!);
        pending[i] = [];
        let at = 0;
        while (at < all.length) {
          const n = 1 + rnd(300);
          s.append(srcs[i]!, all.subarray(at, at + n), (recv += rnd(3)));
          at += n;
        }
      }
    }
    expect(s.stats().dropped).toBeGreaterThan(0); // the ring wrapped
    const patterns = [
      'seq=\\d*77\\b',
      '^2026.*ERROR',
      'error$',
      '^\\s',
      '\\s$',
      'agent\\s+error',
      '[^a-z]{3}',
      '\\D77',
      '\\W\\W',
      'x\\b',
      '\\Bb',
      'a.b',
      'köln|日本',
      '\\ufffd',
      '(ab)\\1',
      '^$',
      '',
      'x*',
      'seq=1 seq',
      '\\r',
      '\\s\\S',
      '(?<=a)b',
      'ab(?!\\s)',
      '[\\s\\S]{2}x',
      '^long ',
    ];
    for (const p of patterns) for (const cs of [true, false]) allWays(s, regex(p, cs), `${p} (${cs ? 'cs' : 'i'})`);
  });
});
