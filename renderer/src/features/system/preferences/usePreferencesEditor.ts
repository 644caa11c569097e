import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, Preferences, PreferencesDoc } from '../../../../../electron/contract';
import { ccm } from '../../../api/client';
import { queryKeys, usePrefs } from '../../../data/queries';
import { isFormDirty, parseForm, toForm, type FieldErrors, type PrefsForm } from './prefsForm';

export interface PreferencesEditor {
  /** Null until the saved preferences are loaded. */
  readonly form: PrefsForm | null;
  readonly loadError: Error | null;
  readonly dirty: boolean;
  readonly errors: FieldErrors;
  readonly busy: boolean;
  /** A stale save: main's message; offer Reload / Overwrite. */
  readonly conflict: string | null;
  /** Any other refused save or reset. */
  readonly failure: CcmErrorShape | null;
  /** True after a successful save or reset, until the next edit. */
  readonly saved: boolean;
  set<K extends keyof PrefsForm>(field: K, value: PrefsForm[K]): void;
  save(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<boolean>;
  resetToDefaults(): Promise<boolean>;
}

/**
 * The Preferences editor's state: a working copy of the saved document, validated with the
 * contract's schema, saved with the version it was read at so a save from another window
 * is refused (CONFLICT) rather than overwritten unseen.
 */
export function usePreferencesEditor(): PreferencesEditor {
  const queryClient = useQueryClient();
  const prefs = usePrefs();
  const [base, setBase] = useState<PreferencesDoc | null>(null);
  const [form, setForm] = useState<PrefsForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);
  const [failure, setFailure] = useState<CcmErrorShape | null>(null);
  const [saved, setSaved] = useState(false);

  const dirty = base !== null && form !== null && isFormDirty(form, base.value);

  // Take the server's document when there is none yet, or when it changed elsewhere and
  // nothing is being edited here (an edited copy keeps its base: its save will conflict).
  const server = prefs.data;
  if (server && (base === null || (server.version > base.version && !dirty && !busy))) {
    setBase(server);
    setForm(toForm(server.value));
  }

  const adopt = useCallback(
    (doc: PreferencesDoc) => {
      setBase(doc);
      setForm(toForm(doc.value));
      setConflict(null);
      setFailure(null);
      queryClient.setQueryData<PreferencesDoc>(queryKeys.prefs, (old) =>
        !old || doc.version >= old.version ? doc : old,
      );
    },
    [queryClient],
  );

  const commit = useCallback(
    async (expectedVersion: number, value: Preferences): Promise<boolean> => {
      setBusy(true);
      setConflict(null);
      setFailure(null);
      const env = await ccm.prefs.save({ expectedVersion, value }).finally(() => setBusy(false));
      if (env.ok) {
        adopt(env.value);
        setSaved(true);
        return true;
      }
      if (env.error.code === 'CONFLICT') setConflict(env.error.message);
      else setFailure(env.error);
      return false;
    },
    [adopt],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!base || !form || busy) return false;
    if (!isFormDirty(form, base.value)) return true; // nothing to save
    const parsed = parseForm(form);
    if (!parsed.ok) return false;
    return commit(base.version, parsed.value);
  }, [base, form, busy, commit]);

  const fetchLatest = useCallback(async (): Promise<PreferencesDoc | null> => {
    const env = await ccm.prefs.get({});
    if (env.ok) return env.value;
    setFailure(env.error);
    return null;
  }, []);

  const reload = useCallback(async () => {
    setBusy(true);
    const latest = await fetchLatest().finally(() => setBusy(false));
    if (latest) {
      adopt(latest);
      setSaved(false);
    }
  }, [adopt, fetchLatest]);

  const overwrite = useCallback(async (): Promise<boolean> => {
    if (!form) return false;
    const parsed = parseForm(form);
    if (!parsed.ok) return false;
    setBusy(true);
    const latest = await fetchLatest().finally(() => setBusy(false));
    return latest ? commit(latest.version, parsed.value) : false;
  }, [form, fetchLatest, commit]);

  const resetToDefaults = useCallback(async (): Promise<boolean> => {
    setBusy(true);
    const env = await ccm.prefs.reset({}).finally(() => setBusy(false));
    if (!env.ok) {
      setFailure(env.error);
      return false;
    }
    adopt(env.value);
    setSaved(true);
    return true;
  }, [adopt]);

  const set = useCallback(<K extends keyof PrefsForm>(field: K, value: PrefsForm[K]) => {
    setForm((f) => (f ? { ...f, [field]: value } : f));
    setSaved(false);
    setFailure((e) => (e?.field?.split('.').pop() === field ? null : e));
  }, []);

  const parsed = form ? parseForm(form) : null;
  const errors: FieldErrors = { ...(parsed && !parsed.ok ? parsed.errors : {}) };
  // main names fields by path ("value.logBufferKLines"): show its message under that field
  const failedField = failure?.field?.split('.').pop() as keyof FieldErrors | undefined;
  if (failure && failedField && form && failedField in form && !errors[failedField])
    errors[failedField] = failure.message;

  return {
    form,
    loadError: prefs.error,
    dirty,
    errors,
    busy,
    conflict,
    failure,
    saved,
    set,
    save,
    reload,
    overwrite,
    resetToDefaults,
  };
}
