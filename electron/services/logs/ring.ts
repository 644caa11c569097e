import type { StoreStats } from '../../contract';
import { ServiceError } from '../../ipc/errors';

/*
 * The log store's ring (docs/LOG-PROTOCOL.md, "Store"; the whole design is described in
 * logStore.ts): line bytes in one preallocated Buffer and, per line, a slot in typed arrays;
 * sequence numbers, eviction of the oldest lines, the bytes of a line. The layers above it,
 * one file each: ingest.ts (framing and decoding), filters.ts, timeOrder.ts (the merge),
 * views.ts (open, window, find, export); logStore.ts is the façade the feature uses. Each
 * layer extends the one below, so the hot loops read the typed arrays directly.
 */

/** Slot flags. */
export const F_STRUCTURED = 1;
export const F_CUT = 2;
export const F_BAD_UTF8 = 4;
/** A structured line whose own time is earlier than its source's previous line: kept where it arrived, and marked. */
export const F_OUT_OF_ORDER = 8;
/** A continuation line (stack trace, wrapped message): part of the entry its source's last structured line started. */
export const F_CONT = 16;
/** The first line of an entry that has continuation lines. */
export const F_HAS_CONT = 32;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
export const MIN_CAPACITY = 1024 * 1024;
/**
 * The store keeps at most capacity/BYTES_PER_SLOT lines, so tiny lines cannot make the slot arrays outgrow the ring.
 */
export const BYTES_PER_SLOT = 32;
const TWO32 = 4294967296;

export interface LogStoreOptions {
  capacityBytes: number;
  maxLineBytes?: number;
}

export class LineRing {
  protected ring: Buffer;
  protected cap: number;
  /** Physical write position in the ring, and the same as a running (virtual) byte count. */
  protected wP = 0;
  protected wV = 0;
  /** Virtual position of the oldest line's first byte. */
  protected headV = 0;
  protected readonly maxLine: number;
  protected maxPiece: number;
  protected maxLines: number;

  // Line slots: a ring of mCap slots, `count` of them live from headSlot.
  protected mCap = 0;
  protected keys = new Float64Array(0);
  protected offs = new Uint32Array(0);
  protected lens = new Uint32Array(0);
  protected sevs = new Uint8Array(0);
  protected srcs = new Uint16Array(0);
  protected flags = new Uint8Array(0);
  /** Sequence number (low 32 bits) of the entry's first line: the line itself unless it is a continuation line. */
  protected ents = new Uint32Array(0);
  /** Some live line is a continuation line (entry rules apply to the filters). */
  protected anyCont = false;
  protected headSlot = 0;
  protected count = 0;
  /** Sequence number of the oldest live line; live lines are headSeq … headSeq+count-1. */
  protected headSeq = 0;
  /**
   * headSeq's low 32 bits: list entries are seq >>> 0, and (entry - hs32) >>> 0 is the line's distance from the head.
   */
  protected hs32 = 0;
  protected nextSeq = 0;
  protected droppedTotal = 0;
  protected evictedSinceFlush = false;
  protected scratch = Buffer.allocUnsafe(0);

  protected readonly lb = { buf: Buffer.allocUnsafe(0), start: 0, end: 0 };

  constructor(options: LogStoreOptions) {
    this.cap = LineRing.checkCapacity(options.capacityBytes);
    this.maxLine = Math.max(64, Math.min(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, Math.floor(this.cap / 8)));
    this.maxPiece = Math.floor(this.cap / 4);
    this.maxLines = Math.ceil(this.cap / BYTES_PER_SLOT);
    this.ring = Buffer.allocUnsafeSlow(this.cap);
    this.growSlots(Math.min(this.maxLines, 16384));
  }

  protected static checkCapacity(bytes: number): number {
    if (!Number.isInteger(bytes) || bytes < MIN_CAPACITY)
      throw new ServiceError('INVALID', 'The store needs at least 1 MB.', 'megabytes');
    return Math.min(bytes, TWO32 - 1);
  }

  /** Copies buf[a, b) to the ring's write position (wrapping), evicting the oldest lines it overwrites. */
  protected copyRun(buf: Buffer, a: number, b: number): void {
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

  protected evictOne(): void {
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

  protected growSlots(newCap: number): void {
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
    this.ents = copy(this.ents, new Uint32Array(newCap));
    this.headSlot = 0;
    this.mCap = newCap;
  }

  /** Slot of a live line given its sequence number's low 32 bits, or -1 when it was evicted (or never existed). */
  slotOf(seq32: number): number {
    const rel = (seq32 - this.hs32) >>> 0;
    if (rel >= this.count) return -1;
    const slot = this.headSlot + rel;
    return slot >= this.mCap ? slot - this.mCap : slot;
  }

  protected seqOfSlot(slot: number): number {
    const rel = slot >= this.headSlot ? slot - this.headSlot : slot + this.mCap - this.headSlot;
    return this.headSeq + rel;
  }

  /** The line's bytes as [buf, start, end): the ring itself, or a scratch copy for a line that wraps the ring's end. */
  protected lineBytes(slot: number, out: { buf: Buffer; start: number; end: number }): void {
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

  protected slotAt(rel: number): number {
    const slot = this.headSlot + rel;
    return slot >= this.mCap ? slot - this.mCap : slot;
  }

  protected keyOf(seq32: number): number {
    let slot = this.headSlot + ((seq32 - this.hs32) >>> 0);
    if (slot >= this.mCap) slot -= this.mCap;
    return this.keys[slot]!;
  }

  /**
   * Moves the newest lines that fit into a new ring of `cap` bytes (checked), packed without
   * their terminators; evicts the others.
   */
  protected resizeRing(cap: number): void {
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
  }

  /** Empties the ring (sequence numbers go on from where they were). */
  protected clearRing(): void {
    this.headSeq = this.nextSeq;
    this.hs32 = this.headSeq >>> 0;
    this.count = 0;
    this.headSlot = 0;
    this.headV = this.wV;
    this.evictedSinceFlush = false;
    this.anyCont = false;
  }

  stats(): StoreStats {
    return {
      lines: this.count,
      bytes: this.count === 0 ? 0 : this.wV - this.headV,
      capacityBytes: this.cap,
      dropped: this.droppedTotal,
    };
  }

  /** Lines ever stored (including dropped ones). */
  get totalLines(): number {
    return this.nextSeq;
  }
}
