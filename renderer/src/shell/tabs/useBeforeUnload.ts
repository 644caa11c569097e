import { useEffect } from 'react';
import { tabsStore } from './store';

/**
 * Closing the page (browser mode) or the window (Electron) with unsaved tabs: the browser
 * shows its own "Leave site?" prompt; in Electron main sees the prevented unload and asks.
 */
export function useBeforeUnload(): void {
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!tabsStore.getState().anyDirty()) return;
      e.preventDefault();
      e.returnValue = 'There are unsaved changes.'; // older Chromium and Electron look at returnValue
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
