import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';

/** What opens a tab. `key` identifies it: opening the same key again focuses the open tab. */
export interface TabSpec {
  readonly key: string;
  readonly title: string;
  /** Which view renders the tab (see app/tabViews.tsx). */
  readonly kind: string;
  readonly params?: Readonly<Record<string, string>>;
  /** The navigation area the tab belongs to (highlights it in the navigation). */
  readonly area?: string;
}

export interface Tab extends TabSpec {
  readonly dirty: boolean;
}

/** An editor's save: resolves true when saved (the tab may close), false when not. */
export type SaveHandler = () => Promise<boolean>;
export type CloseChoice = 'save' | 'discard' | 'cancel';

export interface TabsState {
  readonly tabs: readonly Tab[];
  readonly activeKey: string | null;
  /** A dirty tab whose close waits for Save / Don't Save / Cancel. */
  readonly pendingClose: string | null;
  /** True while the pending close's save runs. */
  readonly savingClose: boolean;

  open(spec: TabSpec): void;
  activate(key: string): void;
  /** Next (+1) / previous (-1) tab, wrapping around. */
  activateRelative(delta: number): void;
  /** Closes without asking (and forgets the tab's save handler). */
  close(key: string): void;
  /** Closes every tab without asking (sign-out: the next user starts a new workspace). */
  closeAll(): void;
  /** Closes a clean tab; a dirty one becomes `pendingClose`. Returns true when closed now. */
  requestClose(key: string): boolean;
  /** Answers the pending close. Resolves true when the tab was closed. */
  resolveClose(choice: CloseChoice): Promise<boolean>;
  /** Moves a tab so it ends up at `toIndex` (clamped). */
  move(key: string, toIndex: number): void;
  moveBy(key: string, delta: number): void;
  setDirty(key: string, dirty: boolean): void;
  setTitle(key: string, title: string): void;
  /** Registers the tab's save; returns the unregister function. */
  registerSaver(key: string, save: SaveHandler): () => void;
  /** Runs the tab's save. False when it has none or it failed. */
  save(key: string): Promise<boolean>;
  anyDirty(): boolean;
}

/**
 * The index to pass to `move` when a dragged tab at `from` is dropped before the tab
 * at `insertBefore` (or at the end when `insertBefore` equals the tab count).
 */
export function dropIndex(from: number, insertBefore: number): number {
  return from < insertBefore ? insertBefore - 1 : insertBefore;
}

export function createTabsStore(): StoreApi<TabsState> {
  const savers = new Map<string, SaveHandler>();

  return createStore<TabsState>()((set, get) => {
    const indexOf = (key: string) => get().tabs.findIndex((t) => t.key === key);

    const close = (key: string) => {
      const { tabs, activeKey, pendingClose } = get();
      const index = tabs.findIndex((t) => t.key === key);
      if (index < 0) return;
      savers.delete(key);
      const rest = tabs.filter((t) => t.key !== key);
      let nextActive = activeKey;
      if (activeKey === key) nextActive = (rest[index] ?? rest[index - 1])?.key ?? null;
      set({ tabs: rest, activeKey: nextActive, pendingClose: pendingClose === key ? null : pendingClose });
    };

    const save = async (key: string) => {
      const handler = savers.get(key);
      if (!handler) return false;
      try {
        return await handler();
      } catch (err) {
        console.error(`save of tab ${key} failed`, err);
        return false;
      }
    };

    return {
      tabs: [],
      activeKey: null,
      pendingClose: null,
      savingClose: false,

      open(spec) {
        if (indexOf(spec.key) < 0) set({ tabs: [...get().tabs, { ...spec, dirty: false }] });
        set({ activeKey: spec.key });
      },

      activate(key) {
        if (indexOf(key) >= 0) set({ activeKey: key });
      },

      activateRelative(delta) {
        const { tabs, activeKey } = get();
        if (tabs.length === 0) return;
        const current = Math.max(
          0,
          tabs.findIndex((t) => t.key === activeKey),
        );
        const next = (((current + delta) % tabs.length) + tabs.length) % tabs.length;
        set({ activeKey: tabs[next]!.key });
      },

      close,

      closeAll() {
        savers.clear();
        set({ tabs: [], activeKey: null, pendingClose: null, savingClose: false });
      },

      requestClose(key) {
        const tab = get().tabs.find((t) => t.key === key);
        if (!tab) return false;
        if (tab.dirty) {
          set({ pendingClose: key, activeKey: key });
          return false;
        }
        close(key);
        return true;
      },

      async resolveClose(choice) {
        const key = get().pendingClose;
        if (key === null || get().savingClose) return false;
        if (choice === 'cancel') {
          set({ pendingClose: null });
          return false;
        }
        if (choice === 'discard') {
          close(key);
          return true;
        }
        set({ savingClose: true });
        const saved = await save(key);
        set({ savingClose: false });
        if (saved) {
          close(key);
          return true;
        }
        // The save failed: keep the tab so the editor can show why.
        set({ pendingClose: null, activeKey: key });
        return false;
      },

      move(key, toIndex) {
        const tabs = [...get().tabs];
        const from = tabs.findIndex((t) => t.key === key);
        if (from < 0) return;
        const to = Math.max(0, Math.min(tabs.length - 1, toIndex));
        if (to === from) return;
        const [tab] = tabs.splice(from, 1);
        tabs.splice(to, 0, tab!);
        set({ tabs });
      },

      moveBy(key, delta) {
        const from = indexOf(key);
        if (from >= 0) get().move(key, from + delta);
      },

      setDirty(key, dirty) {
        const tabs = get().tabs;
        const index = tabs.findIndex((t) => t.key === key);
        if (index < 0 || tabs[index]!.dirty === dirty) return;
        set({ tabs: tabs.map((t, i) => (i === index ? { ...t, dirty } : t)) });
      },

      setTitle(key, title) {
        set({ tabs: get().tabs.map((t) => (t.key === key && t.title !== title ? { ...t, title } : t)) });
      },

      registerSaver(key, handler) {
        savers.set(key, handler);
        return () => {
          if (savers.get(key) === handler) savers.delete(key);
        };
      },

      save,

      anyDirty() {
        return get().tabs.some((t) => t.dirty);
      },
    };
  });
}

/** The workspace's one store. */
export const tabsStore = createTabsStore();

/** React binding: `useTabs((s) => s.activeKey)`. */
export function useTabs<T>(selector: (state: TabsState) => T): T {
  return useStore(tabsStore, selector);
}
