import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent,
  type PointerEvent as ReactPointerEvent,
  type ReactElement,
} from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Textarea,
  ToggleButton,
  tokens,
  Toolbar,
  ToolbarButton,
  ToolbarDivider,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowSync20Regular,
  Checkmark20Regular,
  Dismiss20Regular,
  DocumentBulletList20Regular,
  Send20Regular,
  Settings20Regular,
  SlideText20Regular,
  ArrowUndo20Regular,
  PanelRight20Regular,
  Server20Regular,
  Mail20Regular,
} from '@fluentui/react-icons';
import type { AlarmRow, AlarmSeverity } from '../../../../electron/contract/services/alarms';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { downloadBlob } from '../../ui/download';
import { confirm, useCommand } from '../../ui/kit';
import { Loaded } from './Loaded';
import { useDateFormat } from '../../ui/useDateFormat';
import { useDebounced } from '../../ui/useDebounced';
import {
  alarmKeys,
  openAlarmsTab,
  SEVERITY_COLOR,
  SEVERITY_ORDER,
  useAlarmDetail,
  useAlarmList,
  useAlarmsLive,
  useEventConfigs,
} from './data';
import { EMPTY_ALARM_FILTER, oneLine, TIME_PRESETS, toAlarmFilter, type AlarmFilterForm } from './filterForm';
import { clampDetailsWidth, useAlarmsLayout } from './layout';
import { LiveCounters } from './LiveCounters';
import { SendTestTrapDialog } from './SendTestTrapDialog';
import { openAlarmEmails } from '../email';

const PAGE = 200;

const useStyles = makeStyles({
  // The browser fills its tab: header, toolbar and filters take what they need, the list the rest (≥ 15 rows at
  // 1366×768).
  frame: {
    position: 'relative',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    height: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    minHeight: 0,
  },
  toast: {
    position: 'absolute',
    left: '50%',
    transform: 'translateX(-50%)',
    bottom: '48px',
    zIndex: 2,
    width: 'min(640px, calc(100% - 48px))',
    boxShadow: tokens.shadow16,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  bar: { padding: 0, flexWrap: 'wrap' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  gridCol: { display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0, height: '100%' },
  scroller: {
    flexGrow: 1,
    minHeight: 0,
    overflowY: 'auto',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    outlineStyle: 'none',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  head1: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: tokens.colorNeutralBackground1 },
  tr: { height: '28px' },
  cb: { '& .fui-Checkbox__indicator': { margin: '2px 0' } },
  splitter: {
    cursor: 'col-resize',
    width: '6px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    outlineStyle: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralStroke2 },
    ':focus-visible': { backgroundColor: tokens.colorStrokeFocus2 },
  },
  sev: { display: 'flex', gap: tokens.spacingHorizontalXXS },
  split: { display: 'grid', gap: tokens.spacingHorizontalXS, flexGrow: 1, minHeight: 0 },
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  row: { cursor: 'pointer' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cleared: { color: tokens.colorNeutralForeground3 },
  badge: {
    display: 'inline-block',
    padding: '0 6px',
    borderRadius: tokens.borderRadiusSmall,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minHeight: 0,
    height: '100%',
    boxSizing: 'border-box',
    overflowY: 'auto',
  },
  props: {
    display: 'grid',
    gridTemplateColumns: '110px 1fr',
    rowGap: tokens.spacingVerticalXXS,
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
  },
  label: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  pager: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    flexWrap: 'wrap',
    paddingTop: tokens.spacingVerticalXS,
  },
  navBar: { padding: 0, marginLeft: 'auto', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  grow: { flexGrow: 1 },
  w150: { width: '150px' },
  w120: { width: '120px' },
  dim: { opacity: 0.75 },
  sevCell: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'center', whiteSpace: 'nowrap' },
  w200: { width: '200px' },
  w180: { width: '180px' },
  w260: { width: '260px' },
  vbTable: { tableLayout: 'fixed', width: '100%' },
});

export function SeverityBadge({ severity, dim }: { severity: AlarmSeverity; dim?: boolean }) {
  const styles = useStyles();
  const c = SEVERITY_COLOR[severity];
  return (
    <span
      className={mergeClasses(styles.badge, dim && styles.dim)}
      style={{ backgroundColor: c.bg, color: c.fg }}
      data-testid="alarm-severity"
    >
      {severity}
    </span>
  );
}

/**
 * Alarms home: OpenView's Alarm Browser — Ack, Corr, AlarmSeverity, Date/Time, Source, Message — with filters, details
 * and live counters.
 */
export function AlarmBrowser() {
  const styles = useStyles();
  const fmt = useDateFormat();
  const qc = useQueryClient();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'alarms');
  const [form, setForm] = useState<AlarmFilterForm>(EMPTY_ALARM_FILTER);
  // The clock a time preset counts back from (moved once a minute, and when a preset is chosen);
  // toAlarmFilter rounds it to the minute, so the query key moves at most once a minute.
  const [now, setNow] = useState(() => Date.now());
  const filter = toAlarmFilter(useDebounced(form, 250), now);
  const filterKey = JSON.stringify(filter);
  const [paging, setPaging] = useState({ filterKey, offset: 0 });
  const offset = paging.filterKey === filterKey ? paging.offset : 0;
  const list = useAlarmList(filter, offset, PAGE);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  // The chosen row and where it was: when it leaves the list (cleared, acknowledged under a
  // "Not acknowledged" filter), the row now in its place is the one shown and highlighted.
  const [chosen, setChosen] = useState<{ id: number; index: number } | null>(null);
  const layout = useAlarmsLayout();
  const [listWidth, setListWidth] = useState(1000);
  const compact = listWidth < 820;
  // A narrow window (a laptop at 150 %): toolbar buttons show their icons only (the name is in the tooltip).
  const [frameWidth, setFrameWidth] = useState(1200);
  const narrow = frameWidth < 1000;
  const measureFrame = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setFrameWidth(e.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // The list column's width decides the compact columns (150 % scaling, or a wide details pane).
  const measure = useCallback((el: HTMLDivElement | null) => {
    if (!el) return;
    const ro = new ResizeObserver(([e]) => e && setListWidth(e.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const [message, setMessage] = useState<{ intent: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const failed = (e: { message: string }) => setMessage({ intent: 'error', text: e.message });
  const ackCommand = useCommand((v: { ids: number[]; acknowledged: boolean }) => ccm.alarms.acknowledge(v), {
    onError: failed,
  });
  const clearCommand = useCommand((ids: number[]) => ccm.alarms.clear({ ids }), { onError: failed });
  const busy = ackCommand.busy || clearCommand.busy;

  const onRaised = useCallback((items: { severity: AlarmSeverity; source: string; message: string }[]) => {
    const last = items[items.length - 1];
    if (!last) return;
    setMessage({
      intent: last.severity === 'Critical' ? 'error' : 'warning',
      text: `${last.severity}: ${last.message} (${last.source})`,
    });
    // The desktop notification for Critical alarms is the shell's (shell/nav/useCriticalAlarms.ts), wherever the user
    // is.
  }, []);
  useAlarmsLive(onRaised);

  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const configs = useEventConfigs();
  // The alarm categories in use by the event configuration, and the unknown-trap bucket.
  const categories = useMemo(
    () =>
      [
        ...new Set([
          ...(configs.data ?? []).map((c) => c.category).filter((c) => c !== 'Log only' && c !== 'Ignore'),
          'Unknown traps',
        ]),
      ].sort(),
    [configs.data],
  );
  const total = list.data?.total ?? 0;
  const ids = [...selected].filter((id) => rows.some((r) => r.id === id));
  const set = <K extends keyof AlarmFilterForm>(k: K, v: AlarmFilterForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  // Until the user picks one, the newest alarm is the one in the details pane.
  const focusId =
    chosen === null
      ? (rows[0]?.id ?? null)
      : rows.some((r) => r.id === chosen.id)
        ? chosen.id
        : (rows[Math.min(chosen.index, rows.length - 1)]?.id ?? null);
  const setFocusId = (id: number) =>
    setChosen({
      id,
      index: Math.max(
        0,
        rows.findIndex((r) => r.id === id),
      ),
    });
  // A time preset ("last 15 minutes") slides with the clock: re-read once a minute.
  useEffect(() => {
    if (!form.preset || form.preset === 'custom') return;
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, [form.preset]);

  const refresh = () => void qc.invalidateQueries({ queryKey: alarmKeys.all });
  /**
   * The shown alarm is about to leave the list (cleared, or acknowledged under "Not
   * acknowledged"): choose the row below it now (else the one above), so the details and the
   * highlight move together to a row the user can see, whatever arrives at the top meanwhile.
   */
  // Decided when the user acts (the rows they see), applied after main agreed: the confirmation and the
  // write take time while new alarms arrive at the top.
  const focusOffLeaving = (targets: number[]): (() => void) => {
    if (focusId === null || !targets.includes(focusId)) return () => {};
    const at = rows.findIndex((r) => r.id === focusId);
    const stay = (r: AlarmRow | undefined) => r !== undefined && !targets.includes(r.id);
    const next = rows.slice(at + 1).find(stay) ?? rows.slice(0, Math.max(0, at)).reverse().find(stay);
    return () => {
      if (next) setChosen({ id: next.id, index: Math.max(0, at) });
    };
  };
  const ack = async (targets: number[], acknowledged: boolean) => {
    if (targets.length === 0) return;
    const moveFocus = focusOffLeaving(targets);
    const done = await ackCommand.run({ ids: targets, acknowledged });
    if (!done) return;
    if ((acknowledged && filter.ack === 'unacknowledged') || (!acknowledged && filter.ack === 'acknowledged'))
      moveFocus();
    setMessage({
      intent: 'success',
      text:
        `${acknowledged ? 'Acknowledged' : 'Unacknowledged'} ` +
        `${done.count === 1 ? '1 alarm' : `${done.count} alarms`}.`,
    });
    refresh();
  };
  const clear = async (targets: number[]) => {
    if (targets.length === 0) return;
    const moveFocus = focusOffLeaving(targets);
    const n = targets.length === 1 ? '1 alarm' : `${targets.length} alarms`;
    const ok = await confirm({
      title: `Clear ${n}?`,
      body:
        `${targets.length === 1 ? 'The cleared alarm leaves' : `The ${targets.length} cleared alarms leave`} ` +
        `the browser (Show cleared brings them back) and ${targets.length === 1 ? 'is' : 'are'} removed by the ` +
        `retention policy later. Your name and the time are recorded.`,
      danger: true,
      confirmLabel: 'Clear',
      testId: 'alarms-clear-dialog',
      confirmTestId: 'alarms-clear-confirm',
    });
    if (!ok) return;
    const done = await clearCommand.run(targets);
    if (!done) return;
    if (!filter.includeCleared) moveFocus();
    setMessage({
      intent: 'success',
      text: `Cleared ${done.count === 1 ? '1 alarm' : `${done.count} alarms`}.`,
    });
    setSelected(new Set());
    refresh();
  };
  const exportCsv = async () => {
    const env = await ccm.alarms.exportCsv({ filter });
    if (!env.ok) return setMessage({ intent: 'error', text: env.error.message });
    downloadBlob(env.value.text, env.value.fileName, 'text/csv;charset=utf-8');
    setMessage({
      intent: 'success',
      text: `Exported ${env.value.rows === 1 ? '1 alarm' : `${env.value.rows} alarms`} to ${env.value.fileName}.`,
    });
  };
  const targets = () => (ids.length > 0 ? ids : focusId !== null ? [focusId] : []);

  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    const i = rows.findIndex((r) => r.id === focusId);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next = rows[Math.min(rows.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) setFocusId(next.id);
      e.preventDefault();
    } else if (writable && e.key.toLowerCase() === 'a' && !e.ctrlKey && !e.metaKey) {
      const row = rows[i];
      if (row) void ack(targets(), !row.acknowledged);
      e.preventDefault();
    } else if (writable && e.key === 'Delete') {
      const t = targets();
      if (t.length) void clear(t);
      e.preventDefault();
    }
  };

  const toggleSel = (id: number) =>
    setSelected((s) => {
      const n = new Set(s);
      if (!n.delete(id)) n.add(id);
      return n;
    });
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  return (
    <div className={styles.frame} data-testid="alarms-browser" ref={measureFrame}>
      <div className={styles.head}>
        <h2 className={styles.title}>Alarm Browser</h2>
        <Toolbar aria-label="Alarm configuration" size="small" className={styles.navBar}>
          <Tb
            label="Event configuration"
            narrow={narrow}
            icon={<SlideText20Regular />}
            data-testid="alarms-open-events"
            onClick={() => openAlarmsTab('alarms.events')}
          />
          <Tb
            label="Correlation rules"
            narrow={narrow}
            icon={<ArrowSync20Regular />}
            data-testid="alarms-open-correlation"
            onClick={() => openAlarmsTab('alarms.correlation')}
          />
          <Tb
            label="MIBs"
            narrow={narrow}
            icon={<DocumentBulletList20Regular />}
            data-testid="alarms-open-mibs"
            onClick={() => openAlarmsTab('alarms.mibs')}
          />
          <Tb
            label="Trap listener"
            narrow={narrow}
            icon={<Settings20Regular />}
            data-testid="alarms-open-settings"
            onClick={() => openAlarmsTab('alarms.settings')}
          />
          <Tb
            label="Servers"
            narrow={narrow}
            icon={<Server20Regular />}
            data-testid="alarms-open-servers"
            onClick={() => openAlarmsTab('alarms.servers')}
          />
          <Tb
            label="Alarm e-mails"
            narrow={narrow}
            icon={<Mail20Regular />}
            data-testid="alarms-open-email-rules"
            onClick={() => openAlarmEmails()}
          />
        </Toolbar>
      </div>
      <Toolbar aria-label="Alarm actions" size="small" className={styles.bar}>
        <Tb
          label="Acknowledge"
          narrow={narrow}
          icon={<Checkmark20Regular />}
          disabled={!writable || busy || targets().length === 0}
          data-testid="alarms-ack"
          onClick={() => void ack(targets(), true)}
        />
        <Tb
          label="Unacknowledge"
          narrow={narrow}
          icon={<ArrowUndo20Regular />}
          disabled={!writable || busy || targets().length === 0}
          data-testid="alarms-unack"
          onClick={() => void ack(targets(), false)}
        />
        <Tb
          label="Clear…"
          narrow={narrow}
          icon={<Dismiss20Regular />}
          disabled={!writable || busy || targets().length === 0}
          data-testid="alarms-clear"
          onClick={() => void clear(targets())}
        />
        <ToolbarDivider />
        <Tb
          label="Export CSV"
          narrow={narrow}
          icon={<ArrowDownload20Regular />}
          data-testid="alarms-export"
          onClick={() => void exportCsv()}
        />
        <Tb
          label="Send test trap"
          narrow={narrow}
          icon={<Send20Regular />}
          disabled={!writable}
          data-testid="alarms-send-test"
          onClick={() => setSending(true)}
        />
        <ToolbarDivider />
        <ToggleButton
          appearance="subtle"
          size="small"
          icon={<PanelRight20Regular />}
          checked={layout.detailsOpen}
          aria-pressed={layout.detailsOpen}
          data-testid="alarms-details-toggle"
          aria-label="Details"
          title={narrow ? 'Details' : undefined}
          onClick={() => layout.setDetailsOpen(!layout.detailsOpen)}
        >
          {narrow ? null : 'Details'}
        </ToggleButton>
        <ToolbarDivider />
        <Switch
          label="Show cleared"
          checked={form.includeCleared}
          data-testid="alarms-cleared"
          onChange={(_, d) => set('includeCleared', d.checked)}
        />
        <Button size="small" appearance="subtle" onClick={() => setForm(EMPTY_ALARM_FILTER)}>
          Reset filters
        </Button>
      </Toolbar>

      <div className={styles.filters} role="search" aria-label="Alarm filters">
        <div className={styles.sev} role="group" aria-label="Severity">
          {SEVERITY_ORDER.filter((s) => s !== 'Cleared').map((s) => (
            <ToggleButton
              key={s}
              size="small"
              checked={form.severities.includes(s)}
              data-testid={`alarms-sev-${s}`}
              onClick={() =>
                set(
                  'severities',
                  form.severities.includes(s) ? form.severities.filter((x) => x !== s) : [...form.severities, s],
                )
              }
            >
              {s}
            </ToggleButton>
          ))}
        </div>
        <Input
          size="small"
          className={styles.w120}
          placeholder="Source"
          aria-label="Source"
          value={form.source}
          data-testid="alarms-source"
          onChange={(_, d) => set('source', d.value)}
        />
        <Input
          size="small"
          className={styles.w180}
          placeholder="Text (!word excludes)"
          aria-label="Text; !word or -word excludes"
          title="!word or -word excludes"
          value={form.text}
          data-testid="alarms-text"
          onChange={(_, d) => set('text', d.value)}
        />
        <Select
          size="small"
          aria-label="Time"
          value={form.preset}
          data-testid="alarms-time"
          onChange={(_, d) => (
            setNow(Date.now()),
            setForm((f) => ({
              ...f,
              preset: d.value as AlarmFilterForm['preset'],
              ...(d.value === 'custom' ? {} : { from: '', to: '' }),
            }))
          )}
        >
          <option value="">Any time</option>
          {TIME_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">From… to…</option>
        </Select>
        {form.preset === 'custom' && (
          <>
            <Input
              size="small"
              type="datetime-local"
              aria-label="From"
              value={form.from}
              data-testid="alarms-from"
              onChange={(_, d) => set('from', d.value)}
            />
            <Input
              size="small"
              type="datetime-local"
              aria-label="To"
              value={form.to}
              data-testid="alarms-to"
              onChange={(_, d) => set('to', d.value)}
            />
          </>
        )}
        <Select
          size="small"
          aria-label="Category"
          value={form.category}
          data-testid="alarms-category"
          onChange={(_, d) => set('category', d.value)}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
        <Select
          size="small"
          aria-label="Acknowledged"
          value={form.ack}
          data-testid="alarms-ackfilter"
          onChange={(_, d) => set('ack', d.value as AlarmFilterForm['ack'])}
        >
          <option value="all">Acknowledged or not</option>
          <option value="unacknowledged">Not acknowledged</option>
          <option value="acknowledged">Acknowledged</option>
        </Select>
      </div>

      {message && (
        // Over the list's bottom edge, not above it: a message must not push rows off the screen.
        <div className={styles.toast}>
          <MessageBar intent={message.intent} data-testid="alarms-message">
            <MessageBarBody>{message.text}</MessageBarBody>
            <MessageBarActions
              containerAction={
                <Button
                  appearance="transparent"
                  size="small"
                  aria-label="Dismiss"
                  icon={<Dismiss20Regular />}
                  data-testid="alarms-message-dismiss"
                  onClick={() => setMessage(null)}
                />
              }
            />
          </MessageBar>
        </div>
      )}

      <div
        className={styles.split}
        style={{
          gridTemplateColumns: layout.detailsOpen ? `minmax(0, 1fr) 6px ${layout.detailsWidth}px` : 'minmax(0, 1fr)',
        }}
        data-testid="alarms-split"
      >
        <div className={styles.gridCol} ref={measure}>
          <div
            className={styles.scroller}
            tabIndex={0}
            onKeyDown={onKey}
            data-testid="alarms-grid"
            aria-label="Alarms"
            title="↑/↓ move, A acknowledges, Delete clears"
          >
            <Loaded query={list} what="alarms">
              {rows.length === 0 ? (
                <Text className={styles.muted} data-testid="alarms-empty">
                  {Object.keys(filter).length > 0
                    ? 'No alarm matches these filters.'
                    : 'No alarms yet. Traps sent to the listener appear here as they arrive — try Send test trap.'}
                </Text>
              ) : (
                <Table size="extra-small" className={styles.table} aria-label="Alarms">
                  <TableHeader className={styles.head1}>
                    <TableRow>
                      <TableHeaderCell style={{ width: compact ? 28 : 32 }}>
                        <Checkbox
                          className={styles.cb}
                          aria-label="Select all on this page"
                          checked={allOnPage}
                          onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
                        />
                      </TableHeaderCell>
                      <TableHeaderCell style={{ width: compact ? 36 : 44 }}>Ack</TableHeaderCell>
                      <TableHeaderCell style={{ width: compact ? 40 : 52 }}>Corr</TableHeaderCell>
                      <TableHeaderCell style={{ width: compact ? 112 : 124 }}>Severity</TableHeaderCell>
                      <TableHeaderCell style={{ width: compact ? 80 : 140 }}>
                        {compact ? 'Time' : 'Date/Time'}
                      </TableHeaderCell>
                      <TableHeaderCell style={{ width: compact ? 96 : 120 }}>Source</TableHeaderCell>
                      <TableHeaderCell>Message</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {rows.map((r) => (
                      <AlarmTableRow
                        key={r.id}
                        row={r}
                        focused={r.id === focusId}
                        checked={selected.has(r.id)}
                        writable={writable}
                        fmt={compact ? shortTime : fmt}
                        fullFmt={fmt}
                        onFocus={() => setFocusId(r.id)}
                        onCheck={() => toggleSel(r.id)}
                        onAck={(v) => void ack([r.id], v)}
                      />
                    ))}
                  </TableBody>
                </Table>
              )}
            </Loaded>
          </div>
          <div className={styles.pager}>
            <LiveCounters compact={listWidth < 1000} />
            <span className={styles.grow} />
            <Text className={styles.muted} data-testid="alarms-total">
              {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
            </Text>
            <Button
              size="small"
              disabled={offset === 0}
              onClick={() => setPaging({ filterKey, offset: Math.max(0, offset - PAGE) })}
            >
              Newer
            </Button>
            <Button
              size="small"
              disabled={offset + PAGE >= total}
              onClick={() => setPaging({ filterKey, offset: offset + PAGE })}
            >
              Older
            </Button>
          </div>
        </div>
        {layout.detailsOpen && <Splitter width={layout.detailsWidth} onWidth={layout.setDetailsWidth} />}
        {layout.detailsOpen && <AlarmDetails id={focusId} writable={writable} onMessage={setMessage} />}
      </div>

      {sending && (
        <SendTestTrapDialog onClose={(text) => (setSending(false), text && setMessage({ intent: 'success', text }))} />
      )}
    </div>
  );
}

/** A toolbar button that shows only its icon on a narrow window; its name stays its accessible name and tooltip. */
function Tb({
  label,
  narrow,
  icon,
  disabled,
  onClick,
  ...rest
}: {
  label: string;
  narrow: boolean;
  icon: ReactElement;
  disabled?: boolean;
  onClick(): void;
  'data-testid': string;
}) {
  return (
    <ToolbarButton
      aria-label={label}
      title={narrow ? label : undefined}
      icon={icon}
      disabled={disabled}
      data-testid={rest['data-testid']}
      onClick={onClick}
    >
      {narrow ? null : label}
    </ToolbarButton>
  );
}

/** The bar between the list and the details: drag it, or focus it and use ←/→ (Home/End: widest/narrowest). */
function Splitter({ width, onWidth }: { width: number; onWidth(w: number): void }) {
  const styles = useStyles();
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = e.currentTarget;
    const container = el.parentElement!;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) =>
      onWidth(clampDetailsWidth(container.getBoundingClientRect().right - ev.clientX, container.clientWidth));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const total = e.currentTarget.parentElement!.clientWidth;
    const step = e.shiftKey ? 64 : 16;
    const next =
      e.key === 'ArrowLeft'
        ? width + step
        : e.key === 'ArrowRight'
          ? width - step
          : e.key === 'Home'
            ? total
            : e.key === 'End'
              ? 0
              : null;
    if (next === null) return;
    e.preventDefault();
    onWidth(clampDetailsWidth(next, total));
  };
  return (
    <div
      className={styles.splitter}
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of the details"
      aria-valuenow={width}
      tabIndex={0}
      data-testid="alarms-splitter"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}

/** The time of day for today's alarms, else the date (compact lists; the cell's title has both). */
function shortTime(iso: string): string {
  const d = new Date(iso);
  const today = new Date();
  return d.toDateString() === today.toDateString() ? d.toLocaleTimeString() : d.toLocaleDateString();
}

function AlarmTableRow(props: {
  row: AlarmRow;
  focused: boolean;
  checked: boolean;
  writable: boolean;
  fmt: (s: string) => string;
  fullFmt: (s: string) => string;
  onFocus(): void;
  onCheck(): void;
  onAck(v: boolean): void;
}) {
  const styles = useStyles();
  const r = props.row;
  return (
    <TableRow
      className={mergeClasses(styles.row, styles.tr, props.focused && styles.selected, r.cleared && styles.cleared)}
      data-testid="alarm-row"
      aria-selected={props.focused}
      onClick={props.onFocus}
    >
      <TableCell onClick={(e) => e.stopPropagation()}>
        <Checkbox className={styles.cb} aria-label="Select" checked={props.checked} onChange={props.onCheck} />
      </TableCell>
      <TableCell onClick={(e) => e.stopPropagation()}>
        <Checkbox
          className={styles.cb}
          aria-label={r.acknowledged ? 'Acknowledged' : 'Not acknowledged'}
          checked={r.acknowledged}
          disabled={!props.writable}
          data-testid="alarm-ack"
          onChange={(_, d) => props.onAck(d.checked === true)}
        />
      </TableCell>
      <TableCell data-testid="alarm-count">{r.count > 1 ? r.count : ''}</TableCell>
      <TableCell>
        <span className={styles.sevCell} data-testid="alarm-row-severity">
          <SeverityBadge severity={r.severity} dim={r.cleared} />
          {r.cleared && <span>Cleared</span>}
        </span>
      </TableCell>
      <TableCell className={styles.cell} title={props.fullFmt(r.lastSeen)}>
        {props.fmt(r.lastSeen)}
      </TableCell>
      <TableCell className={styles.cell} title={r.source}>
        {r.source}
      </TableCell>
      <TableCell className={styles.cell} title={`${r.name}: ${r.message}`} data-testid="alarm-message">
        {oneLine(r.message)}
      </TableCell>
    </TableRow>
  );
}

/** sysUpTime (hundredths of a second) as snmptrapd shows it: "(123456) 0:20:34.56". */
function upTime(t: number): string {
  const cs = t % 100;
  const sec = Math.floor(t / 100);
  const d = Math.floor(sec / 86400);
  const hms =
    `${Math.floor((sec % 86400) / 3600)}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}:` +
    `${String(sec % 60).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
  return `(${t}) ${d ? `${d} day${d === 1 ? '' : 's'}, ` : ''}${hms}`;
}

function AlarmDetails({
  id,
  writable,
  onMessage,
}: {
  id: number | null;
  writable: boolean;
  onMessage(m: { intent: 'error' | 'success'; text: string }): void;
}) {
  // Event configuration is a host administrator's (installation-wide).
  const hostAdmin = useAuthStatus().data?.user?.hostAdmin === true;
  const styles = useStyles();
  const fmt = useDateFormat();
  const detail = useAlarmDetail(id);
  const [notes, setNotes] = useState<{ id: number; text: string } | null>(null);
  const qc = useQueryClient();
  if (id === null)
    return (
      <div className={styles.pane}>
        <Text className={styles.muted}>Select an alarm to see its details.</Text>
      </div>
    );
  const d = detail.data;
  const a = d?.alarm;
  const notesText = notes && a && notes.id === a.id ? notes.text : (a?.notes ?? '');
  const saveNotes = async () => {
    if (!a) return;
    const env = await ccm.alarms.setNotes({ id: a.id, notes: notesText });
    if (!env.ok) return onMessage({ intent: 'error', text: env.error.message });
    setNotes(null);
    onMessage({ intent: 'success', text: 'Notes saved.' });
    void qc.invalidateQueries({ queryKey: alarmKeys.all });
  };
  return (
    <div className={styles.pane} data-testid="alarm-details" aria-label="Alarm details">
      <Loaded query={detail} what="the alarm">
        {d && a && (
          <>
            <Text weight="semibold" size={400} style={{ overflowWrap: 'anywhere' }} data-testid="alarm-detail-name">
              {d.trapName}
            </Text>
            {d.trapDescription && <Text className={styles.muted}>{d.trapDescription}</Text>}
            <div className={styles.props}>
              <span className={styles.label}>Severity</span>
              <span data-testid="alarm-detail-severity">
                {a.cleared && <SeverityBadge severity="Cleared" />} <SeverityBadge severity={a.severity} />
              </span>
              {d.windowsEvent && (
                <>
                  <span className={styles.label}>Windows event</span>
                  <span data-testid="alarm-detail-windows">
                    {`Event ${d.windowsEvent.eventCode}` +
                      `${d.windowsEvent.source ? ` from ${d.windowsEvent.source}` : ''}, Windows severity ` +
                      `${d.windowsEvent.severity ?? 'not sent (plain event number)'}`}
                    {d.windowsEvent.eventId !== d.windowsEvent.eventCode && (
                      <span
                        className={styles.muted}
                      >{` (event ID 0x${d.windowsEvent.eventId.toString(16).toUpperCase().padStart(8, '0')})`}</span>
                    )}
                  </span>
                </>
              )}
              <span className={styles.label}>Message</span>
              <span data-testid="alarm-detail-message">{oneLine(a.message)}</span>
              <span className={styles.label}>Source</span>
              <span>{a.source}</span>
              <span className={styles.label}>Category</span>
              <span>{a.category}</span>
              <span className={styles.label}>Trap OID</span>
              <span className={styles.mono}>{a.trapOid}</span>
              <span className={styles.label}>SNMP</span>
              <span>{a.snmpVersion}</span>
              <span className={styles.label}>sysUpTime</span>
              <span data-testid="alarm-detail-uptime">{a.uptime === null ? '—' : upTime(a.uptime)}</span>
              <span className={styles.label}>Count</span>
              <span>{a.count}</span>
              <span className={styles.label}>First seen</span>
              <span>{fmt(a.firstSeen)}</span>
              <span className={styles.label}>Last seen</span>
              <span>{fmt(a.lastSeen)}</span>
              <span className={styles.label}>Acknowledged</span>
              <span data-testid="alarm-detail-ack">
                {a.acknowledged
                  ? `by ${a.acknowledgedBy} at ${fmt(a.acknowledgedAt)}`
                  : a.acknowledgedBy
                    ? `no (unacknowledged by ${a.acknowledgedBy} at ${fmt(a.acknowledgedAt)})`
                    : 'no'}
              </span>
              <span className={styles.label}>Cleared</span>
              <span>{a.cleared ? `by ${a.clearedBy} at ${fmt(a.clearedAt)}` : 'no'}</span>
              <span className={styles.label}>Dedupe key</span>
              <span className={styles.mono}>{a.dedupeKey}</span>
            </div>
            {a.category === 'Unknown traps' && writable && hostAdmin && (
              <Button
                size="small"
                data-testid="alarm-configure"
                onClick={() => openAlarmsTab('alarms.events', { oid: a.trapOid })}
              >
                Configure this trap…
              </Button>
            )}
            <Text weight="semibold">Variable bindings</Text>
            {a.leftOut > 0 && (
              <Text className={styles.muted} data-testid="alarm-detail-left-out">
                {`${a.leftOut} more variable binding${a.leftOut === 1 ? ' was' : 's were'} left out (only the ` +
                  `first ${d.varbinds.length + 2} of a trap are kept).`}
              </Text>
            )}
            {d.varbinds.length === 0 ? (
              <Text className={styles.muted}>None.</Text>
            ) : (
              <Table size="extra-small" className={styles.vbTable} data-testid="alarm-varbinds">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell style={{ width: '40%' }}>Name</TableHeaderCell>
                    <TableHeaderCell>Value</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {d.varbinds.map((v, i) => (
                    <TableRow key={i}>
                      <TableCell title={`${v.oid}${v.description ? `\n${v.description}` : ''}`}>
                        <div>
                          ${i + 1} {v.name}
                        </div>
                        <div className={styles.mono + ' ' + styles.muted}>
                          {v.hex ? `${v.type}, bytes (not text) in hex` : v.type}
                        </div>
                      </TableCell>
                      <TableCell className={styles.mono} data-testid={v.hex ? 'alarm-varbind-hex' : undefined}>
                        {v.hex ? v.value.replace(/(..)(?=.)/g, '$1 ') : JSON.stringify(v.value).slice(1, -1)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            <Field label="Notes">
              <Textarea
                value={notesText}
                disabled={!writable}
                resize="vertical"
                data-testid="alarm-notes"
                onChange={(_, v) => setNotes({ id: a.id, text: v.value })}
              />
            </Field>
            {writable && (
              <Button
                size="small"
                disabled={notesText === a.notes}
                data-testid="alarm-notes-save"
                onClick={() => void saveNotes()}
              >
                Save notes
              </Button>
            )}
            {d.occurrences.length > 0 && (
              <>
                <Text weight="semibold">Latest occurrences</Text>
                {d.occurrences.slice(0, 10).map((o, i) => (
                  <Text key={i} size={200} className={styles.muted}>
                    {fmt(o.receivedAt)} — {oneLine(o.message)}
                  </Text>
                ))}
              </>
            )}
          </>
        )}
      </Loaded>
      {detail.isFetching && !d && <Spinner size="tiny" />}
    </div>
  );
}
