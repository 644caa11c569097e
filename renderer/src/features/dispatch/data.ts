import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { CcmErrorShape } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { fieldError, useDbTables, type DbTables } from '../../ui/kit';

/** react-query keys of the dispatch area; everything under 'dispatch' is refreshed on its tables' changes. */
export const dispatchKeys = {
  all: ['dispatch'] as const,
  lookups: ['dispatch', 'lookups'] as const,
  settings: ['dispatch', 'settings'] as const,
  groups: ['dispatch', 'groups'] as const,
  group: (id: number) => ['dispatch', 'group', id] as const,
  accesses: ['dispatch', 'accesses'] as const,
  agents: (q: object) => ['dispatch', 'agents', q] as const,
  autoLogon: ['dispatch', 'autoLogon'] as const,
  callManagers: ['dispatch', 'callManagers'] as const,
};

/** Tables whose changes (in another console) refresh the dispatch views, for the one db.changed subscription. */
export const dispatchTables: DbTables = {
  tables: [
    'service_group',
    'service_group_skill',
    'service_access',
    'caller_id',
    'tenant',
    'cc_user',
    'skill',
    'skill_assignment',
    'phone_agent_logon',
    'site_server_param',
    'response_file',
  ],
  keys: [dispatchKeys.all],
};

export const useDispatchLive = (): void => useDbTables(dispatchTables);

/** After a save here: this console's own change feed skips its changes, so refresh ourselves. */
export function refreshDispatch(queryClient: QueryClient, ...tables: string[]): void {
  void queryClient.invalidateQueries({ queryKey: dispatchKeys.all });
  refreshAfterChange(queryClient, ...tables);
}

export const useLookups = () =>
  useQuery({ queryKey: dispatchKeys.lookups, queryFn: () => unwrap(ccm.dispatch.lookups({})) });

/**
 * Main's refusal: the text under the field it names ("fields.name", "settings.x" or the name itself), else undefined.
 */
export const errorFor = (error: CcmErrorShape | null, field: string): string | undefined =>
  fieldError(error, field, { prefixes: ['fields', 'settings'] });
