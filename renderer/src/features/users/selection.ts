import type { UserSelection } from '../../../../electron/contract';

/**
 * The grid's multi-selection, kept by user ID so it survives paging and re-sorting.
 * - click: only that row; Ctrl+click: toggle it; Shift+click: the range from the anchor
 *   (Ctrl+Shift adds the range to what is selected);
 * - Ctrl+A: every user matching the filter — also the rows not loaded yet — held as "all,
 *   except these", so 100,000 users are selected without loading their IDs.
 */
export type Selection =
  | { readonly kind: 'ids'; readonly ids: ReadonlySet<number>; readonly anchor: number | null }
  | { readonly kind: 'all'; readonly except: ReadonlySet<number>; readonly anchor: number | null };

export const EMPTY_SELECTION: Selection = { kind: 'ids', ids: new Set(), anchor: null };

export function isSelected(s: Selection, id: number): boolean {
  return s.kind === 'all' ? !s.except.has(id) : s.ids.has(id);
}

export function selectedCount(s: Selection, total: number): number {
  return s.kind === 'all' ? Math.max(0, total - s.except.size) : s.ids.size;
}

/** A click on the row at `index` (user `id`); `rangeIds` gives the IDs from the anchor to index for Shift. */
export function clickRow(
  s: Selection,
  index: number,
  id: number,
  mods: { ctrl: boolean; shift: boolean },
  rangeIds: (from: number, to: number) => number[] | null,
): Selection {
  if (mods.shift && s.anchor !== null) {
    const ids = rangeIds(Math.min(s.anchor, index), Math.max(s.anchor, index));
    if (ids) {
      if (s.kind === 'all') {
        const except = new Set(s.except);
        for (const i of ids) except.delete(i);
        return { kind: 'all', except, anchor: s.anchor };
      }
      const next = mods.ctrl ? new Set(s.ids) : new Set<number>();
      for (const i of ids) next.add(i);
      return { kind: 'ids', ids: next, anchor: s.anchor };
    }
  }
  if (mods.ctrl) {
    if (s.kind === 'all') {
      const except = new Set(s.except);
      if (except.has(id)) except.delete(id);
      else except.add(id);
      return { kind: 'all', except, anchor: index };
    }
    const ids = new Set(s.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { kind: 'ids', ids, anchor: index };
  }
  return { kind: 'ids', ids: new Set([id]), anchor: index };
}

export function selectAll(): Selection {
  return { kind: 'all', except: new Set(), anchor: null };
}

/** What main's bulk action and count take. */
export function toContractSelection(
  s: Selection,
  filter: Extract<UserSelection, { filter: unknown }>['filter'],
): UserSelection | null {
  if (s.kind === 'all') return { filter, exceptIds: [...s.except] };
  return s.ids.size > 0 ? { ids: [...s.ids] } : null;
}
