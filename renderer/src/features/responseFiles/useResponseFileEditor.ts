import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { RfFileDoc, RfItem, RfProblem } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { useVersionedEditor } from '../../ui/kit/useVersionedEditor';
import { rfKeys } from './data';
import { record, type History, type Items } from './treeOps';

export type Notice = { intent: 'success' | 'info' | 'error' | 'warning'; title: string; text: string; testId: string };

/** The editable part of a response file; `items` is compared by identity (every edit makes a new array). */
interface RfForm {
  readonly name: string;
  readonly location: string;
  readonly items: Items;
}

const valueOf = (doc: RfFileDoc): RfForm => ({ name: doc.name, location: doc.location ?? '', items: doc.items });
const toForm = (v: RfForm) => v;
const parse = (f: RfForm) => ({ ok: true as const, value: f });
const isDirty = (f: RfForm, saved: RfForm) =>
  f.items !== saved.items || f.name !== saved.name || f.location !== saved.location;
// a service group started or stopped using the file: same version, new usages and problems
const sameVersionChanged = (server: RfFileDoc, base: RfFileDoc) =>
  JSON.stringify(server.usages) !== JSON.stringify(base.usages);
// main's refusals (item ids, Src paths, a name in use) are shown above the tree
const placement = () => ({ fields: [] });
const emptyItems: Items = [];

/**
 * One response file in an editor tab (useVersionedEditor): a working copy of the items with
 * undo/redo, checked by main as the user edits (debounced), saved with the version it was read at.
 */
export function useResponseFileEditor(tabKey: string, fileId: number, writable: boolean) {
  const queryClient = useQueryClient();
  const [history, setHistory] = useState<History>({ past: [], future: [] });
  const [checked, setChecked] = useState<RfProblem[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  const onAdopt = useCallback(() => {
    setChecked(null);
    setHistory({ past: [], future: [] });
  }, []);
  const ed = useVersionedEditor({
    tabKey,
    queryKey: rfKeys.file(fileId),
    read: () => ccm.responseFiles.get({ id: fileId }),
    write: (v: RfForm, expectedVersion) =>
      ccm.responseFiles.save({
        id: fileId,
        expectedVersion,
        name: v.name.trim(),
        location: v.location.trim() || null,
        items: [...v.items],
      }),
    valueOf,
    toForm,
    parse,
    isDirty,
    writable,
    placement,
    sameVersionChanged,
    onAdopt,
    onSaved: (doc) => {
      void queryClient.invalidateQueries({ queryKey: rfKeys.list });
      refreshAfterChange(queryClient, 'response_file');
      setNotice({
        intent: 'success',
        title: 'Saved',
        text: `${doc.name} saved (version ${doc.version}).`,
        testId: 'rf-saved',
      });
    },
  });
  const { base, update } = ed;
  const items = ed.form?.items ?? emptyItems;
  const name = ed.form?.name ?? '';
  const location = ed.form?.location ?? '';

  // The latest items for callbacks (undo, change) without re-creating them on every edit.
  const itemsRef = useRef<Items>(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const setItems = useCallback(
    (value: Items) => {
      itemsRef.current = value;
      update((f) => ({ ...f, items: value }));
    },
    [update],
  );

  const clean = base !== null && items === base.items && location === (base.location ?? '');
  const problems = base === null ? [] : clean ? base.problems : (checked ?? base.problems);

  /** Every change of the items goes through here (undo history; `key` merges typing into one step). */
  const change = useCallback(
    (next: Items | ((cur: Items) => Items | null), key: string | null = null) => {
      const cur = itemsRef.current;
      const value = typeof next === 'function' ? next(cur) : next;
      if (!value || value === cur) return false;
      setHistory((h) => record(h, cur, key));
      setItems(value);
      setNotice((n) => (n?.intent === 'success' ? null : n));
      return true;
    },
    [setItems],
  );

  const undo = useCallback(() => {
    setHistory((h) => {
      const last = h.past[h.past.length - 1];
      if (!last) return h;
      const cur = itemsRef.current;
      setItems(last.items);
      return { past: h.past.slice(0, -1), future: [cur, ...h.future] };
    });
  }, [setItems]);
  const redo = useCallback(() => {
    setHistory((h) => {
      const next = h.future[0];
      if (!next) return h;
      const cur = itemsRef.current;
      setItems(next);
      return { past: [...h.past, { items: cur, key: null }], future: h.future.slice(1) };
    });
  }, [setItems]);

  const setName = useCallback((v: string) => update((f) => ({ ...f, name: v })), [update]);
  const setLocation = useCallback((v: string) => update((f) => ({ ...f, location: v })), [update]);

  // Main checks the working copy (identifiers against the media of the service groups using
  // the file, Src files on disk) a moment after the last change.
  useEffect(() => {
    if (!base || (items === base.items && location === (base.location ?? ''))) return;
    let cancelled = false;
    const t = setTimeout(() => {
      setChecking(true);
      void ccm.responseFiles
        .check({ id: fileId, items: [...items], location: location.trim() || null })
        .then((env) => {
          if (!cancelled && env.ok) setChecked(env.value);
        })
        .finally(() => !cancelled && setChecking(false));
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [items, location, base, fileId]);

  const byId = useMemo(() => new Map(items.map((i) => [i.id, i] as [string, RfItem])), [items]);

  return {
    loadError: ed.loadError,
    base,
    items,
    byId,
    name,
    setName,
    location,
    setLocation,
    dirty: ed.dirty,
    problems,
    checking,
    busy: ed.busy,
    conflict: ed.conflict,
    notice,
    setNotice,
    failure: ed.failure,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    change,
    undo,
    redo,
    save: ed.save,
    reload: ed.reload,
    overwrite: ed.overwrite,
  };
}
