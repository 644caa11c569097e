import { isUtf8 } from 'node:buffer';
import type { LogFilter, LogLine, Severity, StoreStats } from '../../contract';
import {
  newHeadResult,
  parseHead,
  plainSeverity,
  SEV_NONE,
  SEVERITY_NAMES,
  splitText,
  utf8CutLength,
} from '../../domain/logs/lineParser';
import { ServiceError } from '../../ipc/errors';
import { SeqList } from './seqList';
import { BytesMatcher, compileMatcher, type TextMatcher } from './textMatch';

/*
 * The bounded in-memory log store (docs/LOG-PROTOCOL.md, "Store").
 *
 * - Line bytes live in one preallocated ring Buffer, copied in runs of whole lines straight
 *   from the socket's chunk (their LF/CRLF terminators included); a line may wrap around the
 *   ring's end. No JS string is made for a line until a window, a find or an export asks.
 * - Per line, typed arrays (a ring of slots that grows in steps up to capacity/32 lines): the
 *   order time (Float64), ring offset and length (Uint32), severity (Uint8), source (Uint16),
 *   flags (Uint8). 20 bytes a line.
 * - Lines get consecutive sequence numbers in arrival order; eviction drops the oldest
 *   (lowest) ones when the ring's bytes or the line slots run out, and counts them.
 * - Time order: each line has an order time — its own time, raised to the previous order
 *   time of the same source when a source goes back in time — so each source's lines are
 *   sorted and keep their arrival order. `flush()` (a few times a second, and before every
 *   read) merges the lines that arrived since the last flush into `order` (all lines by
 *   order time, then sequence) and into every open view, which are sorted the same way.
 */

const F_STRUCTURED = 1;
const F_CUT = 2;
const F_BAD_UTF8 = 4;

/** A plain line received within this many ms of its source's last structured line takes that line's time (continuation lines). */
export const INHERIT_MS = 2000;
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
export const MIN_CAPACITY = 1024 * 1024;
/** The store keeps at most capacity/BYTES_PER_SLOT lines, so tiny lines cannot make the slot arrays outgrow the ring. */
const BYTES_PER_SLOT = 32;
const TWO32 = 4294967296;

export interface LogStoreOptions {
  capacityBytes: number;
  maxLineBytes?: number;
}

export interface SourceCounters {
  lines: number;
  bytes: number;
  cutLines: number;
  invalidUtf8Lines: number;
}

interface SourceIngest extends SourceCounters {
  id: string;
  component: string;
  /** Bytes of a line not yet ended by LF. */
  partial: Buffer | null;
  partialLen: number;
  /** After cutting an over-long line: drop bytes until its LF. */
  skipping: boolean;
  lastKey: number;
  lastStructuredRecv: number;
}

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

export class LogView {
  readonly list = new SeqList();
  lastUsed = Date.now();
  /** Lowest index whose line changed since the runtime last reported the view (Infinity: none). */
  changedFrom = Infinity;
  /** Lines that entered the view since it opened; never decreases, unlike total once the store is full. */
  arrived = 0;
  constructor(
    readonly id: string,
    readonly filter: CompiledFilter,
  ) {}
  get total(): number {
    return this.list.length;
  }
}

export class LogStore {
  private ring: Buffer;
  private cap: number;
  /** Physical write position in the ring, and the same as a running (virtual) byte count. */
  private wP = 0;
  private wV = 0;
  /** Virtual position of the oldest line's first byte. */
  private headV = 0;
  private readonly maxLine: number;
  private maxPiece: number;
  private maxLines: number;

  // Line slots: a ring of mCap slots, `count` of them live from headSlot.
  private mCap = 0;
  private keys = new Float64Array(0);
  private offs = new Uint32Array(0);
  private lens = new Uint32Array(0);
  private sevs = new Uint8Array(0);
  private srcs = new Uint16Array(0);
  private flags = new Uint8Array(0);
  private headSlot = 0;
  private count = 0;
  /** Sequence number of the oldest live line; live lines are headSeq … headSeq+count-1. */
  private headSeq = 0;
  /** headSeq's low 32 bits: list entries are seq >>> 0, and (entry - hs32) >>> 0 is the line's distance from the head. */
  private hs32 = 0;
  private nextSeq = 0;
  private droppedTotal = 0;

  private readonly sources: SourceIngest[] = [];
  private readonly sourceIndexById = new Map<string, number>();
  private readonly head = newHeadResult();

  /** All lines by time; views are filtered copies. */
  private readonly order = new SeqList(16384);
  private readonly views = new Set<LogView>();
  private flushedSeq = 0;
  private evictedSinceFlush = false;
  private scratch = Buffer.allocUnsafe(0);
  private tmpA = new Uint32Array(0);
  private tmpK = new Float64Array(0);
  private tmpB = new Uint32Array(0);
  private tmpBK = new Float64Array(0);
  private tmpC = new Uint32Array(0);
  private tmpCK = new Float64Array(0);
  private srcCount = new Uint32Array(0);

  constructor(options: LogStoreOptions) {
    this.cap = LogStore.checkCapacity(options.capacityBytes);
    this.maxLine = Math.max(64, Math.min(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, Math.floor(this.cap / 8)));
    this.maxPiece = Math.floor(this.cap / 4);
    this.maxLines = Math.ceil(this.cap / BYTES_PER_SLOT);
    this.ring = Buffer.allocUnsafeSlow(this.cap);
    this.growSlots(Math.min(this.maxLines, 16384));
  }

  private static checkCapacity(bytes: number): number {
    if (!Number.isInteger(bytes) || bytes < MIN_CAPACITY)
      throw new ServiceError('INVALID', 'The store needs at least 1 MB.', 'megabytes');
    return Math.min(bytes, TWO32 - 1);
  }

  // ---------------------------------------------------------------- sources

  /** The store's index for a source id (created on first use; ids are never reused). */
  sourceIndex(id: string): number {
    let index = this.sourceIndexById.get(id);
    if (index === undefined) {
      index = this.sources.length;
      if (index > 0xffff) throw new Error('too many log sources');
      this.sources.push({
        id,
        component: '',
        partial: null,
        partialLen: 0,
        skipping: false,
        lastKey: 0,
        lastStructuredRecv: -Infinity,
        lines: 0,
        bytes: 0,
        cutLines: 0,
        invalidUtf8Lines: 0,
      });
      this.sourceIndexById.set(id, index);
    }
    return index;
  }

  /** The component shown for this source's lines that do not name one. */
  setComponent(index: number, component: string): void {
    this.sources[index]!.component = component;
  }

  counters(index: number): SourceCounters {
    const s = this.sources[index]!;
    return { lines: s.lines, bytes: s.bytes, cutLines: s.cutLines, invalidUtf8Lines: s.invalidUtf8Lines };
  }

  // ---------------------------------------------------------------- ingest (hot path)

  /**
   * Takes a chunk as it came off the socket or the file: whole lines are parsed and stored,
   * the bytes after the last LF wait for the next chunk. `recv` is the receive time (ms).
   */
  append(src: number, chunk: Buffer, recv: number): void {
    const st = this.sources[src]!;
    const n = chunk.length;
    st.bytes += n;
    let pos = 0;
    if (st.skipping || st.partialLen > 0) {
      const lf = chunk.indexOf(10);
      if (lf < 0) {
        if (!st.skipping) this.addPartial(src, st, chunk, 0, n, recv);
        return;
      }
      if (!st.skipping) this.addPartial(src, st, chunk, 0, lf, recv);
      if (st.skipping) st.skipping = false;
      else this.commitPartial(src, st, recv);
      pos = lf + 1;
    }
    while (pos < n) {
      const limit = n - pos > this.maxPiece ? pos + this.maxPiece : n;
      const lastLf = chunk.lastIndexOf(10, limit - 1);
      if (lastLf < pos) {
        if (limit === n) break; // the rest is a partial line
        // No LF within a whole piece: one line longer than the cut; keep its head, drop the rest.
        this.storeCut(src, st, chunk, pos, recv);
        const lf = chunk.indexOf(10, limit);
        if (lf < 0) {
          st.skipping = true;
          return;
        }
        pos = lf + 1;
        continue;
      }
      this.scan(src, st, chunk, pos, lastLf + 1, recv);
      pos = lastLf + 1;
    }
    if (pos < n) this.addPartial(src, st, chunk, pos, n, recv);
  }

  /** The source's stream ended (disconnect, file rotated): its unterminated last line is stored as it is. */
  endOfStream(src: number, recv: number): void {
    const st = this.sources[src]!;
    if (st.partialLen > 0 && !st.skipping) this.commitPartial(src, st, recv);
    st.partialLen = 0;
    st.skipping = false;
    if (st.partial && st.partial.length > 65536) st.partial = null;
  }

  /** Whole lines in chunk[from, to); chunk[to-1] is an LF. */
  private scan(src: number, st: SourceIngest, chunk: Buffer, from: number, to: number, recv: number): void {
    const checkEach = !isUtf8(chunk.subarray(from, to));
    const maxLine = this.maxLine;
    let runStart = from;
    let pos = from;
    while (pos < to) {
      const lf = chunk.indexOf(10, pos);
      let end = lf;
      if (end > pos && chunk[end - 1] === 13) end--;
      const len = end - pos;
      if (len === 0) {
        // An empty line is not stored; the run restarts after it.
        this.copyRun(chunk, runStart, pos);
        runStart = pos = lf + 1;
        continue;
      }
      if (len > maxLine) {
        this.copyRun(chunk, runStart, pos);
        this.storeCut(src, st, chunk, pos, recv);
        runStart = pos = lf + 1;
        continue;
      }
      this.record(
        src,
        st,
        chunk,
        pos,
        len,
        recv,
        checkEach && !isUtf8(chunk.subarray(pos, end)) ? F_BAD_UTF8 : 0,
        pos - runStart,
      );
      pos = lf + 1;
    }
    this.copyRun(chunk, runStart, to);
  }

  /** Stores the first maxLine bytes (not splitting a UTF-8 sequence) of the line at chunk[pos] as a cut line. */
  private storeCut(src: number, st: SourceIngest, buf: Buffer, pos: number, recv: number): void {
    const cut = utf8CutLength(buf, pos, this.maxLine);
    st.cutLines++;
    this.record(src, st, buf, pos, cut, recv, F_CUT | (isUtf8(buf.subarray(pos, pos + cut)) ? 0 : F_BAD_UTF8), 0);
    this.copyRun(buf, pos, pos + cut);
  }

  private addPartial(src: number, st: SourceIngest, chunk: Buffer, a: number, b: number, recv: number): void {
    const add = b - a;
    if (add === 0) return;
    const need = st.partialLen + add;
    // maxLine + 1: the last byte may be the CR of a CRLF split across chunks.
    const keep = Math.min(need, this.maxLine + 1);
    if (!st.partial || st.partial.length < keep) {
      const next = Buffer.allocUnsafe(Math.min(this.maxLine + 1, Math.max(keep, 4096, (st.partial?.length ?? 0) * 2)));
      if (st.partial) st.partial.copy(next, 0, 0, st.partialLen);
      st.partial = next;
    }
    chunk.copy(st.partial, st.partialLen, a, a + (keep - st.partialLen));
    st.partialLen = keep;
    if (need > this.maxLine + 1) {
      this.storeCut(src, st, st.partial, 0, recv);
      st.partialLen = 0;
      st.skipping = true;
    }
  }

  private commitPartial(src: number, st: SourceIngest, recv: number): void {
    const p = st.partial!;
    let len = st.partialLen;
    st.partialLen = 0;
    if (len > 0 && p[len - 1] === 13) len--;
    if (len === 0) return;
    if (len > this.maxLine) {
      this.storeCut(src, st, p, 0, recv);
      return;
    }
    this.record(src, st, p, 0, len, recv, isUtf8(p.subarray(0, len)) ? 0 : F_BAD_UTF8, 0);
    this.copyRun(p, 0, len);
  }

  /**
   * One line's slot: buf[start, start+len) is the line; it will land in the ring at the write
   * position + rel (the run it belongs to is copied after its lines are recorded).
   */
  private record(
    src: number,
    st: SourceIngest,
    buf: Buffer,
    start: number,
    len: number,
    recv: number,
    flags: number,
    rel: number,
  ): void {
    const h = this.head;
    let key: number;
    let sev: number;
    if (parseHead(buf, start, start + len, h)) {
      flags |= F_STRUCTURED;
      sev = h.sev;
      key = h.time > st.lastKey ? h.time : st.lastKey;
      st.lastStructuredRecv = recv;
    } else {
      sev = plainSeverity(buf, start, start + len);
      key = recv - st.lastStructuredRecv <= INHERIT_MS ? st.lastKey : recv > st.lastKey ? recv : st.lastKey;
    }
    st.lastKey = key;
    if (flags & F_BAD_UTF8) st.invalidUtf8Lines++;
    st.lines++;

    if (this.count === this.mCap) {
      if (this.mCap < this.maxLines)
        this.growSlots(Math.min(this.maxLines, this.mCap + Math.max(65536, this.mCap >>> 3)));
      else this.evictOne();
    }
    if (this.count === 0) this.headV = this.wV + rel;
    let slot = this.headSlot + this.count;
    if (slot >= this.mCap) slot -= this.mCap;
    let off = this.wP + rel;
    if (off >= this.cap) off -= this.cap;
    this.keys[slot] = key;
    this.offs[slot] = off;
    this.lens[slot] = len;
    this.sevs[slot] = sev;
    this.srcs[slot] = src;
    this.flags[slot] = flags;
    this.count++;
    this.nextSeq++;
  }

  /** Copies buf[a, b) to the ring's write position (wrapping), evicting the oldest lines it overwrites. */
  private copyRun(buf: Buffer, a: number, b: number): void {
    const n = b - a;
    if (n <= 0) return;
    while (this.count > 0 && this.wV + n - this.headV > this.cap) this.evictOne();
    const first = Math.min(n, this.cap - this.wP);
    buf.copy(this.ring, this.wP, a, a + first);
    if (first < n) buf.copy(this.ring, 0, a + first, b);
    this.wP += n;
    if (this.wP >= this.cap) this.wP -= this.cap;
    this.wV += n;
  }

  private evictOne(): void {
    const slot = this.headSlot;
    let next = slot + 1;
    if (next === this.mCap) next = 0;
    if (this.count > 1) this.headV += (this.offs[next]! - this.offs[slot]! + this.cap) % this.cap;
    else this.headV = this.wV;
    this.headSlot = next;
    this.count--;
    this.headSeq++;
    this.hs32 = this.headSeq >>> 0;
    this.droppedTotal++;
    this.evictedSinceFlush = true;
  }

  private growSlots(newCap: number): void {
    const copy = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(old: T, next: T): T => {
      const tail = Math.min(this.count, this.mCap - this.headSlot);
      next.set(old.subarray(this.headSlot, this.headSlot + tail), 0);
      if (tail < this.count) next.set(old.subarray(0, this.count - tail), tail);
      return next;
    };
    this.keys = copy(this.keys, new Float64Array(newCap));
    this.offs = copy(this.offs, new Uint32Array(newCap));
    this.lens = copy(this.lens, new Uint32Array(newCap));
    this.sevs = copy(this.sevs, new Uint8Array(newCap));
    this.srcs = copy(this.srcs, new Uint16Array(newCap));
    this.flags = copy(this.flags, new Uint8Array(newCap));
    this.headSlot = 0;
    this.mCap = newCap;
  }

  // ---------------------------------------------------------------- slots and lines

  /** Slot of a live line given its sequence number's low 32 bits, or -1 when it was evicted (or never existed). */
  slotOf(seq32: number): number {
    const rel = (seq32 - this.hs32) >>> 0;
    if (rel >= this.count) return -1;
    const slot = this.headSlot + rel;
    return slot >= this.mCap ? slot - this.mCap : slot;
  }

  private seqOfSlot(slot: number): number {
    const rel = slot >= this.headSlot ? slot - this.headSlot : slot + this.mCap - this.headSlot;
    return this.headSeq + rel;
  }

  /** The line's bytes as [buf, start, end): the ring itself, or a scratch copy for a line that wraps the ring's end. */
  private lineBytes(slot: number, out: { buf: Buffer; start: number; end: number }): void {
    const off = this.offs[slot]!;
    const len = this.lens[slot]!;
    if (off + len <= this.cap) {
      out.buf = this.ring;
      out.start = off;
      out.end = off + len;
      return;
    }
    if (this.scratch.length < len) this.scratch = Buffer.allocUnsafe(Math.max(len, 4096));
    const first = this.cap - off;
    this.ring.copy(this.scratch, 0, off, this.cap);
    this.ring.copy(this.scratch, first, 0, len - first);
    out.buf = this.scratch;
    out.start = 0;
    out.end = len;
  }

  private readonly lb = { buf: Buffer.allocUnsafe(0), start: 0, end: 0 };

  private textMatches(m: TextMatcher, slot: number): boolean {
    const lb = this.lb;
    this.lineBytes(slot, lb);
    return m.test(lb.buf, lb.start, lb.end);
  }

  /** The line as the contract's LogLine (the only place a line becomes strings). */
  decode(slot: number): LogLine {
    const lb = this.lb;
    this.lineBytes(slot, lb);
    const text = lb.buf.toString('utf8', lb.start, lb.end);
    const flags = this.flags[slot]!;
    const src = this.sources[this.srcs[slot]!]!;
    const sev = this.sevs[slot]!;
    let time = this.keys[slot]!;
    let level = '';
    let component = src.component;
    let thread = '';
    let message = text;
    const structured = (flags & F_STRUCTURED) !== 0;
    if (structured) {
      if (parseHead(lb.buf, lb.start, lb.end, this.head)) time = this.head.time;
      const parts = splitText(text);
      if (parts) {
        level = parts.level;
        component = parts.component || src.component;
        thread = parts.thread;
        message = parts.message;
      }
    }
    return {
      seq: this.seqOfSlot(slot),
      time,
      structured,
      severity: sev === SEV_NONE ? null : (SEVERITY_NAMES[sev] as Severity),
      level,
      sourceId: src.id,
      component,
      thread,
      message,
      text,
      cut: (flags & F_CUT) !== 0,
    };
  }

  // ---------------------------------------------------------------- filters and views

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

  private matches(f: CompiledFilter, slot: number): boolean {
    if (f.sevMask !== null) {
      const sev = this.sevs[slot]!;
      if (sev > 31 || ((f.sevMask >>> sev) & 1) === 0) return false;
    }
    if (f.sources !== null && f.sources[this.srcs[slot]!] !== 1) return false;
    const k = this.keys[slot]!;
    if (k < f.from || k > f.to) return false;
    if (f.include !== null && !this.textMatches(f.include, slot)) return false;
    if (f.exclude !== null && this.textMatches(f.exclude, slot)) return false;
    return true;
  }

  /** A new view of the lines matching the filter, in time order; it then follows new lines until removed. */
  openView(id: string, filter: CompiledFilter): LogView {
    this.flush();
    const view = new LogView(id, filter);
    const order = this.order;
    // The order is sorted by time: a time range is two binary searches.
    const b = order.s + this.lowerBound(order, filter.from);
    const e = filter.to === Infinity ? order.e : order.s + this.upperBound(order, filter.to);
    const list = view.list;
    const a = order.a;
    const hs = this.hs32;
    const headSlot = this.headSlot;
    const mCap = this.mCap;
    const sevs = this.sevs;
    const srcs = this.srcs;
    const { sevMask, sources, include, exclude } = filter;

    // Text: either one pass over the ring in arrival order marking the matching lines (fast
    // when most lines are candidates), or a test of each candidate line (when a severity,
    // source or time filter leaves few).
    let incMap: Uint8Array | null = null;
    let excMap: Uint8Array | null = null;
    if (include !== null || exclude !== null) {
      let candidates = e - b;
      if (sevMask !== null || sources !== null) {
        candidates = 0;
        for (let i = b; i < e; i++) {
          let slot = headSlot + ((a[i]! - hs) >>> 0);
          if (slot >= mCap) slot -= mCap;
          if (sevMask !== null) {
            const sev = sevs[slot]!;
            if (sev > 31 || ((sevMask >>> sev) & 1) === 0) continue;
          }
          if (sources !== null && sources[srcs[slot]!] !== 1) continue;
          candidates++;
        }
      }
      if (candidates * 4 > this.count) {
        if (include !== null) incMap = this.textBitmap(include, 0);
        if (exclude !== null) excMap = this.textBitmap(exclude, 1);
      }
    }

    list.reserve(Math.min(e - b, 1 << 20));
    for (let i = b; i < e; i++) {
      const u = a[i]!;
      const rel = (u - hs) >>> 0;
      let slot = headSlot + rel;
      if (slot >= mCap) slot -= mCap;
      if (sevMask !== null) {
        const sev = sevs[slot]!;
        if (sev > 31 || ((sevMask >>> sev) & 1) === 0) continue;
      }
      if (sources !== null && sources[srcs[slot]!] !== 1) continue;
      if (include !== null && (incMap !== null ? incMap[rel] === 0 : !this.textMatches(include, slot))) continue;
      if (exclude !== null && (excMap !== null ? excMap[rel] === 1 : this.textMatches(exclude, slot))) continue;
      list.push(u);
    }
    this.views.add(view);
    return view;
  }

  private bitmaps: [Uint8Array, Uint8Array] = [new Uint8Array(0), new Uint8Array(0)];

  private slotAt(rel: number): number {
    const slot = this.headSlot + rel;
    return slot >= this.mCap ? slot - this.mCap : slot;
  }

  /**
   * 1 for each live line (indexed by its distance from the oldest) the matcher matches.
   * A byte needle runs over the ring's two segments (from the oldest line to the ring's end,
   * then from 0, once it wrapped) in one search each, skipping from match to the next line.
   */
  private textBitmap(matcher: TextMatcher, which: 0 | 1): Uint8Array {
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
  private scanSegment(matcher: BytesMatcher, r0: number, r1: number, bm: Uint8Array): void {
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

  closeView(view: LogView): void {
    this.views.delete(view);
  }

  /** Index in the view of the first/last line at or after/before `from` that is an error / warning / matches. */
  find(
    view: LogView,
    from: number,
    direction: 'next' | 'previous',
    test: { severity?: number; matcher?: TextMatcher },
  ): number | null {
    this.flush();
    const list = view.list;
    const step = direction === 'next' ? 1 : -1;
    const start = direction === 'next' ? from : Math.min(from, list.length - 1);
    for (let i = start; i >= 0 && i < list.length; i += step) {
      const slot = this.slotOf(list.get(i));
      if (slot < 0) continue;
      if (test.severity !== undefined && this.sevs[slot] !== test.severity) continue;
      if (test.matcher && !this.textMatches(test.matcher, slot)) continue;
      return i;
    }
    return null;
  }

  /** Lines [offset, offset+count) of a view. */
  window(view: LogView, offset: number, count: number): LogLine[] {
    this.flush();
    const list = view.list;
    const out: LogLine[] = [];
    const end = Math.min(list.length, offset + count);
    for (let i = offset; i < end; i++) {
      const slot = this.slotOf(list.get(i));
      if (slot >= 0) out.push(this.decode(slot));
    }
    return out;
  }

  /** Raw bytes of view lines [offset, offset+count), or of the given sequence numbers, each ended by LF, in one buffer. */
  exportLines(
    view: LogView,
    range: { offset: number; count: number } | { seqs: readonly number[] },
    maxBytes: number,
  ): { text: Buffer; lines: number } {
    this.flush();
    const slots: number[] = [];
    if ('seqs' in range) {
      for (const seq of range.seqs) {
        if (!Number.isInteger(seq) || seq < this.headSeq || seq >= this.nextSeq) continue;
        slots.push(this.slotOf(seq >>> 0));
      }
    } else {
      const end = Math.min(view.list.length, range.offset + range.count);
      for (let i = range.offset; i < end; i++) {
        const slot = this.slotOf(view.list.get(i));
        if (slot >= 0) slots.push(slot);
      }
    }
    let bytes = 0;
    for (const slot of slots) bytes += this.lens[slot]! + 1;
    if (bytes > maxBytes) {
      throw new ServiceError(
        'INVALID',
        `The export is larger than ${Math.round(maxBytes / 1048576)} MB; choose a range or narrow the view.`,
      );
    }
    const out = Buffer.allocUnsafe(bytes);
    const lb = this.lb;
    let w = 0;
    for (const slot of slots) {
      this.lineBytes(slot, lb);
      w += lb.buf.copy(out, w, lb.start, lb.end);
      out[w++] = 10;
    }
    return { text: out, lines: slots.length };
  }

  private keyOf(seq32: number): number {
    let slot = this.headSlot + ((seq32 - this.hs32) >>> 0);
    if (slot >= this.mCap) slot -= this.mCap;
    return this.keys[slot]!;
  }

  /** First index in the list whose time is ≥ t. */
  private lowerBound(list: SeqList, t: number): number {
    if (t === -Infinity) return 0;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyOf(list.get(mid)) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index in the list whose time is > t. */
  private upperBound(list: SeqList, t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyOf(list.get(mid)) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---------------------------------------------------------------- flush: merge new lines into the order and the views

  /**
   * Brings `order` and every view up to date: drops evicted lines from them and merges the
   * lines that arrived since the last flush. Returns whether anything changed.
   */
  flush(): boolean {
    const evicted = this.evictedSinceFlush;
    const from = Math.max(this.flushedSeq, this.headSeq);
    const to = this.nextSeq;
    if (!evicted && from >= to) return false;
    if (evicted) {
      this.dropEvicted(this.order);
      for (const v of this.views) if (this.dropEvicted(v.list)) v.changedFrom = 0;
      this.evictedSinceFlush = false;
    }
    this.flushedSeq = to;
    const m = to - from;
    if (m > 0) {
      this.sortBatch(from, m);
      const batch = this.tmpA;
      const bkeys = this.tmpK;
      this.mergeInto(this.order, batch, bkeys, m);
      if (this.views.size > 0) {
        if (this.tmpB.length < m) {
          this.tmpB = new Uint32Array(Math.max(m, this.tmpB.length * 2));
          this.tmpBK = new Float64Array(this.tmpB.length);
        }
        const sub = this.tmpB;
        const subKeys = this.tmpBK;
        for (const v of this.views) {
          if (v.filter.all) {
            const at = this.mergeInto(v.list, batch, bkeys, m);
            if (at < v.changedFrom) v.changedFrom = at;
            v.arrived += m;
            continue;
          }
          let k = 0;
          for (let i = 0; i < m; i++) {
            const u = batch[i]!;
            if (this.matches(v.filter, this.slotOf(u))) {
              sub[k] = u;
              subKeys[k++] = bkeys[i]!;
            }
          }
          const at = this.mergeInto(v.list, sub, subKeys, k);
          if (at < v.changedFrom) v.changedFrom = at;
          v.arrived += k;
        }
      }
    }
    return true;
  }

  /** Removes evicted lines from a list; true when there were any. */
  private dropEvicted(list: SeqList): boolean {
    const before = list.length;
    const hs = this.hs32;
    const count = this.count;
    const a = list.a;
    let s = list.s;
    while (s < list.e && (a[s]! - hs) >>> 0 >= count) s++;
    list.s = s;
    if (!list.monotonic) {
      let w = s;
      let prev = -1;
      let mono = true;
      for (let r = s; r < list.e; r++) {
        const u = a[r]!;
        const rel = (u - hs) >>> 0;
        if (rel >= count) continue;
        if (rel < prev) mono = false;
        prev = rel;
        a[w++] = u;
      }
      list.e = w;
      list.monotonic = mono;
    }
    list.trim();
    return list.length !== before;
  }

  /**
   * Lines from..from+m-1 (all live) sorted by order time, then sequence: their sequence
   * numbers in tmpA and their times in tmpK.
   */
  private sortBatch(from: number, m: number): void {
    if (this.tmpA.length < m) {
      const n = Math.max(m, this.tmpA.length * 2);
      this.tmpA = new Uint32Array(n);
      this.tmpK = new Float64Array(n);
      this.tmpC = new Uint32Array(n);
      this.tmpCK = new Float64Array(n);
    }
    const batch = this.tmpA;
    const bkeys = this.tmpK;
    const keys = this.keys;
    const srcs = this.srcs;
    const mCap = this.mCap;
    let slot = this.headSlot + (from - this.headSeq);
    if (slot >= mCap) slot -= mCap;
    const first = slot;
    let sorted = true;
    let prev = -Infinity;
    for (let i = 0; i < m; i++) {
      const k = keys[slot]!;
      if (k < prev) sorted = false;
      prev = k;
      batch[i] = (from + i) >>> 0;
      bkeys[i] = k;
      if (++slot === mCap) slot = 0;
    }
    if (sorted) return;

    // Each source's lines are sorted already (order time never goes back within a source).
    // Bucket them by source, keeping arrival order, into runs; then merge the runs pairwise.
    const nsrc = this.sources.length;
    if (this.srcCount.length < nsrc + 1) this.srcCount = new Uint32Array(nsrc + 64);
    const counts = this.srcCount;
    counts.fill(0, 0, nsrc + 1);
    slot = first;
    for (let i = 0; i < m; i++) {
      counts[srcs[slot]! + 1]!++;
      if (++slot === mCap) slot = 0;
    }
    const runStarts: number[] = [];
    for (let s = 1; s <= nsrc; s++) {
      if (counts[s] !== 0) runStarts.push(counts[s - 1]!);
      counts[s] = counts[s]! + counts[s - 1]!;
    }
    runStarts.push(m);
    // counts[s] is now where source s's run starts.
    const outSeq = this.tmpC;
    const outKey = this.tmpCK;
    slot = first;
    for (let i = 0; i < m; i++) {
      const at = counts[srcs[slot]!]!++;
      outSeq[at] = batch[i]!;
      outKey[at] = bkeys[i]!;
      if (++slot === mCap) slot = 0;
    }
    // Pairwise merges of adjacent runs until one is left (log2(sources) passes).
    let aSeq = outSeq;
    let aKey = outKey;
    let bSeq = batch;
    let bKey = bkeys;
    let runs = runStarts;
    while (runs.length > 2) {
      const next: number[] = [];
      for (let r = 0; r + 1 < runs.length; r += 2) {
        const lo = runs[r]!;
        const mid = runs[r + 1]!;
        const hi = r + 2 < runs.length ? runs[r + 2]! : mid;
        next.push(lo);
        let i = lo;
        let j = mid;
        let w = lo;
        while (i < mid && j < hi) {
          // Equal times: the left run's line first. Runs are ordered by source, not arrival,
          // so compare sequence numbers when the times tie.
          const ki = aKey[i]!;
          const kj = aKey[j]!;
          if (ki < kj || (ki === kj && (aSeq[i]! - this.hs32) >>> 0 < (aSeq[j]! - this.hs32) >>> 0)) {
            bSeq[w] = aSeq[i]!;
            bKey[w++] = ki;
            i++;
          } else {
            bSeq[w] = aSeq[j]!;
            bKey[w++] = kj;
            j++;
          }
        }
        while (i < mid) {
          bSeq[w] = aSeq[i]!;
          bKey[w++] = aKey[i++]!;
        }
        while (j < hi) {
          bSeq[w] = aSeq[j]!;
          bKey[w++] = aKey[j++]!;
        }
      }
      next.push(m);
      runs = next;
      [aSeq, bSeq] = [bSeq, aSeq];
      [aKey, bKey] = [bKey, aKey];
    }
    if (aSeq !== batch) {
      batch.set(aSeq.subarray(0, m));
      bkeys.set(aKey.subarray(0, m));
    }
  }

  /**
   * Merges a sorted batch of new lines (newer than everything in the list) into a sorted
   * list; returns the first index that changed.
   */
  private mergeInto(list: SeqList, batch: Uint32Array, bkeys: Float64Array, m: number): number {
    if (m === 0) return Infinity;
    const firstKey = bkeys[0]!;
    list.reserve(m);
    if (list.length === 0 || this.keyOf(list.get(list.length - 1)) <= firstKey) {
      const at = list.length;
      list.a.set(batch.subarray(0, m), list.e);
      list.e += m;
      // The batch is in time order, which is not arrival order when sources interleave.
      if (list.monotonic) {
        const hs = this.hs32;
        for (let i = 1; i < m; i++) {
          if ((batch[i]! - hs) >>> 0 < (batch[i - 1]! - hs) >>> 0) {
            list.monotonic = false;
            break;
          }
        }
      }
      return at;
    }
    // New lines older than the list's newest: merge with the tail that is later than the batch's first line.
    const p = this.upperBound(list, firstKey);
    const tailLen = list.length - p;
    const tail = list.a.slice(list.s + p, list.e);
    const a = list.a;
    let w = list.s + p;
    let i = 0;
    let j = 0;
    let tk = this.keyOf(tail[0]!);
    let bk = firstKey;
    while (i < tailLen && j < m) {
      if (tk <= bk) {
        a[w++] = tail[i++]!;
        if (i < tailLen) tk = this.keyOf(tail[i]!);
      } else {
        a[w++] = batch[j++]!;
        if (j < m) bk = bkeys[j]!;
      }
    }
    while (i < tailLen) a[w++] = tail[i++]!;
    while (j < m) a[w++] = batch[j++]!;
    list.e = w;
    list.monotonic = false;
    return p;
  }

  // ---------------------------------------------------------------- figures and maintenance

  stats(): StoreStats {
    return {
      lines: this.count,
      bytes: this.count === 0 ? 0 : this.wV - this.headV,
      capacityBytes: this.cap,
      dropped: this.droppedTotal,
    };
  }

  /** Bytes the store holds in memory: the ring, the line slots, the time-ordered index and the views. */
  memoryBytes(): number {
    let views = 0;
    for (const v of this.views) views += v.list.byteLength;
    return this.ring.length + this.mCap * 20 + this.order.byteLength + views;
  }

  /** Lines ever stored (including dropped ones). */
  get totalLines(): number {
    return this.nextSeq;
  }

  /** Resizes the ring; shrinking keeps the newest lines that fit. */
  setCapacity(bytes: number): void {
    const cap = LogStore.checkCapacity(bytes);
    this.flush();
    const maxLines = Math.ceil(cap / BYTES_PER_SLOT);
    // Newest lines that fit, packed without their terminators.
    let keep = 0;
    let used = 0;
    for (let r = this.count - 1; r >= 0 && keep < maxLines; r--) {
      let slot = this.headSlot + r;
      if (slot >= this.mCap) slot -= this.mCap;
      if (used + this.lens[slot]! > cap) break;
      used += this.lens[slot]!;
      keep++;
    }
    let ring: Buffer;
    try {
      ring = Buffer.allocUnsafeSlow(cap);
    } catch {
      throw new ServiceError(
        'UNAVAILABLE',
        `Cannot allocate ${Math.round(cap / 1048576)} MB for the log store.`,
        'megabytes',
      );
    }
    while (this.count > keep) this.evictOne();
    let w = 0;
    const lb = this.lb;
    for (let r = 0; r < this.count; r++) {
      let slot = this.headSlot + r;
      if (slot >= this.mCap) slot -= this.mCap;
      this.lineBytes(slot, lb);
      lb.buf.copy(ring, w, lb.start, lb.end);
      this.offs[slot] = w;
      w += lb.end - lb.start;
    }
    this.ring = ring;
    this.cap = cap;
    this.maxPiece = Math.floor(cap / 4);
    this.maxLines = maxLines;
    this.headV = 0;
    this.wV = w;
    this.wP = w % cap;
    if (this.mCap > maxLines || this.mCap > this.count * 2 + 65536)
      this.growSlots(Math.max(Math.min(maxLines, this.count + 16384), this.count));
    this.flush();
  }

  /** Empties the store (sequence numbers go on from where they were). */
  clear(): void {
    this.headSeq = this.nextSeq;
    this.hs32 = this.headSeq >>> 0;
    this.flushedSeq = this.nextSeq;
    this.count = 0;
    this.headSlot = 0;
    this.headV = this.wV;
    this.evictedSinceFlush = false;
    this.order.clear();
    for (const v of this.views) {
      v.list.clear();
      v.changedFrom = 0;
    }
  }
}
