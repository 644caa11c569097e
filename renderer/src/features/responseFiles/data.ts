import { useQuery } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';
import { useDbTables, type DbTables } from '../../ui/kit/dbChanged';

export const rfKeys = {
  all: ['responseFiles'] as const,
  list: ['responseFiles', 'list'] as const,
  identifiers: ['responseFiles', 'identifiers'] as const,
  file: (id: number) => ['responseFiles', 'file', id] as const,
};

export const useResponseFiles = () =>
  useQuery({ queryKey: rfKeys.list, queryFn: () => unwrap(ccm.responseFiles.list({})) });
export const useIdentifiers = () =>
  useQuery({
    queryKey: rfKeys.identifiers,
    queryFn: () => unwrap(ccm.responseFiles.identifiers({})),
    staleTime: Infinity,
  });

/**
 * Response files and their service-group associations changed in another console: the area
 * declares its tables for the one db.changed subscription (list and editors re-read;
 * an editor with unsaved changes keeps them and its save will conflict).
 */
export const responseFilesTables: DbTables = { tables: ['response_file', 'service_group'], keys: [rfKeys.all] };

export const useResponseFilesLive = (): void => useDbTables(responseFilesTables);

export const MEDIA_LABEL: Record<string, string> = {
  email: 'E-mail',
  chat: 'Chat',
  sms: 'SMS',
  voice: 'Voice',
  callback: 'Callback',
};

export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
