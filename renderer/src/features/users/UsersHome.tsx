import { useCallback, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Field,
  Input,
  makeStyles,
  Menu,
  MenuDivider,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  Add20Regular,
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  ArrowSync20Regular,
  ChevronDown16Regular,
  Copy20Regular,
  Delete20Regular,
  Dismiss16Regular,
  Search20Regular,
} from '@fluentui/react-icons';
import type { UserBulkAction, UserDoc, UserFilter, UserRow, UserSort } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { canWrite } from '../../data/permissions';
import { refreshAfterChange } from '../../data/invalidate';
import { useAuthStatus } from '../../data/queries';
import type { Tab } from '../../shell/tabs/store';
import { downloadBlob } from '../../ui/download';
import { confirm, useCommand } from '../../ui/kit';
import { useDebounced } from '../../ui/useDebounced';
import { BULK_TEXT, BulkDialog, plural, type BulkKind, type TargetKind } from './BulkDialog';
import { openUserSyncTab } from '../userSync';
import { DeletionSettings } from './DeletionSettings';
import { ImportDialog } from './ImportDialog';
import { NewUserDialog } from './NewUserDialog';
import { openUserTab } from './openUserTab';
import { EMPTY_SELECTION, selectedCount, toContractSelection, type Selection } from './selection';
import { UsersGrid } from './UsersGrid';
import { useUserLookups, type GridQuery } from './usersData';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    height: '100%',
    boxSizing: 'border-box',
    minHeight: 0,
  },
  head: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  headText: { flexGrow: 1, display: 'flex', flexDirection: 'column' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { margin: 0, color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', justifyContent: 'flex-end' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'flex-end' },
  search: { width: '260px' },
  small: { width: '150px' },
  status: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    alignItems: 'center',
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    minHeight: '24px',
  },
});

type Filters = {
  search: string;
  agentGroupId: string;
  userTypeId: string;
  locked: string;
  synchronized: string;
  deleted: 'hide' | 'only' | 'include';
};
const NO_FILTERS: Filters = {
  search: '',
  agentGroupId: '',
  userTypeId: '',
  locked: '',
  synchronized: '',
  deleted: 'hide',
};

function toFilter(f: Filters, search: string): UserFilter {
  return {
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(f.agentGroupId ? { agentGroupId: Number(f.agentGroupId) } : {}),
    ...(f.userTypeId ? { userTypeId: Number(f.userTypeId) } : {}),
    ...(f.locked ? { locked: f.locked === 'yes' } : {}),
    ...(f.synchronized ? { synchronized: f.synchronized === 'yes' } : {}),
    deleted: f.deleted,
  };
}

type Notice = { intent: 'success' | 'error' | 'info'; text: string };
type UserBulkArgs = Parameters<typeof ccm.users.bulk>[0];

/**
 * Users (home tab): the tenant's users in a virtualized grid, with filters, bulk actions, CSV and the User Deletion
 * settings.
 */
export function UsersHome(_props: { tab: Tab }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const writable = canWrite(useAuthStatus().data?.user?.permissions, 'users');
  const lookups = useUserLookups();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const search = useDebounced(filters.search, 250);
  const [sort, setSort] = useState<{ sort: UserSort; direction: 'asc' | 'desc' }>({
    sort: 'logonId',
    direction: 'asc',
  });
  const filter = useMemo(() => toFilter(filters, search), [filters, search]);
  const query: GridQuery = useMemo(() => ({ ...filter, ...sort }), [filter, sort]);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [total, setTotal] = useState<number | null>(null);
  /** The move / change-user-type dialog (it collects the target); the other bulk actions ask with confirm(). */
  const [bulk, setBulk] = useState<{
    kind: TargetKind;
    count: number | null;
    error: string | null;
  } | null>(null);
  const [newUser, setNewUser] = useState<{ source: UserDoc | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [exporting, setExporting] = useState(false);

  const count = selectedCount(selection, total ?? 0);
  const setFilter = <K extends keyof Filters>(k: K, v: Filters[K]) => {
    setFilters((f) => ({ ...f, [k]: v }));
    setSelection(EMPTY_SELECTION);
  };
  const onSort = useCallback(
    (s: UserSort) =>
      setSort((cur) => ({ sort: s, direction: cur.sort === s && cur.direction === 'asc' ? 'desc' : 'asc' })),
    [],
  );
  const onOpen = useCallback((row: UserRow) => openUserTab(row.id, row.logonId), []);
  const onTotal = useCallback((n: number | null) => setTotal(n), []);

  const bulkCommand = useCommand((vars: UserBulkArgs) => ccm.users.bulk(vars), {
    onSuccess: (r, vars) => {
      setBulk(null);
      setSelection(EMPTY_SELECTION);
      refreshAfterChange(queryClient, 'cc_user');
      const detail =
        vars.action.kind === 'delete'
          ? `${plural(r.affected)} deleted (${r.hardDeleted.toLocaleString()} for good, ` +
            `${r.softDeleted.toLocaleString()} synchronized kept as deleted).`
          : `${plural(r.affected)} changed.`;
      setNotice({ intent: 'success', text: detail });
    },
  });
  /** Lock / unlock / delete / undelete: a confirmation naming the count main answers now, then one transaction. */
  const confirmBulk = async (kind: Exclude<BulkKind, TargetKind>, sel: UserBulkArgs['selection']) => {
    let n: number;
    if ('ids' in sel) n = sel.ids.length;
    else {
      // "all matching" is counted by main at this moment (the grid's total may be a moment old)
      const env = await ccm.users.count({ selection: sel });
      if (!env.ok) return setNotice({ intent: 'error', text: env.error.message });
      n = env.value.count;
    }
    if (n === 0) return setNotice({ intent: 'info', text: 'No users match: nothing was changed.' });
    const t = BULK_TEXT[kind];
    await confirm({
      title: t.title(plural(n)),
      body: (
        <span data-testid="users-bulk-count">
          {t.verb} <strong>{plural(n)}</strong> in one step: all of them or, if one is refused, none. {t.what}
        </span>
      ),
      danger: !!t.destructive,
      confirmLabel: `${t.verb} ${plural(n)}`,
      testId: 'users-bulk-dialog',
      confirmTestId: 'users-bulk-confirm',
      action: () => bulkCommand.runOrThrow({ selection: sel, action: { kind } }),
    });
  };
  const startBulk = (kind: BulkKind) => {
    const sel = toContractSelection(selection, filter);
    if (!sel || !writable) return;
    bulkCommand.reset();
    if (kind !== 'moveToAgentGroup' && kind !== 'changeUserType') return void confirmBulk(kind, sel);
    setBulk({ kind, count: 'ids' in sel ? sel.ids.length : null, error: null });
    if (!('ids' in sel)) {
      void unwrap(ccm.users.count({ selection: sel })).then(
        (r) => setBulk((b) => (b ? { ...b, count: r.count } : b)),
        (err: Error) => setBulk((b) => (b ? { ...b, error: err.message } : b)),
      );
    }
  };
  const runBulk = async (action: UserBulkAction) => {
    const sel = toContractSelection(selection, filter);
    if (!sel || !bulk) return;
    setBulk({ ...bulk, error: null });
    await bulkCommand.run({ selection: sel, action });
  };

  const copySelected = async () => {
    if (selection.kind !== 'ids' || selection.ids.size !== 1) return;
    const env = await ccm.users.get({ id: [...selection.ids][0]! });
    if (!env.ok) setNotice({ intent: 'error', text: env.error.message });
    else setNewUser({ source: env.value });
  };

  const exportCsv = async () => {
    setExporting(true);
    const env = await ccm.users.exportCsv({ filter, ...sort });
    setExporting(false);
    if (!env.ok) {
      setNotice({ intent: 'error', text: env.error.message });
      return;
    }
    downloadBlob(env.value.text, env.value.fileName, 'text/csv;charset=utf-8');
    setNotice({ intent: 'success', text: `Exported ${plural(env.value.rows)} to ${env.value.fileName}.` });
  };

  const groups = lookups.data?.agentGroups ?? [];
  const types = lookups.data?.userTypes ?? [];
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const single = selection.kind === 'ids' && selection.ids.size === 1;

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <div className={styles.headText}>
          <h2 className={styles.title}>Users</h2>
          <p className={styles.subtitle}>
            The tenant’s users and agents. Double-click or Enter opens User Properties; Ctrl+A selects every matching
            user.
          </p>
        </div>
        <div className={styles.actions}>
          {writable && (
            <>
              <Button
                icon={<Add20Regular />}
                appearance="primary"
                data-testid="users-new"
                onClick={() => setNewUser({ source: null })}
                disabled={!lookups.data}
              >
                New user
              </Button>
              <Button
                icon={<Copy20Regular />}
                disabled={!single || !lookups.data}
                data-testid="users-copy"
                onClick={() => void copySelected()}
              >
                Copy
              </Button>
              <Button
                icon={<Delete20Regular />}
                disabled={count === 0}
                data-testid="users-delete"
                onClick={() => startBulk('delete')}
              >
                Delete
              </Button>
              <Menu>
                <MenuTrigger disableButtonEnhancement>
                  <Button
                    icon={<ChevronDown16Regular />}
                    iconPosition="after"
                    disabled={count === 0}
                    data-testid="users-bulk"
                  >
                    Actions
                  </Button>
                </MenuTrigger>
                <MenuPopover>
                  <MenuList>
                    <MenuItem data-testid="users-bulk-move" onClick={() => startBulk('moveToAgentGroup')}>
                      Move to agent group…
                    </MenuItem>
                    <MenuItem data-testid="users-bulk-type" onClick={() => startBulk('changeUserType')}>
                      Change user type…
                    </MenuItem>
                    <MenuDivider />
                    <MenuItem data-testid="users-bulk-lock" onClick={() => startBulk('lock')}>
                      Lock
                    </MenuItem>
                    <MenuItem data-testid="users-bulk-unlock" onClick={() => startBulk('unlock')}>
                      Unlock
                    </MenuItem>
                    <MenuDivider />
                    <MenuItem data-testid="users-bulk-delete" onClick={() => startBulk('delete')}>
                      Delete…
                    </MenuItem>
                    <MenuItem data-testid="users-bulk-undelete" onClick={() => startBulk('undelete')}>
                      Undelete…
                    </MenuItem>
                  </MenuList>
                </MenuPopover>
              </Menu>
            </>
          )}
          <Button
            icon={<ArrowDownload20Regular />}
            disabled={exporting || !total}
            data-testid="users-export"
            onClick={() => void exportCsv()}
          >
            Export CSV
          </Button>
          {writable && (
            <Button icon={<ArrowUpload20Regular />} data-testid="users-import" onClick={() => setImporting(true)}>
              Import CSV…
            </Button>
          )}
          <Button icon={<ArrowSync20Regular />} data-testid="users-sync" onClick={openUserSyncTab}>
            User Synchronization
          </Button>
        </div>
      </div>

      <div className={styles.filters}>
        <Field label="Search" className={styles.search}>
          <Input
            contentBefore={<Search20Regular />}
            placeholder="Logon ID, name, number, external ID"
            title="Finds users with every word you type, in any order; case and accents are ignored"
            value={filters.search}
            data-testid="users-search"
            onChange={(_, d) => setFilter('search', d.value)}
          />
        </Field>
        <Field label="Agent group" className={styles.small}>
          <Select
            value={filters.agentGroupId}
            data-testid="users-filter-group"
            onChange={(_, d) => setFilter('agentGroupId', d.value)}
          >
            <option value="">All</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="User type" className={styles.small}>
          <Select
            value={filters.userTypeId}
            data-testid="users-filter-type"
            onChange={(_, d) => setFilter('userTypeId', d.value)}
          >
            <option value="">All</option>
            {types.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Locked" className={styles.small}>
          <Select
            value={filters.locked}
            data-testid="users-filter-locked"
            onChange={(_, d) => setFilter('locked', d.value)}
          >
            <option value="">All</option>
            <option value="yes">Locked</option>
            <option value="no">Not locked</option>
          </Select>
        </Field>
        <Field label="Synchronized" className={styles.small}>
          <Select
            value={filters.synchronized}
            data-testid="users-filter-sync"
            onChange={(_, d) => setFilter('synchronized', d.value)}
          >
            <option value="">All</option>
            <option value="yes">Synchronized</option>
            <option value="no">Not synchronized</option>
          </Select>
        </Field>
        <Field label="Deleted users" className={styles.small}>
          <Select
            value={filters.deleted}
            data-testid="users-filter-deleted"
            onChange={(_, d) => setFilter('deleted', d.value as Filters['deleted'])}
          >
            <option value="hide">Hidden</option>
            <option value="only">Only deleted</option>
            <option value="include">Shown too</option>
          </Select>
        </Field>
        {filtered && (
          <Button
            appearance="subtle"
            icon={<Dismiss16Regular />}
            data-testid="users-filter-clear"
            onClick={() => setFilters(NO_FILTERS)}
          >
            Clear filters
          </Button>
        )}
      </div>

      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid={`users-notice-${notice.intent}`}>
          <MessageBarBody>{notice.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                size="small"
                icon={<Dismiss16Regular />}
                aria-label="Dismiss"
                onClick={() => setNotice(null)}
              />
            }
          />
        </MessageBar>
      )}

      <div className={styles.status} data-testid="users-status">
        <Text size={200} data-testid="users-total">
          {total === null
            ? 'Counting…'
            : `${total.toLocaleString()} user${total === 1 ? '' : 's'}${filtered ? ' match' : ''}`}
        </Text>
        {count > 0 && (
          <>
            <Text size={200} weight="semibold" data-testid="users-selected">
              {count.toLocaleString()} selected
            </Text>
            <Button size="small" appearance="transparent" onClick={() => setSelection(EMPTY_SELECTION)}>
              Clear selection
            </Button>
          </>
        )}
      </div>

      <UsersGrid
        query={query}
        selection={selection}
        onSelection={setSelection}
        onSort={onSort}
        onOpen={onOpen}
        onDeleteKey={() => startBulk('delete')}
        onTotal={onTotal}
        emptyText={
          filtered
            ? 'No user matches these filters.'
            : 'This tenant has no users yet. Create one with New user, or import a CSV file.'
        }
      />

      {/* tenant-wide: a supervisor limited to some agent groups sees it read-only (main refuses anyway) */}
      {lookups.data && (
        <DeletionSettings
          settings={lookups.data.deletion}
          writable={writable && lookups.data.agentGroups.every((g) => g.inScope)}
        />
      )}

      {bulk && (
        <BulkDialog
          kind={bulk.kind}
          count={bulk.count}
          lookups={lookups.data}
          busy={bulkCommand.busy}
          error={bulk.error ?? bulkCommand.error?.message ?? null}
          onRun={(a) => void runBulk(a)}
          onClose={() => setBulk(null)}
        />
      )}
      {newUser && <NewUserDialog source={newUser.source} lookups={lookups.data} onClose={() => setNewUser(null)} />}
      {importing && <ImportDialog onClose={() => setImporting(false)} />}
    </div>
  );
}
