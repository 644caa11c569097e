import type { LogLine } from '../../../../electron/contract';

/** Lines per page fetched with logs.window. */
export const PAGE = 500;
/** Pages kept on either side of the visible ones; farther pages are dropped. */
const KEEP = 3;
/** Page requests in flight at once (a fast scrollbar drag asks only for where it is now). */
const MAX_INFLIGHT = 3;
const RETRY_MS = 1000;

export interface WindowAnswer {
  readonly total: number;
  readonly offset: number;
  readonly lines: readonly LogLine[];
}
export type FetchWindow = (offset: number, count: number) => Promise<WindowAnswer>;

interface Page {
  readonly lines: (LogLine | undefined)[];
  /** The staleness generation the page was fetched in. */
  gen: number;
}

/**
 * The viewer's few screens of one view's lines, in pages of PAGE lines, fetched on demand
 * (`ensure`) and dropped when far from what is visible. `invalidate` marks every page stale
 * (main dropped old lines, so indices moved): stale lines still show until fresh ones come.
 * `clear` forgets everything (another filter). `onChange` fires when lines arrived.
 */
export class PageCache {
  private pages = new Map<number, Page>();
  private inflight = new Map<number, number>();
  private failedAt = new Map<number, number>();
  private gen = 0;
  private epoch = 0;
  /** The last failure, for the viewer to show; null after a success. */
  error: string | null = null;

  constructor(
    private readonly fetchWindow: FetchWindow,
    private readonly onChange: () => void,
    private readonly now: () => number = () => Date.now(),
    /** Each answer's view total (main's view may have shrunk: its oldest lines were dropped). */
    private readonly onTotal: (total: number) => void = () => {},
  ) {}

  get(index: number): LogLine | undefined {
    return this.pages.get(Math.floor(index / PAGE))?.lines[index % PAGE];
  }

  /** Cached lines [from, to) that are present, in order (for copying a selection without asking main). */
  slice(from: number, to: number): (LogLine | undefined)[] {
    const out: (LogLine | undefined)[] = [];
    for (let i = from; i < to; i++) out.push(this.get(i));
    return out;
  }

  get pageCount(): number {
    return this.pages.size;
  }

  clear(): void {
    this.epoch++;
    this.pages.clear();
    this.inflight.clear();
    this.failedAt.clear();
    this.error = null;
  }

  invalidate(): void {
    this.gen++;
  }

  /** Stores lines fetched elsewhere (the followed tail) at `offset`. */
  put(offset: number, lines: readonly LogLine[]): void {
    for (let k = 0; k < lines.length; k++) {
      const index = offset + k;
      const p = Math.floor(index / PAGE);
      let page = this.pages.get(p);
      if (!page) this.pages.set(p, (page = { lines: new Array<LogLine | undefined>(PAGE), gen: this.gen }));
      page.lines[index % PAGE] = lines[k];
    }
  }

  /**
   * Makes sure lines [first, last] of a view of `total` lines are (being) fetched — up to
   * `fetchLast` (lines after it come from elsewhere: the followed tail) — and drops pages far
   * from them. Returns the number of requests started.
   */
  ensure(first: number, last: number, total: number, fetchLast = last): number {
    if (total <= 0) {
      if (this.pages.size) this.pages.clear();
      return 0;
    }
    last = Math.min(last, total - 1);
    first = Math.max(0, Math.min(first, last));
    const p0 = Math.floor(first / PAGE);
    const p1 = Math.floor(last / PAGE);
    for (const p of [...this.pages.keys()]) if (p < p0 - KEEP || p > p1 + KEEP) this.pages.delete(p);
    let started = 0;
    const p1fetch = Math.min(p1, Math.floor(Math.min(fetchLast, last) / PAGE));
    for (let p = p0; p <= p1fetch; p++) {
      if (this.inflight.size >= MAX_INFLIGHT) break;
      if (this.inflight.get(p) === this.gen) continue;
      const failed = this.failedAt.get(p);
      if (failed !== undefined && this.now() - failed < RETRY_MS) continue;
      const to = Math.min(last, fetchLast, (p + 1) * PAGE - 1);
      if (to < first || !this.needs(p, Math.max(first, p * PAGE), to)) continue;
      this.request(p);
      started++;
    }
    return started;
  }

  private needs(p: number, from: number, to: number): boolean {
    const page = this.pages.get(p);
    if (!page) return true;
    if (page.gen !== this.gen) return true;
    for (let i = from; i <= to; i++) if (page.lines[i % PAGE] === undefined) return true;
    return false;
  }

  private request(p: number): void {
    const { epoch, gen } = this;
    this.inflight.set(p, gen);
    this.fetchWindow(p * PAGE, PAGE).then(
      (answer) => {
        if (epoch !== this.epoch) return;
        if (this.inflight.get(p) === gen) this.inflight.delete(p);
        this.failedAt.delete(p);
        this.error = null;
        const page = { lines: new Array<LogLine | undefined>(PAGE), gen };
        // keep newer tail lines already put into this page beyond what the answer covers
        const old = this.pages.get(p);
        const start = answer.offset - p * PAGE;
        if (old && old.gen === this.gen)
          for (let k = start + answer.lines.length; k < PAGE; k++) page.lines[k] = old.lines[k];
        for (let k = 0; k < answer.lines.length; k++)
          if (start + k >= 0 && start + k < PAGE) page.lines[start + k] = answer.lines[k];
        this.pages.set(p, page);
        this.onTotal(answer.total);
        this.onChange();
      },
      (err: unknown) => {
        if (epoch !== this.epoch) return;
        if (this.inflight.get(p) === gen) this.inflight.delete(p);
        this.failedAt.set(p, this.now());
        this.error = err instanceof Error ? err.message : String(err);
        this.onChange();
        setTimeout(() => epoch === this.epoch && this.onChange(), RETRY_MS); // ask again then
      },
    );
  }
}
