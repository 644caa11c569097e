import { describe, expect, it } from 'vitest';
import {
  levelSeverity,
  newHeadResult,
  parseHead,
  plainSeverity,
  SEV_DEBUG,
  SEV_ERROR,
  SEV_INFO,
  SEV_NONE,
  SEV_TRACE,
  SEV_WARNING,
  splitText,
  utf8CutLength,
} from './lineParser';

const bytes = (s: string) => new TextEncoder().encode(s);
const head = (s: string) => {
  const b = bytes(s);
  const out = newHeadResult();
  return parseHead(b, 0, b.length, out) ? out : null;
};
const local = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) =>
  new Date(y, mo - 1, d, h, mi, s, ms).getTime();

describe('parseHead: the structured line', () => {
  it('reads the timestamp (local time, milliseconds) and the level word', () => {
    const h = head('2026-11-22 14:05:09.123 INFO cs.exe [1844] SocketManager: Accepted connection');
    expect(h).not.toBeNull();
    expect(h!.time).toBe(local(2026, 11, 22, 14, 5, 9, 123));
    expect(h!.sev).toBe(SEV_INFO);
  });

  it('maps every level word, in any case', () => {
    const words: Array<[string, number]> = [
      ['TRACE', SEV_TRACE],
      ['verbose', SEV_TRACE],
      ['Debug', SEV_DEBUG],
      ['INFO', SEV_INFO],
      ['Information', SEV_INFO],
      ['NOTICE', SEV_INFO],
      ['status', SEV_INFO],
      ['WARN', SEV_WARNING],
      ['Warning', SEV_WARNING],
      ['ERROR', SEV_ERROR],
      ['err', SEV_ERROR],
      ['FATAL', SEV_ERROR],
      ['Critical', SEV_ERROR],
      ['CRIT', SEV_ERROR],
      ['SEVERE', SEV_ERROR],
    ];
    for (const [word, sev] of words) expect(head(`2026-01-02 03:04:05.006 ${word} x [1] m`)?.sev, word).toBe(sev);
  });

  it('maps numeric levels 0–9: 0 error, 1 warning, 2 info, 3–5 debug, 6–9 trace', () => {
    const expected = [
      SEV_ERROR,
      SEV_WARNING,
      SEV_INFO,
      SEV_DEBUG,
      SEV_DEBUG,
      SEV_DEBUG,
      SEV_TRACE,
      SEV_TRACE,
      SEV_TRACE,
      SEV_TRACE,
    ];
    for (let d = 0; d <= 9; d++) expect(head(`2026-01-02 03:04:05.006 ${d} cs.exe [7] m`)?.sev).toBe(expected[d]);
    expect(head('2026-01-02 03:04:05.006 10 cs.exe [7] m')).toBeNull();
  });

  it('accepts T between date and time, a comma or 1–9 fraction digits, or no fraction', () => {
    expect(head('2026-01-02T03:04:05.006 INFO a [1] m')!.time).toBe(local(2026, 1, 2, 3, 4, 5, 6));
    expect(head('2026-01-02 03:04:05,5 INFO a [1] m')!.time).toBe(local(2026, 1, 2, 3, 4, 5, 500));
    expect(head('2026-01-02 03:04:05.123456789 INFO a [1] m')!.time).toBe(local(2026, 1, 2, 3, 4, 5, 123));
    expect(head('2026-01-02 03:04:05 INFO a [1] m')!.time).toBe(local(2026, 1, 2, 3, 4, 5, 0));
  });

  it('a level at the end of the line is still structured', () => {
    expect(head('2026-01-02 03:04:05.006 ERROR')?.sev).toBe(SEV_ERROR);
  });

  it('anything else is plain: no timestamp, a bad date, an unknown level, no space', () => {
    for (const line of [
      'hello world',
      '   at Mitel.MiCC.Router.Pbx.Link.Read()',
      '2026-13-02 03:04:05.006 INFO a [1] m', // month 13
      '2026-02-30 03:04:05.006 INFO a [1] m', // no such day
      '2026-01-02 24:04:05.006 INFO a [1] m',
      '2026-01-02 03:04:05.006 HELLO a [1] m',
      '2026-01-02 03:04:05.006 INFORMATIONAL a [1] m',
      '2026-01-02 03:04:05.006INFO a',
      '2026-01-02 03:04:05. INFO a',
      '1969-01-02 03:04:05.006 INFO a',
      '2026/01/02 03:04:05.006 INFO a',
      '2026-0:-02 03:04:05.006 INFO a', // ':' is one past '9'
      '2026-01-02 03:04: 5.006 INFO a',
      '',
      '2026-01-02',
    ]) {
      expect(head(line), line).toBeNull();
    }
  });

  it('reads UserSync.csv lines (seed 001, AUDIT LOG): the action is the level, ERROR an error', () => {
    const add = head('"2026-03-01 02:00:01","ADD","6f1c-11","1203","sharpka1","Kate","Sharp","ksharp@contoso.com",""');
    expect(add).toMatchObject({ time: local(2026, 3, 1, 2, 0, 1, 0), sev: SEV_INFO });
    expect(head('"2026-03-01 02:00:02","ERROR","6f1c-12","","","","","","Record locked"')?.sev).toBe(SEV_ERROR);
    expect(head('"2026-03-01 02:00:02","UNDELETE","x","1","a","b","c","d",""')?.sev).toBe(SEV_INFO);
    expect(head('"Date/Time","Action","SyncID"')).toBeNull();
  });

  it('levelSeverity refuses non-letters that upper-case onto letters', () => {
    const b = bytes('\x05RROR'); // 0x05 | 0x40 would be 'E' only after the mask of a letter
    expect(levelSeverity(b, 0, b.length)).toBe(-1);
  });

  it('garbage bytes never throw', () => {
    const out = newHeadResult();
    for (let i = 0; i < 2000; i++) {
      const b = Uint8Array.from({ length: (i % 60) + 1 }, () => Math.floor(Math.random() * 256));
      if (i % 3 === 0) b.set(bytes('2026-01-02 03:04:05.').subarray(0, Math.min(20, b.length)));
      expect(() => parseHead(b, 0, b.length, out)).not.toThrow();
      expect(() => plainSeverity(b, 0, b.length)).not.toThrow();
    }
  });
});

describe('plainSeverity', () => {
  it('labels plain lines with ERROR / FATAL / EXCEPTION as errors, WARN as a warning, others none', () => {
    const sev = (s: string) => plainSeverity(bytes(s), 0, bytes(s).length);
    expect(sev('Unhandled EXCEPTION in worker')).toBe(SEV_ERROR);
    expect(sev('ERROR: disk full')).toBe(SEV_ERROR);
    expect(sev('a FATAL one')).toBe(SEV_ERROR);
    expect(sev('WARNING low memory')).toBe(SEV_WARNING);
    expect(sev('no error here')).toBe(SEV_NONE);
    expect(sev('   at Mitel.X()')).toBe(SEV_NONE);
  });
});

describe('utf8CutLength', () => {
  it('does not split a UTF-8 sequence', () => {
    const b = bytes('ab€cd'); // € is 3 bytes at 2..4
    expect(utf8CutLength(b, 0, 3)).toBe(2);
    expect(utf8CutLength(b, 0, 4)).toBe(2);
    expect(utf8CutLength(b, 0, 5)).toBe(5);
    expect(utf8CutLength(b, 0, 2)).toBe(2);
  });
});

describe('splitText', () => {
  it('splits level, component (may hold spaces), thread and message', () => {
    expect(splitText('2026-11-22 14:05:09.123 WARN Router Service [512] Service Group Sales: no agents [x]')).toEqual({
      level: 'WARN',
      component: 'Router Service',
      thread: '512',
      message: 'Service Group Sales: no agents [x]',
    });
    expect(splitText('2026-11-22 14:05:09.123 9 cs.exe [1844] SocketManager: x')).toMatchObject({
      level: '9',
      component: 'cs.exe',
      thread: '1844',
    });
  });

  it('a structured line without [thread] has only a message; an empty component is allowed', () => {
    expect(splitText('2026-11-22 14:05:09.123 INFO started up')).toEqual({
      level: 'INFO',
      component: '',
      thread: '',
      message: 'started up',
    });
    expect(splitText('2026-11-22 14:05:09.123 INFO [12] m')).toEqual({
      level: 'INFO',
      component: '',
      thread: '12',
      message: 'm',
    });
    expect(splitText('2026-11-22 14:05:09.123 INFO')).toEqual({
      level: 'INFO',
      component: '',
      thread: '',
      message: '',
    });
  });

  it('UserSync.csv: the action and the rest', () => {
    expect(splitText('"2026-03-01 02:00:01","ADD","6f1c","1203"')).toEqual({
      level: 'ADD',
      component: '',
      thread: '',
      message: '"6f1c","1203"',
    });
  });

  it('null for a plain line', () => {
    expect(splitText('   at X.Y()')).toBeNull();
  });
});
