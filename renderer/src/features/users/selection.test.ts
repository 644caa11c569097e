import { describe, expect, it } from 'vitest';
import { clickRow, EMPTY_SELECTION, isSelected, selectAll, selectedCount, toContractSelection } from './selection';

const ids = [10, 11, 12, 13, 14, 15];
const range = (from: number, to: number) => ids.slice(from, to + 1);
const none = { ctrl: false, shift: false };

describe('grid selection', () => {
  it('click selects one row; Ctrl+click toggles; Shift+click selects the range from the anchor', () => {
    let s = clickRow(EMPTY_SELECTION, 1, 11, none, range);
    expect(selectedCount(s, 6)).toBe(1);
    s = clickRow(s, 3, 13, { ctrl: true, shift: false }, range);
    expect([...(s.kind === 'ids' ? s.ids : [])]).toEqual([11, 13]);
    s = clickRow(s, 1, 11, { ctrl: true, shift: false }, range);
    expect(isSelected(s, 11)).toBe(false);
    s = clickRow(s, 5, 15, { ctrl: false, shift: true }, range);
    expect([...(s.kind === 'ids' ? s.ids : [])]).toEqual([11, 12, 13, 14, 15]);
    expect(toContractSelection(s, {})).toEqual({ ids: [11, 12, 13, 14, 15] });
  });

  it('Ctrl+A selects every matching user, Ctrl+click then leaves some out', () => {
    let s = selectAll();
    expect(selectedCount(s, 100_000)).toBe(100_000);
    s = clickRow(s, 2, 12, { ctrl: true, shift: false }, range);
    expect(isSelected(s, 12)).toBe(false);
    expect(selectedCount(s, 100_000)).toBe(99_999);
    expect(toContractSelection(s, { search: 'a' })).toEqual({ filter: { search: 'a' }, exceptIds: [12] });
    s = clickRow(s, 0, 10, none, range);
    expect(selectedCount(s, 100_000)).toBe(1);
  });

  it('nothing selected gives no selection for main', () => {
    expect(toContractSelection(EMPTY_SELECTION, {})).toBeNull();
  });
});
