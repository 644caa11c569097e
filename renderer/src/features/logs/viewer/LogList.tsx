import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { makeStyles, tokens } from '@fluentui/react-components';
import { WINDOW_ROWS, type LogViewModel, type ViewSnapshot } from './viewModel';
import { LogRow, ROW } from './LogRow';
import { PAGE } from '../pageCache';

const OVERSCAN = 12;
/** Nearer than this to an edge of the list's window (px), the window moves by SHIFT lines. */
const EDGE = 200 * ROW;
const SHIFT = WINDOW_ROWS / 2;

const useStyles = makeStyles({
  scroller: {
    position: 'relative',
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    overflowX: 'hidden',
    outlineStyle: 'none',
    overflowAnchor: 'none',
    ':focus-visible': { boxShadow: `inset 0 0 0 1px ${tokens.colorBrandStroke1}` },
  },
  sizer: { position: 'relative', width: '100%' },
  empty: { padding: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground3, position: 'absolute' },
});

export interface LogListProps {
  readonly model: LogViewModel;
  readonly snap: ViewSnapshot;
  readonly sources: ReadonlyMap<string, { name: string; colour: string }>;
  readonly formatTime: (ms: number) => string;
  readonly highlight: RegExp | null;
  readonly selection: { readonly lo: number; readonly hi: number } | null;
  readonly cursor: number | null;
  readonly bookmarks: ReadonlySet<number>;
  readonly emptyText: string;
  /** A new filter is on its way (aria-busy). */
  readonly busy: boolean;
  readonly onRowClick: (index: number, e: MouseEvent) => void;
  readonly onGutterClick: (index: number) => void;
  readonly onKeyDown: (
    e: KeyboardEvent<HTMLDivElement>,
    visible: { first: number; last: number; rows: number },
  ) => void;
  /** Called with the first and last fully visible index after each render. */
  readonly onVisible?: (first: number, last: number) => void;
}

/**
 * The viewer's virtualized lines: TanStack Virtual over the view (or a window of WINDOW_ROWS
 * lines of a longer one, from `snap.base`), rows at a fixed height, lines read from the
 * model's page cache (pages fetched for what is on screen). Following keeps the list at the
 * bottom; scrolling away pauses it, back to the bottom resumes.
 */
export function LogList(p: LogListProps) {
  const styles = useStyles();
  const { model, snap } = p;
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState(600);
  const expected = useRef<number | null>(null);
  const total = snap.total;
  const base = snap.base;
  const lastBase = useRef(base);
  const count = Math.max(0, Math.min(total - base, WINDOW_ROWS));
  const domHeight = count * ROW;

  // user scrolls: away from the bottom pauses following, back to the bottom resumes it. Attached
  // before the virtualizer's own listener, so its re-render on the same scroll already knows.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      const top = el.scrollTop;
      if (expected.current !== null && Math.abs(top - expected.current) <= 1) {
        expected.current = null;
        return;
      }
      expected.current = null;
      const atBottom = top + el.clientHeight >= el.scrollHeight - ROW / 2;
      model.userScrolled(atBottom);
      // a view longer than the window: near an edge, the window moves (the same lines stay on screen)
      if (!model.isFollowing()) {
        if (top < EDGE) model.shiftBase(-SHIFT);
        else if (top + el.clientHeight > el.scrollHeight - EDGE) model.shiftBase(SHIFT);
      }
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [model]);

  // No React Compiler here: the list re-renders on the virtualizer's own onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: 600 },
    // following: the last rows, whatever offset the last scroll event reported (the list grew
    // and is scrolled to its new bottom before that event comes)
    rangeExtractor: (range: Range) => {
      if (!model.isFollowing() || range.count === 0) return defaultRangeExtractor(range);
      const from = Math.max(0, range.count - Math.ceil(viewport / ROW) - OVERSCAN);
      return Array.from({ length: range.count - from }, (_, k) => from + k);
    },
  });
  const items = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;

  // Sets scrollTop and remembers it: the scroll event it causes is ours, not the user's.
  const scrollTopTo = (el: HTMLDivElement, top: number) => {
    const before = el.scrollTop;
    el.scrollTop = top;
    if (el.scrollTop !== before) expected.current = el.scrollTop;
  };

  // the viewport's height, and staying at the bottom when it changes while following
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      setViewport(el.clientHeight || 600);
      if (model.isFollowing()) scrollTopTo(el, el.scrollHeight);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [model]);

  // following: at the bottom after every growth
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && snap.following && model.isFollowing()) scrollTopTo(el, el.scrollHeight);
  }, [model, snap.following, total, domHeight]);

  // the window moved: scroll by as much the other way, so the same lines stay on screen
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const delta = base - lastBase.current;
    lastBase.current = base;
    if (el && delta !== 0 && !model.isFollowing()) scrollTopTo(el, el.scrollTop - delta * ROW);
  }, [model, base]);

  // a jump asked for (next error, match, bookmark): into view, centred when it was off screen
  const nonce = snap.scrollTo?.nonce;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const target = snap.scrollTo;
    if (!el || !target) return;
    const vh = el.clientHeight;
    const cur = el.scrollTop;
    const y = (target.index - base) * ROW;
    if (y >= cur && y + ROW <= cur + vh) return;
    scrollTopTo(el, Math.max(0, Math.min(domHeight - vh, y - (vh - ROW) / 2)));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new jump moves the list
  }, [nonce]);

  // fetch what is on screen (and a little around it), and while scrolling a page ahead
  const first = base + (items.length ? items[0]!.index : 0);
  const last = base + (items.length ? items[items.length - 1]!.index : -1);
  const direction = virtualizer.isScrolling ? virtualizer.scrollDirection : null;
  useEffect(() => {
    if (last < first) return;
    model.ensure(
      direction === 'backward' ? Math.max(0, first - PAGE) : first,
      direction === 'forward' ? last + PAGE : last,
    );
  }, [model, first, last, direction, total, snap.version, snap.epoch]);

  const visibleFirst = Math.min(total - 1, base + Math.ceil(offset / ROW));
  const visibleLast = Math.min(total - 1, base + Math.floor((offset + viewport) / ROW) - 1);
  const onVisible = p.onVisible;
  useEffect(() => {
    onVisible?.(visibleFirst, Math.max(visibleFirst, visibleLast));
  }, [onVisible, visibleFirst, visibleLast]);

  const onMouseDown = (e: MouseEvent) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!row) return;
    const index = Number(row.dataset.index);
    if ((e.target as HTMLElement).closest('[data-gutter]')) p.onGutterClick(index);
    else p.onRowClick(index, e);
  };

  const sel = p.selection;
  return (
    <div
      ref={scrollRef}
      className={styles.scroller}
      tabIndex={0}
      role="grid"
      aria-label="Log lines"
      aria-rowcount={total}
      aria-busy={p.busy}
      data-testid="logs-list"
      data-total={total}
      onMouseDown={onMouseDown}
      onKeyDown={(e) =>
        p.onKeyDown(e, { first: visibleFirst, last: visibleLast, rows: Math.max(1, Math.floor(viewport / ROW) - 1) })
      }
    >
      {total === 0 && <div className={styles.empty}>{p.emptyText}</div>}
      <div className={styles.sizer} style={{ height: domHeight }}>
        {items.map((item) => {
          const index = base + item.index;
          const line = model.cache.get(index);
          const src = line ? p.sources.get(line.sourceId) : undefined;
          return (
            <LogRow
              key={index}
              index={index}
              top={item.start}
              line={line}
              colour={src?.colour}
              sourceName={src?.name}
              time={line ? p.formatTime(line.time) : ''}
              highlight={p.highlight}
              selected={sel !== null && index >= sel.lo && index <= sel.hi}
              cursor={p.cursor === index}
              bookmarked={line ? p.bookmarks.has(line.seq) : false}
            />
          );
        })}
      </div>
    </div>
  );
}
