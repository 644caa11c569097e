import { describe, expect, it, vi } from 'vitest';
import { createTabsStore, dropIndex, type TabSpec } from './store';

const spec = (key: string): TabSpec => ({ key, title: key.toUpperCase(), kind: 'test' });
const keys = (s: ReturnType<typeof createTabsStore>) => s.getState().tabs.map((t) => t.key);

function withTabs(...names: string[]) {
  const store = createTabsStore();
  for (const n of names) store.getState().open(spec(n));
  return store;
}

describe('tabs store: open / activate', () => {
  it('opens tabs at the end and activates the new one', () => {
    const s = withTabs('a', 'b', 'c');
    expect(keys(s)).toEqual(['a', 'b', 'c']);
    expect(s.getState().activeKey).toBe('c');
    expect(s.getState().tabs.every((t) => !t.dirty)).toBe(true);
  });

  it('focuses an already open tab instead of opening a second one', () => {
    const s = withTabs('a', 'b', 'c');
    s.getState().open({ ...spec('a'), title: 'other title' });
    expect(keys(s)).toEqual(['a', 'b', 'c']);
    expect(s.getState().activeKey).toBe('a');
    expect(s.getState().tabs[0]!.title).toBe('A');
  });

  it('activates only known tabs', () => {
    const s = withTabs('a', 'b');
    s.getState().activate('a');
    expect(s.getState().activeKey).toBe('a');
    s.getState().activate('zzz');
    expect(s.getState().activeKey).toBe('a');
  });

  it('moves to the next and previous tab, wrapping around', () => {
    const s = withTabs('a', 'b', 'c');
    s.getState().activateRelative(1);
    expect(s.getState().activeKey).toBe('a');
    s.getState().activateRelative(-1);
    expect(s.getState().activeKey).toBe('c');
    s.getState().activateRelative(-1);
    expect(s.getState().activeKey).toBe('b');
  });

  it('does nothing on next/previous without tabs', () => {
    const s = createTabsStore();
    s.getState().activateRelative(1);
    expect(s.getState().activeKey).toBeNull();
  });
});

describe('tabs store: close', () => {
  it('closing the active tab activates its right neighbour, else its left one', () => {
    const s = withTabs('a', 'b', 'c');
    s.getState().activate('b');
    s.getState().close('b');
    expect(keys(s)).toEqual(['a', 'c']);
    expect(s.getState().activeKey).toBe('c');
    s.getState().close('c');
    expect(s.getState().activeKey).toBe('a');
    s.getState().close('a');
    expect(s.getState().activeKey).toBeNull();
    expect(keys(s)).toEqual([]);
  });

  it('closing an inactive tab keeps the active one', () => {
    const s = withTabs('a', 'b', 'c');
    s.getState().close('a');
    expect(s.getState().activeKey).toBe('c');
  });

  it('closeAll closes every tab, dirty or not, and forgets their saves', async () => {
    const s = withTabs('a', 'b');
    s.getState().setDirty('a', true);
    const save = vi.fn(async () => true);
    s.getState().registerSaver('a', save);
    s.getState().requestClose('a');
    s.getState().closeAll();
    expect(keys(s)).toEqual([]);
    expect(s.getState().activeKey).toBeNull();
    expect(s.getState().pendingClose).toBeNull();
    s.getState().open(spec('a'));
    expect(await s.getState().save('a')).toBe(false);
    expect(save).not.toHaveBeenCalled();
  });

  it('requestClose closes a clean tab at once', () => {
    const s = withTabs('a', 'b');
    expect(s.getState().requestClose('a')).toBe(true);
    expect(keys(s)).toEqual(['b']);
    expect(s.getState().pendingClose).toBeNull();
  });

  it('requestClose on a dirty tab asks first and activates it', () => {
    const s = withTabs('a', 'b');
    s.getState().setDirty('a', true);
    expect(s.getState().requestClose('a')).toBe(false);
    expect(keys(s)).toEqual(['a', 'b']);
    expect(s.getState().pendingClose).toBe('a');
    expect(s.getState().activeKey).toBe('a');
  });

  it('Cancel keeps the dirty tab', async () => {
    const s = withTabs('a');
    s.getState().setDirty('a', true);
    s.getState().requestClose('a');
    expect(await s.getState().resolveClose('cancel')).toBe(false);
    expect(keys(s)).toEqual(['a']);
    expect(s.getState().pendingClose).toBeNull();
    expect(s.getState().tabs[0]!.dirty).toBe(true);
  });

  it("Don't Save closes without saving", async () => {
    const s = withTabs('a', 'b');
    const save = vi.fn(async () => true);
    s.getState().registerSaver('a', save);
    s.getState().setDirty('a', true);
    s.getState().requestClose('a');
    expect(await s.getState().resolveClose('discard')).toBe(true);
    expect(save).not.toHaveBeenCalled();
    expect(keys(s)).toEqual(['b']);
    expect(s.getState().pendingClose).toBeNull();
  });

  it('Save runs the save handler, then closes when it succeeded', async () => {
    const s = withTabs('a', 'b');
    const save = vi.fn(async () => true);
    s.getState().registerSaver('a', save);
    s.getState().setDirty('a', true);
    s.getState().requestClose('a');
    const pending = s.getState().resolveClose('save');
    expect(s.getState().savingClose).toBe(true);
    expect(await pending).toBe(true);
    expect(save).toHaveBeenCalledTimes(1);
    expect(keys(s)).toEqual(['b']);
    expect(s.getState().savingClose).toBe(false);
  });

  it('Save keeps the tab when the save fails, throws, or there is no handler', async () => {
    const s = withTabs('a');
    s.getState().setDirty('a', true);

    s.getState().requestClose('a');
    expect(await s.getState().resolveClose('save')).toBe(false); // no handler
    expect(keys(s)).toEqual(['a']);

    const unregister = s.getState().registerSaver('a', async () => false);
    s.getState().requestClose('a');
    expect(await s.getState().resolveClose('save')).toBe(false);
    expect(keys(s)).toEqual(['a']);
    expect(s.getState().pendingClose).toBeNull();
    unregister();

    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    s.getState().registerSaver('a', async () => {
      throw new Error('boom');
    });
    s.getState().requestClose('a');
    expect(await s.getState().resolveClose('save')).toBe(false);
    expect(keys(s)).toEqual(['a']);
    error.mockRestore();
  });

  it('resolveClose without a pending close does nothing', async () => {
    const s = withTabs('a');
    expect(await s.getState().resolveClose('discard')).toBe(false);
    expect(keys(s)).toEqual(['a']);
  });

  it('closing a tab forgets its save handler', async () => {
    const s = withTabs('a');
    s.getState().registerSaver('a', async () => true);
    s.getState().close('a');
    s.getState().open(spec('a'));
    expect(await s.getState().save('a')).toBe(false);
  });
});

describe('tabs store: reorder', () => {
  it('moves a tab to an index, clamped to the strip', () => {
    const s = withTabs('a', 'b', 'c', 'd');
    s.getState().move('a', 2);
    expect(keys(s)).toEqual(['b', 'c', 'a', 'd']);
    s.getState().move('d', -5);
    expect(keys(s)).toEqual(['d', 'b', 'c', 'a']);
    s.getState().move('d', 99);
    expect(keys(s)).toEqual(['b', 'c', 'a', 'd']);
    s.getState().move('nope', 0);
    expect(keys(s)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('moves a tab left and right by one (Ctrl+Shift+PageUp/PageDown)', () => {
    const s = withTabs('a', 'b', 'c');
    s.getState().moveBy('c', -1);
    expect(keys(s)).toEqual(['a', 'c', 'b']);
    s.getState().moveBy('a', -1);
    expect(keys(s)).toEqual(['a', 'c', 'b']);
    s.getState().moveBy('a', 1);
    expect(keys(s)).toEqual(['c', 'a', 'b']);
    expect(s.getState().activeKey).toBe('c');
  });

  it('dropIndex turns "drop before tab i" into a move target', () => {
    const s = withTabs('a', 'b', 'c', 'd');
    // drag a (0) before d (3) → a ends at index 2
    s.getState().move('a', dropIndex(0, 3));
    expect(keys(s)).toEqual(['b', 'c', 'a', 'd']);
    // drag d (3) before b (0)
    s.getState().move('d', dropIndex(3, 0));
    expect(keys(s)).toEqual(['d', 'b', 'c', 'a']);
    // drag b (1) to the end (insert before 4)
    s.getState().move('b', dropIndex(1, 4));
    expect(keys(s)).toEqual(['d', 'c', 'a', 'b']);
  });
});

describe('tabs store: dirty, title, save', () => {
  it('tracks dirty per tab', () => {
    const s = withTabs('a', 'b');
    expect(s.getState().anyDirty()).toBe(false);
    s.getState().setDirty('b', true);
    expect(s.getState().tabs.map((t) => t.dirty)).toEqual([false, true]);
    expect(s.getState().anyDirty()).toBe(true);
    const before = s.getState().tabs;
    s.getState().setDirty('b', true); // no change, no new state
    expect(s.getState().tabs).toBe(before);
    s.getState().setDirty('b', false);
    expect(s.getState().anyDirty()).toBe(false);
  });

  it('renames a tab', () => {
    const s = withTabs('a');
    s.getState().setTitle('a', 'Renamed');
    expect(s.getState().tabs[0]!.title).toBe('Renamed');
  });

  it('save runs the registered handler; an old unregister does not remove a newer handler', async () => {
    const s = withTabs('a');
    expect(await s.getState().save('a')).toBe(false);
    const first = vi.fn(async () => true);
    const second = vi.fn(async () => true);
    const unregisterFirst = s.getState().registerSaver('a', first);
    s.getState().registerSaver('a', second);
    unregisterFirst();
    expect(await s.getState().save('a')).toBe(true);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});

describe('tabs store: close others / to the right / all', () => {
  it('closes the others, the ones to the right, or all; the kept tab becomes active', () => {
    const s = withTabs('a', 'b', 'c', 'd');
    expect(s.getState().requestCloseToRight('b')).toBe(true);
    expect(keys(s)).toEqual(['a', 'b']);
    expect(s.getState().activeKey).toBe('b'); // the active d was closed: its nearest kept neighbour
    s.getState().open(spec('e'));
    expect(s.getState().requestCloseOthers('a')).toBe(true);
    expect(keys(s)).toEqual(['a']);
    expect(s.getState().activeKey).toBe('a');
    expect(s.getState().requestCloseAll()).toBe(true);
    expect(keys(s)).toEqual([]);
    expect(s.getState().activeKey).toBeNull();
  });

  it('asks once for several dirty tabs, naming how many; Cancel keeps every tab', async () => {
    const s = withTabs('a', 'b', 'c', 'd');
    s.getState().setDirty('b', true);
    s.getState().setDirty('d', true);
    expect(s.getState().requestCloseAll()).toBe(false);
    expect(s.getState().pendingClose).toBe('b');
    expect(s.getState().pendingDirtyKeys).toEqual(['b', 'd']);
    expect(s.getState().pendingCloseKeys).toEqual(['a', 'b', 'c', 'd']);
    // a second request while the prompt is up does nothing
    expect(s.getState().requestClose('a')).toBe(false);
    expect(await s.getState().resolveClose('cancel')).toBe(false);
    expect(keys(s)).toEqual(['a', 'b', 'c', 'd']);
    expect(s.getState().pendingClose).toBeNull();
    expect(s.getState().pendingDirtyKeys).toEqual([]);
  });

  it("Don't Save closes them all without saving", async () => {
    const s = withTabs('a', 'b', 'c');
    const save = vi.fn(async () => true);
    s.getState().registerSaver('c', save);
    s.getState().setDirty('c', true);
    s.getState().requestCloseOthers('a');
    expect(s.getState().pendingDirtyKeys).toEqual(['c']);
    expect(await s.getState().resolveClose('discard')).toBe(true);
    expect(save).not.toHaveBeenCalled();
    expect(keys(s)).toEqual(['a']);
  });

  it('Save saves each dirty tab; one that fails stays open and in front, the rest close', async () => {
    const s = withTabs('a', 'b', 'c', 'd');
    const saveB = vi.fn(async () => true);
    const saveC = vi.fn(async () => false);
    s.getState().registerSaver('b', saveB);
    s.getState().registerSaver('c', saveC);
    s.getState().setDirty('b', true);
    s.getState().setDirty('c', true);
    s.getState().requestCloseToRight('a');
    expect(await s.getState().resolveClose('save')).toBe(false);
    expect(saveB).toHaveBeenCalledTimes(1);
    expect(saveC).toHaveBeenCalledTimes(1);
    expect(keys(s)).toEqual(['a', 'c']);
    expect(s.getState().activeKey).toBe('c');
    expect(s.getState().pendingClose).toBeNull();
  });

  it('closing a tab while another close waits does not lose the prompt for other tabs', async () => {
    const s = withTabs('a', 'b');
    s.getState().setDirty('b', true);
    s.getState().requestClose('b');
    s.getState().close('a');
    expect(s.getState().pendingClose).toBe('b');
  });
});

describe('tabs store: focus requests and restore', () => {
  it('a new tab asks for the focus in its content; a close asks for the strip; focusing an open tab asks nothing', () => {
    const s = withTabs('a', 'b');
    expect(s.getState().focusRequest).toMatchObject({ key: 'b', where: 'panel' });
    const before = s.getState().focusRequest;
    s.getState().open(spec('a'));
    expect(s.getState().focusRequest).toBe(before);
    s.getState().close('a');
    expect(s.getState().focusRequest).toMatchObject({ key: 'b', where: 'strip' });
    const seq = s.getState().focusRequest!.seq;
    s.getState().open(spec('c'));
    s.getState().close('c');
    expect(s.getState().focusRequest!.seq).toBeGreaterThan(seq);
  });

  it('restore puts the saved tabs back clean, with the saved active tab (or the first one)', () => {
    const s = withTabs('x');
    s.getState().setDirty('x', true);
    s.getState().restore([spec('a'), spec('b'), spec('a')], 'b');
    expect(keys(s)).toEqual(['a', 'b']);
    expect(s.getState().activeKey).toBe('b');
    expect(s.getState().tabs.every((t) => !t.dirty && t.params !== undefined)).toBe(true);
    s.getState().restore([spec('a')], 'gone');
    expect(s.getState().activeKey).toBe('a');
  });
});
