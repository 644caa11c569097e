import { useEffect } from 'react';
import { tabsStore, type SaveHandler } from './store';

/**
 * For an editor inside a tab: publishes its dirty flag (dot marker, close prompt,
 * beforeunload) and its save (Ctrl+S, Save in the close prompt).
 */
export function useTabEditor(tabKey: string, editor: { dirty: boolean; save: SaveHandler }): void {
  const { dirty, save } = editor;
  useEffect(() => {
    tabsStore.getState().setDirty(tabKey, dirty);
  }, [tabKey, dirty]);
  useEffect(() => tabsStore.getState().registerSaver(tabKey, save), [tabKey, save]);
}
