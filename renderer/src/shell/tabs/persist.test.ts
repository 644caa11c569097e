import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTabsStore, type TabSpec } from './store';
import { loadTabs, parseSavedTabs, saveTabsTo, serializeTabs, tabsStorageKey } from './persist';

// A two-kind union shaped like the feature list's SavedTab.
const Schema = z.discriminatedUnion('kind', [
  z.object({ key: z.string().min(1), title: z.string(), kind: z.literal('home'), params: z.object({}) }),
  z.object({
    key: z.string().min(1),
    title: z.string(),
    kind: z.literal('user'),
    params: z.object({ userId: z.number().int().positive() }),
  }),
]);
const home: TabSpec = { key: 'home', title: 'Home', kind: 'home', params: {} };
const user = (id: number): TabSpec => ({ key: `user.${id}`, title: `U${id}`, kind: 'user', params: { userId: id } });
const raw = (tabs: unknown[], activeKey: unknown = null) => JSON.stringify({ tabs, activeKey });

describe('saved tabs: parse', () => {
  it('round-trips what was saved', () => {
    const text = serializeTabs({
      tabs: [
        { ...home, dirty: true, params: {} },
        { ...user(3), params: { userId: 3 }, dirty: false },
      ],
      activeKey: 'user.3',
    });
    expect(parseSavedTabs(text, Schema)).toEqual({ tabs: [home, user(3)], activeKey: 'user.3' });
  });

  it('drops an unknown kind, invalid parameters and repeated keys, keeping the rest', () => {
    const saved = parseSavedTabs(
      raw(
        [
          home,
          { key: 'x', title: 'X', kind: 'removedFeature', params: {} },
          { ...user(1), params: { userId: 'one' } },
          { ...user(2), params: {} },
          user(4),
          { ...user(4), title: 'again' },
          null,
          'text',
        ],
        'x',
      ),
      Schema,
    );
    expect(saved.tabs).toEqual([home, user(4)]);
    expect(saved.activeKey).toBe('home'); // the saved active tab was dropped: the first one
  });

  it('an unreadable entry is an empty workspace, not a crash', () => {
    for (const text of [null, '', '{', 'null', '42', '{"tabs":"no"}', '[]'])
      expect(parseSavedTabs(text, Schema)).toEqual({ tabs: [], activeKey: null });
  });

  it('keep() drops more (tabs of areas the user no longer sees)', () => {
    const saved = parseSavedTabs(raw([home, user(1)], 'user.1'), Schema, (t) => t.kind !== 'user');
    expect(saved).toEqual({ tabs: [home], activeKey: 'home' });
  });
});

describe('saved tabs: save and load', () => {
  const storage = new Map<string, string>();
  beforeEach(() => {
    storage.clear();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
        removeItem: (k: string) => void storage.delete(k),
      },
    });
  });
  afterEach(() => {
    saveTabsTo(null);
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('keeps one workspace per database and user; stops saving before a sign-out closes the tabs', () => {
    const store = createTabsStore();
    const alice = tabsStorageKey('Embedded demo (SQLite)', '1:alice');
    const bob = tabsStorageKey('Embedded demo (SQLite)', '2:bob');
    const aliceElsewhere = tabsStorageKey('profile-2', '1:alice');
    expect(new Set([alice, bob, aliceElsewhere]).size).toBe(3);

    saveTabsTo(alice, store);
    store.getState().open(home);
    store.getState().open(user(7));
    store.getState().activate('home');
    expect(loadTabs(alice, Schema)).toEqual({ tabs: [home, user(7)], activeKey: 'home' });

    saveTabsTo(null, store); // sign-out
    store.getState().closeAll();
    expect(loadTabs(alice, Schema).tabs).toHaveLength(2);

    saveTabsTo(bob, store);
    store.getState().open(user(9));
    expect(loadTabs(bob, Schema).tabs).toEqual([user(9)]);
    expect(loadTabs(alice, Schema).tabs).toEqual([home, user(7)]);
    expect(loadTabs(aliceElsewhere, Schema).tabs).toEqual([]);
  });

  it('a dirty flag alone does not rewrite the entry; a rename does', () => {
    const store = createTabsStore();
    const key = tabsStorageKey('db', '1:a');
    saveTabsTo(key, store);
    store.getState().open(home);
    storage.set(key, 'marker');
    store.getState().setDirty('home', true);
    expect(storage.get(key)).toBe('marker');
    store.getState().setTitle('home', 'Start');
    expect(loadTabs(key, Schema).tabs[0]!.title).toBe('Start');
  });
});
