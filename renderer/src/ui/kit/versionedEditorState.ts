import type { CcmErrorShape } from '../../../../electron/contract';

/**
 * The pure state of a versioned editor (useVersionedEditor): the document it was loaded from
 * (`base`), the working copy (`form`), and what the last write answered. No React, no I/O.
 */

export interface Versioned {
  readonly version: number;
}

/** A stale save: what main answered, what is saved now (when re-read) and a merge to offer. */
export interface EditorConflict<Doc, M> {
  readonly error: CcmErrorShape;
  /** What is saved now; null when it was not re-read (an editor without merge re-reads on Overwrite). */
  readonly theirs: Doc | null;
  /** What the editor's merge function offers; null = no merge. */
  readonly merge: M | null;
}

export interface EditorState<Doc, Form, M> {
  readonly base: Doc | null;
  readonly form: Form | null;
  readonly busy: boolean;
  readonly conflict: EditorConflict<Doc, M> | null;
  /** A refused write or read that is not a stale save. */
  readonly failure: CcmErrorShape | null;
  /** The document the last save answered, until the next edit or reload. */
  readonly saved: Doc | null;
  /** After a merge: the saved document the form was merged with, until the next save or reload. */
  readonly mergedFrom: Doc | null;
}

export type EditorAction<Doc, Form, M> =
  /** Loaded, reloaded, saved (saved: true) or changed elsewhere: base and form are the document. */
  | { type: 'adopt'; doc: Doc; form: Form; saved?: boolean }
  /** The version moved through another action of this editor (a password set): keep the form. */
  | { type: 'rebase'; doc: Doc }
  | { type: 'edit'; update: (form: Form) => Form }
  /** The outcome shown (saved) is dismissed. */
  | { type: 'dismiss' }
  | { type: 'busy'; busy: boolean }
  /** A write starts: busy, and the last answer is cleared. */
  | { type: 'start' }
  | { type: 'failed'; error: CcmErrorShape }
  | { type: 'conflict'; conflict: EditorConflict<Doc, M> }
  | { type: 'merged'; theirs: Doc; form: Form };

/** Nothing loaded yet (form: a new object's blank form, or null), or the document already in the cache. */
export function initialEditorState<Doc, Form, M>(
  form: Form | null,
  base: Doc | null = null,
): EditorState<Doc, Form, M> {
  return { base, form, busy: false, conflict: null, failure: null, saved: null, mergedFrom: null };
}

export function editorReducer<Doc, Form, M>(
  s: EditorState<Doc, Form, M>,
  a: EditorAction<Doc, Form, M>,
): EditorState<Doc, Form, M> {
  switch (a.type) {
    case 'adopt':
      return {
        ...s,
        base: a.doc,
        form: a.form,
        conflict: null,
        failure: null,
        mergedFrom: null,
        saved: a.saved ? a.doc : null,
      };
    case 'rebase':
      return { ...s, base: a.doc };
    case 'edit':
      // an edit answers the last refusal or outcome: its messages go
      return s.form === null ? s : { ...s, form: a.update(s.form), failure: null, saved: null };
    case 'dismiss':
      return { ...s, saved: null };
    case 'busy':
      return { ...s, busy: a.busy };
    case 'start':
      return { ...s, busy: true, conflict: null, failure: null, saved: null };
    case 'failed':
      return { ...s, failure: a.error };
    case 'conflict':
      return { ...s, conflict: a.conflict };
    case 'merged':
      return { ...s, base: a.theirs, form: a.form, conflict: null, saved: null, mergedFrom: a.theirs };
  }
}

/**
 * Whether the document main now has replaces the working copy: when there is none yet, or when
 * it changed elsewhere and nothing is edited, saved or in conflict here (an edited copy keeps its
 * base: its save will conflict). `sameVersionChanged` lets an editor take a same-version document
 * whose derived parts changed (a response file's usages).
 */
export function shouldAdopt<Doc extends Versioned>(
  server: Doc | undefined,
  s: { base: Doc | null; busy: boolean; conflict: unknown },
  dirty: boolean,
  sameVersionChanged?: (server: Doc, base: Doc) => boolean,
): server is Doc {
  if (!server) return false;
  if (s.base === null) return true;
  if (server === s.base || dirty || s.busy || s.conflict) return false;
  if (server.version > s.base.version) return true;
  return server.version === s.base.version && !!sameVersionChanged?.(server, s.base);
}

/** The newer of the cached document and one just read or saved (the cache never goes back). */
export function newerDoc<Doc extends Versioned>(cached: Doc | undefined, doc: Doc): Doc {
  return !cached || doc.version >= cached.version ? doc : cached;
}
