import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PreferencesDoc } from '../../../electron/contract';
import { ccm } from '../api/client';
import { queryKeys } from '../data/keys';
import { invalidateKeys as invalidate } from '../data/invalidate';
import { useNotices } from '../data/notices';
import { handleDbChanged } from '../ui/kit/dbChanged';
import { tabsStore } from '../shell/tabs/store';
import { closeWindowAfterPrompts } from '../shell/tabs/windowClose';
import { parseConsoleHash, type ConsoleRoute } from '../../../electron/contract/services/consoleLink';

/** The alarms area is in the lazily loaded part of the renderer (app/workspace.tsx): imported when a link opens. */
const openConsoleRoute = (route: ConsoleRoute) =>
  void import('../features/alarms/consoleRoute').then((m) => m.openConsoleRoute(route));

/**
 * Main's events into the renderer's state: prefs.changed → the prefs query (newest
 * version wins), app.notice → the status bar, auth.changed → the auth status (and what
 * depends on who is signed in and where), db.changed → the queries of the changed tables.
 * Also loads notices raised before this window opened (e.g. "/reset: preferences reset").
 */
export function useEventBridge(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offPrefs = ccm.on('prefs.changed', (docs) => {
      const newest = docs.reduce<PreferencesDoc | undefined>(
        (a, b) => (!a || b.version >= a.version ? b : a),
        undefined,
      );
      if (!newest) return;
      queryClient.setQueryData<PreferencesDoc>(queryKeys.prefs, (old) =>
        !old || newest.version >= old.version ? newest : old,
      );
    });
    const offNotice = ccm.on('app.notice', (items) => useNotices.getState().add(items));
    // Sign-in, sign-out, tenant switch, another connection: who and where changed.
    const offAuth = ccm.on('auth.changed', () =>
      invalidate(queryClient, [
        queryKeys.auth,
        queryKeys.connections,
        queryKeys.tenants,
        queryKeys.users,
        queryKeys.audit,
      ]),
    );
    // The one db.changed subscription: the tables each feature declared (ui/kit/dbChanged) say what is stale;
    // when items were dropped, the changed tables are unknown and everything registered is refreshed.
    const offDb = ccm.on('db.changed', (changes, dropped) => handleDbChanged(queryClient, changes, dropped));
    // Electron only: the window was closed with dirty tabs; ask per tab, then close it.
    const offClose = ccm.on('app.closeRequested', () => void closeWindowAfterPrompts(tabsStore, () => window.close()));
    // A console link: ccm:// from main (validated there and by the event schema), or browser mode's #/alarms/<id>.
    const offLink = ccm.on('app.openLink', (routes) => routes.forEach(openConsoleRoute));
    const openFromHash = () => {
      const route = parseConsoleHash(window.location.hash);
      if (!route) return;
      openConsoleRoute(route);
      history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    openFromHash();
    window.addEventListener('hashchange', openFromHash);
    let live = true;
    void ccm.app.getNotices({}).then((env) => {
      if (live && env.ok) useNotices.getState().add(env.value);
    });
    return () => {
      live = false;
      offPrefs();
      offNotice();
      offAuth();
      offDb();
      offClose();
      offLink();
      window.removeEventListener('hashchange', openFromHash);
    };
  }, [queryClient]);
}
