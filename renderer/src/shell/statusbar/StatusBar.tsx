import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ArrowSync12Regular,
  Circle12Filled,
  ErrorCircle16Regular,
  Info16Regular,
  Warning16Regular,
} from '@fluentui/react-icons';
import { transportKind } from '../../api/client';
import { useAppInfo, useAuthStatus } from '../../data/queries';
import { useNotices } from '../../data/notices';
import { useEventConnection } from '../../data/connection';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    height: '24px',
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground3,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
    minWidth: 0,
  },
  cell: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  noticeWrap: { flexGrow: 1, minWidth: 0, display: 'flex', overflow: 'hidden', gap: tokens.spacingHorizontalL },
  notice: { minWidth: 0, overflow: 'hidden' },
  noticeText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  warn: { color: tokens.colorPaletteMarigoldForeground1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  icon: { display: 'flex' },
});

function EventConnection() {
  const styles = useStyles();
  const state = useEventConnection((s) => s.state);
  const text =
    state === 'connected'
      ? 'Events: connected'
      : state === 'reconnecting'
        ? 'Events: reconnecting…'
        : 'Events: connecting…';
  return (
    <span
      className={styles.cell}
      data-testid="status-events"
      title="The browser's live event connection to the console host"
    >
      <span className={mergeClasses(styles.icon, state === 'connected' ? styles.ok : styles.warn)} aria-hidden="true">
        {state === 'connected' ? <Circle12Filled /> : <ArrowSync12Regular />}
      </span>
      {text}
    </span>
  );
}

function LastNotice() {
  const styles = useStyles();
  const last = useNotices((s) => s.last);
  const info = useAppInfo();
  if (info.isError) {
    return (
      <span className={mergeClasses(styles.cell, styles.notice)} data-testid="status-notice">
        <span className={mergeClasses(styles.icon, styles.error)} aria-hidden="true">
          <ErrorCircle16Regular />
        </span>
        <span className={styles.noticeText}>{info.error.message}</span>
      </span>
    );
  }
  if (!last) return <span className={styles.notice} data-testid="status-notice" />;
  const icon =
    last.level === 'error' ? (
      <ErrorCircle16Regular />
    ) : last.level === 'warning' ? (
      <Warning16Regular />
    ) : (
      <Info16Regular />
    );
  const tone = last.level === 'error' ? styles.error : last.level === 'warning' ? styles.warn : undefined;
  return (
    <span
      className={mergeClasses(styles.cell, styles.notice)}
      data-testid="status-notice"
      title={`${last.text} (${new Date(last.at).toLocaleString()})`}
    >
      <span className={mergeClasses(styles.icon, tone)} aria-hidden="true">
        {icon}
      </span>
      <span className={styles.noticeText}>{last.text}</span>
    </span>
  );
}

/**
 * Connected, but the database does not answer (server stopped, file read-only or removed): the cause, until it is back.
 */
function DatabaseUnavailable() {
  const styles = useStyles();
  const cause = useAuthStatus().data?.connection.unavailable;
  if (!cause) return null;
  return (
    <span
      className={mergeClasses(styles.cell, styles.notice)}
      data-testid="status-database"
      title={`Database unavailable: ${cause}`}
    >
      <span className={mergeClasses(styles.icon, styles.error)} aria-hidden="true">
        <ErrorCircle16Regular />
      </span>
      <span className={styles.noticeText}>Database unavailable: {cause}</span>
    </span>
  );
}

/** Run mode, event connection (browser mode), database trouble, the last notice, version. */
export function StatusBar() {
  const styles = useStyles();
  const info = useAppInfo();
  const mode = info.data?.mode ?? (transportKind === 'ipc' ? 'electron' : 'browser');
  return (
    <footer className={styles.bar} data-testid="statusbar">
      <span className={styles.cell} data-testid="status-mode" title={info.data?.browserModeReason}>
        {mode === 'electron' ? 'Electron' : 'Browser mode'}
      </span>
      {mode === 'browser' && <EventConnection />}
      <div role="status" aria-live="polite" className={styles.noticeWrap}>
        <DatabaseUnavailable />
        <LastNotice />
      </div>
      <span className={styles.cell} data-testid="status-version">
        {info.data ? `Version ${info.data.version}` : ''}
      </span>
    </footer>
  );
}
