import { describe, expect, it } from 'vitest';
import type { CcmErrorShape } from '../../../../electron/contract';
import { editorReducer, initialEditorState, newerDoc, shouldAdopt, type EditorState } from './versionedEditorState';

interface Doc {
  version: number;
  name: string;
  usages?: string[];
}
type Form = { name: string };
type S = EditorState<Doc, Form, string>;

const doc = (version: number, name = 'a', usages: string[] = []): Doc => ({ version, name, usages });
const stale: CcmErrorShape = {
  code: 'CONFLICT',
  message: 'The version you supplied [1] does not match the current version [2]',
  details: { rule: 'stale_version', conflict: { expectedVersion: 1, version: 2 } },
};
const loaded = (d: Doc): S => editorReducer(initialEditorState<Doc, Form, string>(null), adopt(d));
const adopt = (d: Doc, saved = false) => ({ type: 'adopt' as const, doc: d, form: { name: d.name }, saved });

describe('editorReducer', () => {
  it('adopting a document makes it base and form, and clears the last answer', () => {
    let s = loaded(doc(1));
    s = editorReducer(s, { type: 'failed', error: { code: 'INVALID', message: 'no' } });
    s = editorReducer(s, { type: 'conflict', conflict: { error: stale, theirs: null, merge: null } });
    s = editorReducer(s, adopt(doc(2, 'b')));
    expect(s).toMatchObject({ base: { version: 2 }, form: { name: 'b' }, conflict: null, failure: null, saved: null });
  });

  it('a save keeps the saved document until the next edit', () => {
    let s = editorReducer(loaded(doc(1)), adopt(doc(2, 'b'), true));
    expect(s.saved?.version).toBe(2);
    s = editorReducer(s, { type: 'edit', update: (f) => ({ ...f, name: 'c' }) });
    expect(s.saved).toBeNull();
    expect(s.form).toEqual({ name: 'c' });
    expect(s.base?.name).toBe('b'); // an edit never moves the base
  });

  it('an edit clears a refusal; a write start clears refusal, conflict and saved and is busy', () => {
    let s = editorReducer(loaded(doc(1)), { type: 'failed', error: { code: 'INVALID', message: 'x', field: 'name' } });
    s = editorReducer(s, { type: 'edit', update: (f) => f });
    expect(s.failure).toBeNull();
    s = editorReducer(s, { type: 'conflict', conflict: { error: stale, theirs: doc(2), merge: 'm' } });
    s = editorReducer(s, { type: 'start' });
    expect(s).toMatchObject({ busy: true, conflict: null, failure: null, saved: null });
  });

  it('a merge rebases the form on what is saved now and remembers whose changes came in', () => {
    let s = editorReducer(loaded(doc(1)), { type: 'conflict', conflict: { error: stale, theirs: doc(2), merge: 'm' } });
    s = editorReducer(s, { type: 'merged', theirs: doc(2, 'theirs'), form: { name: 'merged' } });
    expect(s).toMatchObject({ base: { version: 2 }, form: { name: 'merged' }, conflict: null });
    expect(s.mergedFrom?.name).toBe('theirs');
    expect(editorReducer(s, adopt(doc(3), true)).mergedFrom).toBeNull();
  });

  it('rebase moves the version and keeps the form; dismiss hides the saved outcome', () => {
    let s = editorReducer(loaded(doc(1)), { type: 'edit', update: () => ({ name: 'mine' }) });
    s = editorReducer(s, { type: 'rebase', doc: doc(5, 'server') });
    expect(s).toMatchObject({ base: { version: 5 }, form: { name: 'mine' } });
    s = editorReducer(editorReducer(s, adopt(doc(6), true)), { type: 'dismiss' });
    expect(s.saved).toBeNull();
  });

  it('an edit before anything is loaded does nothing', () => {
    const s = initialEditorState<Doc, Form, string>(null);
    expect(editorReducer(s, { type: 'edit', update: () => ({ name: 'x' }) })).toBe(s);
  });
});

describe('shouldAdopt', () => {
  const clean = (base: Doc | null) => ({ base, busy: false, conflict: null });

  it('takes the first document, and a newer one while the form is clean', () => {
    expect(shouldAdopt(doc(1), clean(null), false)).toBe(true);
    expect(shouldAdopt(doc(2), clean(doc(1)), false)).toBe(true);
    expect(shouldAdopt(undefined, clean(null), false)).toBe(false);
  });

  it('an edited, busy or conflicting copy keeps its base (its save will conflict)', () => {
    expect(shouldAdopt(doc(2), clean(doc(1)), true)).toBe(false);
    expect(shouldAdopt(doc(2), { base: doc(1), busy: true, conflict: null }, false)).toBe(false);
    expect(shouldAdopt(doc(2), { base: doc(1), busy: false, conflict: {} }, false)).toBe(false);
  });

  it('never goes back to an older or the same version, unless the editor says the same version is news', () => {
    const base = doc(3, 'a', ['g1']);
    expect(shouldAdopt(doc(2), clean(base), false)).toBe(false);
    expect(shouldAdopt(doc(3, 'a', ['g1', 'g2']), clean(base), false)).toBe(false);
    const usagesChanged = (s: Doc, b: Doc) => JSON.stringify(s.usages) !== JSON.stringify(b.usages);
    expect(shouldAdopt(doc(3, 'a', ['g1', 'g2']), clean(base), false, usagesChanged)).toBe(true);
    expect(shouldAdopt(doc(3, 'a', ['g1']), clean(base), false, usagesChanged)).toBe(false);
    expect(shouldAdopt(base, clean(base), false, () => true)).toBe(false); // the same object
  });
});

describe('newerDoc', () => {
  it('the cache never goes back to an older version', () => {
    expect(newerDoc(undefined, doc(1)).version).toBe(1);
    expect(newerDoc(doc(3), doc(2)).version).toBe(3);
    expect(newerDoc(doc(3), doc(4)).version).toBe(4);
    const same = doc(3, 'new');
    expect(newerDoc(doc(3, 'old'), same)).toBe(same);
  });
});
