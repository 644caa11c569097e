import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
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
import type { UserRow } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { refreshAfterChange } from '../../../data/invalidate';
import { canWrite } from '../../../data/permissions';
import { useAuthStatus } from '../../../data/queries';
import { Page } from '../../../ui/Page';
import { QueryState } from '../../../ui/QueryState';
import { useDateFormat } from '../../../ui/useDateFormat';
import { confirm, useCommand } from '../../../ui/kit';
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
  const [locking, setLocking] = useState(false);
  const unlockCommand = useCommand((row: UserRow) => ccm.users.unlock({ id: row.id, expectedVersion: row.version }), {
    notice: (_, row) => `${row.logonId} is unlocked.`,
  });
  const { busy, error, notice: done } = unlockCommand;

  const unlock = async (row: UserRow) => {
    const ok = await confirm({
      title: `Unlock ${row.logonId}?`,
      body: `${row.firstName} ${row.lastName} can log on again; the failed logon attempts are reset.`,
      confirmLabel: 'Unlock',
      testId: 'unlock-dialog',
      confirmTestId: 'unlock-confirm',
      cancelTestId: 'unlock-cancel',
    });
    if (!ok) return;
    await unlockCommand.run(row);
    refreshAfterChange(queryClient, 'cc_user');
  };

  const rows = locked.data?.rows ?? [];
  return (
    <Page
      title="Accounts"
      help="password-management"
      subtitle={
        `Locked accounts in tenant “${status?.tenant?.name ?? ''}”: after failed logon attempts, or by an ` +
        `administrator.`
      }
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
                      onClick={() => void unlock(r)}
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
      <LockUserDialog open={locking} tenantId={tenantId} onClose={() => setLocking(false)} />
    </Page>
  );
}
