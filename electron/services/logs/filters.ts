import type { LogFilter } from '../../contract';
import { SEVERITY_NAMES } from '../../domain/logs/lineParser';
import { isAscii } from 'node:buffer';
import { BytesMatcher, compileMatcher, RegexMatcher, type TextMatcher } from './textMatch';
import { LineIngest } from './ingest';
import { F_CONT, F_HAS_CONT } from './ring';

/** Bytes of ring decoded into one string for a regular expression's search. */
const RUN_BYTES = 1 << 20;
/** Lines sampled to choose a regular expression's literal. */
const SAMPLE_LINES = 512;
/** A run that is not ASCII is halved until it has at most this many lines, which are tested one by one. */
const MIN_RUN_LINES = 16;

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
    const bytes = matcher instanceof BytesMatcher && !matcher.crossesLines;
    const way = matcher instanceof RegexMatcher && count > 0 ? this.regexWay(matcher) : 'lines';
    const literal = way instanceof BytesMatcher ? way : null;
    if (!bytes && way === 'lines') {
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
    if (bytes) {
      this.scanSegment(matcher, 0, upperEnd, bm, null);
      this.scanSegment(matcher, lower, count, bm, null);
    } else if (literal !== null) {
      this.scanSegment(literal, 0, upperEnd, bm, matcher);
      this.scanSegment(literal, lower, count, bm, matcher);
    } else {
      this.scanRegexSegment(matcher as RegexMatcher, 0, upperEnd, bm);
      this.scanRegexSegment(matcher as RegexMatcher, lower, count, bm);
    }
    return bm;
  }

  /**
   * How a regular expression re-filters, whichever should cost least (as parts of testing every line, from how many
   * of ~512 lines spread over the store hold each literal): a byte search for one literal every match contains, then
   * the expression on the lines holding it (native search ~0.15, ASCII-folding ~0.45, plus the share of lines it
   * finds); runs searched as strings (`plan`: ~0.3 plus half the share of a leading literal, which the engine skips
   * to; ~0.9 without one); or line by line (1). Returns the literal, 'runs' or 'lines'. The choice changes only the
   * speed: every way finds the same lines.
   */
  protected regexWay(matcher: RegexMatcher): BytesMatcher | 'runs' | 'lines' {
    const lits = matcher.literals;
    const count = this.count;
    const samples = Math.min(count, SAMPLE_LINES);
    const hits = new Array<number>(lits.length).fill(0);
    const lb = this.lb;
    if (lits.length > 0) {
      for (let k = 0; k < samples; k++) {
        this.lineBytes(this.slotAt(Math.floor((k * count) / samples)), lb);
        for (let j = 0; j < lits.length; j++) if (lits[j]!.test(lb.buf, lb.start, lb.end)) hits[j]!++;
      }
    }
    let best: BytesMatcher | 'runs' | 'lines' = 'lines';
    let bestCost = 1;
    if (matcher.plan !== null) {
      best = 'runs';
      bestCost = matcher.leads ? 0.3 + (0.5 * hits[0]!) / samples : 0.9;
    }
    for (let j = 0; j < lits.length; j++) {
      const cost = (lits[j]!.native ? 0.15 : 0.45) + hits[j]! / samples;
      if (cost < bestCost) {
        best = lits[j]!;
        bestCost = cost;
      }
    }
    return best;
  }

  /**
   * Marks the lines r0 … r1-1 (contiguous in the ring) a regular expression matches: the
   * segment is cut into runs of lines (at most RUN_BYTES, and cut where two lines are not
   * separated by a terminator, so anchors and word boundaries see a line's edges as on the
   * line alone), and each run is searched as one string (regexScan.ts).
   */
  protected scanRegexSegment(matcher: RegexMatcher, r0: number, r1: number, bm: Uint8Array): void {
    const offs = this.offs;
    const lens = this.lens;
    const ring = this.ring;
    const mCap = this.mCap;
    let r = r0;
    let slot = r < r1 ? this.slotAt(r0) : 0;
    while (r < r1) {
      const c0 = r;
      const s0 = slot;
      const start = offs[slot]!;
      let end = start + lens[slot]!;
      r++;
      if (++slot === mCap) slot = 0;
      while (r < r1) {
        const o = offs[slot]!;
        // A terminator between the lines: CR or LF right after the line, LF right before the next.
        if (
          o <= end ||
          (ring[end] !== 10 && ring[end] !== 13) ||
          ring[o - 1] !== 10 ||
          o + lens[slot]! - start > RUN_BYTES
        )
          break;
        end = o + lens[slot]!;
        r++;
        if (++slot === mCap) slot = 0;
      }
      this.scanRegexRun(matcher, c0, s0, r, start, end, bm);
    }
  }

  /** Lines c0 … c1-1 (c0 in slot s0), whose bytes are ring[start, end), searched as one string when they are ASCII. */
  protected scanRegexRun(
    matcher: RegexMatcher,
    c0: number,
    s0: number,
    c1: number,
    start: number,
    end: number,
    bm: Uint8Array,
  ): void {
    const mCap = this.mCap;
    const ring = this.ring;
    if (c1 - c0 === 1 || !isAscii(ring.subarray(start, end))) {
      if (c1 - c0 > MIN_RUN_LINES) {
        // Not ASCII (UTF-8 offsets would not be byte offsets): halves, down to a few lines tested one by one.
        const mid = (c0 + c1) >>> 1;
        const sMid = this.slotAt(mid);
        const sLast = this.slotAt(mid - 1);
        this.scanRegexRun(matcher, c0, s0, mid, start, this.offs[sLast]! + this.lens[sLast]!, bm);
        this.scanRegexRun(matcher, mid, sMid, c1, this.offs[sMid]!, end, bm);
        return;
      }
      let slot = s0;
      for (let r = c0; r < c1; r++) {
        if (this.textMatches(matcher, slot)) bm[r] = 1;
        if (++slot === mCap) slot = 0;
      }
      return;
    }
    const offs = this.offs;
    const lens = this.lens;
    const plan = matcher.plan!;
    const re = plan.re;
    const text = ring.toString('latin1', start, end);
    // `m` also puts ^ and $ next to a CR inside a line: then a hit is checked on its line alone.
    const checkCr = plan.anchors && ring.subarray(start, end).indexOf(13) >= 0;
    let r = c0;
    let slot = s0;
    while (r < c1) {
      re.lastIndex = offs[slot]! - start;
      const found = re.exec(text);
      if (found === null) return;
      const p = found.index + start;
      while (offs[slot]! + lens[slot]! < p) {
        r++;
        if (++slot === mCap) slot = 0;
      }
      const o = offs[slot]!;
      if (p < o) continue; // the match starts in the terminator before line r: search again from its start
      const lineEnd = o + lens[slot]!;
      let hit: boolean;
      if (p + found[0].length > lineEnd) {
        hit = this.textMatches(matcher, slot); // it runs into the terminator (a CR): the line alone decides
      } else if (checkCr) {
        let cr = o;
        while (cr < lineEnd && ring[cr] !== 13) cr++;
        hit = cr < lineEnd ? this.textMatches(matcher, slot) : true;
      } else {
        hit = true;
      }
      if (hit) bm[r] = 1;
      r++;
      if (++slot === mCap) slot = 0;
    }
  }

  /**
   * Marks the matching lines r0 … r1-1, whose bytes are contiguous (in order) in the ring. With `verify`, a line
   * holding the needle is only a candidate: it is marked when `verify` (the regular expression) matches it.
   */
  protected scanSegment(
    matcher: BytesMatcher,
    r0: number,
    r1: number,
    bm: Uint8Array,
    verify: TextMatcher | null,
  ): void {
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
        if (verify === null || this.textMatches(verify, slot)) bm[r] = 1;
        r++;
        if (++slot === mCap) slot = 0;
        if (r < r1) from = offs[slot]!;
      } else {
        from = p + 1; // the match runs over a line's end (a cut line has no terminator)
      }
    }
  }
}
