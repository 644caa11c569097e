import { useQuery, type QueryClient } from '@tanstack/react-query';
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ObjectTagUsage } from '../../../../electron/contract';
import { confirm } from '../../ui/kit';
import { QueryState } from '../../ui/QueryState';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxHeight: '240px', overflow: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
});

interface UsageOptions {
  queryKey: readonly unknown[];
  loadUsage(): Promise<ObjectTagUsage>;
}

/**
 * "Delete X?" stating what goes with it (counts and the first names per kind), for an object
 * tag or a dialed number. The delete sends the count the user saw; main refuses it if the
 * assignments changed meanwhile, so nothing unseen is removed: the dialog then shows the new
 * counts with the refusal, and the user may delete again or cancel.
 * `onDelete` answers main's refusal as text, or null when deleted.
 */
export async function confirmDeleteWithUsage(
  qc: QueryClient,
  o: UsageOptions & {
    title: string;
    onDelete(expectedAssignments: number): Promise<string | null>;
    testId: string;
  },
): Promise<boolean> {
  const usage = { queryKey: o.queryKey, queryFn: o.loadUsage, staleTime: Infinity } as const;
  await qc.prefetchQuery(usage);
  try {
    return await confirm({
      title: o.title,
      body: <UsageSummary {...o} />,
      danger: true,
      confirmLabel: 'Delete',
      testId: o.testId,
      action: async () => {
        const seen: ObjectTagUsage = qc.getQueryData<ObjectTagUsage>(o.queryKey) ?? (await qc.fetchQuery(usage));
        const refused = await o.onDelete(seen.total);
        if (refused) {
          await qc.refetchQueries({ queryKey: o.queryKey, exact: true });
          throw new Error(refused);
        }
      },
    });
  } finally {
    qc.removeQueries({ queryKey: o.queryKey, exact: true });
  }
}

function UsageSummary(props: UsageOptions & { testId: string }) {
  const styles = useStyles();
  const usage = useQuery({ queryKey: props.queryKey, queryFn: props.loadUsage, staleTime: Infinity });
  const u = usage.data;
  if (!u) return <QueryState isPending={usage.isPending} error={usage.error} what="what would be deleted" />;
  if (u.total === 0)
    return <Text data-testid={`${props.testId}-summary`}>It is not assigned to anything. This cannot be undone.</Text>;
  return (
    <div className={styles.content}>
      <Text data-testid={`${props.testId}-summary`}>
        {`This also removes ${u.total} ${u.total === 1 ? 'assignment' : 'assignments'}, in one transaction:`}
      </Text>
      <ul className={styles.list}>
        {u.groups.map((g) => (
          <li key={g.label}>
            <Text weight="semibold">{`${g.count} ${g.label}`}</Text>
            <Text className={styles.muted}>
              {`: ${g.names.join(', ')}` + (g.count > g.names.length ? ` and ${g.count - g.names.length} more` : '')}
            </Text>
          </li>
        ))}
      </ul>
      <Text>This cannot be undone.</Text>
    </div>
  );
}
