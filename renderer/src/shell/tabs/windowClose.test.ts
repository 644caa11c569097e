import { describe, expect, it } from 'vitest';
import { createTabsStore } from './store';
import { closeWindowAfterPrompts } from './windowClose';

const setup = () => {
  const store = createTabsStore();
  for (const key of ['a', 'b', 'c']) store.getState().open({ key, title: key.toUpperCase(), kind: 'x' });
  store.getState().setDirty('a', true);
  store.getState().setDirty('c', true);
  return store;
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('closing the window with dirty tabs', () => {
  it('closes at once when nothing is dirty', async () => {
    const store = createTabsStore();
    let closed = false;
    expect(await closeWindowAfterPrompts(store, () => (closed = true))).toBe(true);
    expect(closed).toBe(true);
  });

  it("asks for each dirty tab in turn and closes after Don't Save / Save", async () => {
    const store = setup();
    let saved = 0;
    store.getState().registerSaver('c', async () => {
      saved++;
      return true;
    });
    let closed = false;
    const done = closeWindowAfterPrompts(store, () => (closed = true));
    await tick();
    expect(store.getState().pendingClose).toBe('a');
    await store.getState().resolveClose('discard');
    await tick();
    expect(store.getState().pendingClose).toBe('c');
    await store.getState().resolveClose('save');
    expect(await done).toBe(true);
    expect(saved).toBe(1);
    expect(closed).toBe(true);
  });

  it('keeps the window open on Cancel', async () => {
    const store = setup();
    let closed = false;
    const done = closeWindowAfterPrompts(store, () => (closed = true));
    await tick();
    await store.getState().resolveClose('cancel');
    expect(await done).toBe(false);
    expect(closed).toBe(false);
    expect(store.getState().tabs.map((t) => t.key)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the window open when a save fails', async () => {
    const store = setup();
    store.getState().registerSaver('a', async () => false);
    let closed = false;
    const done = closeWindowAfterPrompts(store, () => (closed = true));
    await tick();
    await store.getState().resolveClose('save');
    expect(await done).toBe(false);
    expect(closed).toBe(false);
  });
});
