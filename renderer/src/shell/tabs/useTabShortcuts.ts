import { useEffect } from 'react';
import { tabsStore } from './store';

/**
 * Workspace keyboard shortcuts (window-wide, capture phase so inputs do not swallow them):
 * Ctrl+W close · Ctrl+Alt+W close others · Ctrl+Alt+Shift+W close to the right · Ctrl+Shift+W
 * close all (TAB_SHORTCUTS, shown in the tab's context menu) ·
 * Ctrl+Tab / Ctrl+Shift+Tab (and Ctrl+PageDown / Ctrl+PageUp) next / previous ·
 * Ctrl+Shift+PageUp / PageDown move the tab · Ctrl+S save.
 * A browser may keep Ctrl+W and Ctrl+Tab for itself; Electron passes them through.
 */
export function useTabShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!e.ctrlKey || e.metaKey) return;
      const state = tabsStore.getState();
      if (state.pendingClose !== null) return; // the close prompt owns the keyboard
      const active = state.activeKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (key === 'w') {
        if (e.altKey && e.shiftKey) {
          if (active) state.requestCloseToRight(active);
        } else if (e.altKey) {
          if (active) state.requestCloseOthers(active);
        } else if (e.shiftKey) state.requestCloseAll();
        else if (active) state.requestClose(active);
      } else if (e.altKey) {
        handled = false; // Ctrl+Alt is AltGr on some keyboards: leave everything else to typing
      } else if (key === 's' && !e.shiftKey) {
        if (active) void state.save(active);
      } else if (e.key === 'Tab') {
        state.activateRelative(e.shiftKey ? -1 : 1);
      } else if (e.key === 'PageDown' || e.key === 'PageUp') {
        const delta = e.key === 'PageDown' ? 1 : -1;
        if (e.shiftKey) {
          if (active) state.moveBy(active, delta);
        } else {
          state.activateRelative(delta);
        }
      } else {
        handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
