import { useQueryClient } from '@tanstack/react-query';
import type { PasswordPolicy, PolicyDoc } from '../../../../../electron/contract';
import { ccm } from '../../../api/client';
import { queryKeys } from '../../../data/keys';
import { refreshAfterChange } from '../../../data/invalidate';
import { canOfferMerge, threeWayMerge } from '../../../ui/kit/merge';
import { useVersionedEditor } from '../../../ui/kit/useVersionedEditor';
import { isPolicyDirty, parsePolicyForm, POLICY_FIELDS, toPolicyForm } from './policyForm';

const valueOf = (doc: PolicyDoc) => doc.policy;
const merge = (loaded: PasswordPolicy, mine: PasswordPolicy, theirs: PasswordPolicy) => {
  const m = threeWayMerge(loaded, mine, theirs, POLICY_FIELDS);
  return canOfferMerge(m) ? m : null;
};

/**
 * System › Password management for one tenant (useVersionedEditor): a stale save offers
 * Reload, Overwrite and — when the changed fields differ — Merge. Changes saved elsewhere
 * arrive through db.changed ('tenant') and replace a clean form.
 */
export function usePolicyEditor(tabKey: string, tenantId: number, writable: boolean) {
  const queryClient = useQueryClient();
  return useVersionedEditor({
    tabKey,
    queryKey: queryKeys.policy(tenantId),
    read: () => ccm.tenants.getPolicy({ tenantId }),
    write: (policy: PasswordPolicy, expectedVersion) => ccm.tenants.savePolicy({ tenantId, expectedVersion, policy }),
    valueOf,
    toForm: toPolicyForm,
    parse: parsePolicyForm,
    isDirty: isPolicyDirty,
    writable,
    merge,
    onSaved: () => refreshAfterChange(queryClient, 'tenant'),
  });
}
