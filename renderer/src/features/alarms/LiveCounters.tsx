import { makeStyles, Text, tokens, Tooltip } from '@fluentui/react-components';
import { DROP_LABEL, useAlarmStatus } from './data';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    flexWrap: 'wrap',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  num: { fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  chart: { display: 'block' },
});

const n = (x: number) => x.toLocaleString();

/**
 * Listener state, received / stored / dropped (by reason) and a 2-minute rate chart; updated by alarms.stats twice a
 * second at most.
 */
export function LiveCounters({ compact = false }: { compact?: boolean }) {
  const styles = useStyles();
  const s = useAlarmStatus().data;
  if (!s) return null;
  const c = s.counters;
  const drops = Object.entries(c.dropped).filter(([, v]) => v > 0);
  const dropTotal = drops.reduce((a, [k, v]) => a + (k === 'ignored' ? 0 : v), 0);
  const rate = c.rate.length ? c.rate : [0];
  const max = Math.max(10, ...rate);
  const W = 140;
  const H = 28;
  const points = rate
    .map((v, i) => `${(i / Math.max(1, rate.length - 1)) * W},${H - (v / max) * (H - 2) - 1}`)
    .join(' ');
  const state =
    s.state === 'listening'
      ? `Listening on ${s.address}:${s.port}${s.demo ? ' (demo trap source running)' : ''}`
      : s.state === 'disabled'
        ? 'Listener is off (Trap listener settings)'
        : s.state === 'no-database'
          ? 'Not connected to a database'
          : s.state === 'starting'
            ? 'Starting…'
            : 'Listener error';
  return (
    <div className={styles.bar} data-testid="alarms-counters" aria-live="off">
      <Text
        className={s.state === 'error' ? styles.error : undefined}
        data-testid="alarms-listener-state"
        title={s.message ?? undefined}
      >
        {state}
      </Text>
      <Text>
        Received{' '}
        <span className={styles.num} data-testid="alarms-received">
          {n(c.received)}
        </span>
      </Text>
      <Text>
        Stored{' '}
        <span className={styles.num} data-testid="alarms-stored">
          {n(c.stored)}
        </span>
      </Text>
      <Tooltip
        relationship="description"
        content={drops.length ? drops.map(([k, v]) => `${DROP_LABEL[k] ?? k}: ${n(v)}`).join(' · ') : 'Nothing dropped'}
      >
        <Text>
          Dropped{' '}
          <span className={styles.num} data-testid="alarms-dropped">
            {n(dropTotal)}
          </span>
          {drops.length > 0 && !compact && (
            <span className={styles.muted}> ({drops.map(([k, v]) => `${DROP_LABEL[k] ?? k} ${n(v)}`).join(', ')})</span>
          )}
        </Text>
      </Tooltip>
      {!compact && (
        <svg
          width={W}
          height={H}
          className={styles.chart}
          role="img"
          aria-label={`Traps per second, last ${rate.length} seconds; now ${rate[rate.length - 1]}`}
        >
          <rect x={0} y={0} width={W} height={H} fill="transparent" stroke={tokens.colorNeutralStroke2} />
          <polyline points={points} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={1.5} />
        </svg>
      )}
      <Text className={styles.muted}>{n(rate[rate.length - 1] ?? 0)}/s</Text>
      {s.state === 'error' && s.message && (
        <Text className={styles.error} data-testid="alarms-listener-error">
          {s.message}
        </Text>
      )}
      {s.state === 'listening' && s.message && <Text className={styles.muted}>{s.message}</Text>}
    </div>
  );
}
