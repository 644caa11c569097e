import { useQuery } from '@tanstack/react-query';
import type { SyncKind } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

/** react-query keys of the Genesys Cloud area; all under 'genesys'. */
export const genesysKeys = {
  all: ['genesys'] as const,
  config: ['genesys', 'config'] as const,
  /** Whether the integration is configured and enabled (other features' pages show its status then). */
  enabled: ['genesys', 'enabled'] as const,
  records: (kind: SyncKind) => ['genesys', 'records', kind] as const,
  health: ['genesys', 'health'] as const,
  profiles: ['genesys', 'profiles'] as const,
  skills: ['genesys', 'skills'] as const,
  wrapupCodes: ['genesys', 'wrapupCodes'] as const,
  dialGroups: ['genesys', 'dialGroups'] as const,
};

/** The tables the Genesys Cloud views read, for the one db.changed subscription. */
export const genesysTables: DbTables = {
  tables: [
    'genesys_config',
    'genesys_sync_status',
    'genesys_user_profile',
    'genesys_skill_option',
    'wrapup_code',
    'genesys_dial_group',
    'cc_user',
    'skill',
    'agent_group',
  ],
  keys: [genesysKeys.all],
};

export const useGenesysLive = (): void => useDbTables(genesysTables);

export const useRecords = (kind: SyncKind, enabled = true) =>
  useQuery({ queryKey: genesysKeys.records(kind), queryFn: () => unwrap(ccm.genesys.records({ kind })), enabled });
/** Integration Health: re-read every 2 s while shown (API Health is the synchronizing console's, not a table). */
export const useHealth = () =>
  useQuery({
    queryKey: genesysKeys.health,
    queryFn: () => unwrap(ccm.genesys.health({})),
    refetchInterval: 2000,
  });
export const useProfiles = () =>
  useQuery({ queryKey: genesysKeys.profiles, queryFn: () => unwrap(ccm.genesys.userProfiles({})) });
export const useSkills = () =>
  useQuery({ queryKey: genesysKeys.skills, queryFn: () => unwrap(ccm.genesys.skills({})) });
export const useWrapupCodes = () =>
  useQuery({ queryKey: genesysKeys.wrapupCodes, queryFn: () => unwrap(ccm.genesys.wrapupCodes({})) });

export const useDialGroups = () =>
  useQuery({ queryKey: genesysKeys.dialGroups, queryFn: () => unwrap(ccm.genesys.dialGroupList({})) });

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
