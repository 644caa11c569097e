/**
 * A growable list of line sequence numbers (low 32 bits; the store turns them back into
 * slots), used for the time-ordered index of the whole store and for each view. Kept as a
 * window [s, e) of one Uint32Array so dropping evicted lines from the front is O(1).
 */
export class SeqList {
  a: Uint32Array;
  s = 0;
  e = 0;
  /**
   * True while sequence numbers only grow along the list. Then lines the store evicted
   * (always the oldest sequence numbers) can only sit at the front; otherwise a pass over
   * the whole list finds them.
   */
  monotonic = true;

  constructor(capacity = 1024) {
    this.a = new Uint32Array(Math.max(16, capacity));
  }

  get length(): number {
    return this.e - this.s;
  }

  get(i: number): number {
    return this.a[this.s + i]!;
  }

  /** Room for `extra` more at the end (moves the window to the start, or grows). */
  reserve(extra: number): void {
    const len = this.e - this.s;
    const need = len + extra;
    if (this.e + extra <= this.a.length) return;
    if (need <= this.a.length && this.s >= this.a.length >>> 2) {
      this.a.copyWithin(0, this.s, this.e);
    } else {
      const next = new Uint32Array(Math.max(need, Math.ceil(this.a.length * 1.5)));
      next.set(this.a.subarray(this.s, this.e));
      this.a = next;
    }
    this.s = 0;
    this.e = len;
  }

  push(v: number): void {
    if (this.e === this.a.length) this.reserve(1);
    this.a[this.e++] = v;
  }

  clear(): void {
    this.s = 0;
    this.e = 0;
    this.monotonic = true;
    if (this.a.length > 65536) this.a = new Uint32Array(1024);
  }

  /** Gives back memory when the list is much smaller than its array. */
  trim(): void {
    const len = this.e - this.s;
    if (this.a.length > 65536 && len < this.a.length >>> 2) {
      const next = new Uint32Array(Math.max(1024, len * 2));
      next.set(this.a.subarray(this.s, this.e));
      this.a = next;
      this.s = 0;
      this.e = len;
    }
  }

  get byteLength(): number {
    return this.a.byteLength;
  }
}
