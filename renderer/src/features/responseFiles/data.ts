import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ccm, unwrap } from '../../api/client';

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
 * Response files and their service-group associations changed in another console: the app's
 * bridge does not know these tables, so the area listens itself (list and editors re-read;
 * an editor with unsaved changes keeps them and its save will conflict).
 */
export function useResponseFilesLive(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      ccm.on('db.changed', (changes, dropped) => {
        if (dropped > 0 || changes.some((c) => c.table === 'response_file' || c.table === 'service_group'))
          void queryClient.invalidateQueries({ queryKey: rfKeys.all });
      }),
    [queryClient],
  );
}

export const MEDIA_LABEL: Record<string, string> = {
  email: 'E-mail',
  chat: 'Chat',
  sms: 'SMS',
  voice: 'Voice',
  callback: 'Callback',
};

export const formatBytes = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
