import { useCallback, useLayoutEffect, useReducer, useRef } from 'react';
import { useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
import { unwrap } from '../../api/client';
import { useTabEditor } from '../../shell/tabs/useTabEditor';
import {
  editorReducer,
  initialEditorState,
  newerDoc,
  shouldAdopt,
  type EditorAction,
  type EditorConflict,
  type EditorState,
  type Versioned,
} from './versionedEditorState';
import { isStaleSave, serverErrors, type ServerErrorOptions } from './serverErrors';

type Errors = Partial<Record<string, string>>;
export type FormParse<Value, E extends Errors> = { ok: true; value: Value } | { ok: false; errors: E };

export interface VersionedEditorOptions<Doc extends Versioned, Value, Form, E extends Errors, M> {
  /** The tab the editor is in: its dirty flag (dot, close prompt) and its save (Ctrl+S). */
  readonly tabKey: string;
  /** The react-query key of the saved document (kept current by db.changed). */
  readonly queryKey: QueryKey;
  /** Reads the saved document (the query, Reload, Overwrite and the re-read after a stale save). */
  read(): Promise<Envelope<Doc>>;
  /** The one write: `value` against `expectedVersion` (0 for a new object); `against` is null for a new one. */
  write(value: Value, expectedVersion: number, against: Doc | null): Promise<Envelope<Doc>>;
  /** False for a new object: nothing is read; the form starts from `blank`. */
  readonly enabled?: boolean;
  readonly blank?: Value;
  /** The editable part of a document, its form, and back (the contract's schema checks the form). */
  valueOf(doc: Doc): Value;
  toForm(value: Value): Form;
  parse(form: Form): FormParse<Value, E>;
  isDirty(form: Form, saved: Value): boolean;
  readonly writable: boolean;
  /** Offer Merge after a stale save: loaded / mine / theirs → what to offer, or null for none. */
  merge?(loaded: Value, mine: Value, theirs: Value): M | null;
  /**
   * Where main's field errors go (serverErrors options); default: the form's keys, also by the
   * path's last segment ("value.logBufferKLines" → logBufferKLines).
   */
  placement?(form: Form): ServerErrorOptions;
  /** A same-version document that is still news (a response file's usages); clean forms take it. */
  sameVersionChanged?(server: Doc, base: Doc): boolean;
  /** Every time base and form become a document (load, change elsewhere, reload, save). */
  onAdopt?(doc: Doc): void;
  /** After a successful save (created: there was no document before). */
  onSaved?(doc: Doc, created: boolean): void;
}

export interface VersionedEditor<Doc, Value, Form, E extends Errors, M> {
  /** Null until loaded (a new object starts from its blank form). */
  readonly form: Form | null;
  readonly base: Doc | null;
  readonly loadError: Error | null;
  readonly dirty: boolean;
  /** The form does not pass the schema (Save stays disabled). */
  readonly invalid: boolean;
  /** The schema's messages, then main's under the field it names. */
  readonly errors: E;
  readonly parseErrors: E;
  readonly serverErrors: E;
  readonly busy: boolean;
  readonly conflict: EditorConflict<Doc, M> | null;
  /** A refusal not placed at a field (show it above the form). */
  readonly failure: CcmErrorShape | null;
  /** The document the last save answered, until the next edit or reload. */
  readonly saved: Doc | null;
  readonly mergedFrom: Doc | null;
  set<K extends keyof Form>(field: K, value: Form[K]): void;
  update(fn: (form: Form) => Form): void;
  save(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<boolean>;
  /** Takes merged values into the form on top of what is saved now; the user then saves. */
  applyMerge(value: Value): void;
  /** Another action of this editor moved the version (a password set): new base, same form. */
  rebase(doc: Doc): void;
  /** Runs another write that answers the document (Reset to defaults), with busy and failure. */
  writeWith(fn: () => Promise<Envelope<Doc>>): Promise<boolean>;
  /** Reports a refusal of another action of this editor. */
  fail(error: CcmErrorShape): void;
  /** Hides the outcome of the last save (`saved` becomes null). */
  dismiss(): void;
}

const none = {};

/**
 * The one versioned-editor state of the renderer (ARCHITECTURE.md "Forms"): a working copy of a
 * saved document, validated with the contract's schema, saved in one write with the version it was
 * read at. A stale save (CONFLICT, details.rule 'stale_version') offers Reload / Overwrite, and Merge
 * where the editor supplies `merge`. A newer document (db.changed) replaces a clean form; an edited
 * one keeps its base, so its save conflicts instead of overwriting unseen.
 */
export function useVersionedEditor<Doc extends Versioned, Value, Form extends object, E extends Errors, M = never>(
  o: VersionedEditorOptions<Doc, Value, Form, E, M>,
): VersionedEditor<Doc, Value, Form, E, M> {
  const queryClient = useQueryClient();
  const enabled = o.enabled ?? true;
  const query = useQuery({
    queryKey: o.queryKey,
    queryFn: () => unwrap(o.read()),
    staleTime: Infinity,
    enabled,
  });
  const [s, dispatch] = useReducer(
    editorReducer as (st: EditorState<Doc, Form, M>, a: EditorAction<Doc, Form, M>) => EditorState<Doc, Form, M>,
    null,
    (): EditorState<Doc, Form, M> => {
      const cached = enabled ? (query.data as Doc | undefined) : undefined;
      if (cached) return initialEditorState(o.toForm(o.valueOf(cached)), cached);
      return initialEditorState(o.blank !== undefined && !enabled ? o.toForm(o.blank) : null);
    },
  );
  const { base, form } = s;
  const savedValue = base ? o.valueOf(base) : (o.blank ?? null);
  const dirty = o.writable && form !== null && savedValue !== null && o.isDirty(form, savedValue);

  const server = query.data as Doc | undefined;
  if (enabled && shouldAdopt(server, s, dirty, o.sameVersionChanged)) {
    // render-phase update (React re-renders before committing): a clean form shows the newer copy
    dispatch({ type: 'adopt', doc: server, form: o.toForm(o.valueOf(server)) });
    o.onAdopt?.(server);
  }

  // The callbacks read the latest options (callers may pass inline functions).
  const opts = useRef(o);
  useLayoutEffect(() => {
    opts.current = o;
  });

  const adopt = useCallback(
    (doc: Doc, saved = false) => {
      const { toForm, valueOf, onAdopt, queryKey } = opts.current;
      dispatch({ type: 'adopt', doc, form: toForm(valueOf(doc)), saved });
      onAdopt?.(doc);
      if (opts.current.enabled ?? true) queryClient.setQueryData<Doc>(queryKey, (cached) => newerDoc(cached, doc));
    },
    [queryClient],
  );

  const fetchLatest = useCallback(async (): Promise<Doc | null> => {
    const env = await opts.current.read();
    if (env.ok) return env.value;
    dispatch({ type: 'failed', error: env.error });
    return null;
  }, []);

  const commit = useCallback(
    async (value: Value, against: Doc | null): Promise<boolean> => {
      const { write, merge, valueOf } = opts.current;
      dispatch({ type: 'start' });
      try {
        const env = await write(value, against?.version ?? 0, against);
        if (env.ok) {
          adopt(env.value, true);
          opts.current.onSaved?.(env.value, against === null);
          return true;
        }
        if (!isStaleSave(env.error)) {
          dispatch({ type: 'failed', error: env.error });
          return false;
        }
        // a merge needs what is saved now; without one, Overwrite re-reads it
        const theirs = merge && against ? await fetchLatest() : null;
        const offered = merge && against && theirs ? merge(valueOf(against), value, valueOf(theirs)) : null;
        dispatch({ type: 'conflict', conflict: { error: env.error, theirs, merge: offered } });
        return false;
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [adopt, fetchLatest],
  );

  const { writable } = o;
  const save = useCallback(async (): Promise<boolean> => {
    if (!form || s.busy || !writable) return false;
    if (!dirty) return true; // nothing to save
    const parsed = opts.current.parse(form);
    if (!parsed.ok) return false;
    return commit(parsed.value, base);
  }, [form, s.busy, writable, dirty, commit, base]);
  useTabEditor(o.tabKey, { dirty, save });

  const reload = useCallback(async () => {
    dispatch({ type: 'busy', busy: true });
    const latest = await fetchLatest().finally(() => dispatch({ type: 'busy', busy: false }));
    if (latest) adopt(latest);
  }, [fetchLatest, adopt]);

  const overwrite = useCallback(async (): Promise<boolean> => {
    if (!form || !writable) return false;
    const parsed = opts.current.parse(form);
    if (!parsed.ok) return false;
    dispatch({ type: 'busy', busy: true });
    const latest = await fetchLatest().finally(() => dispatch({ type: 'busy', busy: false }));
    return latest ? commit(parsed.value, latest) : false;
  }, [form, writable, fetchLatest, commit]);

  const theirs = s.conflict?.theirs ?? null;
  const applyMerge = useCallback(
    (value: Value) => {
      if (!theirs) return;
      const { toForm, queryKey } = opts.current;
      dispatch({ type: 'merged', theirs, form: toForm(value) });
      queryClient.setQueryData<Doc>(queryKey, (cached) => newerDoc(cached, theirs));
    },
    [theirs, queryClient],
  );

  const writeWith = useCallback(
    async (fn: () => Promise<Envelope<Doc>>): Promise<boolean> => {
      dispatch({ type: 'start' });
      try {
        const env = await fn();
        if (!env.ok) {
          dispatch({ type: 'failed', error: env.error });
          return false;
        }
        adopt(env.value, true);
        return true;
      } finally {
        dispatch({ type: 'busy', busy: false });
      }
    },
    [adopt],
  );

  const set = useCallback(<K extends keyof Form>(field: K, value: Form[K]) => {
    dispatch({ type: 'edit', update: (f) => ({ ...f, [field]: value }) });
  }, []);
  const update = useCallback((fn: (f: Form) => Form) => dispatch({ type: 'edit', update: fn }), []);
  const rebase = useCallback(
    (doc: Doc) => {
      dispatch({ type: 'rebase', doc });
      queryClient.setQueryData<Doc>(opts.current.queryKey, (cached) => newerDoc(cached, doc));
    },
    [queryClient],
  );
  const dismiss = useCallback(() => dispatch({ type: 'dismiss' }), []);
  const fail = useCallback((error: CcmErrorShape) => dispatch({ type: 'failed', error }), []);

  const parsed = form ? o.parse(form) : null;
  const parseErrors = (parsed && !parsed.ok ? parsed.errors : none) as E;
  const placed =
    s.failure && form
      ? serverErrors(s.failure, o.placement?.(form) ?? { fields: Object.keys(form), lastSegment: true })
      : null;
  const fieldErrors = (placed?.fields ?? none) as E;
  const errors = { ...fieldErrors, ...parseErrors } as E;

  return {
    form,
    base,
    loadError: query.error,
    dirty,
    invalid: parsed !== null && !parsed.ok,
    errors,
    parseErrors,
    serverErrors: fieldErrors,
    busy: s.busy,
    conflict: s.conflict,
    failure: s.failure && (!form || placed?.message !== undefined) ? s.failure : null,
    saved: s.saved,
    mergedFrom: s.mergedFrom,
    set,
    update,
    save,
    reload,
    overwrite,
    applyMerge,
    rebase,
    writeWith,
    fail,
    dismiss,
  };
}
