import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { Tab } from '../../shell/tabs/store';
import { openArea } from '../../areas/openArea';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { SeverityBadge } from './AlarmBrowser';
import { useAlarmDetail } from './data';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** One alarm opened from a link (the alarm e-mails): its details, and the way to the alarm browser. */
export function AlarmLinkView({ tab }: { tab: Tab<{ id: number }> }) {
  const styles = useStyles();
  const fmt = useDateFormat();
  const detail = useAlarmDetail(tab.params.id);
  const a = detail.data?.alarm;
  const rows: [string, React.ReactNode][] = a
    ? [
        ['Severity', <SeverityBadge key="s" severity={a.severity} />],
        ['Source', <span className={styles.mono}>{a.source}</span>],
        ['Name', a.name],
        ['Category', a.category],
        ['Message', a.message],
        ['Occurrences', String(a.count)],
        ['First seen', fmt(a.firstSeen)],
        ['Last seen', fmt(a.lastSeen)],
        ['Acknowledged', a.acknowledged ? `Yes, by ${a.acknowledgedBy ?? '?'} at ${fmt(a.acknowledgedAt)}` : 'No'],
        ['Cleared', a.cleared ? `Yes, by ${a.clearedBy ?? '?'} at ${fmt(a.clearedAt)}` : 'No'],
        ['Notes', a.notes || '—'],
      ]
    : [];
  return (
    <Page
      title={a ? `Alarm: ${a.name || a.trapOid}` : `Alarm ${tab.params.id}`}
      subtitle="The alarm an e-mail linked to."
      actions={
        <Button appearance="primary" data-testid="alarm-link-browser" onClick={() => openArea('alarms')}>
          Open the alarm browser
        </Button>
      }
    >
      <QueryState isPending={detail.isPending} error={detail.error} what="the alarm" />
      {a && (
        <dl className={styles.grid} data-testid="alarm-link-details">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt className={styles.term}>{k}</dt>
              <dd className={styles.value}>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </Page>
  );
}
