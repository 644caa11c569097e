import type { z } from 'zod';
import type { StoreApi } from 'zustand/vanilla';
import { tabsStore, type TabSpec, type TabsState } from './store';

/**
 * The open tabs are UI state, kept like the renderer's other UI state in localStorage (the
 * Electron window's storage lives in the user data folder, so they survive a restart): one entry
 * per database and signed-in user. A saved tab is parsed with the feature list's tab union again
 * when it is restored; an unknown kind or invalid parameters drop that tab, never the workspace.
 */
const PREFIX = 'ccm.tabs.';

/** The storage entry of one database (connection profile, or its label) and one signed-in user. */
export const tabsStorageKey = (database: string, userKey: string) =>
  `${PREFIX}${encodeURIComponent(database)}|${encodeURIComponent(userKey)}`;

export interface SavedTabs {
  readonly tabs: readonly TabSpec[];
  readonly activeKey: string | null;
}

const NONE: SavedTabs = { tabs: [], activeKey: null };

/**
 * Reads a saved workspace: each tab through `schema` (invalid ones are dropped, and so are
 * repeated keys); `keep` may drop more (e.g. tabs of areas the user no longer sees).
 */
export function parseSavedTabs(
  raw: string | null,
  schema: z.ZodType<TabSpec>,
  keep: (tab: TabSpec) => boolean = () => true,
): SavedTabs {
  if (!raw) return NONE;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return NONE;
  }
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { tabs?: unknown }).tabs)) return NONE;
  const { tabs: rawTabs, activeKey: rawActive } = data as { tabs: unknown[]; activeKey?: unknown };
  const seen = new Set<string>();
  const tabs: TabSpec[] = [];
  for (const item of rawTabs) {
    const parsed = schema.safeParse(item);
    if (!parsed.success || seen.has(parsed.data.key) || !keep(parsed.data)) continue;
    seen.add(parsed.data.key);
    tabs.push(parsed.data);
  }
  const activeKey = typeof rawActive === 'string' && seen.has(rawActive) ? rawActive : (tabs[0]?.key ?? null);
  return { tabs, activeKey };
}

/** What is written: the tabs as they were opened (no dirty state, no unsaved input). */
export function serializeTabs(state: Pick<TabsState, 'tabs' | 'activeKey'>): string {
  return JSON.stringify({
    tabs: state.tabs.map(({ key, title, kind, params, area }) => ({ key, title, kind, params, area })),
    activeKey: state.activeKey,
  });
}

export function loadTabs(storageKey: string, schema: z.ZodType<TabSpec>, keep?: (tab: TabSpec) => boolean): SavedTabs {
  try {
    return parseSavedTabs(localStorage.getItem(storageKey), schema, keep);
  } catch {
    return NONE; // storage disabled
  }
}

let stopSaving: (() => void) | null = null;

/**
 * From now on, every change of the open tabs (or the active one) is saved under `storageKey`;
 * null stops saving (before a sign-out closes the tabs, so the empty workspace is not saved).
 */
export function saveTabsTo(storageKey: string | null, store: StoreApi<TabsState> = tabsStore): void {
  stopSaving?.();
  stopSaving = null;
  if (storageKey === null) return;
  const write = (s: TabsState) => {
    try {
      localStorage.setItem(storageKey, serializeTabs(s));
    } catch {
      // storage full or disabled: the tabs are just not remembered
    }
  };
  write(store.getState());
  stopSaving = store.subscribe((s, prev) => {
    if (s.activeKey === prev.activeKey && sameTabs(s.tabs, prev.tabs)) return;
    write(s);
  });
}

/** Equal for saving: the same tabs in the same order with the same titles (dirty flags do not count). */
function sameTabs(a: readonly TabSpec[], b: readonly TabSpec[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => t.key === b[i]!.key && t.title === b[i]!.title && t.params === b[i]!.params)
  );
}
