import { useCallback, useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, TraceDoc, TraceSettings, TraceWarning } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { refreshAfterChange } from '../../../data/invalidate';
import { decodeRegFile, encodeRegFile } from '../../../../../electron/shared/regEncoding';
import { downloadBlob } from '../../../ui/download';
import {
  formWarnings,
  isTraceDirty,
  newExecutableRow,
  parseTraceForm,
  toTraceForm,
  type ExecutableRow,
  type TraceErrors,
  type TraceForm,
} from './traceForm';

/** react-query keys of this editor. 'trace' is refreshed when trace_settings changes (useTraceLive). */
export const traceKeys = {
  all: ['trace'] as const,
  servers: ['trace', 'servers'] as const,
  doc: (server: string) => ['trace', 'doc', server.trim().toLowerCase()] as const,
};

/** Larger than any trace-levels file; the contract takes at most 1,000,000 characters. */
const MAX_FILE_BYTES = 2_000_000;

/**
 * Changes saved in other consoles reach this window as db.changed; the app's bridge does not
 * know the trace_settings table, so the editor listens for it itself.
 */
export function useTraceLive(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      ccm.on('db.changed', (changes, dropped) => {
        if (dropped > 0 || changes.some((c) => c.table === 'trace_settings'))
          void queryClient.invalidateQueries({ queryKey: traceKeys.all });
      }),
    [queryClient],
  );
}

export function useTraceServers() {
  return useQuery({ queryKey: traceKeys.servers, queryFn: () => unwrap(ccm.trace.servers({})) });
}

export type Notice = { intent: 'success' | 'info' | 'error'; title: string; text: string; testId: string };

export interface TraceEditor {
  readonly form: TraceForm | null;
  readonly base: TraceDoc | null;
  readonly loadError: Error | null;
  readonly dirty: boolean;
  readonly errors: TraceErrors;
  readonly warnings: TraceWarning[];
  readonly busy: boolean;
  /** A stale save: main's message; offer Reload / Overwrite. */
  readonly conflict: string | null;
  /** A refused save, import or export not tied to a field, or an outcome to report. */
  readonly notice: Notice | null;
  set<K extends Exclude<keyof TraceForm, 'executables'>>(field: K, value: TraceForm[K]): void;
  setExecutable(id: number, patch: Partial<Omit<ExecutableRow, 'id'>>): void;
  addExecutable(): void;
  removeExecutable(id: number): void;
  save(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<boolean>;
  importFile(file: File): Promise<void>;
  exportReg(): Promise<void>;
}

/**
 * One server's trace levels: a working copy of the saved settings, validated with the
 * contract's schema, saved with the version it was read at (a stale save → Reload /
 * Overwrite). An imported .reg file fills the form (main parses it); the user then saves.
 */
export function useTraceEditor(server: string, writable: boolean): TraceEditor {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: traceKeys.doc(server),
    queryFn: () => unwrap(ccm.trace.get({ server })),
    staleTime: Infinity,
  });
  const [base, setBase] = useState<TraceDoc | null>(null);
  const [form, setForm] = useState<TraceForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<CcmErrorShape | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const dirty = writable && base !== null && form !== null && isTraceDirty(form, base.settings);

  // Take the saved settings when there are none yet, or when they changed elsewhere and
  // nothing is being edited here (an edited copy keeps its base: its save will conflict).
  const saved = query.data;
  if (saved && (base === null || (saved.version > base.version && !dirty && !busy && !conflict))) {
    setBase(saved);
    setForm(toTraceForm(saved.settings));
  }

  const adopt = useCallback(
    (doc: TraceDoc) => {
      setBase(doc);
      setForm(toTraceForm(doc.settings));
      setConflict(null);
      setFailure(null);
      queryClient.setQueryData<TraceDoc>(traceKeys.doc(server), (old) =>
        !old || doc.version >= old.version ? doc : old,
      );
    },
    [queryClient, server],
  );

  const fetchLatest = useCallback(async (): Promise<TraceDoc | null> => {
    const env = await ccm.trace.get({ server });
    if (env.ok) return env.value;
    setFailure(env.error);
    return null;
  }, [server]);

  const commit = useCallback(
    async (expectedVersion: number, settings: TraceSettings): Promise<boolean> => {
      setBusy(true);
      setConflict(null);
      setFailure(null);
      setNotice(null);
      try {
        const env = await ccm.trace.save({ server, expectedVersion, settings });
        if (env.ok) {
          adopt(env.value);
          setNotice({
            intent: 'success',
            title: 'Saved',
            text: `Trace levels of ${env.value.server} saved (version ${env.value.version}). Export a .reg file to apply them on the server.`,
            testId: 'trace-saved',
          });
          void queryClient.invalidateQueries({ queryKey: traceKeys.servers });
          refreshAfterChange(queryClient, 'trace_settings');
          return true;
        }
        // this editor offers Reload and Overwrite (no merge): say so in main's message
        if (env.error.code === 'CONFLICT')
          setConflict(
            env.error.message.replace(
              / Reload, overwrite, or merge\.$/,
              ' Reload to see the saved values, or overwrite them with yours.',
            ),
          );
        else setFailure(env.error);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [server, adopt, queryClient],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!base || !form || busy || !writable) return false;
    if (!isTraceDirty(form, base.settings)) return true; // nothing to save
    const parsed = parseTraceForm(form);
    if (!parsed.ok) return false;
    return commit(base.version, parsed.value);
  }, [base, form, busy, writable, commit]);

  const reload = useCallback(async () => {
    setBusy(true);
    const latest = await fetchLatest().finally(() => setBusy(false));
    if (latest) {
      adopt(latest);
      setNotice(null);
    }
  }, [adopt, fetchLatest]);

  const overwrite = useCallback(async (): Promise<boolean> => {
    if (!form) return false;
    const parsed = parseTraceForm(form);
    if (!parsed.ok) return false;
    const latest = await fetchLatest();
    return latest ? commit(latest.version, parsed.value) : false;
  }, [form, fetchLatest, commit]);

  const edited = useCallback(() => {
    setNotice((n) => (n?.intent === 'success' ? null : n));
    setFailure(null);
  }, []);
  const set = useCallback(
    <K extends Exclude<keyof TraceForm, 'executables'>>(field: K, value: TraceForm[K]) => {
      setForm((f) => (f ? { ...f, [field]: value } : f));
      edited();
    },
    [edited],
  );
  const setExecutable = useCallback(
    (id: number, patch: Partial<Omit<ExecutableRow, 'id'>>) => {
      setForm((f) => (f ? { ...f, executables: f.executables.map((e) => (e.id === id ? { ...e, ...patch } : e)) } : f));
      edited();
    },
    [edited],
  );
  const addExecutable = useCallback(() => {
    setForm((f) => (f ? { ...f, executables: [...f.executables, newExecutableRow('', '0')] } : f));
    edited();
  }, [edited]);
  const removeExecutable = useCallback(
    (id: number) => {
      setForm((f) => (f ? { ...f, executables: f.executables.filter((e) => e.id !== id) } : f));
      edited();
    },
    [edited],
  );

  const importFile = useCallback(
    async (file: File) => {
      setNotice(null);
      setFailure(null);
      if (file.size > MAX_FILE_BYTES) {
        setNotice({
          intent: 'error',
          title: 'Not imported',
          text: `${file.name} is ${Math.round(file.size / 1024)} KB: too large for a trace-levels .reg file.`,
          testId: 'trace-import-refused',
        });
        return;
      }
      setBusy(true);
      try {
        const text = decodeRegFile(new Uint8Array(await file.arrayBuffer())).text;
        const env = await ccm.trace.importReg({ server, text });
        if (!env.ok) {
          setNotice({
            intent: 'error',
            title: `${file.name} was not imported`,
            text: env.error.message.replace(/^The \.reg file was not imported:\n/, ''),
            testId: 'trace-import-refused',
          });
          return;
        }
        setForm(toTraceForm(env.value.settings));
        setNotice({
          intent: 'info',
          title: `Imported ${file.name}`,
          text: 'The values are in the form: check them and save.',
          testId: 'trace-imported',
        });
      } catch (err) {
        setNotice({
          intent: 'error',
          title: `${file.name} was not imported`,
          text: err instanceof Error ? err.message : String(err),
          testId: 'trace-import-refused',
        });
      } finally {
        setBusy(false);
      }
    },
    [server],
  );

  const exportReg = useCallback(async () => {
    setNotice(null);
    const env = await ccm.trace.exportReg({ server });
    if (!env.ok) {
      setNotice({ intent: 'error', title: 'Not exported', text: env.error.message, testId: 'trace-export-failed' });
      return;
    }
    downloadBlob(encodeRegFile(env.value.text), env.value.fileName, 'text/plain');
    setNotice({
      intent: 'success',
      title: `Exported ${env.value.fileName}`,
      text: 'Import it on the server (double-click it, or reg import). It is UTF-16 with a byte-order mark, like regedit’s own exports.',
      testId: 'trace-exported',
    });
  }, [server]);

  const parsed = form ? parseTraceForm(form) : null;
  const errors: TraceErrors = { ...(parsed && !parsed.ok ? parsed.errors : {}) };
  // main's answer goes under the field it names ("settings.seclogonws.logLevel"), else above the form
  const failedPath = failure?.field?.replace(/^settings\./, '');
  const placed = failure && failedPath && failedPath !== failure.field;
  if (placed && !errors[failedPath]) errors[failedPath] = failure.message.replace(/^settings\.[\w.]+: /, '');
  const shownNotice: Notice | null =
    failure && !placed
      ? { intent: 'error', title: 'Not saved', text: failure.message, testId: 'trace-failure' }
      : notice;

  return {
    form,
    base,
    loadError: query.error,
    dirty,
    errors,
    warnings: form ? formWarnings(form) : [],
    busy,
    conflict,
    notice: shownNotice,
    set,
    setExecutable,
    addExecutable,
    removeExecutable,
    save,
    reload,
    overwrite,
    importFile,
    exportReg,
  };
}
