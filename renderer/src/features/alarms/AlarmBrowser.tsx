import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  mergeClasses,
  MessageBar,
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
  Checkmark20Regular,
  Dismiss20Regular,
  DocumentBulletList20Regular,
  Send20Regular,
  Settings20Regular,
  SlideText20Regular,
  ArrowUndo20Regular,
} from '@fluentui/react-icons';
import type { AlarmRow, AlarmSeverity } from '../../../../electron/contract/services/alarms';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { downloadBlob } from '../../ui/download';
import { Page } from '../../ui/Page';
import { Loaded } from './Loaded';
import { useDateFormat } from '../../ui/useDateFormat';
import { useDebounced } from '../../ui/useDebounced';
import { alarmKeys, openAlarmsTab, SEVERITY_COLOR, SEVERITY_ORDER, useAlarmDetail, useAlarmList, useAlarmsLive, useEventConfigs } from './data';
import { EMPTY_ALARM_FILTER, oneLine, toAlarmFilter, type AlarmFilterForm } from './filterForm';
import { LiveCounters } from './LiveCounters';
import { SendTestTrapDialog } from './SendTestTrapDialog';

const PAGE = 200;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  sev: { display: 'flex', gap: tokens.spacingHorizontalXXS },
  split: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 420px', gap: tokens.spacingHorizontalL, alignItems: 'start' },
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  row: { cursor: 'pointer' },
  selected: { backgroundColor: tokens.colorNeutralBackground1Selected },
  cleared: { color: tokens.colorNeutralForeground3 },
  badge: { display: 'inline-block', padding: '0 6px', borderRadius: tokens.borderRadiusSmall, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  pane: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, position: 'sticky', top: 0, maxHeight: 'calc(100vh - 120px)', overflowY: 'auto' },
  props: { display: 'grid', gridTemplateColumns: '110px 1fr', rowGap: tokens.spacingVerticalXXS, columnGap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  label: { color: tokens.colorNeutralForeground3 },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  grow: { flexGrow: 1 },
  w150: { width: '150px' },
  w200: { width: '200px' },
  w260: { width: '260px' },
  vbTable: { tableLayout: 'fixed', width: '100%' },
});

export function SeverityBadge({ severity }: { severity: AlarmSeverity }) {
  const styles = useStyles();
  const c = SEVERITY_COLOR[severity];
  return (
    <span className={styles.badge} style={{ backgroundColor: c.bg, color: c.fg }} data-testid="alarm-severity">
      {severity}
    </span>
  );
}

/** Alarms home: OpenView's Alarm Browser — Ack, Corr, AlarmSeverity, Date/Time, Source, Message — with filters, details and live counters. */
export function AlarmBrowser() {
  const styles = useStyles();
  const fmt = useDateFormat();
  const qc = useQueryClient();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'alarms');
  const [form, setForm] = useState<AlarmFilterForm>(EMPTY_ALARM_FILTER);
  const filter = toAlarmFilter(useDebounced(form, 250));
  const filterKey = JSON.stringify(filter);
  const [paging, setPaging] = useState({ filterKey, offset: 0 });
  const offset = paging.filterKey === filterKey ? paging.offset : 0;
  const list = useAlarmList(filter, offset, PAGE);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [chosenId, setFocusId] = useState<number | null>(null);
  const [confirmClear, setConfirmClear] = useState<number[] | null>(null);
  const [message, setMessage] = useState<{ intent: 'error' | 'success' | 'warning'; text: string } | null>(null);
  const [sending, setSending] = useState(false);
  const [busy, setBusy] = useState(false);

  const onRaised = useCallback((items: { severity: AlarmSeverity; source: string; message: string }[]) => {
    const last = items[items.length - 1];
    if (!last) return;
    setMessage({ intent: last.severity === 'Critical' ? 'error' : 'warning', text: `${last.severity}: ${last.message} (${last.source})` });
    // Desktop notification where the platform allows it (browser mode, permission granted); Electron's come from main.
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(`${last.severity} alarm from ${last.source}`, { body: last.message });
      } catch {
        // not allowed here
      }
    }
  }, []);
  useAlarmsLive(onRaised);

  const rows = useMemo(() => list.data?.rows ?? [], [list.data]);
  const configs = useEventConfigs();
  // The alarm categories in use by the event configuration, and the unknown-trap bucket.
  const categories = useMemo(
    () => [...new Set([...(configs.data ?? []).map((c) => c.category).filter((c) => c !== 'Log only' && c !== 'Ignore'), 'Unknown traps'])].sort(),
    [configs.data],
  );
  const total = list.data?.total ?? 0;
  const ids = [...selected].filter((id) => rows.some((r) => r.id === id));
  const set = <K extends keyof AlarmFilterForm>(k: K, v: AlarmFilterForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  // Until the user picks one, the newest alarm is the one in the details pane.
  const focusId = chosenId ?? rows[0]?.id ?? null;

  const refresh = () => void qc.invalidateQueries({ queryKey: alarmKeys.all });
  const ack = async (targets: number[], acknowledged: boolean) => {
    if (targets.length === 0) return;
    setBusy(true);
    const env = await ccm.alarms.acknowledge({ ids: targets, acknowledged }).finally(() => setBusy(false));
    if (!env.ok) return setMessage({ intent: 'error', text: env.error.message });
    setMessage({ intent: 'success', text: `${acknowledged ? 'Acknowledged' : 'Unacknowledged'} ${env.value.count === 1 ? '1 alarm' : `${env.value.count} alarms`}.` });
    refresh();
  };
  const clear = async (targets: number[]) => {
    setConfirmClear(null);
    setBusy(true);
    const env = await ccm.alarms.clear({ ids: targets }).finally(() => setBusy(false));
    if (!env.ok) return setMessage({ intent: 'error', text: env.error.message });
    setMessage({ intent: 'success', text: `Cleared ${env.value.count === 1 ? '1 alarm' : `${env.value.count} alarms`}.` });
    setSelected(new Set());
    refresh();
  };
  const exportCsv = async () => {
    const env = await ccm.alarms.exportCsv({ filter });
    if (!env.ok) return setMessage({ intent: 'error', text: env.error.message });
    downloadBlob(env.value.text, env.value.fileName, 'text/csv;charset=utf-8');
    setMessage({ intent: 'success', text: `Exported ${env.value.rows === 1 ? '1 alarm' : `${env.value.rows} alarms`} to ${env.value.fileName}.` });
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
      if (t.length) setConfirmClear(t);
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
    <Page
      wide
      title="Alarm Browser"
      subtitle="SNMP traps from the contact-center servers, one row per problem (Corr counts repeats). Keys: ↑/↓ move, A acknowledges, Delete clears."
    >
      <LiveCounters />
      <Toolbar aria-label="Alarm actions">
        <ToolbarButton icon={<Checkmark20Regular />} disabled={!writable || busy || targets().length === 0} data-testid="alarms-ack" onClick={() => void ack(targets(), true)}>
          Acknowledge
        </ToolbarButton>
        <ToolbarButton icon={<ArrowUndo20Regular />} disabled={!writable || busy || targets().length === 0} data-testid="alarms-unack" onClick={() => void ack(targets(), false)}>
          Unacknowledge
        </ToolbarButton>
        <ToolbarButton icon={<Dismiss20Regular />} disabled={!writable || busy || targets().length === 0} data-testid="alarms-clear" onClick={() => setConfirmClear(targets())}>
          Clear…
        </ToolbarButton>
        <ToolbarDivider />
        <ToolbarButton icon={<ArrowDownload20Regular />} data-testid="alarms-export" onClick={() => void exportCsv()}>
          Export CSV
        </ToolbarButton>
        <ToolbarButton icon={<Send20Regular />} disabled={!writable} data-testid="alarms-send-test" onClick={() => setSending(true)}>
          Send test trap
        </ToolbarButton>
        <ToolbarDivider />
        <ToolbarButton icon={<SlideText20Regular />} data-testid="alarms-open-events" onClick={() => openAlarmsTab('alarms.events')}>
          Event configuration
        </ToolbarButton>
        <ToolbarButton icon={<DocumentBulletList20Regular />} data-testid="alarms-open-mibs" onClick={() => openAlarmsTab('alarms.mibs')}>
          MIBs
        </ToolbarButton>
        <ToolbarButton icon={<Settings20Regular />} data-testid="alarms-open-settings" onClick={() => openAlarmsTab('alarms.settings')}>
          Trap listener
        </ToolbarButton>
      </Toolbar>

      <div className={styles.filters} role="search" aria-label="Alarm filters">
        <Field label="Severity">
          <div className={styles.sev}>
            {SEVERITY_ORDER.filter((s) => s !== 'Cleared').map((s) => (
              <ToggleButton
                key={s}
                size="small"
                checked={form.severities.includes(s)}
                data-testid={`alarms-sev-${s}`}
                onClick={() => set('severities', form.severities.includes(s) ? form.severities.filter((x) => x !== s) : [...form.severities, s])}
              >
                {s}
              </ToggleButton>
            ))}
          </div>
        </Field>
        <Field label="Source">
          <Input className={styles.w150} value={form.source} data-testid="alarms-source" onChange={(_, d) => set('source', d.value)} />
        </Field>
        <Field label="Text" hint="!word or -word excludes">
          <Input className={styles.w200} value={form.text} data-testid="alarms-text" onChange={(_, d) => set('text', d.value)} />
        </Field>
        <Field label="From">
          <Input type="datetime-local" value={form.from} data-testid="alarms-from" onChange={(_, d) => set('from', d.value)} />
        </Field>
        <Field label="To">
          <Input type="datetime-local" value={form.to} data-testid="alarms-to" onChange={(_, d) => set('to', d.value)} />
        </Field>
        <Field label="Category">
          <Select value={form.category} data-testid="alarms-category" onChange={(_, d) => set('category', d.value)}>
            <option value="">All categories</option>
            {categories.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        </Field>
        <Field label="Acknowledged">
          <Select value={form.ack} data-testid="alarms-ackfilter" onChange={(_, d) => set('ack', d.value as AlarmFilterForm['ack'])}>
            <option value="all">All</option>
            <option value="unacknowledged">Not acknowledged</option>
            <option value="acknowledged">Acknowledged</option>
          </Select>
        </Field>
        <Switch label="Show cleared" checked={form.includeCleared} data-testid="alarms-cleared" onChange={(_, d) => set('includeCleared', d.checked)} />
        <Button appearance="subtle" onClick={() => setForm(EMPTY_ALARM_FILTER)}>
          Reset filters
        </Button>
      </div>

      {message && (
        <MessageBar intent={message.intent} data-testid="alarms-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.split}>
        <div tabIndex={0} onKeyDown={onKey} data-testid="alarms-grid" aria-label="Alarms">
          <Loaded query={list} what="alarms">
            {rows.length === 0 ? (
              <Text className={styles.muted} data-testid="alarms-empty">
                {Object.keys(filter).length > 0 ? 'No alarm matches these filters.' : 'No alarms yet. Traps sent to the listener appear here as they arrive — try Send test trap.'}
              </Text>
            ) : (
              <Table size="small" className={styles.table} aria-label="Alarms">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell style={{ width: 32 }}>
                      <Checkbox aria-label="Select all on this page" checked={allOnPage} onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))} />
                    </TableHeaderCell>
                    <TableHeaderCell style={{ width: 44 }}>Ack</TableHeaderCell>
                    <TableHeaderCell style={{ width: 52 }}>Corr</TableHeaderCell>
                    <TableHeaderCell style={{ width: 84 }}>Severity</TableHeaderCell>
                    <TableHeaderCell style={{ width: 150 }}>Date/Time</TableHeaderCell>
                    <TableHeaderCell style={{ width: 120 }}>Source</TableHeaderCell>
                    <TableHeaderCell>Message</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((r) => (
                    <AlarmTableRow key={r.id} row={r} focused={r.id === focusId} checked={selected.has(r.id)} writable={writable} fmt={fmt} onFocus={() => setFocusId(r.id)} onCheck={() => toggleSel(r.id)} onAck={(v) => void ack([r.id], v)} />
                  ))}
                </TableBody>
              </Table>
            )}
          </Loaded>
          <div className={styles.pager}>
            <Text className={styles.muted} data-testid="alarms-total">
              {total === 0 ? '' : `${offset + 1}–${Math.min(offset + PAGE, total)} of ${total}`}
            </Text>
            <span className={styles.grow} />
            <Button size="small" disabled={offset === 0} onClick={() => setPaging({ filterKey, offset: Math.max(0, offset - PAGE) })}>
              Newer
            </Button>
            <Button size="small" disabled={offset + PAGE >= total} onClick={() => setPaging({ filterKey, offset: offset + PAGE })}>
              Older
            </Button>
          </div>
        </div>
        <AlarmDetails id={focusId} writable={writable} onMessage={setMessage} />
      </div>

      <Dialog open={confirmClear !== null} onOpenChange={(_, d) => !d.open && setConfirmClear(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Clear {confirmClear?.length === 1 ? '1 alarm' : `${confirmClear?.length} alarms`}?</DialogTitle>
            <DialogContent>Cleared alarms leave the browser (Show cleared brings them back) and are removed by the retention policy later. Your name and the time are recorded.</DialogContent>
            <DialogActions>
              <Button appearance="primary" data-testid="alarms-clear-confirm" onClick={() => void clear(confirmClear ?? [])}>
                Clear
              </Button>
              <Button onClick={() => setConfirmClear(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {sending && <SendTestTrapDialog onClose={(text) => (setSending(false), text && setMessage({ intent: 'success', text }))} />}
    </Page>
  );
}

function AlarmTableRow(props: { row: AlarmRow; focused: boolean; checked: boolean; writable: boolean; fmt: (s: string) => string; onFocus(): void; onCheck(): void; onAck(v: boolean): void }) {
  const styles = useStyles();
  const r = props.row;
  return (
    <TableRow className={mergeClasses(styles.row, props.focused && styles.selected, r.cleared && styles.cleared)} data-testid="alarm-row" aria-selected={props.focused} onClick={props.onFocus}>
      <TableCell onClick={(e) => e.stopPropagation()}>
        <Checkbox aria-label="Select" checked={props.checked} onChange={props.onCheck} />
      </TableCell>
      <TableCell onClick={(e) => e.stopPropagation()}>
        <Checkbox aria-label={r.acknowledged ? 'Acknowledged' : 'Not acknowledged'} checked={r.acknowledged} disabled={!props.writable} data-testid="alarm-ack" onChange={(_, d) => props.onAck(d.checked === true)} />
      </TableCell>
      <TableCell data-testid="alarm-count">{r.count > 1 ? r.count : ''}</TableCell>
      <TableCell>
        <SeverityBadge severity={r.cleared ? 'Cleared' : r.severity} />
      </TableCell>
      <TableCell className={styles.cell}>{props.fmt(r.lastSeen)}</TableCell>
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
  const hms = `${Math.floor((sec % 86400) / 3600)}:${String(Math.floor((sec % 3600) / 60)).padStart(2, '0')}:${String(sec % 60).padStart(2, '0')}.${String(cs).padStart(2, '0')}`;
  return `(${t}) ${d ? `${d} day${d === 1 ? '' : 's'}, ` : ''}${hms}`;
}

function AlarmDetails({ id, writable, onMessage }: { id: number | null; writable: boolean; onMessage(m: { intent: 'error' | 'success'; text: string }): void }) {
  const styles = useStyles();
  const fmt = useDateFormat();
  const detail = useAlarmDetail(id);
  const [notes, setNotes] = useState<{ id: number; text: string } | null>(null);
  const qc = useQueryClient();
  if (id === null) return <div className={styles.pane}><Text className={styles.muted}>Select an alarm to see its details.</Text></div>;
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
                    {`Event ${d.windowsEvent.eventCode}${d.windowsEvent.source ? ` from ${d.windowsEvent.source}` : ''}, Windows severity ${d.windowsEvent.severity ?? 'not sent (plain event number)'}`}
                    {d.windowsEvent.eventId !== d.windowsEvent.eventCode && <span className={styles.muted}>{` (event ID 0x${d.windowsEvent.eventId.toString(16).toUpperCase().padStart(8, '0')})`}</span>}
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
              <span data-testid="alarm-detail-ack">{a.acknowledged ? `by ${a.acknowledgedBy} at ${fmt(a.acknowledgedAt)}` : a.acknowledgedBy ? `no (unacknowledged by ${a.acknowledgedBy} at ${fmt(a.acknowledgedAt)})` : 'no'}</span>
              <span className={styles.label}>Cleared</span>
              <span>{a.cleared ? `by ${a.clearedBy} at ${fmt(a.clearedAt)}` : 'no'}</span>
              <span className={styles.label}>Dedupe key</span>
              <span className={styles.mono}>{a.dedupeKey}</span>
            </div>
            {a.category === 'Unknown traps' && writable && (
              <Button size="small" data-testid="alarm-configure" onClick={() => openAlarmsTab('alarms.events', { oid: a.trapOid })}>
                Configure this trap…
              </Button>
            )}
            <Text weight="semibold">Variable bindings</Text>
            {a.leftOut > 0 && (
              <Text className={styles.muted} data-testid="alarm-detail-left-out">
                {`${a.leftOut} more variable binding${a.leftOut === 1 ? ' was' : 's were'} left out (only the first ${d.varbinds.length + 2} of a trap are kept).`}
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
                        <div>${i + 1} {v.name}</div>
                        <div className={styles.mono + ' ' + styles.muted}>{v.hex ? `${v.type}, bytes (not text) in hex` : v.type}</div>
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
              <Textarea value={notesText} disabled={!writable} resize="vertical" data-testid="alarm-notes" onChange={(_, v) => setNotes({ id: a.id, text: v.value })} />
            </Field>
            {writable && (
              <Button size="small" disabled={notesText === a.notes} data-testid="alarm-notes-save" onClick={() => void saveNotes()}>
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
