import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

/** react-query keys of the Web Manager area; all under 'webManager'. */
export const wmKeys = {
  all: ['webManager'] as const,
  restClients: ['webManager', 'restClients'] as const,
  clip: ['webManager', 'clip'] as const,
  profiles: ['webManager', 'profiles'] as const,
  agents: (filter: string) => ['webManager', 'agents', filter] as const,
  actions: (profileId: number) => ['webManager', 'actions', profileId] as const,
  calendar: ['webManager', 'calendar'] as const,
};

/** The tables the Web Manager views read, for the one db.changed subscription. */
export const webManagerTables: DbTables = {
  tables: ['wm_rest_client', 'wm_clip', 'va_profile', 'va_agent', 'va_action', 'wm_calendar', 'cc_user'],
  keys: [wmKeys.all],
};
export const useWebManagerLive = (): void => useDbTables(webManagerTables);

export const useRestClients = () =>
  useQuery({ queryKey: wmKeys.restClients, queryFn: () => unwrap(ccm.webManager.listRestClients({})) });
export const useClip = () => useQuery({ queryKey: wmKeys.clip, queryFn: () => unwrap(ccm.webManager.listClip({})) });
export const useProfiles = () =>
  useQuery({ queryKey: wmKeys.profiles, queryFn: () => unwrap(ccm.webManager.listProfiles({})) });

/** Copy to clipboard; answers whether it worked (the page may lack the permission). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
