/**
 * A response file (seed 001, E-MAIL, CHAT AND SMS RESPONSE FILES) as a flat list of items in
 * document order (pre-order): a group is followed by everything inside it. Flat because the
 * editor shows it as rows, the wire carries it without recursion limits, and a subtree is a
 * contiguous run (moves and deletes are slices).
 *
 * Attributes keep their raw values: `null` = the attribute is absent (so a round trip does
 * not add `Description=""` or `Expanded="false"`); other attributes are kept in `extra` and
 * `order` remembers the order they were written in.
 */
export type RfKind = 'group' | 'response';

export interface RfItem {
  id: string;
  parent: string | null;
  kind: RfKind;
  /** Name (required by the seed; null when the file omits it, flagged by validation). */
  name: string | null;
  /** Group: Expanded, raw ("true" / "false"; anything else is flagged). */
  expanded: string | null;
  /** Response: Description (tooltip). */
  description: string | null;
  /** Response: Src, a relative or absolute URI of an external source. */
  src: string | null;
  /** Response: the inner text (unused when Src is given). */
  text: string;
  /** Attributes the seed does not name, kept so a round trip loses nothing. */
  extra: { name: string; value: string }[];
  /** Attribute names in the order the file had them (writer keeps it; new ones go last). */
  order: string[];
}

export interface RfDoc {
  items: RfItem[];
}

export const KNOWN_ATTRS: Record<RfKind, readonly string[]> = {
  group: ['Name', 'Expanded'],
  response: ['Name', 'Description', 'Src'],
};

let seq = 0;
/** Ids only need to be unique within one editing session. */
export const newId = (): string => `n${(++seq).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Children of every item in order ('' = the root). */
export function childrenOf(items: readonly RfItem[]): Map<string, RfItem[]> {
  const m = new Map<string, RfItem[]>();
  for (const it of items) {
    const k = it.parent ?? '';
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(it);
  }
  return m;
}

/** Path of group names from the root to an item, for messages ("Group 1 › Response in Group 1"). */
export function pathOf(items: readonly RfItem[], id: string, byId?: Map<string, RfItem>): string {
  const map = byId ?? new Map(items.map((i) => [i.id, i]));
  const parts: string[] = [];
  for (let cur = map.get(id); cur; cur = cur.parent ? map.get(cur.parent) : undefined)
    parts.unshift(cur.name ?? '(no name)');
  return parts.join(' › ');
}
