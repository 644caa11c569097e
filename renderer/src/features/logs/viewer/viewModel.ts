import type { LogFilter, LogLine } from '../../../../../electron/contract';
import { ccm, CcmError, unwrap } from '../../../api/client';
import { PageCache } from '../pageCache';

/** Lines fetched from the end of the view while following (more than any screen shows). */
export const TAIL = 300;
/**
 * Lines the list scrolls through at once (6 million px at 20 px a row: browsers cap an
 * element's height near 33.5 million px in Chromium, 17.9 million in Firefox). A longer view
 * is shown through a window of this many lines that moves when the list nears its edges.
 */
export const WINDOW_ROWS = 300_000;

export interface ViewSnapshot {
  readonly viewId: string | null;
  /** Lines in the view (as far as the viewer has them). */
  readonly total: number;
  /** The index of the first line the list holds (a view longer than WINDOW_ROWS is windowed). */
  readonly base: number;
  readonly following: boolean;
  /** Paused: lines that arrived since. */
  readonly newLines: number;
  /** Bumps when lines arrived in the cache (rows re-read it). */
  readonly version: number;
  /** Bumps when the filter changed (another view: selection and cursor reset). */
  readonly epoch: number;
  /** A jump the list should make (next error, a bookmark …): bumps `nonce`. */
  readonly scrollTo: { readonly index: number; readonly nonce: number } | null;
  readonly error: string | null;
  readonly opening: boolean;
}

/**
 * One viewer's window onto a view in main, outside React: opens and replaces the view when
 * the filter changes, takes logs.appended (its view's total), fetches the tail while following,
 * pages lines in through a PageCache. Every change is published at most once per animation
 * frame (useSyncExternalStore), so a flood of events costs one render a frame.
 */
export class LogViewModel {
  readonly cache: PageCache;
  private viewId: string | null = null;
  private total = 0;
  private base = 0;
  private latestTotal = 0;
  private following = true;
  private pausedTotal = 0;
  /** The view's running arrival count (logs.appended), now and when the viewer paused. */
  private latestArrived = 0;
  private pausedArrived = 0;
  private version = 0;
  private epoch = 0;
  private scrollTo: ViewSnapshot['scrollTo'] = null;
  private error: string | null = null;
  private opening = false;
  private snapshot: ViewSnapshot;
  private listeners = new Set<() => void>();
  private frame: number | null = null;
  private filterSeq = 0;
  private tailBusy = false;
  private tailAgain = false;
  private lastDropped = 0;
  /** Where the last followed tail starts: while following, those lines come from the tail only. */
  private tailStart = Number.POSITIVE_INFINITY;
  private closed = false;
  private filter: LogFilter | null = null;
  private reopening = false;
  private offAppended: (() => void) | null = null;

  constructor() {
    this.cache = new PageCache(
      async (offset, count) => {
        const viewId = this.viewId;
        if (!viewId) throw new Error('The view is not open yet.');
        try {
          return await unwrap(ccm.logs.window({ viewId, offset, count }));
        } catch (err) {
          if (err instanceof CcmError && err.code === 'NOT_FOUND') this.reopen();
          throw err;
        }
      },
      () => {
        this.version++;
        this.notify();
      },
      undefined,
      (total) => {
        // paused: rows past the end of main's view (its oldest lines were dropped) would stay empty
        if (!this.following && total < this.total) this.total = total;
      },
    );
    this.snapshot = this.makeSnapshot();
  }

  // ---- React binding -----------------------------------------------------------------------
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = (): ViewSnapshot => this.snapshot;

  private clampBase(): void {
    const max = Math.max(0, this.total - WINDOW_ROWS);
    this.base = this.following ? max : Math.max(0, Math.min(this.base, max));
  }

  private makeSnapshot(): ViewSnapshot {
    this.clampBase();
    return {
      viewId: this.viewId,
      total: this.total,
      base: this.base,
      following: this.following,
      // arrivals, not total: once main's store is full the total stands still while lines keep coming
      newLines: this.following
        ? 0
        : Math.max(0, this.latestArrived - this.pausedArrived, this.latestTotal - this.pausedTotal),
      version: this.version,
      epoch: this.epoch,
      scrollTo: this.scrollTo,
      error: this.error ?? this.cache.error,
      opening: this.opening,
    };
  }

  private notify(): void {
    if (this.frame !== null || this.closed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      this.snapshot = this.makeSnapshot();
      for (const l of this.listeners) l();
    });
  }

  // ---- lifecycle ---------------------------------------------------------------------------
  /** Opens the view (or replaces its filter). The first call also starts listening to logs.appended. */
  async setFilter(filter: LogFilter): Promise<void> {
    if (this.closed) return;
    this.filter = filter;
    this.offAppended ??= ccm.on('logs.appended', (items) => this.onAppended(items));
    const seq = ++this.filterSeq;
    this.opening = true;
    this.notify();
    const env = await ccm.logs.openView({ ...(this.viewId ? { viewId: this.viewId } : {}), filter });
    if (seq !== this.filterSeq || this.closed) {
      if (this.closed && env.ok) void ccm.logs.closeView({ viewId: env.value.viewId });
      return;
    }
    this.opening = false;
    if (!env.ok) {
      this.error = env.error.message;
      this.notify();
      return;
    }
    this.error = null;
    this.viewId = env.value.viewId;
    this.cache.clear();
    this.tailStart = Number.POSITIVE_INFINITY;
    this.epoch++;
    this.total = this.latestTotal = env.value.total;
    this.pausedTotal = this.total;
    this.latestArrived = this.pausedArrived = 0;
    this.scrollTo = null;
    this.notify();
    if (this.following) this.fetchTail();
  }

  /** Main forgot the view (it keeps a limited number): open it again with the same filter. */
  reopen(): void {
    if (this.reopening || !this.filter) return;
    this.reopening = true;
    void this.setFilter(this.filter).finally(() => (this.reopening = false));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.offAppended?.();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.viewId) void ccm.logs.closeView({ viewId: this.viewId });
  }

  private onAppended(items: { dropped: number; views: { viewId: string; total: number; arrived?: number }[] }[]): void {
    if (!this.viewId) return;
    let total: number | null = null;
    for (const item of items) {
      for (const v of item.views) {
        if (v.viewId !== this.viewId) continue;
        total = v.total;
        if (v.arrived !== undefined) this.latestArrived = v.arrived;
      }
      // main dropped its oldest lines: indices in the view moved, cached pages are stale
      if (item.dropped > 0 && item.dropped !== this.lastDropped) this.cache.invalidate();
      this.lastDropped = item.dropped;
    }
    if (total === null) return;
    this.latestTotal = total;
    if (this.following) this.fetchTail();
    else {
      this.total = total;
      this.notify();
    }
  }

  /** The last TAIL lines, put into the cache before the total grows: no empty rows flash at the bottom. */
  private fetchTail(): void {
    if (this.tailBusy) {
      this.tailAgain = true;
      return;
    }
    const viewId = this.viewId;
    if (!viewId) return;
    this.tailBusy = true;
    const offset = Math.max(0, this.latestTotal - TAIL);
    void ccm.logs
      .window({ viewId, offset, count: TAIL })
      .then((env) => {
        if (viewId !== this.viewId || this.closed) return;
        if (!env.ok) {
          if (env.error.code === 'NOT_FOUND') this.reopen();
          else this.error = env.error.message;
          return;
        }
        this.error = null;
        const { lines } = env.value;
        this.cache.put(env.value.offset, lines);
        this.tailStart = env.value.offset;
        const end = env.value.offset + lines.length;
        this.latestTotal = Math.max(this.latestTotal, env.value.total);
        if (this.following) this.total = lines.length ? end : env.value.total;
        this.version++;
      })
      .finally(() => {
        this.tailBusy = false;
        this.notify();
        if (this.tailAgain && this.following) {
          this.tailAgain = false;
          this.fetchTail();
        }
      });
  }

  // ---- follow ------------------------------------------------------------------------------
  setFollowing(following: boolean): void {
    if (this.following === following) return;
    this.following = following;
    if (following) {
      this.tailAgain = false;
      this.fetchTail();
    } else {
      this.pausedTotal = this.total;
      this.pausedArrived = this.latestArrived;
      this.base = Math.max(0, this.total - WINDOW_ROWS);
    }
    this.notify();
  }

  isFollowing(): boolean {
    return this.following;
  }

  /** The user scrolled: away from the bottom pauses, back to it (the end of the view, not of a window) resumes. */
  userScrolled(atListBottom: boolean): void {
    const atEnd = atListBottom && this.base + WINDOW_ROWS >= this.total;
    if (this.following !== atEnd) this.setFollowing(atEnd);
  }

  /** Moves the list's window by `delta` lines (the list keeps the same lines on screen); returns the move made. */
  shiftBase(delta: number): number {
    const before = this.base;
    this.base = Math.max(0, Math.min(this.base + delta, Math.max(0, this.total - WINDOW_ROWS)));
    if (this.base !== before) this.notify();
    return this.base - before;
  }

  /** Fetches what the list shows (the followed tail refreshes itself: a page fetched meanwhile could be shorter). */
  ensure(first: number, last: number): void {
    // following shows the tail: keep its pages (the list may render one frame at the old place)
    if (this.following && this.tailStart < this.total)
      this.cache.ensure(this.tailStart, this.total - 1, this.total, this.tailStart - 1);
    else if (last >= first) this.cache.ensure(first, last, this.total);
  }

  getBase(): number {
    return this.base;
  }

  // ---- navigation --------------------------------------------------------------------------
  /** Shows a line: pauses following and asks the list to bring it into view. */
  reveal(index: number): void {
    if (this.total === 0) return;
    this.setFollowing(false);
    index = Math.max(0, Math.min(index, this.total - 1));
    if (index < this.base || index >= this.base + WINDOW_ROWS) this.base = index - WINDOW_ROWS / 2;
    this.clampBase();
    this.scrollTo = { index, nonce: (this.scrollTo?.nonce ?? 0) + 1 };
    this.notify();
  }

  getViewId(): string | null {
    return this.viewId;
  }

  getTotal(): number {
    return this.total;
  }

  getEpoch(): number {
    return this.epoch;
  }

  /** Line `index` (from the cache, else from main). */
  async lineAt(index: number): Promise<LogLine | undefined> {
    const cached = this.cache.get(index);
    if (cached) return cached;
    if (!this.viewId) return undefined;
    const env = await ccm.logs.window({ viewId: this.viewId, offset: index, count: 1 });
    return env.ok ? env.value.lines[0] : undefined;
  }

  /** Sequence numbers of lines [offset, offset+count). */
  async seqsFrom(offset: number, count: number): Promise<number[]> {
    if (!this.viewId) return [];
    const env = await ccm.logs.window({ viewId: this.viewId, offset, count: Math.min(count, 2000) });
    return env.ok ? env.value.lines.map((l) => l.seq) : [];
  }
}
