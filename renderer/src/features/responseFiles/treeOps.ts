import type { RfItem } from '../../../../electron/contract';

/**
 * Pure operations on a response file's items (pre-order: a group is followed by its whole
 * subtree, so a subtree is a contiguous run). Every operation returns a new array; items not
 * touched keep their identity (cheap undo snapshots, cheap React diffing).
 */
export type Items = readonly RfItem[];

let seq = 0;
export const newItemId = (): string => `e${Date.now().toString(36)}${(++seq).toString(36)}`;

export function depthMap(items: Items): Map<string, number> {
  const d = new Map<string, number>();
  for (const it of items) d.set(it.id, it.parent === null ? 0 : (d.get(it.parent) ?? 0) + 1);
  return d;
}

/** [start, end) of the subtree rooted at `id`. */
export function subtreeRange(items: Items, id: string, depth = depthMap(items)): [number, number] {
  const start = items.findIndex((i) => i.id === id);
  if (start < 0) return [-1, -1];
  const own = depth.get(id)!;
  let end = start + 1;
  while (end < items.length && depth.get(items[end]!.id)! > own) end++;
  return [start, end];
}

export function isInside(items: Items, id: string, ancestor: string): boolean {
  const byId = new Map(items.map((i) => [i.id, i]));
  for (let cur = byId.get(id); cur; cur = cur.parent ? byId.get(cur.parent) : undefined)
    if (cur.id === ancestor) return true;
  return false;
}

export interface Row {
  item: RfItem;
  depth: number;
  hasChildren: boolean;
}

/** The rows a tree shows: everything except what is inside collapsed groups. */
export function visibleRows(items: Items, expanded: ReadonlySet<string>): Row[] {
  const depth = depthMap(items);
  const rows: Row[] = [];
  let hideBelow = Infinity;
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const d = depth.get(it.id)!;
    if (d > hideBelow) continue;
    hideBelow = Infinity;
    const hasChildren = i + 1 < items.length && items[i + 1]!.parent === it.id;
    rows.push({ item: it, depth: d, hasChildren });
    if (it.kind === 'group' && !expanded.has(it.id)) hideBelow = d;
  }
  return rows;
}

/** Where new or moved items go: inside `parent`, before `before` (null: at the end). */
export interface Place {
  parent: string | null;
  before: string | null;
}

function insertionIndex(items: Items, place: Place): number {
  if (place.before) {
    const i = items.findIndex((x) => x.id === place.before);
    if (i >= 0) return i;
  }
  if (place.parent === null) return items.length;
  const [, end] = subtreeRange(items, place.parent);
  return end < 0 ? items.length : end;
}

/** Inserts a run of items (its first item's parent is set to the place's parent). */
export function insertAt(items: Items, run: RfItem[], place: Place): RfItem[] {
  const at = insertionIndex(items, place);
  const top = run[0]?.parent;
  const fixed = run.map((it) => (it.parent === top ? { ...it, parent: place.parent } : it));
  return [...items.slice(0, at), ...fixed, ...items.slice(at)];
}

/** The selected ids whose ancestors are not selected too (moving/deleting those covers the rest). */
export function topmost(items: Items, ids: Iterable<string>): string[] {
  const set = new Set(ids);
  const byId = new Map(items.map((i) => [i.id, i]));
  return items
    .filter((it) => {
      if (!set.has(it.id)) return false;
      for (let p = it.parent ? byId.get(it.parent) : undefined; p; p = p.parent ? byId.get(p.parent) : undefined)
        if (set.has(p.id)) return false;
      return true;
    })
    .map((i) => i.id);
}

/** Counts what deleting `ids` removes (for the confirmation). */
export function countSubtrees(items: Items, ids: Iterable<string>): { groups: number; responses: number } {
  const depth = depthMap(items);
  let groups = 0;
  let responses = 0;
  for (const id of topmost(items, ids)) {
    const [s, e] = subtreeRange(items, id, depth);
    for (let i = s; i < e; i++)
      if (items[i]!.kind === 'group') groups++;
      else responses++;
  }
  return { groups, responses };
}

export function removeItems(items: Items, ids: Iterable<string>): RfItem[] {
  const depth = depthMap(items);
  const drop = new Set<number>();
  for (const id of topmost(items, ids)) {
    const [s, e] = subtreeRange(items, id, depth);
    for (let i = s; i < e; i++) drop.add(i);
  }
  return items.filter((_, i) => !drop.has(i));
}

/** Copies subtrees with new ids right after each original; names get " (copy)". Returns the new top ids too. */
export function duplicateItems(items: Items, ids: Iterable<string>): { items: RfItem[]; created: string[] } {
  let out: RfItem[] = [...items];
  const created: string[] = [];
  for (const id of topmost(items, ids)) {
    const depth = depthMap(out);
    const [s, e] = subtreeRange(out, id, depth);
    const map = new Map<string, string>();
    const copy = out.slice(s, e).map((it, i) => {
      const nid = newItemId();
      map.set(it.id, nid);
      return {
        ...it,
        id: nid,
        parent: i === 0 ? it.parent : map.get(it.parent!)!,
        name: i === 0 && it.name !== null ? `${it.name} (copy)` : it.name,
      };
    });
    created.push(copy[0]!.id);
    out = [...out.slice(0, e), ...copy, ...out.slice(e)];
  }
  return { items: out, created };
}

/**
 * Moves subtrees to a place (drag and drop, Alt+arrows). Refused (null) when a group would
 * go inside itself or when the place is one of the moved items.
 */
export function moveItems(items: Items, ids: Iterable<string>, place: Place): RfItem[] | null {
  const tops = topmost(items, ids);
  if (tops.length === 0) return null;
  if (place.parent && tops.some((t) => t === place.parent || isInside(items, place.parent!, t))) return null;
  // before one of the moved items (or inside one): nothing to do
  if (place.before && tops.some((t) => t === place.before || isInside(items, place.before!, t))) return null;
  const depth = depthMap(items);
  const runs: RfItem[][] = [];
  const taken = new Set<number>();
  for (const id of tops) {
    const [s, e] = subtreeRange(items, id, depth);
    runs.push(items.slice(s, e));
    for (let i = s; i < e; i++) taken.add(i);
  }
  let rest: RfItem[] = items.filter((_, i) => !taken.has(i));
  for (const run of runs) {
    const top = run[0]!.parent;
    const moved = run.map((it) => (it.parent === top && it.id === run[0]!.id ? { ...it, parent: place.parent } : it));
    const at = insertionIndex(rest, place);
    // Each run goes before `before` (or at the end of the parent): the runs keep their order.
    rest = [...rest.slice(0, at), ...moved, ...rest.slice(at)];
  }
  return rest;
}

/** Alt+Up / Alt+Down: swap with the previous / next sibling. */
export function moveAmongSiblings(items: Items, id: string, delta: -1 | 1): RfItem[] | null {
  const it = items.find((x) => x.id === id);
  if (!it) return null;
  const siblings = items.filter((x) => x.parent === it.parent);
  const i = siblings.findIndex((x) => x.id === id);
  const j = i + delta;
  if (j < 0 || j >= siblings.length) return null;
  const place: Place =
    delta < 0
      ? { parent: it.parent, before: siblings[j]!.id }
      : { parent: it.parent, before: siblings[j + 1]?.id ?? null };
  return moveItems(items, [id], place);
}

export function updateItem(items: Items, id: string, patch: Partial<RfItem>): RfItem[] {
  return items.map((it) => (it.id === id ? { ...it, ...patch } : it));
}

export const blankGroup = (parent: string | null, name: string): RfItem => ({
  id: newItemId(),
  parent,
  kind: 'group',
  name,
  expanded: null,
  description: null,
  src: null,
  text: '',
  extra: [],
  order: [],
});
export const blankResponse = (parent: string | null, name: string): RfItem => ({
  id: newItemId(),
  parent,
  kind: 'response',
  name,
  expanded: null,
  description: null,
  src: null,
  text: '',
  extra: [],
  order: [],
});

/** Undo/redo over snapshots of the items. `key` merges consecutive edits of one field (typing). */
export interface History {
  past: { items: Items; key: string | null }[];
  future: Items[];
}
export const HISTORY_LIMIT = 200;

export function record(h: History, before: Items, key: string | null): History {
  const last = h.past[h.past.length - 1];
  if (key !== null && last?.key === key) return { past: h.past, future: [] };
  const past = [...h.past, { items: before, key }];
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] };
}
