import { SeqList } from './seqList';
import { LineFilters } from './filters';
import type { LogView } from './views';

/**
 * Time order: `order` (all lines by order time, then sequence) and the open views, brought up
 * to date by `flush()`: evicted lines dropped, the lines that arrived since merged in.
 */
export class TimeOrder extends LineFilters {
  /** All lines by time; views are filtered copies. */
  protected readonly order = new SeqList(16384);
  protected readonly views = new Set<LogView>();
  protected flushedSeq = 0;
  protected tmpA = new Uint32Array(0);
  protected tmpK = new Float64Array(0);
  protected tmpB = new Uint32Array(0);
  protected tmpBK = new Float64Array(0);
  protected tmpC = new Uint32Array(0);
  protected tmpCK = new Float64Array(0);
  protected srcCount = new Uint32Array(0);

  /** First index in the list whose time is ≥ t. */
  protected lowerBound(list: SeqList, t: number): number {
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
  protected upperBound(list: SeqList, t: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keyOf(list.get(mid)) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

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
  protected dropEvicted(list: SeqList): boolean {
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
  protected sortBatch(from: number, m: number): void {
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
  protected mergeInto(list: SeqList, batch: Uint32Array, bkeys: Float64Array, m: number): number {
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

  /** Empties the order and the views (after clearRing). */
  protected clearOrder(): void {
    this.flushedSeq = this.nextSeq;
    this.order.clear();
    for (const v of this.views) {
      v.list.clear();
      v.changedFrom = 0;
    }
  }
}
