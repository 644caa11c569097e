import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import {
  Add20Regular,
  Delete16Regular,
  Delete20Regular,
  DocumentAdd20Regular,
  Edit16Regular,
  FolderOpen20Regular,
  Options20Regular,
  TextBulletListSquare16Regular,
  WindowNew20Regular,
} from '@fluentui/react-icons';
import { logsService, type SourceView } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { fieldMessage } from '../../ui/fieldMessage';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { AllowedFoldersDialog } from './AllowedFoldersDialog';
import { applySources, applyStats, useLogSources, useLogsLive } from './data';
import { formatBytes, formatCount } from './format';
import { openLogViewer, openTraceLevels } from './openLogsTab';
import { SourceDialog } from './SourceDialog';
import { confirm } from '../../ui/kit';
import { newSourceForm, toSourceForm, type SourceForm } from './sourceForm';
import { SourceStateCell } from './SourceStateCell';

const useStyles = makeStyles({
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  sectionHead: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1 },
  table: { tableLayout: 'auto' },
  swatch: {
    display: 'inline-block',
    width: '12px',
    height: '12px',
    borderRadius: '3px',
    marginRight: tokens.spacingHorizontalS,
    verticalAlign: '-1px',
    flexShrink: 0,
  },
  name: { display: 'flex', alignItems: 'center', fontWeight: tokens.fontWeightSemibold },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  num: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  warnNum: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, justifyContent: 'flex-end' },
  store: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    alignItems: 'start',
  },
  figure: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  figureLabel: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  figureValue: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  dropped: { color: tokens.colorPaletteRedForeground1 },
  capacity: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start' },
  capacityInput: { width: '110px' },
  start: { alignSelf: 'flex-start' },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalM} 0` },
});

function address(v: SourceView): string {
  return v.spec.kind === 'tcp' ? `${v.spec.host}:${v.spec.port}` : v.spec.path;
}

/** The Logs area's home: the sources and their live state, the store's figures, the viewer and trace levels. */
export function LogsHome() {
  const styles = useStyles();
  const queryClient = useQueryClient();
  useLogsLive();
  const sources = useLogSources();
  const user = useAuthStatus().data?.user;
  const writable = canWrite(user?.permissions, 'logs');
  // Sources and the allowed folders are installation-wide: only a host administrator changes them (main refuses
  // others).
  const sourcesEditable = writable && !!user?.hostAdmin;
  const [folders, setFolders] = useState(false);
  const [editing, setEditing] = useState<{ form: SourceForm; isNew: boolean; autoColour?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [capacity, setCapacity] = useState<string | null>(null);
  const [capacityError, setCapacityError] = useState<string | undefined>();

  const doc = sources.data;
  const version = doc?.version ?? 0;

  const run = async <T,>(
    p: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>,
    apply: (v: T) => void,
  ) => {
    setError(null);
    const env = await p;
    if (env.ok) apply(env.value);
    else {
      setError(env.error.message);
      if (env.error.code === 'CONFLICT') void sources.refetch();
    }
  };

  const toggle = (v: SourceView, enabled: boolean) =>
    void run(ccm.logs.saveSource({ expectedVersion: version, source: { ...v.spec, enabled } }), (d) =>
      applySources(queryClient, d),
    );
  const remove = async (v: SourceView) => {
    const ok = await confirm({
      title: `Remove ${v.spec.name}?`,
      body: `The console stops reading the source "${v.spec.name}". Its lines already received stay in the store.`,
      danger: true,
      confirmLabel: 'Remove',
      testId: 'logs-remove-dialog',
      confirmTestId: 'logs-remove-confirm',
      cancelTestId: 'logs-remove-cancel',
    });
    if (!ok) return;
    void run(ccm.logs.removeSource({ expectedVersion: version, id: v.spec.id }), (d) => applySources(queryClient, d));
  };
  const clear = async () => {
    const ok = await confirm({
      title: 'Clear the store?',
      body: <ClearStoreText />,
      danger: true,
      confirmLabel: 'Clear',
      testId: 'logs-clear-dialog',
      confirmTestId: 'logs-clear-confirm',
    });
    if (!ok) return;
    void run(ccm.logs.clear({}), (s) => applyStats(queryClient, s));
  };
  const applyCapacity = () => {
    const typed = (capacity ?? '').trim();
    const parsed = logsService.methods.setCapacity.args.safeParse({
      megabytes: /^\d+$/.test(typed) ? Number(typed) : Number.NaN,
    });
    if (!parsed.success) {
      setCapacityError(
        parsed.error.issues[0]?.code === 'invalid_type'
          ? 'Enter a whole number of MB (1–4096).'
          : `Capacity: ${parsed.error.issues[0]?.message}`,
      );
      return;
    }
    setCapacityError(undefined);
    void run(ccm.logs.setCapacity(parsed.data), (s) => {
      applyStats(queryClient, s);
      setCapacity(null);
    });
  };
  const add = (kind: 'tcp' | 'file') => setEditing({ form: newSourceForm(kind, crypto.randomUUID()), isNew: true });

  const stats = doc?.stats;
  const capacityMb = stats ? Math.round(stats.capacityBytes / (1024 * 1024)) : 0;

  return (
    <Page
      wide
      title="Logs"
      help="registry-keys"
      subtitle={
        'Live SocketManager trace logs from the servers and followed log files, merged into one store in ' +
        'this console.'
      }
      actions={
        <>
          <Button
            appearance="primary"
            icon={<WindowNew20Regular />}
            data-testid="logs-open-viewer"
            onClick={() => openLogViewer()}
          >
            Open viewer
          </Button>
          <Button icon={<Options20Regular />} data-testid="logs-open-trace" onClick={openTraceLevels}>
            Trace levels
          </Button>
        </>
      }
    >
      {error && (
        <MessageBar intent="error" data-testid="logs-error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.sectionHead}>
        <h3 className={styles.section}>Sources</h3>
        <span className={styles.grow} />
        <Button
          appearance="subtle"
          icon={<FolderOpen20Regular />}
          data-testid="logs-open-folders"
          onClick={() => setFolders(true)}
        >
          Allowed folders
        </Button>
        {sourcesEditable && (
          <>
            <Button icon={<Add20Regular />} data-testid="logs-add-tcp" onClick={() => add('tcp')}>
              Add TCP source…
            </Button>
            <Button icon={<DocumentAdd20Regular />} data-testid="logs-add-file" onClick={() => add('file')}>
              Follow a file…
            </Button>
          </>
        )}
      </div>
      {writable && !sourcesEditable && (
        <MessageBar intent="info" data-testid="logs-sources-readonly">
          <MessageBarBody>
            Log sources are installation-wide settings: only a host administrator adds, changes or removes them. You can
            watch every source.
          </MessageBarBody>
        </MessageBar>
      )}
      {!doc ? (
        <QueryState isPending={sources.isPending} error={sources.error} what="the log sources" />
      ) : doc.sources.length === 0 ? (
        <Text className={styles.empty} data-testid="logs-no-sources">
          No source yet. Add a server’s log stream (host and port) or follow a log file such as UserSync.csv.
        </Text>
      ) : (
        <Table size="small" className={styles.table} aria-label="Log sources" data-testid="logs-sources">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Host:port or file</TableHeaderCell>
              <TableHeaderCell>Component</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
              <TableHeaderCell className={styles.num}>Lines</TableHeaderCell>
              <TableHeaderCell className={styles.num}>
                <Tooltip content="Lines longer than the limit, cut" relationship="description">
                  <span>Cut</span>
                </Tooltip>
              </TableHeaderCell>
              <TableHeaderCell className={styles.num}>
                <Tooltip content="Lines with invalid UTF-8, repaired with U+FFFD" relationship="description">
                  <span>Invalid UTF-8</span>
                </Tooltip>
              </TableHeaderCell>
              <TableHeaderCell aria-label="Actions" />
            </TableRow>
          </TableHeader>
          <TableBody>
            {doc.sources.map((v) => (
              <TableRow key={v.spec.id} data-testid={`logs-source-${v.spec.id}`} data-name={v.spec.name}>
                <TableCell>
                  <span className={styles.name}>
                    <span className={styles.swatch} style={{ backgroundColor: v.colour }} aria-hidden="true" />
                    {v.spec.name}
                  </span>
                </TableCell>
                <TableCell className={styles.mono}>{address(v)}</TableCell>
                <TableCell>{v.spec.component || <span className={styles.muted}>—</span>}</TableCell>
                <TableCell>
                  <SourceStateCell state={v.state} testId={`logs-state-${v.spec.id}`} />
                </TableCell>
                <TableCell className={styles.num}>{formatCount(v.state.lines)}</TableCell>
                <TableCell className={v.state.cutLines > 0 ? `${styles.num} ${styles.warnNum}` : styles.num}>
                  {formatCount(v.state.cutLines)}
                </TableCell>
                <TableCell className={v.state.invalidUtf8Lines > 0 ? `${styles.num} ${styles.warnNum}` : styles.num}>
                  {formatCount(v.state.invalidUtf8Lines)}
                </TableCell>
                <TableCell>
                  <div className={styles.actions}>
                    {sourcesEditable && (
                      <Switch
                        checked={v.spec.enabled}
                        aria-label={`${v.spec.enabled ? 'Disable' : 'Enable'} ${v.spec.name}`}
                        data-testid={`logs-enable-${v.spec.id}`}
                        onChange={(_, d) => toggle(v, d.checked)}
                      />
                    )}
                    <Tooltip content="Open a viewer on this source" relationship="label">
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<TextBulletListSquare16Regular />}
                        data-testid={`logs-view-${v.spec.id}`}
                        onClick={() => openLogViewer({ sourceIds: [v.spec.id], title: v.spec.name })}
                      />
                    </Tooltip>
                    {sourcesEditable && (
                      <>
                        <Tooltip content="Edit" relationship="label">
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<Edit16Regular />}
                            data-testid={`logs-edit-${v.spec.id}`}
                            onClick={() =>
                              setEditing({ form: toSourceForm(v.spec), isNew: false, autoColour: v.colour })
                            }
                          />
                        </Tooltip>
                        <Tooltip content="Remove" relationship="label">
                          <Button
                            size="small"
                            appearance="subtle"
                            icon={<Delete16Regular />}
                            data-testid={`logs-remove-${v.spec.id}`}
                            onClick={() => void remove(v)}
                          />
                        </Tooltip>
                      </>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}

      <div className={styles.sectionHead}>
        <h3 className={styles.section}>Store</h3>
      </div>
      {stats && (
        <div className={styles.store} data-testid="logs-store">
          <div className={styles.figure}>
            <span className={styles.figureLabel}>Lines kept</span>
            <span className={styles.figureValue} data-testid="logs-store-lines">
              {formatCount(stats.lines)}
            </span>
          </div>
          <div className={styles.figure}>
            <span className={styles.figureLabel}>Memory used</span>
            <span className={styles.figureValue} data-testid="logs-store-bytes">
              {formatBytes(stats.bytes)} <Text className={styles.muted}>of {formatBytes(stats.capacityBytes)}</Text>
            </span>
            <ProgressBar
              value={stats.capacityBytes > 0 ? Math.min(1, stats.bytes / stats.capacityBytes) : 0}
              thickness="large"
            />
          </div>
          <div className={styles.figure}>
            <span className={styles.figureLabel}>Dropped (store full, oldest first)</span>
            {stats.dropped > 0 ? (
              <span className={`${styles.figureValue} ${styles.dropped}`} data-testid="logs-store-dropped">
                {formatCount(stats.dropped)}{' '}
                <Badge color="danger" appearance="tint">
                  lines lost
                </Badge>
              </span>
            ) : (
              <span className={styles.figureValue} data-testid="logs-store-dropped">
                0
              </span>
            )}
          </div>
          {writable && (
            <div className={styles.figure}>
              <Field
                label="Capacity (MB)"
                validationState={capacityError ? 'error' : 'none'}
                validationMessage={fieldMessage(capacityError, 'logs-capacity-error')}
              >
                <div className={styles.capacity}>
                  <Input
                    className={styles.capacityInput}
                    value={capacity ?? String(capacityMb)}
                    inputMode="numeric"
                    data-testid="logs-capacity"
                    onChange={(_, d) => setCapacity(d.value)}
                    onKeyDown={(e) => e.key === 'Enter' && applyCapacity()}
                  />
                  <Button disabled={capacity === null} data-testid="logs-capacity-apply" onClick={applyCapacity}>
                    Apply
                  </Button>
                </div>
              </Field>
              <Button
                appearance="subtle"
                className={styles.start}
                icon={<Delete20Regular />}
                data-testid="logs-clear"
                onClick={() => void clear()}
              >
                Clear the store…
              </Button>
            </div>
          )}
        </div>
      )}

      <AllowedFoldersDialog open={folders} editable={sourcesEditable} onClose={() => setFolders(false)} />
      <SourceDialog
        initial={editing?.form ?? null}
        isNew={editing?.isNew ?? false}
        version={version}
        autoColour={editing?.autoColour}
        onClose={() => setEditing(null)}
      />
    </Page>
  );
}

/** What Clear removes, counted live (lines keep arriving while the question is open). */
function ClearStoreText() {
  const lines = useLogSources().data?.stats.lines;
  return (
    <Text data-testid="logs-clear-dialog-body">
      {`${lines === undefined ? 'Every line' : `All ${formatCount(lines)} ${lines === 1 ? 'line' : 'lines'}`} ` +
        `received so far ${lines === 1 ? 'is' : 'are'} removed from this console, for every viewer. Sources keep ` +
        `running.`}
    </Text>
  );
}
