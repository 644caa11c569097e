import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ObjectTagUsage } from '../../../../electron/contract';
import { QueryState } from '../../ui/QueryState';

const useStyles = makeStyles({
  surface: { width: '520px', maxWidth: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, maxHeight: '240px', overflow: 'auto' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * "Delete X?" stating what goes with it (counts and the first names per kind), for an object
 * tag or a dialed number. The delete sends the count the user confirmed; main refuses it if
 * the assignments changed meanwhile, so nothing unseen is removed.
 */
export function ConfirmDeleteDialog(props: {
  open: boolean;
  title: string;
  usageKey: readonly unknown[];
  loadUsage(): Promise<ObjectTagUsage>;
  onDelete(expectedAssignments: number): Promise<string | null>;
  onClose(deleted: boolean): void;
  testId: string;
}) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, d) => !d.open && props.onClose(false)}>
      <DialogSurface className={styles.surface} data-testid={props.testId}>
        {props.open && <Confirm {...props} />}
      </DialogSurface>
    </Dialog>
  );
}

function Confirm(props: Parameters<typeof ConfirmDeleteDialog>[0]) {
  const styles = useStyles();
  const usage = useQuery({ queryKey: props.usageKey, queryFn: props.loadUsage, staleTime: 0, gcTime: 0 });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const u = usage.data;

  const confirm = async () => {
    if (!u) return;
    setBusy(true);
    setError(null);
    const err = await props.onDelete(u.total).finally(() => setBusy(false));
    if (err) {
      setError(err);
      void usage.refetch();
    } else props.onClose(true);
  };

  return (
    <DialogBody>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent className={styles.content}>
        {!u ? (
          <QueryState isPending={usage.isPending} error={usage.error} what="what would be deleted" />
        ) : u.total === 0 ? (
          <Text data-testid={`${props.testId}-summary`}>It is not assigned to anything. This cannot be undone.</Text>
        ) : (
          <>
            <Text data-testid={`${props.testId}-summary`}>
              {`This also removes ${u.total} ${u.total === 1 ? 'assignment' : 'assignments'}, in one transaction:`}
            </Text>
            <ul className={styles.list}>
              {u.groups.map((g) => (
                <li key={g.label}>
                  <Text weight="semibold">{`${g.count} ${g.label}`}</Text>
                  <Text
                    className={styles.muted}
                  >{`: ${g.names.join(', ')}${g.count > g.names.length ? ` and ${g.count - g.names.length} more` : ''}`}</Text>
                </li>
              ))}
            </ul>
            <Text>This cannot be undone.</Text>
          </>
        )}
        {error && (
          <MessageBar intent="error" data-testid={`${props.testId}-error`}>
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          appearance="primary"
          disabled={!u || busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          data-testid={`${props.testId}-confirm`}
          onClick={() => void confirm()}
        >
          Delete
        </Button>
        <Button onClick={() => props.onClose(false)} data-testid={`${props.testId}-cancel`}>
          Cancel
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
