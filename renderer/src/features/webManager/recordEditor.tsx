import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Envelope } from '../../../../electron/contract';
import { tabsStore } from '../../shell/tabs/store';
import { ConflictBar } from '../../ui/kit/ConflictBar';
import { useVersionedEditor, type FormParse, type VersionedEditor } from '../../ui/kit/useVersionedEditor';
import { wmKeys } from './data';
import { ErrorBar } from './ui';
import { stableJson } from './wmForms';

type Errors = Partial<Record<string, string>>;

/** The record with `id` of a list main answers, or NOT_FOUND (another console deleted it). */
export async function recordOf<Doc extends { id: number }>(
  list: Promise<Envelope<Doc[]>>,
  id: number,
  what: string,
): Promise<Envelope<Doc>> {
  const env = await list;
  if (!env.ok) return env;
  const doc = env.value.find((d) => d.id === id);
  return doc
    ? { ok: true, value: doc }
    : {
        ok: false,
        error: { code: 'NOT_FOUND', message: `The ${what} no longer exists (another console deleted it).` },
      };
}

/**
 * A Web Manager dialog that edits one versioned record (a REST SDK client, a CLIP number, a Virtual
 * Agent profile or its speech, an action) on the kit's useVersionedEditor: the form is validated
 * with the contract's schema, saved with the version it was read at; a stale save shows the
 * ConflictBar (Reload / Overwrite). `id` null = a new record (nothing read; `blank` is the form).
 * The schema's messages show after the first Save (a new form is not red before anything is typed);
 * main's refusals show under the field they name at once. Closes after a save.
 */
export function useRecordEditor<Doc extends { id: number; version: number }, Value, Form extends object>(o: {
  tabKey: string;
  id: number | null;
  /** The record as the list shows it: the dialog opens with it at once (then follows main's copy). */
  initial?: Doc | null;
  /** Part of the record's query key ('restClient', 'clip', 'profile', 'speech', 'action'). */
  kind: string;
  read(id: number): Promise<Envelope<Doc>>;
  write(value: Value, expectedVersion: number, against: Doc | null): Promise<Envelope<Doc>>;
  blank: Value;
  valueOf(doc: Doc): Value;
  toForm(value: Value): Form;
  parse(form: Form): FormParse<Value, Errors>;
  writable: boolean;
  onClose(): void;
}) {
  const qc = useQueryClient();
  const [submitted, setSubmitted] = useState(false);
  const queryKey = [...wmKeys.all, 'record', o.kind, o.id ?? 'new'];
  // Once, before the editor reads its cache: the row the list already has.
  useState(() => {
    if (o.initial && qc.getQueryData(queryKey) === undefined) qc.setQueryData(queryKey, o.initial);
  });
  const editor = useVersionedEditor<Doc, Value, Form, Errors>({
    tabKey: o.tabKey,
    queryKey,
    read: () => (o.id === null ? Promise.reject(new Error('nothing to read')) : o.read(o.id)),
    write: o.write,
    enabled: o.id !== null,
    blank: o.blank,
    valueOf: o.valueOf,
    toForm: o.toForm,
    parse: o.parse,
    isDirty: (form, saved) => {
      const p = o.parse(form);
      return !p.ok || stableJson(p.value) !== stableJson(saved);
    },
    writable: o.writable,
    onSaved: () => void qc.invalidateQueries({ queryKey: wmKeys.all }),
  });
  // A dialog closed with unsaved changes does not leave its tab marked as edited.
  const { tabKey } = o;
  useEffect(() => () => tabsStore.getState().setDirty(tabKey, false), [tabKey]);
  const { onClose } = o;
  const submit = async () => {
    setSubmitted(true);
    if (await editor.save()) onClose();
  };
  const errors: Errors = submitted ? editor.errors : editor.serverErrors;
  /** Props for a Fluent Field: the error under it (test id wm-<name>-error). */
  const field = (name: string) => {
    const message = errors[name];
    return message
      ? {
          validationState: 'error' as const,
          validationMessage: { children: message, 'data-testid': `wm-${name}-error` },
        }
      : {};
  };
  return { editor, submit, field, submitted };
}

/** The refusal not at a field, and the stale-save bar, at the top of a record dialog. */
export function RecordBars<Doc, Value, Form>(props: {
  editor: VersionedEditor<Doc, Value, Form, Errors, never>;
  testId: string;
}) {
  const { editor } = props;
  return (
    <>
      {editor.conflict && (
        <ConflictBar
          testId={props.testId}
          error={editor.conflict.error}
          busy={editor.busy}
          invalid={editor.invalid}
          onReload={() => void editor.reload()}
          onOverwrite={() => void editor.overwrite()}
        />
      )}
      <ErrorBar error={editor.loadError ? { code: 'NOT_FOUND', message: editor.loadError.message } : editor.failure} />
    </>
  );
}
