import { useCallback, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CcmErrorShape, PasswordPolicy, PolicyDoc } from '../../../../../electron/contract';
import { ccm, unwrap } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { refreshAfterChange } from '../../../data/invalidate';
import { canOfferMerge, threeWayMerge, type ThreeWay } from './merge';
import {
  isPolicyDirty,
  parsePolicyForm,
  POLICY_FIELDS,
  toPolicyForm,
  type PolicyErrors,
  type PolicyField,
  type PolicyForm,
} from './policyForm';

export interface PolicyConflict {
  /** Main's message ("… changed it at …. Reload, overwrite, or merge."). */
  readonly message: string;
  /** What is saved now (null when it could not be re-read). */
  readonly theirs: PolicyDoc | null;
  /** base / mine / theirs, when there is something to merge. */
  readonly merge: ThreeWay<PasswordPolicy> | null;
}

export interface PolicyEditor {
  readonly form: PolicyForm | null;
  readonly base: PolicyDoc | null;
  readonly loadError: Error | null;
  readonly dirty: boolean;
  readonly errors: PolicyErrors;
  readonly busy: boolean;
  readonly conflict: PolicyConflict | null;
  readonly failure: CcmErrorShape | null;
  readonly saved: boolean;
  /** Set after a merge was applied: whose changes were taken in. */
  readonly mergedFrom: string | null;
  set(field: PolicyField, value: string): void;
  save(): Promise<boolean>;
  reload(): Promise<void>;
  overwrite(): Promise<boolean>;
  /** Takes the merged values into the form, on top of what is saved now; the user then saves. */
  applyMerge(values: PasswordPolicy): void;
}

/**
 * System › Password management for one tenant: a working copy of its policy, validated with
 * the contract's schema, saved with the version it was read at. A stale save (CONFLICT)
 * re-reads the policy and offers Reload, Overwrite and — when the changed fields differ —
 * Merge. Changes saved elsewhere arrive through db.changed ('tenant') and replace a clean form.
 */
export function usePolicyEditor(tenantId: number, writable: boolean): PolicyEditor {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.policy(tenantId),
    queryFn: () => unwrap(ccm.tenants.getPolicy({ tenantId })),
    staleTime: Infinity,
  });
  const [base, setBase] = useState<PolicyDoc | null>(null);
  const [form, setForm] = useState<PolicyForm | null>(null);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<PolicyConflict | null>(null);
  const [failure, setFailure] = useState<CcmErrorShape | null>(null);
  const [saved, setSaved] = useState(false);
  const [mergedFrom, setMergedFrom] = useState<string | null>(null);

  const dirty = writable && base !== null && form !== null && isPolicyDirty(form, base.policy);

  // Take the saved policy when there is none yet, or when it changed elsewhere and nothing
  // is being edited here (an edited copy keeps its base: its save will conflict).
  const server = query.data;
  if (server && (base === null || (server.version > base.version && !dirty && !busy && !conflict))) {
    setBase(server);
    setForm(toPolicyForm(server.policy));
  }

  const adopt = useCallback(
    (doc: PolicyDoc) => {
      setBase(doc);
      setForm(toPolicyForm(doc.policy));
      setConflict(null);
      setFailure(null);
      setMergedFrom(null);
      queryClient.setQueryData<PolicyDoc>(queryKeys.policy(tenantId), (old) =>
        !old || doc.version >= old.version ? doc : old,
      );
    },
    [queryClient, tenantId],
  );

  const fetchLatest = useCallback(async (): Promise<PolicyDoc | null> => {
    const env = await ccm.tenants.getPolicy({ tenantId });
    if (env.ok) return env.value;
    setFailure(env.error);
    return null;
  }, [tenantId]);

  const commit = useCallback(
    async (expectedVersion: number, policy: PasswordPolicy, loaded: PasswordPolicy): Promise<boolean> => {
      setBusy(true);
      setConflict(null);
      setFailure(null);
      try {
        const env = await ccm.tenants.savePolicy({ tenantId, expectedVersion, policy });
        if (env.ok) {
          adopt(env.value);
          setSaved(true);
          refreshAfterChange(queryClient, 'tenant');
          return true;
        }
        if (env.error.code !== 'CONFLICT') {
          setFailure(env.error);
          return false;
        }
        const theirs = await fetchLatest();
        const merge = theirs ? threeWayMerge(loaded, policy, theirs.policy, POLICY_FIELDS) : null;
        setConflict({ message: env.error.message, theirs, merge: merge && canOfferMerge(merge) ? merge : null });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [tenantId, adopt, fetchLatest, queryClient],
  );

  const save = useCallback(async (): Promise<boolean> => {
    if (!base || !form || busy || !writable) return false;
    if (!isPolicyDirty(form, base.policy)) return true; // nothing to save
    const parsed = parsePolicyForm(form);
    if (!parsed.ok) return false;
    return commit(base.version, parsed.value, base.policy);
  }, [base, form, busy, writable, commit]);

  const reload = useCallback(async () => {
    setBusy(true);
    const latest = await fetchLatest().finally(() => setBusy(false));
    if (latest) {
      adopt(latest);
      setSaved(false);
    }
  }, [adopt, fetchLatest]);

  const overwrite = useCallback(async (): Promise<boolean> => {
    if (!form || !base) return false;
    const parsed = parsePolicyForm(form);
    if (!parsed.ok) return false;
    const latest = conflict?.theirs ?? (await fetchLatest());
    return latest ? commit(latest.version, parsed.value, latest.policy) : false;
  }, [form, base, conflict, fetchLatest, commit]);

  const applyMerge = useCallback(
    (values: PasswordPolicy) => {
      const theirs = conflict?.theirs;
      if (!theirs) return;
      setBase(theirs);
      setForm(toPolicyForm(values));
      setConflict(null);
      setSaved(false);
      setMergedFrom(theirs.updatedBy);
      queryClient.setQueryData<PolicyDoc>(queryKeys.policy(tenantId), (old) =>
        !old || theirs.version >= old.version ? theirs : old,
      );
    },
    [conflict, queryClient, tenantId],
  );

  const set = useCallback((field: PolicyField, value: string) => {
    setForm((f) => (f ? { ...f, [field]: value } : f));
    setSaved(false);
    setFailure((e) => (e?.field?.split('.').pop() === field ? null : e));
  }, []);

  const parsed = form ? parsePolicyForm(form) : null;
  const errors: PolicyErrors = { ...(parsed && !parsed.ok ? parsed.errors : {}) };
  const failedField = failure?.field?.split('.').pop() as PolicyField | undefined;
  if (failure && failedField && POLICY_FIELDS.includes(failedField) && !errors[failedField])
    errors[failedField] = failure.message;

  return {
    form,
    base,
    loadError: query.error,
    dirty,
    errors,
    busy,
    conflict,
    failure,
    saved,
    mergedFrom,
    set,
    save,
    reload,
    overwrite,
    applyMerge,
  };
}
