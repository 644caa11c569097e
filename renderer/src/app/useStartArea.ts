import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AuthStatus } from '../../../electron/contract';
import { usePrefs } from '../data/queries';
import { startAreaFor } from '../data/permissions';
import { dropSignedInData, userKeyOf, useSessionUi } from '../data/session';
import { AREA_LIST } from '../areas/areas';
import { openArea } from '../areas/openArea';
import { tabsStore } from '../shell/tabs/store';

/**
 * One workspace per sign-in: when the signed-in user changes (sign-in, sign-out, another
 * user signed in from another window) the tabs close and the previous user's data is
 * dropped; once the preferences are known the start area opens — or, when the user's type
 * does not grant it, the first area it does grant.
 */
export function useStartArea(status: AuthStatus | undefined): void {
  const queryClient = useQueryClient();
  const prefs = usePrefs();
  const user = status?.user ?? null;
  const userKey = userKeyOf(user);
  const openedFor = useRef<string | null>(null);
  const seen = useRef<string | null>(null);

  useEffect(() => {
    if (!status) return;
    useSessionUi.getState().observe(status);
  }, [status]);

  useEffect(() => {
    if (seen.current === userKey) return;
    seen.current = userKey;
    tabsStore.getState().closeAll();
    dropSignedInData(queryClient);
    openedFor.current = null;
  }, [userKey, queryClient]);

  const startArea = prefs.data?.value.startArea ?? (prefs.isError ? 'users' : undefined); // the default when prefs cannot be read
  const permissions = user?.permissions;
  useEffect(() => {
    if (!userKey || !startArea || openedFor.current === userKey) return;
    openedFor.current = userKey;
    const area = startAreaFor(AREA_LIST, permissions, startArea);
    if (area) openArea(area);
  }, [userKey, startArea, permissions]);
}
