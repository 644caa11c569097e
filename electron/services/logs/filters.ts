import type { LogFilter } from '../../contract';
import { SEVERITY_NAMES } from '../../domain/logs/lineParser';
import { BytesMatcher, compileMatcher, type TextMatcher } from './textMatch';
import { LineIngest } from './ingest';
import { F_CONT, F_HAS_CONT } from './ring';

/** A LogFilter made ready for the loops over the typed arrays. */
export interface CompiledFilter {
  /** Bit n set: severity code n matches. null: every line, with or without a severity. */
  sevMask: number | null;
  /** Indexed by source index; null: every source. */
  sources: Uint8Array | null;
  from: number;
  to: number;
  include: TextMatcher | null;
  exclude: TextMatcher | null;
  /** No condition at all: every line. */
  all: boolean;
}

/**
 * Filters: a LogFilter compiled for the loops over the typed arrays, and the text tests (per line, or one pass over the
 * ring).
 */
export class LineFilters extends LineIngest {
  protected bitmaps: [Uint8Array, Uint8Array] = [new Uint8Array(0), new Uint8Array(0)];

  protected textMatches(m: TextMatcher, slot: number): boolean {
    const lb = this.lb;
    this.lineBytes(slot, lb);
    return m.test(lb.buf, lb.start, lb.end);
  }

  /**
   * The text test of the entry the line belongs to (entries, not lines): true when any live line
   * of the entry matches — its first line or one of its continuation lines. A line that is not
   * part of a multi-line entry is tested alone.
   */
  protected entryMatches(m: TextMatcher, slot: number): boolean {
    const fl = this.flags[slot]!;
    if ((fl & (F_CONT | F_HAS_CONT)) === 0) return this.textMatches(m, slot);
    const entry = this.ents[slot]!;
    const src = this.srcs[slot]!;
    const count = this.count;
    let rel = (entry - this.hs32) >>> 0;
    // The first line was dropped (the store is full): the entry's live lines start further on.
    let inEntry = rel < count;
    if (!inEntry) rel = 0;
    for (; rel < count; rel++) {
      const s = this.slotAt(rel);
      if (this.srcs[s] !== src) continue;
      if (this.ents[s] !== entry) {
        if (inEntry) break; // the source's next entry: this one is complete
        continue;
      }
      inEntry = true;
      if (this.textMatches(m, s)) return true;
    }
    return false;
  }

  /**
   * Turns a line bitmap (indexed by distance from the oldest line) into an entry bitmap: every
   * line of an entry gets 1 when any of its lines has 1. Two passes in arrival order (an entry's
   * first line always comes before its continuation lines).
   */
  protected entryBitmap(bm: Uint8Array): void {
    if (!this.anyCont) return;
    const count = this.count;
    const hs = this.hs32;
    const flags = this.flags;
    const ents = this.ents;
    const mCap = this.mCap;
    let slot = this.headSlot;
    for (let r = 0; r < count; r++) {
      if (bm[r] === 1 && (flags[slot]! & F_CONT) !== 0) {
        const hr = (ents[slot]! - hs) >>> 0;
        if (hr < count) bm[hr] = 1;
      }
      if (++slot === mCap) slot = 0;
    }
    slot = this.headSlot;
    for (let r = 0; r < count; r++) {
      if ((flags[slot]! & F_CONT) !== 0) {
        const hr = (ents[slot]! - hs) >>> 0;
        if (hr < count) bm[r] = bm[hr]!;
      }
      if (++slot === mCap) slot = 0;
    }
  }

  compileFilter(filter: LogFilter): CompiledFilter {
    let sevMask: number | null = null;
    if (filter.severities) {
      sevMask = 0;
      for (const s of filter.severities) sevMask |= 1 << SEVERITY_NAMES.indexOf(s);
    }
    let sources: Uint8Array | null = null;
    if (filter.sourceIds) {
      const indices = filter.sourceIds.map((id) => this.sourceIndex(id));
      sources = new Uint8Array(Math.max(this.sources.length, 1) + 1024);
      for (const i of indices) sources[i] = 1;
    }
    const compiled: CompiledFilter = {
      sevMask,
      sources,
      from: filter.from ?? -Infinity,
      to: filter.to ?? Infinity,
      include: filter.include
        ? compileMatcher(filter.include, filter.regex, filter.caseSensitive, 'filter.include')
        : null,
      exclude: filter.exclude
        ? compileMatcher(filter.exclude, filter.regex, filter.caseSensitive, 'filter.exclude')
        : null,
      all: false,
    };
    compiled.all =
      sevMask === null &&
      sources === null &&
      compiled.from === -Infinity &&
      compiled.to === Infinity &&
      !compiled.include &&
      !compiled.exclude;
    return compiled;
  }

  protected matches(f: CompiledFilter, slot: number): boolean {
    if (f.sevMask !== null) {
      const sev = this.sevs[slot]!;
      if (sev > 31 || ((f.sevMask >>> sev) & 1) === 0) return false;
    }
    if (f.sources !== null && f.sources[this.srcs[slot]!] !== 1) return false;
    const k = this.keys[slot]!;
    if (k < f.from || k > f.to) return false;
    // Whole entries: a continuation line goes with its entry (a stack trace under an ERROR line).
    if (f.include !== null && !this.entryMatches(f.include, slot)) return false;
    if (f.exclude !== null && this.entryMatches(f.exclude, slot)) return false;
    return true;
  }

  /**
   * 1 for each live line (indexed by its distance from the oldest) the matcher matches.
   * A byte needle runs over the ring's two segments (from the oldest line to the ring's end,
   * then from 0, once it wrapped) in one search each, skipping from match to the next line.
   */
  protected textBitmap(matcher: TextMatcher, which: 0 | 1): Uint8Array {
    const bm = this.lineBitmap(matcher, which);
    this.entryBitmap(bm);
    return bm;
  }

  protected lineBitmap(matcher: TextMatcher, which: 0 | 1): Uint8Array {
    const count = this.count;
    let bm = this.bitmaps[which];
    if (bm.length < count) bm = this.bitmaps[which] = new Uint8Array(count + 65536);
    bm.fill(0, 0, count);
    if (count === 0) return bm;
    if (!(matcher instanceof BytesMatcher) || matcher.crossesLines) {
      let slot = this.headSlot;
      for (let r = 0; r < count; r++) {
        if (this.textMatches(matcher, slot)) bm[r] = 1;
        if (++slot === this.mCap) slot = 0;
      }
      return bm;
    }
    // Lines from the head to the ring's end have offsets ≥ the head's; the ones after the
    // wrap lie below it.
    const offs = this.offs;
    const headOff = offs[this.headSlot]!;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offs[this.slotAt(mid)]! < headOff) hi = mid;
      else lo = mid + 1;
    }
    const lower = lo;
    let upperEnd = lower;
    const lastUpper = this.slotAt(lower - 1);
    if (offs[lastUpper]! + this.lens[lastUpper]! > this.cap) {
      // The line that wraps around the ring's end.
      if (this.textMatches(matcher, lastUpper)) bm[lower - 1] = 1;
      upperEnd = lower - 1;
    }
    this.scanSegment(matcher, 0, upperEnd, bm);
    this.scanSegment(matcher, lower, count, bm);
    return bm;
  }

  /** Marks the matching lines r0 … r1-1, whose bytes are contiguous (in order) in the ring. */
  protected scanSegment(matcher: BytesMatcher, r0: number, r1: number, bm: Uint8Array): void {
    if (r0 >= r1) return;
    const offs = this.offs;
    const lens = this.lens;
    const ring = this.ring;
    const mCap = this.mCap;
    const nlen = matcher.needle.length;
    const lastSlot = this.slotAt(r1 - 1);
    const hay = ring.subarray(0, offs[lastSlot]! + lens[lastSlot]!);
    let slot = this.slotAt(r0);
    let r = r0;
    let from = offs[slot]!;
    while (r < r1) {
      const p = matcher.searchRegion(hay, from);
      if (p < 0) return;
      while (offs[slot]! + lens[slot]! <= p) {
        r++;
        if (++slot === mCap) slot = 0;
      }
      const o = offs[slot]!;
      if (p >= o && p + nlen <= o + lens[slot]!) {
        bm[r++] = 1;
        if (++slot === mCap) slot = 0;
        if (r < r1) from = offs[slot]!;
      } else {
        from = p + 1; // the match runs over a line's end (a cut line has no terminator)
      }
    }
  }
}
