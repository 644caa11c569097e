import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
  row: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

/** Read-only name / value pairs. */
export function PropertyList(props: { items: ReadonlyArray<{ name: string; value: ReactNode; testId?: string }> }) {
  const styles = useStyles();
  return (
    <dl className={styles.list}>
      {props.items.map((item) => (
        <div key={item.name} className={styles.row}>
          <dt className={styles.term}>{item.name}</dt>
          <dd className={styles.value} data-testid={item.testId}>
            {item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
