import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { makeStyles, mergeClasses, Spinner, tokens } from '@fluentui/react-components';
import {
  ArrowSortDown16Regular,
  ArrowSortUp16Regular,
  LockClosed16Regular,
  ArrowSync16Regular,
} from '@fluentui/react-icons';
import type { UserRow, UserSort } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { useObjectGridColumns } from '../../ui/kit';
import { useDateFormat } from '../../ui/useDateFormat';
import { clickRow, isSelected, selectAll, type Selection } from './selection';
import { fetchGridPage, PAGE_SIZE, usersKeys, type GridQuery } from './usersData';

export const ROW_HEIGHT = 30;
/** While the list moves, the visible rows' pages are fetched at most this often. */
const FETCH_EVERY_MS = 150;

// The minimum widths leave room for a column another feature adds (Genesys Status) at 1366 px.
const COLUMNS: ReadonlyArray<{ id: UserSort | 'synchronized'; label: string; width: string; sortable: boolean }> = [
  { id: 'logonId', label: 'Logon ID', width: 'minmax(110px, 1.2fr)', sortable: true },
  { id: 'firstName', label: 'First name', width: 'minmax(80px, 1fr)', sortable: true },
  { id: 'lastName', label: 'Last name', width: 'minmax(80px, 1fr)', sortable: true },
  { id: 'directoryNumber', label: 'Directory Number', width: '120px', sortable: true },
  { id: 'agentGroup', label: 'Agent group', width: 'minmax(90px, 1fr)', sortable: true },
  { id: 'userType', label: 'User type', width: 'minmax(90px, 1fr)', sortable: true },
  { id: 'externalLogonId', label: 'External Logon ID', width: 'minmax(100px, 1.4fr)', sortable: true },
  { id: 'locked', label: 'Locked', width: '70px', sortable: true },
  { id: 'synchronized', label: 'Synchronized', width: '100px', sortable: false },
  { id: 'lastLogonAt', label: 'Last logon', width: '175px', sortable: true },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: 0,
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  header: {
    display: 'grid',
    backgroundColor: tokens.colorNeutralBackground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    // inside the scroller, so its columns line up with the rows whatever the scroll bar's width
    position: 'sticky',
    top: 0,
    zIndex: 1,
  },
  headCell: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: 'none',
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    textAlign: 'left',
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  },
  sortable: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover } },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'scroll',
    overflowX: 'hidden',
    position: 'relative',
    outlineStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  row: {
    position: 'absolute',
    left: 0,
    right: 0,
    display: 'grid',
    alignItems: 'center',
    height: `${ROW_HEIGHT}px`,
    fontSize: tokens.fontSizeBase300,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    cursor: 'default',
    userSelect: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
  },
  focused: { boxShadow: `inset 0 0 0 1px ${tokens.colorStrokeFocus2}` },
  deleted: { color: tokens.colorNeutralForegroundDisabled, textDecorationLine: 'line-through' },
  cell: {
    padding: `0 ${tokens.spacingHorizontalS}`,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  mono: { fontVariantNumeric: 'tabular-nums' },
  icon: { verticalAlign: 'text-bottom', marginRight: tokens.spacingHorizontalXXS },
  loading: { color: tokens.colorNeutralForeground4 },
  empty: { padding: tokens.spacingVerticalXXL, textAlign: 'center', color: tokens.colorNeutralForeground3 },
});

export interface UsersGridProps {
  query: GridQuery;
  selection: Selection;
  onSelection(s: Selection): void;
  onSort(sort: UserSort): void;
  onOpen(row: UserRow): void;
  onDeleteKey(): void;
  onTotal(total: number | null): void;
  emptyText: string;
}

/**
 * The users grid: every matching user is a row of a fixed height in one scrolled list
 * (TanStack Virtual renders only what is on screen); rows come from main in pages of
 * PAGE_SIZE, sorted and filtered there, fetched for what is visible.
 */
export function UsersGrid(props: UsersGridProps) {
  const styles = useStyles();
  const { query, selection, onSelection } = props;
  const queryClient = useQueryClient();
  const scroller = useRef<HTMLDivElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  // Columns other features add (Genesys Status), after the users' own.
  const extra = useObjectGridColumns('user');
  const template = [TEMPLATE, ...extra.map((x) => x.column.width)].join(' ');
  // The same array while every column's cells are the same function, so the memoized rows redraw
  // only when a column's data changed.
  const cells = extra.map((x) => x.cell);
  const [extraCells, setExtraCells] = useState(cells);
  if (cells.length !== extraCells.length || cells.some((c, i) => c !== extraCells[i])) setExtraCells(cells);

  const first = useQuery({
    queryKey: usersKeys.page(query, 0),
    queryFn: () => fetchGridPage(query, 0),
    placeholderData: keepPreviousData,
  });
  const total = first.data?.total ?? 0;
  const { onTotal } = props;
  // null while the rows shown are still the previous query's (the count would be theirs)
  useEffect(
    () => onTotal(first.data && !first.isPlaceholderData ? first.data.total : null),
    [first.data, first.isPlaceholderData, onTotal],
  );

  // No React Compiler here: the grid re-renders on the virtualizer's own onChange.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const queryId = JSON.stringify(query);
  useEffect(() => {
    virtualizer.scrollToOffset(0);
    setFocusIndex(null);
  }, [queryId, virtualizer]);

  const items = virtualizer.getVirtualItems();
  // Pages are asked for at most every FETCH_EVERY_MS while the list moves (the range it shows
  // then), and once more for where it stops: dragging the scroll bar through 100,000 rows would otherwise queue a
  // request for every page it passes (main answers them one after the other, the last one wanted last).
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  const [settled, setSettled] = useState<[number, number]>([0, 0]);
  const lastFetch = useRef(0);
  useEffect(() => {
    const elapsed = performance.now() - lastFetch.current;
    const t = setTimeout(
      () => {
        lastFetch.current = performance.now();
        setSettled([firstIndex, lastIndex]);
      },
      elapsed >= FETCH_EVERY_MS ? 0 : FETCH_EVERY_MS - elapsed,
    );
    return () => clearTimeout(t);
  }, [firstIndex, lastIndex]);
  const pages = useMemo(() => {
    const out: number[] = [];
    for (let p = Math.floor(settled[0] / PAGE_SIZE); p <= Math.floor(settled[1] / PAGE_SIZE); p++)
      if (p !== 0) out.push(p);
    return out;
  }, [settled]);
  const pageResults = useQueries({
    queries: pages.map((p) => ({
      queryKey: usersKeys.page(query, p),
      queryFn: () => fetchGridPage(query, p),
      staleTime: 10_000,
    })),
  });
  void pageResults; // (subscribes: a page arriving redraws the rows)
  // Any page already fetched shows at once, settled or not.
  const rowAt = (index: number): UserRow | undefined => {
    const p = Math.floor(index / PAGE_SIZE);
    const rows =
      p === 0 ? first.data?.rows : queryClient.getQueryData<{ rows: UserRow[] }>(usersKeys.page(query, p))?.rows;
    return rows?.[index % PAGE_SIZE];
  };

  /** IDs of rows from..to: from the cache when loaded, else one request for the range. */
  const rangeIds = useCallback(
    (from: number, to: number): number[] | null => {
      const out: number[] = [];
      for (let i = from; i <= to; i++) {
        const rows = queryClient.getQueryData<{ rows: UserRow[] }>(
          usersKeys.page(query, Math.floor(i / PAGE_SIZE)),
        )?.rows;
        const r = rows?.[i % PAGE_SIZE];
        if (!r) return null;
        out.push(r.id);
      }
      return out;
    },
    [queryClient, query],
  );

  const clickNow = async (e: MouseEvent, index: number, row: UserRow) => {
    const mods = { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey };
    setFocusIndex(index);
    scroller.current?.focus({ preventScroll: true });
    let ids: number[] | null = null;
    if (mods.shift && selection.anchor !== null) {
      const lo = Math.min(selection.anchor, index);
      const hi = Math.max(selection.anchor, index);
      // the range may span rows not loaded: then ask main for that slice of the order once
      ids = rangeIds(lo, hi);
      if (!ids) {
        const env = await ccm.users.page({ ...query, offset: lo, limit: hi - lo + 1, withTotal: false });
        ids = env.ok ? env.value.rows.map((r) => r.id) : null; // not reachable: select the row alone
      }
    }
    const next = clickRow(selection, index, row.id, mods, () => ids);
    onSelection(next);
  };

  // One handler for every row (a new function per render would redraw every row: memo).
  const clickRef = useRef(clickNow);
  clickRef.current = clickNow;
  const click = useCallback((e: MouseEvent, index: number, row: UserRow) => void clickRef.current(e, index, row), []);
  const formatRaw = useDateFormat();
  // toLocaleString is the costliest thing a row does; scrolling back shows the same times again
  const formatDate = useMemo(() => {
    const cache = new Map<string, string>();
    return (iso: string) => {
      let v = cache.get(iso);
      if (v === undefined) {
        if (cache.size > 5000) cache.clear();
        v = formatRaw(iso);
        cache.set(iso, v);
      }
      return v;
    };
  }, [formatRaw]);

  const move = (delta: number, shift: boolean) => {
    if (total === 0) return;
    const from = focusIndex ?? -1;
    const to = Math.max(0, Math.min(total - 1, from + delta));
    setFocusIndex(to);
    virtualizer.scrollToIndex(to, { align: 'auto' });
    const row = rowAt(to);
    if (row)
      onSelection(
        clickRow(selection, to, row.id, { ctrl: false, shift: shift && selection.anchor !== null }, rangeIds),
      );
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (ctrl && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      onSelection(selectAll());
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(1, e.shiftKey);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(-1, e.shiftKey);
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1);
      move(e.key === 'PageDown' ? page : -page, e.shiftKey);
    } else if (e.key === 'Home' && ctrl) {
      e.preventDefault();
      move(-total, false);
    } else if (e.key === 'End' && ctrl) {
      e.preventDefault();
      move(total, false);
    } else if (e.key === 'Enter' && focusIndex !== null) {
      const row = rowAt(focusIndex);
      if (row) props.onOpen(row);
    } else if (e.key === 'Delete') {
      props.onDeleteKey();
    } else if (e.key === 'Escape') {
      onSelection({ kind: 'ids', ids: new Set(), anchor: null });
    }
  };

  return (
    <div
      className={styles.root}
      role="grid"
      aria-rowcount={total + 1}
      aria-multiselectable="true"
      aria-label="Users"
      data-testid="users-grid"
    >
      <div ref={scroller} className={styles.scroller} tabIndex={0} onKeyDown={onKeyDown} data-testid="users-scroller">
        <div className={styles.header} style={{ gridTemplateColumns: template }} role="row">
          {COLUMNS.map((c) => {
            const sorted = query.sort === c.id;
            return c.sortable ? (
              <button
                key={c.id}
                type="button"
                role="columnheader"
                aria-sort={sorted ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={mergeClasses(styles.headCell, styles.sortable)}
                data-testid={`users-sort-${c.id}`}
                onClick={() => props.onSort(c.id as UserSort)}
              >
                {c.label}
                {sorted && (query.direction === 'asc' ? <ArrowSortUp16Regular /> : <ArrowSortDown16Regular />)}
              </button>
            ) : (
              <span key={c.id} role="columnheader" className={styles.headCell}>
                {c.label}
              </span>
            );
          })}
          {extra.map((x) => (
            <span
              key={x.column.id}
              role="columnheader"
              className={styles.headCell}
              data-testid={`users-column-${x.column.id}`}
            >
              {x.column.label}
            </span>
          ))}
        </div>
        {first.isPending && (
          <div className={styles.empty}>
            <Spinner size="small" label="Loading users…" />
          </div>
        )}
        {first.error && <div className={styles.empty}>Could not load the users: {first.error.message}</div>}
        {first.data && total === 0 && (
          <div className={styles.empty} data-testid="users-empty">
            {props.emptyText}
          </div>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((it) => {
            const row = rowAt(it.index);
            return (
              <GridRow
                key={it.key}
                index={it.index}
                top={it.start}
                row={row}
                selected={row ? isSelected(selection, row.id) : false}
                focused={focusIndex === it.index}
                onClick={click}
                onOpen={props.onOpen}
                formatDate={formatDate}
                template={template}
                extraCells={extraCells}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const GridRow = memo(function GridRow(props: {
  index: number;
  top: number;
  row: UserRow | undefined;
  selected: boolean;
  focused: boolean;
  onClick(e: MouseEvent, index: number, row: UserRow): void;
  onOpen(row: UserRow): void;
  formatDate(iso: string): string;
  template: string;
  extraCells: readonly ((objectId: number) => ReactNode)[];
}) {
  const styles = useStyles();
  const { row, formatDate } = props;
  const style = { transform: `translateY(${props.top}px)`, gridTemplateColumns: props.template };
  if (!row) {
    return (
      <div
        className={mergeClasses(styles.row, styles.loading)}
        style={style}
        role="row"
        aria-rowindex={props.index + 2}
      >
        <span className={styles.cell}>…</span>
      </div>
    );
  }
  return (
    <div
      className={mergeClasses(
        styles.row,
        props.selected && styles.selected,
        props.focused && styles.focused,
        row.deleted && styles.deleted,
      )}
      style={style}
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={props.selected}
      data-testid="users-row"
      data-logon={row.logonId}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault(); // no text selection on Shift+click
      }}
      onClick={(e) => props.onClick(e, props.index, row)}
      onDoubleClick={() => props.onOpen(row)}
    >
      <span className={styles.cell} role="gridcell" title={row.logonId}>
        {row.logonId}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.firstName}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.lastName}
      </span>
      <span className={mergeClasses(styles.cell, styles.mono)} role="gridcell">
        {row.directoryNumber ?? ''}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.agentGroup}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.userType}
      </span>
      <span className={styles.cell} role="gridcell" title={row.externalLogonId ?? undefined}>
        {row.externalLogonId ?? ''}
      </span>
      <span
        className={styles.cell}
        role="gridcell"
        title={
          row.locked ? `Locked (${row.lockReason === 'manual' ? 'manually' : 'failed logon attempts'})` : undefined
        }
      >
        {row.locked && (
          <>
            <LockClosed16Regular className={styles.icon} />
            Yes
          </>
        )}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.synchronized && (
          <>
            <ArrowSync16Regular className={styles.icon} />
            Yes
          </>
        )}
      </span>
      <span className={styles.cell} role="gridcell">
        {row.lastLogonAt ? formatDate(row.lastLogonAt) : row.deleted ? 'deleted' : 'never'}
      </span>
      {props.extraCells.map((cell, i) => (
        <span key={i} className={styles.cell} role="gridcell">
          {cell(row.id)}
        </span>
      ))}
    </div>
  );
});
