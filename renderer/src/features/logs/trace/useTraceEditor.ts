import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TraceDoc, TraceSettings } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { useDbTables, type DbTables } from '../../../ui/kit/dbChanged';
import { refreshAfterChange } from '../../../data/invalidate';
import { useVersionedEditor } from '../../../ui/kit/useVersionedEditor';
import { decodeRegFile, encodeRegFile } from '../../../../../electron/shared/regEncoding';
import { downloadBlob } from '../../../ui/download';
import {
  formWarnings,
  isTraceDirty,
  newExecutableRow,
  parseTraceForm,
  toTraceForm,
  type ExecutableRow,
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

/** Changes saved in other consoles reach this window as db.changed: trace_settings refreshes 'trace'. */
export const traceTables: DbTables = { tables: ['trace_settings'], keys: [traceKeys.all] };

export const useTraceLive = (): void => useDbTables(traceTables);

export function useTraceServers() {
  return useQuery({ queryKey: traceKeys.servers, queryFn: () => unwrap(ccm.trace.servers({})) });
}

export type Notice = { intent: 'success' | 'info' | 'error'; title: string; text: string; testId: string };

const valueOf = (doc: TraceDoc) => doc.settings;

/** The paths main may name that this form shows at a field ("settings." is left out). */
const placement = (f: TraceForm) => ({
  prefixes: ['settings'],
  fields: [
    'seclogonws.logLevel',
    'seclogonws.logonWsTimeoutMs',
    'secreportws.logLevel',
    'socketManager.trace',
    'disableWsdl',
    ...f.executables.flatMap((_, i) => [`socketManager.executables.${i}.name`, `socketManager.executables.${i}.level`]),
  ],
});

/**
 * One server's trace levels (useVersionedEditor: a stale save → Reload / Overwrite). An imported
 * .reg file fills the form (main parses it); the user then saves.
 */
export function useTraceEditor(tabKey: string, server: string, writable: boolean) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [importing, setImporting] = useState(false);
  const editor = useVersionedEditor({
    tabKey,
    queryKey: traceKeys.doc(server),
    read: () => ccm.trace.get({ server }),
    write: (settings: TraceSettings, expectedVersion) => ccm.trace.save({ server, expectedVersion, settings }),
    valueOf,
    toForm: toTraceForm,
    parse: parseTraceForm,
    isDirty: isTraceDirty,
    writable,
    placement,
    onSaved: () => {
      setNotice(null);
      void queryClient.invalidateQueries({ queryKey: traceKeys.servers });
      refreshAfterChange(queryClient, 'trace_settings');
    },
  });

  const { update, reload: reloadDoc } = editor;
  /** An edit: the form changes, an outcome shown (saved, exported) goes. */
  const edit = useCallback(
    (fn: (f: TraceForm) => TraceForm) => {
      update(fn);
      setNotice((n) => (n?.intent === 'success' ? null : n));
    },
    [update],
  );
  const set = useCallback(
    <K extends Exclude<keyof TraceForm, 'executables'>>(field: K, value: TraceForm[K]) =>
      edit((f) => ({ ...f, [field]: value })),
    [edit],
  );
  const setExecutable = useCallback(
    (id: number, patch: Partial<Omit<ExecutableRow, 'id'>>) =>
      edit((f) => ({ ...f, executables: f.executables.map((e) => (e.id === id ? { ...e, ...patch } : e)) })),
    [edit],
  );
  const addExecutable = useCallback(
    () => edit((f) => ({ ...f, executables: [...f.executables, newExecutableRow('', '0')] })),
    [edit],
  );
  const removeExecutable = useCallback(
    (id: number) => edit((f) => ({ ...f, executables: f.executables.filter((e) => e.id !== id) })),
    [edit],
  );
  const reload = useCallback(async () => {
    setNotice(null);
    await reloadDoc();
  }, [reloadDoc]);

  const importFile = useCallback(
    async (file: File) => {
      setNotice(null);
      if (file.size > MAX_FILE_BYTES) {
        setNotice({
          intent: 'error',
          title: 'Not imported',
          text: `${file.name} is ${Math.round(file.size / 1024)} KB: too large for a trace-levels .reg file.`,
          testId: 'trace-import-refused',
        });
        return;
      }
      setImporting(true);
      try {
        const text = decodeRegFile(new Uint8Array(await file.arrayBuffer())).text;
        const env = await ccm.trace.importReg({ server, text });
        if (!env.ok) {
          setNotice({
            intent: 'error',
            title: `${file.name} was not imported`,
            text: env.error.message,
            testId: 'trace-import-refused',
          });
          return;
        }
        update(() => toTraceForm(env.value.settings));
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
        setImporting(false);
      }
    },
    [server, update],
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
      text:
        'Import it on the server (double-click it, or reg import). It is UTF-16 with a byte-order mark, like ' +
        'regedit’s own exports.',
      testId: 'trace-exported',
    });
  }, [server]);

  const { failure, saved, form } = editor;
  const shownNotice: Notice | null = failure
    ? { intent: 'error', title: 'Not saved', text: failure.message, testId: 'trace-failure' }
    : (notice ??
      (saved && {
        intent: 'success',
        title: 'Saved',
        text:
          `Trace levels of ${saved.server} saved (version ${saved.version}). Export a .reg file to apply them ` +
          `on the server.`,
        testId: 'trace-saved',
      }));

  return {
    ...editor,
    busy: editor.busy || importing,
    warnings: form ? formWarnings(form) : [],
    notice: shownNotice,
    set,
    setExecutable,
    addExecutable,
    removeExecutable,
    reload,
    importFile,
    exportReg,
  };
}
export type TraceEditor = ReturnType<typeof useTraceEditor>;
