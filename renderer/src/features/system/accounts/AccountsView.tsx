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
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular, LockClosed20Regular, LockOpen16Regular } from '@fluentui/react-icons';
import type { CcmErrorShape, UserRow } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { refreshAfterChange } from '../../../data/invalidate';
import { canWrite } from '../../../data/permissions';
import { useAuthStatus } from '../../../data/queries';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useDateFormat } from '../../../ui/useDateFormat';
import { LockUserDialog } from './LockUserDialog';

const useStyles = makeStyles({
  table: { tableLayout: 'auto' },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  muted: { color: tokens.colorNeutralForeground3 },
  bars: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

export const LOCK_REASONS: Record<NonNullable<UserRow['lockReason']>, string> = {
  'failed-attempts': 'Failed logon attempts',
  manual: 'Locked manually',
};

/** System › Accounts: the working tenant's locked accounts — why, when, from where — and Unlock / Lock. */
export function AccountsView() {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const formatDate = useDateFormat();
  const status = useAuthStatus().data;
  const tenantId = status?.tenant?.id ?? 0;
  const writable = canWrite(status?.user?.permissions, 'users');
  const locked = useQuery({
    queryKey: queryKeys.lockedUsers(tenantId),
    queryFn: () => unwrap(ccm.users.page({ locked: true, limit: 1000, sort: 'logonId' })),
    enabled: tenantId > 0,
  });
  const [confirm, setConfirm] = useState<UserRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [locking, setLocking] = useState(false);

  const unlock = async (row: UserRow) => {
    setConfirm(null);
    setBusy(true);
    setError(null);
    setDone(null);
    const env = await ccm.users.unlock({ id: row.id, expectedVersion: row.version }).finally(() => setBusy(false));
    refreshAfterChange(queryClient, 'cc_user');
    if (env.ok) setDone(`${row.logonId} is unlocked.`);
    else setError(env.error);
  };

  const rows = locked.data?.rows ?? [];
  return (
    <Page
      title="Accounts"
      subtitle={`Locked accounts in tenant “${status?.tenant?.name ?? ''}”: after failed logon attempts, or by an administrator.`}
      actions={
        <>
          {writable && (
            <Button icon={<LockClosed20Regular />} data-testid="accounts-lock-user" onClick={() => setLocking(true)}>
              Lock a user…
            </Button>
          )}
          <Button
            icon={<ArrowClockwise20Regular />}
            data-testid="accounts-refresh"
            onClick={() => void locked.refetch()}
          >
            Refresh
          </Button>
        </>
      }
    >
      <div className={styles.bars}>
        {error && (
          <MessageBar intent="error" layout="multiline" data-testid="accounts-error">
            <MessageBarBody>
              <MessageBarTitle>
                {error.code === 'FORBIDDEN'
                  ? 'Not allowed'
                  : error.code === 'CONFLICT'
                    ? 'Changed by someone else'
                    : 'Not done'}
              </MessageBarTitle>
              {error.message}
            </MessageBarBody>
          </MessageBar>
        )}
        {done && (
          <MessageBar intent="success" data-testid="accounts-done">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {!locked.data ? (
        <QueryState isPending={locked.isPending} error={locked.error} what="the locked accounts" />
      ) : rows.length === 0 ? (
        <Text className={styles.muted} data-testid="accounts-none">
          No account is locked.
        </Text>
      ) : (
        <Table size="small" className={styles.table} aria-label="Locked accounts" data-testid="accounts-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Logon ID</TableHeaderCell>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Agent group</TableHeaderCell>
              <TableHeaderCell>Lock reason</TableHeaderCell>
              <TableHeaderCell>Locked at</TableHeaderCell>
              <TableHeaderCell>Host / address</TableHeaderCell>
              {writable && <TableHeaderCell aria-label="Actions" />}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id} data-testid={`account-${r.logonId}`}>
                <TableCell>{r.logonId}</TableCell>
                <TableCell>
                  {r.firstName} {r.lastName}
                </TableCell>
                <TableCell>{r.agentGroup}</TableCell>
                <TableCell>{r.lockReason ? LOCK_REASONS[r.lockReason] : '—'}</TableCell>
                <TableCell>{formatDate(r.lockedAt) || '—'}</TableCell>
                <TableCell className={styles.mono}>{r.lockedByHost ?? '—'}</TableCell>
                {writable && (
                  <TableCell>
                    <Button
                      size="small"
                      icon={<LockOpen16Regular />}
                      disabled={busy}
                      data-testid={`unlock-${r.logonId}`}
                      onClick={() => setConfirm(r)}
                    >
                      Unlock
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {locked.data && (
        <Text className={styles.muted} size={200}>
          {locked.data.total === 1 ? '1 locked account' : `${locked.data.total} locked accounts`}
        </Text>
      )}
      <Dialog open={confirm !== null} modalType="alert" onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface data-testid="unlock-dialog">
          <DialogBody>
            <DialogTitle>Unlock {confirm?.logonId}?</DialogTitle>
            <DialogContent>
              {confirm?.firstName} {confirm?.lastName} can log on again; the failed logon attempts are reset.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" data-testid="unlock-confirm" onClick={() => confirm && void unlock(confirm)}>
                Unlock
              </Button>
              <Button data-testid="unlock-cancel" onClick={() => setConfirm(null)}>
                Cancel
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <LockUserDialog open={locking} tenantId={tenantId} onClose={() => setLocking(false)} />
    </Page>
  );
}
