import type { StoreApi } from 'zustand/vanilla';
import type { TabsState } from './store';

/** Resolves once the pending close is answered: true when the tab is gone. */
function answered(store: StoreApi<TabsState>, key: string): Promise<boolean> {
  return new Promise((resolve) => {
    const check = (s: TabsState) => {
      if (s.pendingClose !== null || s.savingClose) return false;
      unsubscribe();
      resolve(!s.tabs.some((t) => t.key === key));
      return true;
    };
    const unsubscribe = store.subscribe(check);
    check(store.getState());
  });
}

/**
 * Closing the window with unsaved tabs (Electron: main saw the prevented unload and sent
 * app.closeRequested). Asks Save / Don't Save / Cancel for each dirty tab in turn, like
 * the tab close does; Cancel (or a failed save) keeps the window open.
 */
export async function closeWindowAfterPrompts(store: StoreApi<TabsState>, closeWindow: () => void): Promise<boolean> {
  for (;;) {
    const state = store.getState();
    if (state.pendingClose !== null) return false; // a prompt is already up; let the user answer it
    const dirty = state.tabs.find((t) => t.dirty);
    if (!dirty) {
      closeWindow();
      return true;
    }
    state.requestClose(dirty.key);
    if (!(await answered(store, dirty.key))) return false;
  }
}
