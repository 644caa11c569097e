import {
  makeStyles,
  mergeClasses,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { useLaunchOptions } from '../../../data/queries';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { launchOptionRows } from './rows';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  flag: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  notGiven: { color: tokens.colorNeutralForeground4 },
  given: { fontWeight: tokens.fontWeightSemibold },
  section: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  switches: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
  muted: { margin: 0, color: tokens.colorNeutralForeground3 },
});

/** The parsed command line, read-only. The password is only ever "given" or "not given". */
export function LaunchOptionsView() {
  const styles = useStyles();
  const query = useLaunchOptions();
  const lo = query.data;
  return (
    <Page
      title="Launch options"
      help="command-line"
      subtitle="The command-line flags the console was started with. Change them by starting the console again."
    >
      {!lo ? (
        <QueryState isPending={query.isPending} error={query.error} what="the launch options" />
      ) : (
        <>
          <Table
            size="small"
            className={styles.table}
            aria-label="Command-line flags"
            data-testid="launch-options-table"
          >
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Flag</TableHeaderCell>
                <TableHeaderCell>Meaning</TableHeaderCell>
                <TableHeaderCell>Value</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {launchOptionRows(lo).map((row) => (
                <TableRow key={row.flag} data-testid={`launch-${row.flag.slice(1).split(':')[0]}`}>
                  <TableCell className={styles.flag}>{row.flag}</TableCell>
                  <TableCell>{row.meaning}</TableCell>
                  <TableCell className={mergeClasses(row.given ? styles.given : styles.notGiven)}>
                    {row.value}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <h3 className={styles.section}>Ignored switches</h3>
          {lo.ignoredSwitches.length === 0 ? (
            <p className={styles.muted} data-testid="launch-ignored">
              None.
            </p>
          ) : (
            <>
              <p className={styles.muted}>Chromium and Electron switches that were passed and ignored:</p>
              <ul className={styles.switches} data-testid="launch-ignored">
                {lo.ignoredSwitches.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Page>
  );
}
