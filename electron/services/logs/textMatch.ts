import { ServiceError } from '../../ipc/errors';
import { nestedQuantifier } from './regexSafety';
import { requiredLiterals, scanPlan, type ScanPlan } from './regexScan';

/** Tests one line's bytes, buf[start, end), for a filter's text. */
export interface TextMatcher {
  test(buf: Buffer, start: number, end: number): boolean;
}

const IDENTITY = Uint8Array.from({ length: 256 }, (_, i) => i);
const ASCII_LOWER = Uint8Array.from({ length: 256 }, (_, i) => (i >= 65 && i <= 90 ? i + 32 : i));

/**
 * Substring search on the stored bytes (Boyer–Moore–Horspool), case-folded for ASCII when
 * asked: no string is made per line, which is what makes re-filtering a million lines
 * cheap. `indexIn` also runs over a whole region of the ring holding many lines. A needle
 * with non-ASCII letters and no case sensitivity goes to the RegExp path.
 */
export class BytesMatcher implements TextMatcher {
  readonly needle: Uint8Array;
  private readonly fold: Uint8Array;
  /** Shift per raw byte; 0 for bytes that fold to the needle's last byte (then compare). */
  private readonly shift = new Int32Array(256);
  /** Shift after comparing at a byte equal to the needle's last. */
  private readonly lastShift: number;
  /** The needle holds CR or LF, so a match could run across a line end: test line by line. */
  readonly crossesLines: boolean;
  /** Case-sensitive (or no letters to fold): Buffer#indexOf, native and faster, searches whole regions. */
  readonly native: boolean;
  private readonly raw: Buffer;

  constructor(needle: Uint8Array, caseSensitive: boolean) {
    this.raw = Buffer.from(needle);
    this.native = caseSensitive || !needle.some((b) => (b >= 65 && b <= 90) || (b >= 97 && b <= 122));
    this.fold = caseSensitive ? IDENTITY : ASCII_LOWER;
    this.needle = Uint8Array.from(needle, (b) => this.fold[b]!);
    const m = this.needle.length;
    const last = this.needle[m - 1] ?? 0;
    const folded = new Int32Array(256).fill(m);
    for (let i = 0; i < m - 1; i++) folded[this.needle[i]!] = m - 1 - i;
    this.lastShift = Math.max(1, folded[last]!);
    for (let b = 0; b < 256; b++) this.shift[b] = this.fold[b] === last ? 0 : folded[this.fold[b]!]!;
    this.crossesLines = needle.includes(10) || needle.includes(13);
  }

  /** First p ≥ start where the needle is at buf[p, p+m) with p+m ≤ end, or -1. */
  indexIn(buf: Buffer, start: number, end: number): number {
    const needle = this.needle;
    const m = needle.length;
    if (m === 0) return start <= end ? start : -1;
    const fold = this.fold;
    const shift = this.shift;
    const lastShift = this.lastShift;
    let i = start + m - 1;
    while (i < end) {
      const sh = shift[buf[i]!]!;
      if (sh !== 0) {
        i += sh;
        continue;
      }
      let j = m - 2;
      let k = i - 1;
      while (j >= 0 && fold[buf[k]!] === needle[j]) {
        j--;
        k--;
      }
      if (j < 0) return i - m + 1;
      i += lastShift;
    }
    return -1;
  }

  test(buf: Buffer, start: number, end: number): boolean {
    return this.indexIn(buf, start, end) >= 0;
  }

  /** Like indexIn over a long region; `hay` ends where the region ends (a view of the ring). */
  searchRegion(hay: Buffer, from: number): number {
    if (this.native) return this.needle.length === 0 ? from : hay.indexOf(this.raw, from);
    return this.indexIn(hay, from, hay.length);
  }
}

/**
 * A regular expression (or a non-ASCII case-insensitive text) on the decoded line; U+FFFD replaces bad UTF-8. For the
 * re-filter's pass over the ring (filters.ts), `literals` find candidate lines with a byte search, and `plan`
 * (regexScan.ts) searches many ASCII lines in one string; without either, line by line.
 */
export class RegexMatcher implements TextMatcher {
  readonly plan: ScanPlan | null;
  /** Byte searches for the literals every match contains (regexScan.ts, `requiredLiterals`). */
  readonly literals: readonly BytesMatcher[];
  /** The pattern starts with literals[0] (the engine then skips quickly from one occurrence to the next). */
  readonly leads: boolean;
  constructor(private readonly re: RegExp) {
    this.plan = scanPlan(re.source, re.ignoreCase ? 'i' : '');
    const literals = requiredLiterals(re.source);
    this.literals = literals.map((l) => new BytesMatcher(Buffer.from(l, 'latin1'), !re.ignoreCase));
    this.leads = literals.length > 0 && re.source.startsWith(literals[0]!);
  }
  test(buf: Buffer, start: number, end: number): boolean {
    return this.re.test(buf.toString('utf8', start, end));
  }
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The matcher for a filter's include/exclude (or a find's) text. `field` names the argument
 * in the error when the regular expression does not compile.
 */
export function compileMatcher(text: string, regex: boolean, caseSensitive: boolean, field: string): TextMatcher {
  if (regex) {
    const nested = nestedQuantifier(text);
    if (nested) {
      throw new ServiceError(
        'INVALID',
        `Regular expression refused: ${nested} repeats something that already repeats (a nested quantifier), which ` +
          `can take minutes on one line. Remove the inner or outer repetition.`,
        field,
      );
    }
    try {
      return new RegexMatcher(new RegExp(text, caseSensitive ? '' : 'i'));
    } catch (err) {
      const why = err instanceof Error ? err.message.replace(/^.*: /, '') : String(err);
      throw new ServiceError('INVALID', `Not a valid regular expression: ${why}`, field);
    }
  }
  const hasNonAsciiCase = [...text].some((ch) => ch.charCodeAt(0) > 0x7f && ch.toLowerCase() !== ch.toUpperCase());
  if (!caseSensitive && hasNonAsciiCase) {
    return new RegexMatcher(new RegExp(escapeRegex(text), 'i'));
  }
  return new BytesMatcher(Buffer.from(text, 'utf8'), caseSensitive);
}
