import { describe, expect, it } from 'vitest';
import type { RfItem } from '../../../../electron/contract';
import { fromEditorText, toEditorText } from './text';
import {
  countSubtrees,
  duplicateItems,
  moveAmongSiblings,
  moveItems,
  record,
  removeItems,
  visibleRows,
  type History,
} from './treeOps';

const it_ = (id: string, parent: string | null, kind: 'group' | 'response' = 'response'): RfItem => ({
  id,
  parent,
  kind,
  name: id,
  expanded: null,
  description: null,
  src: null,
  text: kind === 'response' ? 'x' : '',
  extra: [],
  order: [],
});
// a, G1[b, G2[c]], d
const base = [
  it_('a', null),
  it_('G1', null, 'group'),
  it_('b', 'G1'),
  it_('G2', 'G1', 'group'),
  it_('c', 'G2'),
  it_('d', null),
];
const shape = (items: RfItem[] | null) => items?.map((i) => `${i.id}<${i.parent ?? ''}`).join(' ');

describe('response tree operations', () => {
  it('shows rows of expanded groups only', () => {
    expect(visibleRows(base, new Set(['G1'])).map((r) => `${r.item.id}@${r.depth}`)).toEqual([
      'a@0',
      'G1@0',
      'b@1',
      'G2@1',
      'd@0',
    ]);
    expect(visibleRows(base, new Set()).map((r) => r.item.id)).toEqual(['a', 'G1', 'd']);
  });
  it('deletes subtrees and counts them first', () => {
    expect(countSubtrees(base, ['G1', 'c', 'a'])).toEqual({ groups: 2, responses: 3 });
    expect(shape(removeItems(base, ['G1']))).toBe('a< d<');
  });
  it('duplicates a subtree after itself with new ids', () => {
    const { items, created } = duplicateItems(base, ['G2']);
    expect(items).toHaveLength(8);
    const copy = items.find((i) => i.id === created[0])!;
    expect(copy).toMatchObject({ name: 'G2 (copy)', parent: 'G1' });
    expect(items[6]!.parent).toBe(created[0]);
  });
  it('moves between groups and reorders; never into itself', () => {
    expect(shape(moveItems(base, ['d'], { parent: 'G2', before: null }))).toBe('a< G1< b<G1 G2<G1 c<G2 d<G2');
    expect(shape(moveItems(base, ['G2', 'a'], { parent: null, before: null }))).toBe('G1< b<G1 d< a< G2< c<G2');
    expect(moveItems(base, ['G1'], { parent: 'G2', before: null })).toBeNull();
    expect(shape(moveAmongSiblings(base, 'd', -1))).toBe('a< d< G1< b<G1 G2<G1 c<G2');
    expect(moveAmongSiblings(base, 'a', -1)).toBeNull();
  });
  it('history merges consecutive edits of one field', () => {
    let h: History = { past: [], future: [] };
    h = record(h, base, 'name:a');
    h = record(h, base, 'name:a');
    h = record(h, base, null);
    expect(h.past).toHaveLength(2);
  });
});

describe('multi-line text in the editor', () => {
  it('shows CRLF as line breaks and saves line breaks as CRLF (the seed’s &#x0d;&#x0a;)', () => {
    expect(toEditorText('a\r\nb\nc')).toBe('a\nb\nc');
    expect(fromEditorText('a\nb\r\nc')).toBe('a\r\nb\r\nc');
  });
});
