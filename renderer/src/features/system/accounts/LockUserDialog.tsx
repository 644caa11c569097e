import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
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
import { LockClosed16Regular, Search20Regular } from '@fluentui/react-icons';
import type { UserRow } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { refreshAfterChange } from '../../../data/invalidate';
import { useCommand } from '../../../ui/kit';
import { useDebounced } from '../../../ui/useDebounced';

const useStyles = makeStyles({
  surface: { width: '640px', maxWidth: 'calc(100vw - 48px)' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minHeight: '320px',
    '& > *': { flexShrink: 0 },
  },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "Lock a user…": search the working tenant's users (users.page {search}) and lock one. */
export function LockUserDialog(props: { open: boolean; tenantId: number; onClose(): void }) {
  const styles = useStyles();
  return (
    <Dialog open={props.open} modalType="modal" onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface className={styles.surface} data-testid="lock-dialog">
        {props.open && <LockUser tenantId={props.tenantId} onClose={props.onClose} />}
      </DialogSurface>
    </Dialog>
  );
}

function LockUser(props: { tenantId: number; onClose(): void }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const lockCommand = useCommand((row: UserRow) => ccm.users.lock({ id: row.id, expectedVersion: row.version }), {
    notice: (_, row) => `${row.logonId} is locked.`,
  });
  const { error, notice: done } = lockCommand;
  const [lockingId, setLockingId] = useState<number | null>(null);
  const busy = lockCommand.busy ? lockingId : null;
  const found = useQuery({
    queryKey: queryKeys.userSearch(props.tenantId, term),
    queryFn: () => unwrap(ccm.users.page({ search: term, limit: 20, sort: 'logonId' })),
    enabled: term.length > 0,
  });

  const lock = async (row: UserRow) => {
    setLockingId(row.id);
    await lockCommand.run(row);
    refreshAfterChange(queryClient, 'cc_user');
  };

  return (
    <DialogBody>
      <DialogTitle>Lock a user</DialogTitle>
      <DialogContent className={styles.content}>
        <Field label="Find a user" hint="Logon ID, name, External Logon ID or directory number.">
          <Input
            value={search}
            autoFocus
            contentBefore={<Search20Regular />}
            data-testid="lock-search"
            onChange={(_, d) => setSearch(d.value)}
          />
        </Field>
        {error && (
          <MessageBar intent="error" layout="multiline" data-testid="lock-error">
            <MessageBarBody>{error.message}</MessageBarBody>
          </MessageBar>
        )}
        {done && (
          <MessageBar intent="success" data-testid="lock-done">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
        {term === '' ? (
          <Text className={styles.muted}>Type to search.</Text>
        ) : found.isPending ? (
          <Spinner size="tiny" label="Searching…" labelPosition="after" />
        ) : found.error ? (
          <MessageBar intent="error">
            <MessageBarBody>{found.error.message}</MessageBarBody>
          </MessageBar>
        ) : found.data.rows.length === 0 ? (
          <Text className={styles.muted}>No user matches “{term}”.</Text>
        ) : (
          <Table size="small" aria-label="Users found" data-testid="lock-results">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Logon ID</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Agent group</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {found.data.rows.map((r) => (
                <TableRow key={r.id} data-testid={`lock-row-${r.logonId}`}>
                  <TableCell>{r.logonId}</TableCell>
                  <TableCell>
                    {r.firstName} {r.lastName}
                  </TableCell>
                  <TableCell>{r.agentGroup}</TableCell>
                  <TableCell>
                    {r.locked ? (
                      <Text className={styles.muted}>Locked</Text>
                    ) : (
                      <Button
                        size="small"
                        icon={<LockClosed16Regular />}
                        disabled={busy !== null}
                        data-testid={`lock-${r.logonId}`}
                        onClick={() => void lock(r)}
                      >
                        Lock
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {found.data && found.data.total > found.data.rows.length && (
          <Text className={styles.muted} size={200}>
            Showing {found.data.rows.length} of {found.data.total}. Type more to narrow the search.
          </Text>
        )}
      </DialogContent>
      <DialogActions>
        <Button data-testid="lock-close" onClick={props.onClose}>
          Close
        </Button>
      </DialogActions>
    </DialogBody>
  );
}
