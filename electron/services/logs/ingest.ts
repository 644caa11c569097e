import { isUtf8 } from 'node:buffer';
import type { LogLine, Severity } from '../../contract';
import {
  newHeadResult,
  parseHead,
  plainSeverity,
  SEV_NONE,
  SEVERITY_NAMES,
  splitText,
  utf8CutLength,
} from '../../domain/logs/lineParser';
import { F_BAD_UTF8, F_CONT, F_CUT, F_HAS_CONT, F_OUT_OF_ORDER, F_STRUCTURED, LineRing } from './ring';

/**
 * A plain line received within this many ms of its source's last structured line takes that line's time (continuation
 * lines).
 */
export const INHERIT_MS = 2000;

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
  /** The entry the source's last structured line started: its sequence number and severity. */
  entrySeq: number;
  entrySev: number;
}

/**
 * Ingest: the framing of each source's byte stream into lines (partial lines across chunks,
 * CR LF, over-long lines cut, invalid UTF-8 marked), each line's order time and severity,
 * and decoding a stored line into the contract's LogLine.
 */
export class LineIngest extends LineRing {
  protected readonly sources: SourceIngest[] = [];
  protected readonly sourceIndexById = new Map<string, number>();
  protected readonly head = newHeadResult();

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
        entrySeq: -1,
        entrySev: SEV_NONE,
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
  protected scan(src: number, st: SourceIngest, chunk: Buffer, from: number, to: number, recv: number): void {
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
  protected storeCut(src: number, st: SourceIngest, buf: Buffer, pos: number, recv: number): void {
    const cut = utf8CutLength(buf, pos, this.maxLine);
    st.cutLines++;
    this.record(src, st, buf, pos, cut, recv, F_CUT | (isUtf8(buf.subarray(pos, pos + cut)) ? 0 : F_BAD_UTF8), 0);
    this.copyRun(buf, pos, pos + cut);
  }

  protected addPartial(src: number, st: SourceIngest, chunk: Buffer, a: number, b: number, recv: number): void {
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

  protected commitPartial(src: number, st: SourceIngest, recv: number): void {
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
  protected record(
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
    let entry = this.nextSeq;
    if (parseHead(buf, start, start + len, h)) {
      flags |= F_STRUCTURED;
      sev = h.sev;
      // Earlier than the source's previous line: kept in place (its order time raised) and marked.
      if (h.time < st.lastKey) flags |= F_OUT_OF_ORDER;
      key = h.time > st.lastKey ? h.time : st.lastKey;
      st.lastStructuredRecv = recv;
      st.entrySeq = entry;
      st.entrySev = sev;
    } else if (recv - st.lastStructuredRecv <= INHERIT_MS && st.entrySeq >= this.headSeq && st.entrySeq >= 0) {
      // A continuation line of the entry the source's last structured line started (still live).
      flags |= F_CONT;
      sev = st.entrySev;
      key = st.lastKey;
      entry = st.entrySeq;
      const headSlot = this.slotOf(entry >>> 0);
      if (headSlot >= 0) this.flags[headSlot]! |= F_HAS_CONT;
      this.anyCont = true;
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
    this.ents[slot] = entry >>> 0;
    this.count++;
    this.nextSeq++;
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
      // A continuation line is filtered by its entry's severity but shows none of its own.
      severity: sev === SEV_NONE || (flags & F_CONT) !== 0 ? null : (SEVERITY_NAMES[sev] as Severity),
      level,
      sourceId: src.id,
      component,
      thread,
      message,
      text,
      cut: (flags & F_CUT) !== 0,
      continuation: (flags & F_CONT) !== 0,
      outOfOrder: (flags & F_OUT_OF_ORDER) !== 0,
    };
  }
}
