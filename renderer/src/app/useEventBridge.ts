import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PreferencesDoc } from '../../../electron/contract';
import { ccm } from '../api/client';
import { queryKeys } from '../data/queries';
import { useNotices } from '../data/notices';
import { tabsStore } from '../shell/tabs/store';
import { closeWindowAfterPrompts } from '../shell/tabs/windowClose';

/**
 * Main's events into the renderer's state: prefs.changed → the prefs query (newest
 * version wins), app.notice → the status bar. Also loads notices raised before this
 * window opened (e.g. "/reset: preferences reset").
 */
export function useEventBridge(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const offPrefs = ccm.on('prefs.changed', (docs) => {
      const newest = docs.reduce<PreferencesDoc | undefined>((a, b) => (!a || b.version >= a.version ? b : a), undefined);
      if (!newest) return;
      queryClient.setQueryData<PreferencesDoc>(queryKeys.prefs, (old) => (!old || newest.version >= old.version ? newest : old));
    });
    const offNotice = ccm.on('app.notice', (items) => useNotices.getState().add(items));
    // Electron only: the window was closed with dirty tabs; ask per tab, then close it.
    const offClose = ccm.on('app.closeRequested', () => void closeWindowAfterPrompts(tabsStore, () => window.close()));
    let live = true;
    void ccm.app.getNotices({}).then((env) => {
      if (live && env.ok) useNotices.getState().add(env.value);
    });
    return () => {
      live = false;
      offPrefs();
      offNotice();
      offClose();
    };
  }, [queryClient]);
}
