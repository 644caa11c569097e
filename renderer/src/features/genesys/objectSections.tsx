import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Field, makeStyles, MessageBar, MessageBarBody, Text, tokens } from '@fluentui/react-components';
import type { SyncKind } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canRead } from '../../data/permissions';
import { useAuthStatus } from '../../data/queries';
import { useDbTables } from '../../ui/kit/dbChanged';
import type { ObjectExtensions, ObjectGridColumn, ObjectPageSection } from '../../ui/kit/objectExtensions';
import { QueryState } from '../../ui/QueryState';
import { useDateFormat } from '../../ui/useDateFormat';
import { genesysKeys, genesysTables, useProfiles, useRecords } from './data';
import { StatusBadge } from './RecordsPage';

/**
 * Whether the tenant's Genesys Cloud integration is configured and enabled, for a user who may
 * read it: the sections and the column below are hidden otherwise.
 */
function useGenesysShown(): boolean {
  const readable = canRead(useAuthStatus().data?.user?.permissions, 'genesys');
  const q = useQuery({
    queryKey: genesysKeys.enabled,
    queryFn: async () => {
      const doc = await unwrap(ccm.genesys.get({}));
      return doc?.config.enabled === true;
    },
    enabled: readable,
  });
  useDbTables(readable ? genesysTables : null);
  return readable && q.data === true;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
  },
  value: { overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/** One object's Genesys Cloud status: Status, Last Synchronized, the API's error text. */
function RecordStatus({ kind, objectId, what }: { kind: SyncKind; objectId: number; what: string }) {
  const s = useStyles();
  const fmt = useDateFormat();
  const q = useQuery({
    queryKey: [...genesysKeys.records(kind), objectId],
    queryFn: () => unwrap(ccm.genesys.records({ kind, objectId })),
  });
  if (!q.data)
    return <QueryState isPending={q.isPending} error={q.error} what={`the ${what}’s synchronization status`} />;
  const r = q.data.find((x) => x.objectId === objectId);
  return (
    <>
      <div className={s.grid}>
        <Field label="Status">
          <span data-testid="genesys-object-status">
            <StatusBadge status={r?.status ?? 'Not synced'} />
          </span>
        </Field>
        <Field label="Last Synchronized">
          <Text data-testid="genesys-object-last">{r?.lastSynchronized ? fmt(r.lastSynchronized) : 'Never'}</Text>
        </Field>
      </div>
      {r?.message && (
        <MessageBar intent={r.status === 'Error' ? 'error' : 'info'} layout="multiline">
          <MessageBarBody data-testid="genesys-object-message">{r.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** User Properties › Genesys Cloud: the user's status and what synchronizes (Business Email, Display Name). */
function UserGenesysPage({ objectId }: { objectId: number }) {
  const s = useStyles();
  const profiles = useProfiles();
  const p = profiles.data?.find((x) => x.userId === objectId);
  return (
    <section className={s.root} aria-label="Genesys Cloud" data-testid="genesys-user-section">
      <RecordStatus kind="user" objectId={objectId} what="user" />
      <div className={s.grid}>
        <Field label="Business Email">
          <Text className={s.value} data-testid="genesys-object-email">
            {p?.businessEmail || '—'}
          </Text>
        </Field>
        <Field label="Display Name">
          <Text className={s.value} data-testid="genesys-object-displayName">
            {p ? p.displayName || p.logonId : '—'}
          </Text>
        </Field>
      </div>
      <Text className={s.hint}>
        The SCIM user name in Genesys Cloud is the Business Email; a user without one is not synchronized. Change both
        in Genesys Cloud › Synchronization Status.
      </Text>
    </section>
  );
}

const userSection: ObjectPageSection = {
  id: 'genesys',
  object: 'user',
  label: 'Genesys Cloud',
  useShown: useGenesysShown,
  View: UserGenesysPage,
};

const userColumn: ObjectGridColumn = {
  id: 'genesys',
  object: 'user',
  label: 'Genesys Status',
  width: '105px',
  useShown: useGenesysShown,
  useCells: (shown) => {
    const q = useRecords('user', shown);
    // One function per answer, so the grid's rows redraw only when the status changed.
    return useMemo(() => {
      const byId = new Map((q.data ?? []).map((r) => [r.objectId, r]));
      return (id: number) => {
        const r = byId.get(id);
        return r ? (
          <span title={r.message ?? undefined} data-testid="users-genesys-status">
            <StatusBadge status={r.status} />
          </span>
        ) : null;
      };
    }, [q.data]);
  },
};

/**
 * What the Genesys Cloud feature adds to other features' objects. Agent groups, skills and
 * wrap-up codes have no page of their own in the console: their status is in Synchronization
 * Status and Wrap-up Codes of this area.
 */
export const genesysObjects: ObjectExtensions = { sections: [userSection], columns: [userColumn] };
