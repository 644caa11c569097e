import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import {
  Button,
  Field,
  Input,
  makeStyles,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  mergeClasses,
  Spinner,
  ToggleButton,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowDown16Regular,
  ArrowUp16Regular,
  Bookmark16Regular,
  BookmarkMultiple20Regular,
  ChevronDown16Regular,
  ChevronUp16Regular,
  Copy20Regular,
  Dismiss16Regular,
  ErrorCircle16Regular,
  Pause16Regular,
  Play16Regular,
  Search16Regular,
} from '@fluentui/react-icons';
import type { LogLine } from '../../../../../electron/contract';
import { ccm } from '../../../api/client';
import { usePrefs } from '../../../data/queries';
import { useTabs, type Tab } from '../../../shell/tabs/store';
import type { LogViewerTabParams } from '../openLogsTab';
import { fieldMessage } from '../../../ui/fieldMessage';
import { useDebounced } from '../../../ui/useDebounced';
import { useLogSources, useLogsLive } from '../data';
import { EMPTY_VIEWER_FILTER, isFiltered, regexError, toLogFilter, type ViewerFilterForm } from '../filterForm';
import { formatCount, logExportName, logTimeFormatter } from '../format';
import { compileHighlight } from '../highlight';
import { locateLine } from '../locate';
import { copyText, downloadText } from './clipboard';
import { FilterBar } from './FilterBar';
import { LogList } from './LogList';
import { LogViewModel } from './viewModel';

const useStyles = makeStyles({
  root: { position: 'absolute', inset: 0, display: 'flex', flexDirection: 'column', minHeight: 0 },
  toolbar: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
  group: { display: 'flex', alignItems: 'center', gap: '2px' },
  grow: { flexGrow: 1 },
  search: { width: '260px' },
  body: { display: 'flex', flexGrow: 1, minHeight: 0 },
  main: { position: 'relative', display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0, minHeight: 0 },
  header: {
    display: 'flex',
    height: '24px',
    lineHeight: '24px',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: '30px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    flexShrink: 0,
  },
  hTime: { width: 'var(--log-time-w)', flexShrink: 0 },
  hLevel: { width: '64px', flexShrink: 0, paddingLeft: '6px', boxSizing: 'border-box' },
  hComp: { width: '150px', flexShrink: 0 },
  hThread: { width: '64px', flexShrink: 0 },
  state: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: '6px',
    height: '24px',
    padding: '0 10px',
    borderRadius: tokens.borderRadiusCircular,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  following: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  paused: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorPaletteMarigoldForeground2 },
  dot: { width: '8px', height: '8px', borderRadius: '50%', backgroundColor: 'currentColor' },
  newLines: {
    position: 'absolute',
    bottom: '38px',
    left: '50%',
    transform: 'translateX(-50%)',
    zIndex: 2,
    boxShadow: tokens.shadow8,
    borderRadius: tokens.borderRadiusCircular,
  },
  status: {
    display: 'flex',
    gap: tokens.spacingHorizontalL,
    alignItems: 'center',
    height: '26px',
    padding: `0 ${tokens.spacingHorizontalM}`,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    flexShrink: 0,
  },
  dropped: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  notice: { color: tokens.colorNeutralForeground1 },
  errorText: { color: tokens.colorPaletteRedForeground1 },
  side: {
    width: '300px',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    borderLeft: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    minHeight: 0,
  },
  sideHead: {
    display: 'flex',
    alignItems: 'center',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightSemibold,
  },
  sideList: { overflowY: 'auto', flexGrow: 1, margin: 0, padding: 0, listStyleType: 'none' },
  mark: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalXS,
    padding:
      `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} ` +
      `${tokens.spacingHorizontalM}`,
    cursor: 'pointer',
    borderLeft: '3px solid transparent',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  markText: { display: 'flex', flexDirection: 'column', minWidth: 0, flexGrow: 1, fontSize: tokens.fontSizeBase200 },
  markTime: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3 },
  markMsg: {
    fontFamily: tokens.fontFamilyMonospace,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  sideEmpty: {
    padding: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
  },
});

interface Selection {
  readonly epoch: number;
  readonly anchor: number;
  readonly lo: number;
  readonly hi: number;
  readonly cursor: number;
}

interface Bookmark {
  readonly line: LogLine;
  /** Where it was last seen in this view (a hint for finding it again). */
  readonly index: number;
}

/** The approximate width (px) of the time column for a formatter: 12px monospace ≈ 7.25 px a character. */
const timeWidth = (format: (ms: number) => string) =>
  Math.ceil(format(Date.UTC(2026, 11, 31, 23, 59, 59, 999)).length * 7.25) + 12;

/**
 * A log viewer tab: one filtered view of main's store. Filters, follow / pause, search with
 * highlight, next / previous error and match, bookmarks, selection, copy and export.
 */
export function LogViewer({ tab }: { tab: Tab<LogViewerTabParams> }) {
  const styles = useStyles();
  useLogsLive();
  const [model] = useState(() => new LogViewModel());
  useEffect(() => () => model.close(), [model]);
  const snap = useSyncExternalStore(model.subscribe, model.getSnapshot);
  const active = useTabs((s) => s.activeKey === tab.key && s.pendingClose === null);

  const sourcesQuery = useLogSources();
  const sourceViews = useMemo(() => sourcesQuery.data?.sources ?? [], [sourcesQuery.data]);
  const sources = useMemo(
    () => new Map(sourceViews.map((v) => [v.spec.id, { name: v.spec.name, colour: v.colour }])),
    [sourceViews],
  );
  const stats = sourcesQuery.data?.stats;

  const dateFormat = usePrefs().data?.value.dateFormat ?? 'locale';
  const formatTime = useMemo(() => logTimeFormatter(dateFormat), [dateFormat]);
  const timeW = useMemo(() => timeWidth(formatTime), [formatTime]);

  // ---- filter ---------------------------------------------------------------------------------
  const [form, setForm] = useState<ViewerFilterForm>(() => ({
    ...EMPTY_VIEWER_FILTER,
    sourceIds: [...tab.params.sourceIds],
  }));
  const liveErrors = useMemo(() => toLogFilter(form).errors, [form]);
  const settled = useDebounced(form, 250);
  const applied = useMemo(() => toLogFilter(settled), [settled]);
  const filterKey = JSON.stringify(applied.filter);
  const hasErrors = Object.keys(applied.errors).length > 0;
  useEffect(() => {
    if (!hasErrors) void model.setFilter(JSON.parse(filterKey));
  }, [model, filterKey, hasErrors]);

  // ---- search ---------------------------------------------------------------------------------
  const [search, setSearch] = useState('');
  const searchError = form.regex && search ? regexError(search, form.caseSensitive) : null;
  const highlight = useMemo(() => {
    if (search) return searchError ? null : compileHighlight(search, form.regex, form.caseSensitive);
    // no search: what the filter lets in is what to look at
    return applied.filter.include ? compileHighlight(applied.filter.include, form.regex, form.caseSensitive) : null;
  }, [search, searchError, form.regex, form.caseSensitive, applied.filter.include]);
  const searchRef = useRef<HTMLInputElement>(null);

  // ---- selection, cursor, bookmarks -----------------------------------------------------------
  const [selState, setSelState] = useState<Selection | null>(null);
  const sel = selState && selState.epoch === snap.epoch && selState.hi < snap.total ? selState : null;
  const [bookmarks, setBookmarks] = useState<ReadonlyMap<number, Bookmark>>(new Map());
  const bookmarkSeqs = useMemo(() => new Set(bookmarks.keys()), [bookmarks]);
  const [showMarks, setShowMarks] = useState(false);
  const visible = useRef({ first: 0, last: 0 });
  const onVisible = useCallback((first: number, last: number) => {
    visible.current = { first, last };
  }, []);

  const [notice, setNotice] = useState<{ text: string; bad?: boolean } | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(t);
  }, [notice]);

  /** The line under the cursor: found again in the new view when the filter changes. */
  const cursorLine = useRef<LogLine | null>(null);
  const cursorMoves = useRef(0);
  /** Main's refusal as a notice; a view main forgot (it keeps a limited number) is opened again. */
  const failed = (error: { code: string; message: string }) => {
    if (error.code === 'NOT_FOUND') {
      model.reopen();
      setNotice({ text: 'The view was opened again (main had closed it): try once more.', bad: true });
    } else setNotice({ text: error.message, bad: true });
  };

  const select = useCallback(
    (index: number, extend: boolean) => {
      cursorMoves.current++;
      cursorLine.current = model.cache.get(index) ?? null;
      setSelState((prev) => {
        const anchor = extend && prev && prev.epoch === snap.epoch ? prev.anchor : index;
        return { epoch: snap.epoch, anchor, lo: Math.min(anchor, index), hi: Math.max(anchor, index), cursor: index };
      });
    },
    [model, snap.epoch],
  );
  const goTo = useCallback(
    (index: number, line?: LogLine) => {
      select(index, false);
      if (line) cursorLine.current = line;
      model.reveal(index);
    },
    [model, select],
  );
  // Another filter: keep the place — the cursor's line when the new view has it, else the nearest.
  useEffect(() => {
    const line = cursorLine.current;
    if (!line || model.isFollowing()) return;
    let live = true;
    const moves = cursorMoves.current;
    void locateLine(
      line,
      model.getTotal(),
      undefined,
      (i) => model.lineAt(i),
      (o, c) => model.seqsFrom(o, c),
    ).then((found) => {
      // not when the user moved on meanwhile
      if (!live || !found || moves !== cursorMoves.current || model.isFollowing()) return;
      if (found.exact)
        setSelState({
          epoch: model.getEpoch(),
          anchor: found.index,
          lo: found.index,
          hi: found.index,
          cursor: found.index,
        });
      model.reveal(found.index);
    });
    return () => {
      live = false;
    };
  }, [model, snap.epoch]);

  const toggleBookmark = (index: number) => {
    const line = model.cache.get(index);
    if (!line) return;
    setBookmarks((prev) => {
      const next = new Map(prev);
      if (!next.delete(line.seq)) next.set(line.seq, { line, index });
      return next;
    });
  };

  const jumpToBookmark = async (b: Bookmark) => {
    const found = await locateLine(
      b.line,
      model.getTotal(),
      b.index,
      (i) => model.lineAt(i),
      (o, c) => model.seqsFrom(o, c),
    );
    if (!found) return;
    goTo(found.index, found.exact ? b.line : undefined);
    if (!found.exact)
      setNotice({
        text: 'That bookmarked line is not in this view (filtered out or dropped): showing the line after it.',
      });
    else
      setBookmarks((prev) =>
        prev.has(b.line.seq) ? new Map(prev).set(b.line.seq, { ...b, index: found.index }) : prev,
      );
  };

  /** Bookmarks in the view's order: by time, then sequence number. */
  const before = (a: LogLine, b: { time: number; seq: number }) =>
    a.time < b.time || (a.time === b.time && a.seq < b.seq);
  const nextBookmark = (direction: 'next' | 'previous') => {
    const list = [...bookmarks.values()].sort((a, b) => (before(a.line, b.line) ? -1 : 1));
    if (list.length === 0) return setNotice({ text: 'No bookmarks yet: click the gutter of a line or press Ctrl+F2.' });
    const at = sel ? model.cache.get(sel.cursor) : undefined;
    const pick = !at
      ? direction === 'next'
        ? list[0]!
        : list[list.length - 1]!
      : direction === 'next'
        ? (list.find((b) => before(at, b.line)) ?? list[0]!)
        : ([...list].reverse().find((b) => before(b.line, at)) ?? list[list.length - 1]!);
    void jumpToBookmark(pick);
  };

  // ---- find: next / previous error or match --------------------------------------------------
  const [finding, setFinding] = useState(false);
  const find = async (what: 'error' | 'match', direction: 'next' | 'previous') => {
    const viewId = model.getViewId();
    const total = model.getTotal();
    if (!viewId || total === 0) return;
    if (what === 'match') {
      if (!search) return searchRef.current?.focus();
      if (searchError) return;
    }
    const base = sel?.cursor ?? (direction === 'next' ? visible.current.first - 1 : visible.current.last + 1);
    const from = direction === 'next' ? base + 1 : base - 1;
    const label = what === 'error' ? 'error' : 'match';
    if (from < 0 || from >= total)
      return setNotice({ text: `No ${label} ${direction === 'next' ? 'below' : 'above'}.` });
    setFinding(true);
    const epoch = model.getEpoch();
    const env = await ccm.logs
      .find({
        viewId,
        from,
        direction,
        what,
        ...(what === 'match' ? { text: search, regex: form.regex, caseSensitive: form.caseSensitive } : {}),
      })
      .finally(() => setFinding(false));
    if (!env.ok) return failed(env.error);
    if (env.value.index === null)
      return setNotice({ text: `No ${label} ${direction === 'next' ? 'below' : 'above'}.` });
    const line = await model.lineAt(env.value.index);
    if (model.getEpoch() !== epoch) return setNotice({ text: 'The filter changed meanwhile: search again.' });
    goTo(env.value.index, line);
  };

  // ---- copy and export -------------------------------------------------------------------------
  const selectionText = async (): Promise<{ text: string; lines: number } | null> => {
    const viewId = model.getViewId();
    if (!sel || !viewId) return null;
    const lines = model.cache.slice(sel.lo, sel.hi + 1);
    if (lines.every((l): l is LogLine => l !== undefined))
      return { text: lines.map((l) => l.text).join('\n'), lines: lines.length };
    const env = await ccm.logs.exportText({ viewId, offset: sel.lo, count: sel.hi - sel.lo + 1 });
    if (!env.ok) {
      failed(env.error);
      return null;
    }
    return env.value;
  };
  const copy = async () => {
    const got = await selectionText();
    if (!got) return;
    const ok = await copyText(got.text);
    setNotice(
      ok
        ? { text: `Copied ${got.lines === 1 ? '1 line' : `${formatCount(got.lines)} lines`}.` }
        : { text: 'Could not copy to the clipboard.', bad: true },
    );
  };
  const [exporting, setExporting] = useState(false);
  const exportLines = async (which: 'view' | 'selection') => {
    const viewId = model.getViewId();
    if (!viewId) return;
    setExporting(true);
    const env = await ccm.logs
      .exportText(which === 'selection' && sel ? { viewId, offset: sel.lo, count: sel.hi - sel.lo + 1 } : { viewId })
      .finally(() => setExporting(false));
    if (!env.ok) return failed(env.error);
    const name = logExportName(new Date());
    downloadText(env.value.text.endsWith('\n') || env.value.text === '' ? env.value.text : `${env.value.text}\n`, name);
    setNotice({
      text: `Exported ${env.value.lines === 1 ? '1 line' : `${formatCount(env.value.lines)} lines`} to ${name}.`,
    });
  };

  // ---- keyboard ---------------------------------------------------------------------------------
  // F-keys work anywhere in the tab while it is in front (also from the search box).
  const keys = useRef<(e: globalThis.KeyboardEvent) => void>(() => {});
  useEffect(() => {
    keys.current = (e) => {
      if (e.altKey || e.metaKey) return;
      let handled = true;
      if (e.key === 'F8') void find('error', e.shiftKey ? 'previous' : 'next');
      else if (e.key === 'F3') void find('match', e.shiftKey ? 'previous' : 'next');
      else if (e.key === 'F2' && e.ctrlKey) toggleBookmark(sel?.cursor ?? visible.current.first);
      else if (e.key === 'F2') nextBookmark(e.shiftKey ? 'previous' : 'next');
      else if (e.key.toLowerCase() === 'f' && e.ctrlKey && !e.shiftKey) searchRef.current?.focus();
      else handled = false;
      if (handled) e.preventDefault();
    };
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: globalThis.KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const onListKey = (e: KeyboardEvent<HTMLDivElement>, v: { first: number; last: number; rows: number }) => {
    const total = snap.total;
    if (total === 0) return;
    const cur = sel?.cursor ?? -1;
    let to: number | null = null;
    if (e.key === 'ArrowDown') to = cur < 0 ? v.first : cur + 1;
    else if (e.key === 'ArrowUp') to = cur < 0 ? v.last : cur - 1;
    else if (e.key === 'PageDown') to = (cur < 0 ? v.first : cur) + v.rows;
    else if (e.key === 'PageUp') to = (cur < 0 ? v.last : cur) - v.rows;
    else if (e.key === 'Home' && e.ctrlKey) to = 0;
    else if (e.key === 'End' && e.ctrlKey) {
      e.preventDefault();
      select(total - 1, e.shiftKey);
      model.setFollowing(true);
      return;
    } else if (e.key.toLowerCase() === 'c' && e.ctrlKey && !e.shiftKey) {
      e.preventDefault();
      void copy();
      return;
    } else if (e.key.toLowerCase() === 'a' && e.ctrlKey) {
      e.preventDefault();
      setSelState({ epoch: snap.epoch, anchor: 0, lo: 0, hi: total - 1, cursor: total - 1 });
      return;
    } else if (e.key === 'Escape') {
      cursorLine.current = null;
      setSelState(null);
      return;
    }
    if (to === null) return;
    e.preventDefault();
    to = Math.max(0, Math.min(total - 1, to));
    select(to, e.shiftKey);
    model.reveal(to);
  };

  const onRowClick = (index: number, e: MouseEvent) => {
    if (e.button !== 0) return;
    if (e.shiftKey) e.preventDefault(); // no text selection on shift-click
    select(index, e.shiftKey);
  };

  // ---- render -----------------------------------------------------------------------------------
  const following = snap.following;
  const selCount = sel ? sel.hi - sel.lo + 1 : 0;
  const marks = useMemo(
    () => [...bookmarks.values()].sort((a, b) => a.line.time - b.line.time || a.line.seq - b.line.seq),
    [bookmarks],
  );
  const filtered = isFiltered(settled);
  const emptyText = snap.opening
    ? 'Opening the view…'
    : filtered
      ? 'No line matches the filter yet.'
      : sourceViews.length === 0
        ? 'No sources: add one in the Logs tab.'
        : 'No lines yet: waiting for the sources.';

  return (
    <div className={styles.root} style={{ ['--log-time-w' as string]: `${timeW}px` }} data-testid="logs-viewer">
      <div className={styles.toolbar}>
        <FilterBar form={form} errors={liveErrors} sources={sourceViews} onChange={setForm} />
        <div className={styles.row}>
          <Field
            className={styles.search}
            validationState={searchError ? 'error' : 'none'}
            validationMessage={fieldMessage(searchError ?? undefined, 'logs-search-error')}
          >
            <Input
              ref={searchRef}
              size="small"
              className={styles.search}
              value={search}
              placeholder="Search (F3 next, Shift+F3 previous)"
              aria-label="Search"
              contentBefore={<Search16Regular />}
              data-testid="logs-search"
              onChange={(_, d) => setSearch(d.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void find('match', e.shiftKey ? 'previous' : 'next');
                }
              }}
            />
          </Field>
          <div className={styles.group}>
            <Tooltip content="Previous match (Shift+F3)" relationship="label">
              <Button
                size="small"
                appearance="subtle"
                icon={<ChevronUp16Regular />}
                disabled={!search}
                data-testid="logs-match-prev"
                onClick={() => void find('match', 'previous')}
              />
            </Tooltip>
            <Tooltip content="Next match (F3)" relationship="label">
              <Button
                size="small"
                appearance="subtle"
                icon={<ChevronDown16Regular />}
                disabled={!search}
                data-testid="logs-match-next"
                onClick={() => void find('match', 'next')}
              />
            </Tooltip>
          </div>
          <div className={styles.group}>
            <Tooltip content="Previous error (Shift+F8)" relationship="label">
              <Button
                size="small"
                icon={<ArrowUp16Regular />}
                data-testid="logs-error-prev"
                onClick={() => void find('error', 'previous')}
              >
                Error
              </Button>
            </Tooltip>
            <Tooltip content="Next error (F8)" relationship="label">
              <Button
                size="small"
                icon={<ArrowDown16Regular />}
                data-testid="logs-error-next"
                onClick={() => void find('error', 'next')}
              >
                Error
              </Button>
            </Tooltip>
            {finding && <Spinner size="extra-tiny" />}
          </div>
          <ToggleButton
            size="small"
            icon={<BookmarkMultiple20Regular />}
            checked={showMarks}
            data-testid="logs-bookmarks-toggle"
            onClick={() => setShowMarks((v) => !v)}
          >
            Bookmarks{bookmarks.size ? ` (${bookmarks.size})` : ''}
          </ToggleButton>
          <Tooltip content="Copy the selected lines (Ctrl+C)" relationship="label">
            <Button
              size="small"
              icon={<Copy20Regular />}
              disabled={selCount === 0}
              data-testid="logs-copy"
              onClick={() => void copy()}
            >
              Copy
            </Button>
          </Tooltip>
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <Button
                size="small"
                icon={exporting ? <Spinner size="extra-tiny" /> : <ArrowDownload20Regular />}
                disabled={exporting || snap.total === 0}
                data-testid="logs-export"
              >
                Export
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem data-testid="logs-export-view" onClick={() => void exportLines('view')}>
                  The view ({formatCount(snap.total)} lines)
                </MenuItem>
                <MenuItem
                  data-testid="logs-export-selection"
                  disabled={selCount === 0}
                  onClick={() => void exportLines('selection')}
                >
                  The selection ({formatCount(selCount)} lines)
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
          <span className={styles.grow} />
          <span
            className={mergeClasses(styles.state, following ? styles.following : styles.paused)}
            role="status"
            data-testid="logs-follow-state"
          >
            <span className={styles.dot} aria-hidden="true" />
            {following ? 'Following' : 'Paused'}
          </span>
          <Tooltip
            content={
              following ? 'Pause: keep the lines where they are' : 'Follow: jump to the newest lines and stay there'
            }
            relationship="label"
          >
            <Button
              size="small"
              icon={following ? <Pause16Regular /> : <Play16Regular />}
              data-testid="logs-follow-toggle"
              onClick={() => model.setFollowing(!following)}
            >
              {following ? 'Pause' : 'Follow'}
            </Button>
          </Tooltip>
        </div>
      </div>
      <div className={styles.body}>
        <div className={styles.main}>
          <div className={styles.header} aria-hidden="true">
            <span className={styles.hTime}>Time</span>
            <span className={styles.hLevel}>Level</span>
            <span className={styles.hComp}>Component</span>
            <span className={styles.hThread}>Thread</span>
            <span>Message</span>
          </div>
          <LogList
            model={model}
            snap={snap}
            sources={sources}
            formatTime={formatTime}
            highlight={highlight}
            selection={sel}
            cursor={sel?.cursor ?? null}
            bookmarks={bookmarkSeqs}
            emptyText={emptyText}
            busy={settled !== form || snap.opening}
            onRowClick={onRowClick}
            onGutterClick={toggleBookmark}
            onKeyDown={onListKey}
            onVisible={onVisible}
          />
          {!following && snap.newLines > 0 && (
            <Button
              className={styles.newLines}
              appearance="primary"
              shape="circular"
              icon={<ArrowDown16Regular />}
              data-testid="logs-new-lines"
              onClick={() => model.setFollowing(true)}
            >
              Paused — {formatCount(snap.newLines)} new {snap.newLines === 1 ? 'line' : 'lines'}
            </Button>
          )}
          <div className={styles.status}>
            <span data-testid="logs-total">
              {formatCount(snap.total)} {snap.total === 1 ? 'line' : 'lines'}
              {filtered ? ' match the filter' : ''}
            </span>
            {selCount > 0 && <span data-testid="logs-selected">{formatCount(selCount)} selected</span>}
            {stats && (
              <span>
                Store {formatCount(stats.lines)} lines
                {stats.dropped > 0 && (
                  <>
                    {' · '}
                    <span className={styles.dropped} data-testid="logs-dropped">
                      {formatCount(stats.dropped)} dropped
                    </span>
                  </>
                )}
              </span>
            )}
            {snap.error && (
              <span className={styles.errorText}>
                <ErrorCircle16Regular /> {snap.error}
              </span>
            )}
            {notice && (
              <span className={notice.bad ? styles.errorText : styles.notice} data-testid="logs-notice">
                {notice.text}
              </span>
            )}
          </div>
        </div>
        {showMarks && (
          <aside className={styles.side} aria-label="Bookmarks" data-testid="logs-bookmarks">
            <div className={styles.sideHead}>
              <span className={styles.grow}>Bookmarks</span>
              <Button
                size="small"
                appearance="subtle"
                icon={<Dismiss16Regular />}
                aria-label="Close bookmarks"
                onClick={() => setShowMarks(false)}
              />
            </div>
            {marks.length === 0 ? (
              <div className={styles.sideEmpty}>
                Click the gutter left of a line, or press Ctrl+F2, to bookmark it. F2 / Shift+F2 go to the next /
                previous one.
              </div>
            ) : (
              <ul className={styles.sideList}>
                {marks.map((b) => (
                  <li
                    key={b.line.seq}
                    className={styles.mark}
                    style={{ borderLeftColor: sources.get(b.line.sourceId)?.colour }}
                    data-testid="logs-bookmark-item"
                    onClick={() => void jumpToBookmark(b)}
                  >
                    <Bookmark16Regular />
                    <span className={styles.markText}>
                      <span className={styles.markTime}>{formatTime(b.line.time)}</span>
                      <span className={styles.markMsg} title={b.line.text}>
                        {b.line.message}
                      </span>
                    </span>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<Dismiss16Regular />}
                      aria-label="Remove bookmark"
                      onClick={(e) => {
                        e.stopPropagation();
                        setBookmarks((prev) => {
                          const next = new Map(prev);
                          next.delete(b.line.seq);
                          return next;
                        });
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
          </aside>
        )}
      </div>
    </div>
  );
}
