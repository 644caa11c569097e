import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';

/**
 * What opens a tab. `key` identifies it: opening the same key again focuses the open tab.
 * Features open tabs through `openTab` (shell/tabs/openTab.ts), which parses `params` with the
 * kind's schema; the store itself keeps them as they came.
 */
export interface TabSpec<P = unknown> {
  readonly key: string;
  readonly title: string;
  /** Which view renders the tab (a kind of the renderer's feature list, renderer/src/features.ts). */
  readonly kind: string;
  /** The kind's parameters (parsed with its schema; JSON values, since the open tabs are saved). */
  readonly params?: P;
  /** The navigation area the tab belongs to (highlights it in the navigation). */
  readonly area?: string;
}

export interface Tab<P = unknown> extends TabSpec<P> {
  readonly params: P;
  readonly dirty: boolean;
}

/** An editor's save: resolves true when saved (the tab may close), false when not. */
export type SaveHandler = () => Promise<boolean>;
export type CloseChoice = 'save' | 'discard' | 'cancel';

/** Where the keyboard focus goes after the tabs changed: into a new tab's content, or back to the strip. */
export interface FocusRequest {
  readonly key: string | null;
  readonly where: 'panel' | 'strip';
  /** Counts requests, so the same target asked twice is seen twice. */
  readonly seq: number;
}

export interface TabsState {
  readonly tabs: readonly Tab[];
  readonly activeKey: string | null;
  /**
   * A close waits for Save / Don't Save / Cancel: the first tab with unsaved changes among
   * `pendingCloseKeys` (the prompt names it, or the count when `pendingDirtyKeys` holds several).
   */
  readonly pendingClose: string | null;
  /** Every tab the pending close closes (the clean ones too: Cancel keeps them all). */
  readonly pendingCloseKeys: readonly string[];
  /** The tabs of the pending close that have unsaved changes. */
  readonly pendingDirtyKeys: readonly string[];
  /** True while the pending close's save runs. */
  readonly savingClose: boolean;
  /** The last focus move asked for (Workspace and TabStrip carry it out). */
  readonly focusRequest: FocusRequest | null;

  open(spec: TabSpec): void;
  /** Puts back saved tabs (after a reload or restart): no focus move, no dirty state. */
  restore(tabs: readonly TabSpec[], activeKey: string | null): void;
  activate(key: string): void;
  /** Next (+1) / previous (-1) tab, wrapping around. */
  activateRelative(delta: number): void;
  /** Closes without asking (and forgets the tab's save handler). */
  close(key: string): void;
  /** Closes every tab without asking (sign-out: the next user starts a new workspace). */
  closeAll(): void;
  /** Closes a clean tab; a dirty one becomes `pendingClose`. Returns true when closed now. */
  requestClose(key: string): boolean;
  /**
   * Closes several tabs: at once when none has unsaved changes, else one prompt for all of them
   * (Save saves each dirty one, Don't Save closes them all, Cancel keeps every tab). True when closed now.
   */
  requestCloseMany(keys: readonly string[]): boolean;
  /** Every tab but `key` ("Close others"). */
  requestCloseOthers(key: string): boolean;
  /** The tabs right of `key` ("Close to the right"). */
  requestCloseToRight(key: string): boolean;
  /** Every tab ("Close all"), asking once when some have unsaved changes. */
  requestCloseAll(): boolean;
  /** Answers the pending close. Resolves true when the tabs were closed. */
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

    let focusSeq = 0;
    const focusRequest = (key: string | null, where: FocusRequest['where']): FocusRequest => ({
      key,
      where,
      seq: ++focusSeq,
    });
    const noPending = { pendingClose: null, pendingCloseKeys: [], pendingDirtyKeys: [] } as const;

    /** Closes the tabs without asking; the active tab, when closed, passes to its right (else left) neighbour. */
    const closeKeys = (keys: readonly string[]) => {
      const { tabs, activeKey } = get();
      const closing = new Set(keys.filter((k) => tabs.some((t) => t.key === k)));
      if (closing.size === 0) return;
      for (const k of closing) savers.delete(k);
      const rest = tabs.filter((t) => !closing.has(t.key));
      let nextActive = activeKey;
      if (activeKey !== null && closing.has(activeKey)) {
        const index = tabs.findIndex((t) => t.key === activeKey);
        const right = tabs.slice(index + 1).find((t) => !closing.has(t.key));
        const left = [...tabs.slice(0, index)].reverse().find((t) => !closing.has(t.key));
        nextActive = (right ?? left)?.key ?? null;
      }
      const { pendingCloseKeys } = get();
      const pendingGone = pendingCloseKeys.some((k) => closing.has(k));
      set({
        tabs: rest,
        activeKey: nextActive,
        focusRequest: focusRequest(nextActive, 'strip'),
        ...(pendingGone ? noPending : {}),
      });
    };
    const close = (key: string) => closeKeys([key]);

    const requestCloseMany = (keys: readonly string[]) => {
      if (get().pendingClose !== null || get().savingClose) return false; // a prompt is up already
      const tabs = get().tabs.filter((t) => keys.includes(t.key));
      if (tabs.length === 0) return false;
      const dirty = tabs.filter((t) => t.dirty).map((t) => t.key);
      if (dirty.length > 0) {
        set({
          pendingClose: dirty[0]!,
          pendingCloseKeys: tabs.map((t) => t.key),
          pendingDirtyKeys: dirty,
          activeKey: dirty[0]!,
        });
        return false;
      }
      closeKeys(tabs.map((t) => t.key));
      return true;
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
      ...noPending,
      savingClose: false,
      focusRequest: null,

      open(spec) {
        const isNew = indexOf(spec.key) < 0;
        if (isNew) set({ tabs: [...get().tabs, { ...spec, params: spec.params ?? {}, dirty: false }] });
        set({ activeKey: spec.key, ...(isNew ? { focusRequest: focusRequest(spec.key, 'panel') } : {}) });
      },

      restore(specs, activeKey) {
        const seen = new Set<string>();
        const tabs: Tab[] = [];
        for (const spec of specs) {
          if (seen.has(spec.key)) continue;
          seen.add(spec.key);
          tabs.push({ ...spec, params: spec.params ?? {}, dirty: false });
        }
        savers.clear();
        set({
          tabs,
          activeKey: activeKey !== null && seen.has(activeKey) ? activeKey : (tabs[0]?.key ?? null),
          ...noPending,
          savingClose: false,
        });
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
        set({ tabs: [], activeKey: null, ...noPending, savingClose: false });
      },

      requestClose(key) {
        return requestCloseMany([key]);
      },

      requestCloseMany,

      requestCloseOthers(key) {
        if (indexOf(key) < 0) return false;
        get().activate(key);
        return requestCloseMany(
          get()
            .tabs.filter((t) => t.key !== key)
            .map((t) => t.key),
        );
      },

      requestCloseToRight(key) {
        const index = indexOf(key);
        if (index < 0) return false;
        return requestCloseMany(
          get()
            .tabs.slice(index + 1)
            .map((t) => t.key),
        );
      },

      requestCloseAll() {
        return requestCloseMany(get().tabs.map((t) => t.key));
      },

      async resolveClose(choice) {
        const { pendingClose, pendingCloseKeys: keys, pendingDirtyKeys: dirty } = get();
        if (pendingClose === null || get().savingClose) return false;
        if (choice === 'cancel') {
          set({ ...noPending });
          return false;
        }
        if (choice === 'discard') {
          closeKeys(keys);
          return true;
        }
        set({ savingClose: true });
        const failed: string[] = [];
        for (const key of dirty) if (!(await save(key))) failed.push(key);
        set({ savingClose: false });
        closeKeys(keys.filter((k) => !failed.includes(k)));
        if (failed.length === 0) return true;
        // A save failed: keep that tab so the editor can show why.
        set({ ...noPending, activeKey: failed[0]! });
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
