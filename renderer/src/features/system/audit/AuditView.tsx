import { Fragment, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  mergeClasses,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ChevronDown16Regular,
  ChevronRight16Regular,
  Dismiss16Regular,
} from '@fluentui/react-icons';
import { AUDIT_ACTIONS, type AuditRow } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { useAuthStatus } from '../../../data/queries';
import { auditCsvName } from '../../../ui/format';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useDateFormat } from '../../../ui/useDateFormat';
import { useDebounced } from '../../../ui/useDebounced';
import { EMPTY_AUDIT_FILTER, prettyJson, summarizeJson, toAuditFilter, type AuditFilterForm } from './auditFilter';
import { downloadBlob } from '../../../ui/download';

const PAGE = 100;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  small: { width: '150px' },
  date: { width: '150px' },
  text: { width: '220px' },
  table: { tableLayout: 'fixed', width: '100%' },
  cell: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  arrow: { color: tokens.colorNeutralForeground3, padding: `0 ${tokens.spacingHorizontalXS}` },
  expandCell: { width: '28px' },
  details: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  pre: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    maxHeight: '240px',
    overflow: 'auto',
  },
  detailsHead: { fontWeight: tokens.fontWeightSemibold, display: 'block', marginBottom: tokens.spacingVerticalXS },
  pager: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  grow: { flexGrow: 1 },
});

function BeforeAfter({ row }: { row: AuditRow }) {
  const styles = useStyles();
  const before = summarizeJson(row.before);
  const after = summarizeJson(row.after);
  if (!before && !after) return null;
  return (
    <span
      className={styles.mono}
      title={[before && `Before: ${before}`, after && `After: ${after}`].filter(Boolean).join('\n')}
    >
      {before || '∅'}
      <span className={styles.arrow}>→</span>
      {after || '∅'}
    </span>
  );
}

/** System › Audit: who changed what, when, from where — filtered in the database, newest first, exportable as CSV. */
export function AuditView() {
  const styles = useStyles();
  const formatDate = useDateFormat();
  const status = useAuthStatus().data;
  const hostAdmin = status?.user?.hostAdmin ?? false;
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_AUDIT_FILTER);
  const filter = toAuditFilter(useDebounced(form, 300));
  const filterKey = JSON.stringify(filter);
  const [paging, setPaging] = useState({ filterKey, offset: 0 });
  const offset = paging.filterKey === filterKey ? paging.offset : 0; // a new filter starts at the newest
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ ok: boolean; text: string } | null>(null);

  const page = useQuery({
    queryKey: queryKeys.auditPage(filter, offset, PAGE),
    queryFn: () => unwrap(ccm.audit.query({ ...filter, offset, limit: PAGE })),
    placeholderData: keepPreviousData,
  });

  const set = (field: keyof AuditFilterForm, value: string) => setForm((f) => ({ ...f, [field]: value }));
  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const exportCsv = async () => {
    setExporting(true);
    setExported(null);
    const env = await ccm.audit.exportCsv(filter).finally(() => setExporting(false));
    if (!env.ok) return setExported({ ok: false, text: env.error.message });
    const name = auditCsvName(new Date());
    downloadBlob(env.value.csv, name, 'text/csv;charset=utf-8');
    setExported({
      ok: true,
      text: `Exported ${env.value.rows === 1 ? '1 entry' : `${env.value.rows} entries`} to ${name}.`,
    });
  };

  const data = page.data;
  const total = data?.total ?? 0;
  const filtered = Object.keys(filter).length > 0;

  return (
    <Page
      wide
      title="Audit"
      subtitle="Every change, sign-in and lock: who, when, from where, before and after (secrets are never recorded)."
      actions={
        <Button
          icon={exporting ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
          disabled={exporting}
          data-testid="audit-export"
          onClick={() => void exportCsv()}
        >
          Export CSV
        </Button>
      }
    >
      <div className={styles.filters} role="search" aria-label="Audit filters">
        {hostAdmin && (
          <Field label="Tenant">
            <Select
              className={styles.small}
              value={form.tenantId}
              data-testid="audit-tenant"
              onChange={(_, d) => set('tenantId', d.value)}
            >
              <option value="">All tenants</option>
              {status?.tenants.map((t) => (
                <option key={t.id} value={String(t.id)}>
                  {t.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label="User">
          <Input
            className={styles.small}
            value={form.actor}
            placeholder="Logon ID"
            data-testid="audit-actor"
            onChange={(_, d) => set('actor', d.value)}
          />
        </Field>
        <Field label="Action">
          <Select
            className={styles.small}
            value={form.action}
            data-testid="audit-action"
            onChange={(_, d) => set('action', d.value)}
          >
            <option value="">All actions</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Object type">
          <Input
            className={styles.small}
            value={form.objectType}
            placeholder="e.g. user"
            data-testid="audit-objectType"
            onChange={(_, d) => set('objectType', d.value)}
          />
        </Field>
        <Field label="From">
          <Input
            className={styles.date}
            type="date"
            value={form.from}
            data-testid="audit-from"
            onChange={(_, d) => set('from', d.value)}
          />
        </Field>
        <Field label="To">
          <Input
            className={styles.date}
            type="date"
            value={form.to}
            data-testid="audit-to"
            onChange={(_, d) => set('to', d.value)}
          />
        </Field>
        <Field label="Text">
          <Input
            className={styles.text}
            value={form.text}
            placeholder="Object, before or after"
            data-testid="audit-text"
            onChange={(_, d) => set('text', d.value)}
          />
        </Field>
        <Button
          appearance="subtle"
          icon={<Dismiss16Regular />}
          disabled={!filtered}
          data-testid="audit-clear"
          onClick={() => setForm(EMPTY_AUDIT_FILTER)}
        >
          Clear filters
        </Button>
      </div>

      {exported && (
        <MessageBar intent={exported.ok ? 'success' : 'error'} data-testid="audit-exported">
          <MessageBarBody>{exported.text}</MessageBarBody>
        </MessageBar>
      )}

      {!data ? (
        <QueryState isPending={page.isPending} error={page.error} what="the audit log" />
      ) : (
        <>
          {page.error && (
            <MessageBar intent="error">
              <MessageBarBody>{page.error.message}</MessageBarBody>
            </MessageBar>
          )}
          <Table size="small" className={styles.table} aria-label="Audit log" data-testid="audit-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className={styles.expandCell} aria-label="Details" />
                <TableHeaderCell style={{ width: '156px' }}>Time</TableHeaderCell>
                {hostAdmin && <TableHeaderCell style={{ width: '110px' }}>Tenant</TableHeaderCell>}
                <TableHeaderCell style={{ width: '90px' }}>User</TableHeaderCell>
                <TableHeaderCell style={{ width: '120px' }}>Origin</TableHeaderCell>
                <TableHeaderCell style={{ width: '100px' }}>Action</TableHeaderCell>
                <TableHeaderCell style={{ width: '140px' }}>Object</TableHeaderCell>
                <TableHeaderCell>Before → After</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rows.map((r) => {
                const open = expanded.has(r.id);
                const hasDetails = r.before !== null || r.after !== null;
                const object = [r.objectType, r.objectName ?? r.objectId].filter(Boolean).join(' · ');
                return (
                  <Fragment key={r.id}>
                    <TableRow data-testid={`audit-row-${r.id}`} data-action={r.action}>
                      <TableCell className={styles.expandCell}>
                        {hasDetails && (
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={open ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
                            aria-label={open ? 'Hide before and after' : 'Show before and after'}
                            aria-expanded={open}
                            data-testid={`audit-expand-${r.id}`}
                            onClick={() => toggle(r.id)}
                          />
                        )}
                      </TableCell>
                      <TableCell className={styles.cell} title={r.at}>
                        {formatDate(r.at)}
                      </TableCell>
                      {hostAdmin && <TableCell className={styles.cell}>{r.tenant ?? '—'}</TableCell>}
                      <TableCell className={styles.cell}>{r.actor}</TableCell>
                      <TableCell className={styles.cell} title={r.origin}>
                        {r.origin}
                      </TableCell>
                      <TableCell className={styles.cell}>{r.action}</TableCell>
                      <TableCell className={styles.cell} title={object}>
                        {object}
                      </TableCell>
                      <TableCell className={styles.cell}>
                        <BeforeAfter row={r} />
                      </TableCell>
                    </TableRow>
                    {open && (
                      <TableRow data-testid={`audit-details-${r.id}`}>
                        <TableCell colSpan={hostAdmin ? 8 : 7}>
                          <div className={styles.details}>
                            <div>
                              <Text className={styles.detailsHead}>Before</Text>
                              <pre className={styles.pre}>{prettyJson(r.before) || '—'}</pre>
                            </div>
                            <div>
                              <Text className={styles.detailsHead}>After</Text>
                              <pre className={styles.pre}>{prettyJson(r.after) || '—'}</pre>
                            </div>
                          </div>
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
          <div className={styles.pager}>
            <Text className={mergeClasses(styles.muted, styles.grow)} data-testid="audit-count">
              {total === 0
                ? filtered
                  ? 'No entry matches the filters.'
                  : 'No entries.'
                : `${offset + 1}–${offset + data.rows.length} of ${total}`}
            </Text>
            {page.isFetching && <Spinner size="extra-tiny" />}
            <Button
              size="small"
              disabled={offset === 0}
              data-testid="audit-newer"
              onClick={() => setPaging({ filterKey, offset: Math.max(0, offset - PAGE) })}
            >
              Newer
            </Button>
            <Button
              size="small"
              disabled={offset + PAGE >= total}
              data-testid="audit-older"
              onClick={() => setPaging({ filterKey, offset: offset + PAGE })}
            >
              Older
            </Button>
          </div>
        </>
      )}
    </Page>
  );
}
