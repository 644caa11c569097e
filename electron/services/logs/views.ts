import type { LogLine } from '../../contract';
import { ServiceError } from '../../ipc/errors';
import { SeqList } from './seqList';
import { type TextMatcher } from './textMatch';
import type { CompiledFilter } from './filters';
import { TimeOrder } from './timeOrder';
import { F_CONT } from './ring';

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

/** Views: opening one (a filtered copy of the order), and reading it: windows, find, export. */
export class LineViews extends TimeOrder {
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
      if (include !== null && (incMap !== null ? incMap[rel] === 0 : !this.entryMatches(include, slot))) continue;
      if (exclude !== null && (excMap !== null ? excMap[rel] === 1 : this.entryMatches(exclude, slot))) continue;
      list.push(u);
    }
    this.views.add(view);
    return view;
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
      // the next error is the next entry's first line, not a line of its stack trace
      if (test.severity !== undefined && (this.sevs[slot] !== test.severity || (this.flags[slot]! & F_CONT) !== 0))
        continue;
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

  /**
   * Raw bytes of view lines [offset, offset+count), or of the given sequence numbers, each ended by LF, in one buffer.
   */
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
}
