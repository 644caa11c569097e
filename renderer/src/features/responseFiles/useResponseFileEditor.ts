import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, RfFileDoc, RfItem, RfProblem } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { refreshAfterChange } from '../../data/invalidate';
import { rfKeys } from './data';
import { record, type History, type Items } from './treeOps';

export type Notice = { intent: 'success' | 'info' | 'error' | 'warning'; title: string; text: string; testId: string };

/**
 * One response file in an editor tab: a working copy of the items with undo/redo, checked by
 * main as the user edits (debounced), saved with the version it was read at.
 */
export function useResponseFileEditor(fileId: number, writable: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: rfKeys.file(fileId),
    queryFn: () => unwrap(ccm.responseFiles.get({ id: fileId })),
    staleTime: Infinity,
  });
  const [base, setBase] = useState<RfFileDoc | null>(null);
  const [items, setItems] = useState<Items>([]);
  const [name, setName] = useState('');
  const [location, setLocation] = useState('');
  const [history, setHistory] = useState<History>({ past: [], future: [] });
  const [checked, setChecked] = useState<RfProblem[] | null>(null);
  const [checking, setChecking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [failure, setFailure] = useState<CcmErrorShape | null>(null);
  // The latest items for callbacks (undo, change) without re-creating them on every edit.
  const itemsRef = useRef<Items>([]);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);

  const adopt = useCallback((doc: RfFileDoc) => {
    setBase(doc);
    setItems(doc.items);
    setName(doc.name);
    setLocation(doc.location ?? '');
    setChecked(null);
    setHistory({ past: [], future: [] });
    setConflict(null);
    setFailure(null);
  }, []);

  const dirty = base !== null && (items !== base.items || name !== base.name || location !== (base.location ?? ''));
  const saved = query.data;
  if (saved && (base === null || (saved.version > base.version && !dirty && !busy && !conflict))) adopt(saved);
  if (
    saved &&
    base &&
    saved !== base &&
    saved.version === base.version &&
    !dirty &&
    !busy &&
    JSON.stringify(saved.usages) !== JSON.stringify(base.usages)
  ) {
    // a service group started or stopped using the file: same version, new usages and problems
    adopt(saved);
  }
  const clean = base !== null && items === base.items && location === (base.location ?? '');
  const problems = base === null ? [] : clean ? base.problems : (checked ?? base.problems);

  /** Every change of the items goes through here (undo history; `key` merges typing into one step). */
  const change = useCallback((next: Items | ((cur: Items) => Items | null), key: string | null = null) => {
    const cur = itemsRef.current;
    const value = typeof next === 'function' ? next(cur) : next;
    if (!value || value === cur) return false;
    setHistory((h) => record(h, cur, key));
    itemsRef.current = value;
    setItems(value);
    setNotice((n) => (n?.intent === 'success' ? null : n));
    return true;
  }, []);

  const undo = useCallback(() => {
    setHistory((h) => {
      const last = h.past[h.past.length - 1];
      if (!last) return h;
      const cur = itemsRef.current;
      itemsRef.current = last.items;
      setItems(last.items);
      return { past: h.past.slice(0, -1), future: [cur, ...h.future] };
    });
  }, []);
  const redo = useCallback(() => {
    setHistory((h) => {
      const next = h.future[0];
      if (!next) return h;
      const cur = itemsRef.current;
      itemsRef.current = next;
      setItems(next);
      return { past: [...h.past, { items: cur, key: null }], future: h.future.slice(1) };
    });
  }, []);

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

  const commit = useCallback(
    async (expectedVersion: number): Promise<boolean> => {
      setBusy(true);
      setConflict(null);
      setFailure(null);
      setNotice(null);
      try {
        const env = await ccm.responseFiles.save({
          id: fileId,
          expectedVersion,
          name: name.trim(),
          location: location.trim() || null,
          items: [...itemsRef.current],
        });
        if (env.ok) {
          adopt(env.value);
          queryClient.setQueryData(rfKeys.file(fileId), env.value);
          void queryClient.invalidateQueries({ queryKey: rfKeys.list });
          refreshAfterChange(queryClient, 'response_file');
          setNotice({
            intent: 'success',
            title: 'Saved',
            text: `${env.value.name} saved (version ${env.value.version}).`,
            testId: 'rf-saved',
          });
          return true;
        }
        if (env.error.code === 'CONFLICT')
          setConflict(
            env.error.message.replace(
              / Reload, overwrite, or merge\.$/,
              ' Reload to see the saved file, or overwrite it with yours.',
            ),
          );
        else setFailure(env.error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [fileId, name, location, adopt, queryClient],
  );

  const save = useCallback(async () => {
    if (!base || busy || !writable) return false;
    if (!dirty) return true;
    return commit(base.version);
  }, [base, busy, writable, dirty, commit]);

  const reload = useCallback(async () => {
    const env = await ccm.responseFiles.get({ id: fileId });
    if (env.ok) {
      adopt(env.value);
      queryClient.setQueryData(rfKeys.file(fileId), env.value);
    } else setFailure(env.error);
  }, [fileId, adopt, queryClient]);

  const overwrite = useCallback(async () => {
    const env = await ccm.responseFiles.get({ id: fileId });
    if (!env.ok) return setFailure(env.error);
    await commit(env.value.version);
  }, [fileId, commit]);

  const byId = useMemo(() => new Map(items.map((i) => [i.id, i] as [string, RfItem])), [items]);

  return {
    query,
    base,
    items,
    byId,
    name,
    setName,
    location,
    setLocation,
    dirty,
    problems,
    checking,
    busy,
    conflict,
    notice,
    setNotice,
    failure,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    change,
    undo,
    redo,
    save,
    reload,
    overwrite,
  };
}
export type ResponseFileEditorState = ReturnType<typeof useResponseFileEditor>;
