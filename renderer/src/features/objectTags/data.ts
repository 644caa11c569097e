import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { PickableObjectType, TaggableObjectType } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { useAuthStatus } from '../../data/queries';
import { canWrite } from '../../data/permissions';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

/**
 * react-query keys of the object tags feature, all under ['objectTags', tenantId] so a tenant
 * switch reads afresh and one invalidation refreshes every view (list, dialogs, panels).
 */
export const otKeys = {
  all: ['objectTags'] as const,
  list: (t: number) => ['objectTags', t, 'list'] as const,
  assignments: (t: number, tagId: number) => ['objectTags', t, 'assignments', tagId] as const,
  forObject: (t: number, type: TaggableObjectType, id: number) => ['objectTags', t, 'forObject', type, id] as const,
  dialedNumbers: (t: number) => ['objectTags', t, 'dialedNumbers'] as const,
  search: (t: number, type: PickableObjectType, search: string) => ['objectTags', t, 'search', type, search] as const,
  object: (t: number, type: PickableObjectType, id: number) => ['objectTags', t, 'object', type, id] as const,
  lookup: (t: number, type: TaggableObjectType, id: number) => ['objectTags', t, 'lookup', type, id] as const,
};

/** Tables whose changes (by other consoles) can change what these views show. */
/** The tables the feature's queries read, for the one db.changed subscription. */
export const objectTagsTables: DbTables = {
  tables: [
    'object_tag',
    'object_tag_mapping',
    'dialed_number',
    'service_group',
    'service_access',
    'cc_user',
    'scheduler',
    'play_message',
  ],
  keys: [otKeys.all],
};

/** Refreshes the feature's queries when another console changes the tables they read. */
export const useObjectTagsLive = (): void => useDbTables(objectTagsTables);

/** After this window changed something: its own views and the audit log (main's feed leaves out own changes). */
export function refreshObjectTags(queryClient: QueryClient, table = 'object_tag'): void {
  void queryClient.invalidateQueries({ queryKey: otKeys.all });
  refreshAfterChange(queryClient, table);
}

/** The working tenant and whether the user type may change object tags. */
export function useOtContext(): { tenantId: number; writable: boolean } {
  const status = useAuthStatus().data;
  return { tenantId: status?.tenant?.id ?? 0, writable: canWrite(status?.user?.permissions, 'objectTags') };
}

export function useTagList() {
  const { tenantId } = useOtContext();
  return useQuery({
    queryKey: otKeys.list(tenantId),
    queryFn: () => unwrap(ccm.objectTags.list({})),
    enabled: tenantId > 0,
  });
}

export function useDialedNumbers(enabled = true) {
  const { tenantId } = useOtContext();
  return useQuery({
    queryKey: otKeys.dialedNumbers(tenantId),
    queryFn: () => unwrap(ccm.objectTags.dialedNumbers({})),
    enabled: enabled && tenantId > 0,
  });
}
