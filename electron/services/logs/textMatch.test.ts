import { describe, expect, it } from 'vitest';
import { BytesMatcher, compileMatcher, RegexMatcher } from './textMatch';

describe('BytesMatcher', () => {
  it('finds the same first match as String#indexOf, case-sensitive or ASCII-folded (random text, needles of 1–6 bytes)', () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const alpha = 'abAB :';
    for (let t = 0; t < 3000; t++) {
      const hay = Array.from(
        { length: 50 + Math.floor(rnd() * 200) },
        () => alpha[Math.floor(rnd() * alpha.length)],
      ).join('');
      const needle = Array.from(
        { length: 1 + Math.floor(rnd() * 6) },
        () => alpha[Math.floor(rnd() * alpha.length)],
      ).join('');
      for (const caseSensitive of [true, false]) {
        const m = new BytesMatcher(Buffer.from(needle), caseSensitive);
        const buf = Buffer.from(hay);
        const start = Math.floor(rnd() * 20);
        const expected = caseSensitive
          ? hay.indexOf(needle, start)
          : hay.toLowerCase().indexOf(needle.toLowerCase(), start);
        expect(m.indexIn(buf, start, buf.length), `${needle} in ${hay} (${caseSensitive})`).toBe(expected);
        expect(m.searchRegion(buf.subarray(0, buf.length), start)).toBe(expected);
      }
    }
  });

  it('stops at the end it is given', () => {
    const m = new BytesMatcher(Buffer.from('abc'), false);
    expect(m.indexIn(Buffer.from('xxabcxx'), 0, 4)).toBe(-1);
    expect(m.indexIn(Buffer.from('xxabcxx'), 0, 5)).toBe(2);
  });
});

describe('compileMatcher', () => {
  it('bytes for plain text, RegExp for a regex or a case-insensitive non-ASCII needle', () => {
    expect(compileMatcher('timeout', false, false, 'f')).toBeInstanceOf(BytesMatcher);
    expect(compileMatcher('ünï', false, true, 'f')).toBeInstanceOf(BytesMatcher);
    expect(compileMatcher('ünï', false, false, 'f')).toBeInstanceOf(RegexMatcher);
    expect(compileMatcher('a+', true, false, 'f')).toBeInstanceOf(RegexMatcher);
    const m = compileMatcher('ÜNÏ', false, false, 'f');
    const buf = Buffer.from('x ünïcödé y');
    expect(m.test(buf, 0, buf.length)).toBe(true);
  });

  it('names the field when a regex does not compile', () => {
    expect(() => compileMatcher('(', true, false, 'filter.exclude')).toThrow(
      expect.objectContaining({ code: 'INVALID', field: 'filter.exclude' }),
    );
  });
});
