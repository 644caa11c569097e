import { LineRing } from './ring';
import { LineViews } from './views';

export { LogView } from './views';

/*
 * The bounded in-memory log store (docs/LOG-PROTOCOL.md, "Store").
 *
 * - Line bytes live in one preallocated ring Buffer, copied in runs of whole lines straight
 *   from the socket's chunk (their LF/CRLF terminators included); a line may wrap around the
 *   ring's end. No JS string is made for a line until a window, a find or an export asks.
 * - Per line, typed arrays (a ring of slots that grows in steps up to capacity/32 lines): the
 *   order time (Float64), ring offset and length (Uint32), severity (Uint8), source (Uint16),
 *   flags (Uint8), the entry's first line (Uint32). 24 bytes a line.
 * - Entries, not lines: a plain line that follows a structured line of its source (within
 *   INHERIT_MS) is a continuation line (a stack trace, a wrapped message) of the entry that line
 *   started: it takes the entry's time and severity, and the filters keep or drop whole entries.
 * - A structured line whose time is earlier than its source's previous line stays where it
 *   arrived (order time raised, as lnav does) and is flagged out of order, so the viewer marks it.
 * - Lines get consecutive sequence numbers in arrival order; eviction drops the oldest
 *   (lowest) ones when the ring's bytes or the line slots run out, and counts them.
 * - Time order: each line has an order time — its own time, raised to the previous order
 *   time of the same source when a source goes back in time — so each source's lines are
 *   sorted and keep their arrival order. `flush()` (a few times a second, and before every
 *   read) merges the lines that arrived since the last flush into `order` (all lines by
 *   order time, then sequence) and into every open view, which are sorted the same way.
 */

/**
 * The store as the logs feature uses it (the façade). Its layers, one file each, below it:
 * ring.ts (bytes, slots, eviction) ← ingest.ts (framing, decoding) ← filters.ts ←
 * timeOrder.ts (the merge, flush) ← views.ts (open, window, find, export).
 */
export class LogStore extends LineViews {
  /** Bytes the store holds in memory: the ring, the line slots, the time-ordered index and the views. */
  memoryBytes(): number {
    let views = 0;
    for (const v of this.views) views += v.list.byteLength;
    return this.ring.length + this.mCap * 24 + this.order.byteLength + views;
  }

  /** Resizes the ring; shrinking keeps the newest lines that fit. */
  setCapacity(bytes: number): void {
    const cap = LineRing.checkCapacity(bytes);
    this.flush();
    this.resizeRing(cap);
    this.flush();
  }

  /** Empties the store (sequence numbers go on from where they were). */
  clear(): void {
    this.clearRing();
    this.clearOrder();
  }
}
