import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AuthStatus } from '../../../electron/contract';
import { usePrefs } from '../data/queries';
import { startAreaFor, visibleAreas } from '../data/permissions';
import { dropSignedInData, userKeyOf, useSessionUi } from '../data/session';
import { areaList } from '../areas/areas';
import { openArea } from '../areas/openArea';
import { tabsStore } from '../shell/tabs/store';
import { loadTabs, saveTabsTo, tabsStorageKey } from '../shell/tabs/persist';
import { SavedTab } from '../features';
import { keepsSavedTab } from './savedTabs';

/**
 * One workspace per sign-in: when the signed-in user changes (sign-in, sign-out, another
 * user signed in from another window) the tabs close and the previous user's data is
 * dropped; once the preferences are known the tabs this user had open on this database come
 * back (after a reload or restart), else the start area opens — or, when the user's type does
 * not grant it, the first area it does grant.
 */
export function useStartArea(status: AuthStatus | undefined): void {
  const queryClient = useQueryClient();
  const prefs = usePrefs();
  const user = status?.user ?? null;
  const userKey = userKeyOf(user);
  const openedFor = useRef<string | null>(null);
  /** undefined until the first render: this hook may mount after a sign-in (its module is loaded lazily). */
  const seen = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    if (!status) return;
    useSessionUi.getState().observe(status);
  }, [status]);

  useEffect(() => {
    if (seen.current === userKey) return;
    const first = seen.current === undefined;
    seen.current = userKey;
    if (first) return; // nothing of another user's is open or loaded yet
    saveTabsTo(null); // the previous user's tabs stay saved as they were
    tabsStore.getState().closeAll();
    dropSignedInData(queryClient);
    openedFor.current = null;
  }, [userKey, queryClient]);

  // 'users': the default when prefs cannot be read.
  const startArea = prefs.data?.value.startArea ?? (prefs.isError ? 'users' : undefined);
  const permissions = user?.permissions;
  const database = status ? (status.connection.profileId ?? status.connection.label) : null;
  useEffect(() => {
    if (!userKey || !startArea || database === null || openedFor.current === userKey) return;
    openedFor.current = userKey;
    const storageKey = tabsStorageKey(database, userKey);
    const visible = new Set<string>(visibleAreas(areaList(), permissions).map((a) => a.id));
    const saved = loadTabs(storageKey, SavedTab, (t) => keepsSavedTab(t, visible));
    // The preferences arrive after the shell: a tab the user already opened meanwhile stays in front.
    if (tabsStore.getState().tabs.length > 0) {
      // nothing to restore or open
    } else if (saved.tabs.length > 0) {
      tabsStore.getState().restore(saved.tabs, saved.activeKey);
    } else {
      const area = startAreaFor(areaList(), permissions, startArea);
      if (area) openArea(area);
    }
    saveTabsTo(storageKey);
  }, [userKey, startArea, permissions, database]);
}
