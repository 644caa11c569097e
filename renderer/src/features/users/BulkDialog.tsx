import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
} from '@fluentui/react-components';
import type { UserBulkAction, UserLookups } from '../../../../electron/contract';

export type BulkKind = UserBulkAction['kind'];
/** The bulk actions that need a target (agent group, user type): the only ones this dialog asks for. */
export type TargetKind = 'moveToAgentGroup' | 'changeUserType';

export const BULK_TEXT: Record<
  BulkKind,
  { title: (n: string) => string; verb: string; what: string; destructive?: boolean }
> = {
  moveToAgentGroup: {
    title: (n) => `Move ${n} to another agent group`,
    verb: 'Move',
    what: 'Their agent group changes; nothing else.',
  },
  changeUserType: {
    title: (n) => `Change the user type of ${n}`,
    verb: 'Change',
    what: 'Their permissions follow the new user type at their next logon.',
  },
  lock: { title: (n) => `Lock ${n}`, verb: 'Lock', what: 'They cannot log on until unlocked.' },
  unlock: { title: (n) => `Unlock ${n}`, verb: 'Unlock', what: 'Their failed logon attempts are reset.' },
  delete: {
    title: (n) => `Delete ${n}`,
    verb: 'Delete',
    destructive: true,
    what:
      'Users created by hand are removed for good (their Logon ID, Directory Number and tags go with them). ' +
      'Synchronized users are kept as deleted, with all their settings, and can be undeleted; they can be deleted ' +
      'only if the tenant allows it.',
  },
  undelete: {
    title: (n) => `Undelete ${n}`,
    verb: 'Undelete',
    what: 'They come back with all their previous settings.',
  },
};

export const plural = (n: number) => `${n.toLocaleString()} user${n === 1 ? '' : 's'}`;

/**
 * Move to an agent group / change the user type: collects the target, states how many users it
 * changes; one transaction in main.
 */
export function BulkDialog(props: {
  kind: TargetKind;
  count: number | null;
  lookups: UserLookups | undefined;
  busy: boolean;
  error: string | null;
  onRun(action: UserBulkAction): void;
  onClose(): void;
}) {
  const t = BULK_TEXT[props.kind];
  const groups = (props.lookups?.agentGroups ?? []).filter((g) => g.inScope);
  const types = props.lookups?.userTypes ?? [];
  const [target, setTarget] = useState<number | null>(null);
  const n = props.count === null ? 'the selected users' : plural(props.count);
  const count = props.count === null ? <Spinner size="extra-tiny" /> : <strong>{plural(props.count)}</strong>;
  const action = (): UserBulkAction | null => {
    if (target === null) return null;
    return props.kind === 'moveToAgentGroup'
      ? { kind: 'moveToAgentGroup', agentGroupId: target }
      : { kind: 'changeUserType', userTypeId: target };
  };
  const ready = action();
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && !props.busy && props.onClose()}>
      <DialogSurface data-testid="users-bulk-dialog">
        <DialogBody>
          <DialogTitle>{t.title(n)}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            <span data-testid="users-bulk-count">
              {t.verb} {count} in one step: all of them or, if one is refused, none. {t.what}
            </span>
            {props.kind === 'moveToAgentGroup' && (
              <Field label="Agent group" required>
                <Select
                  data-testid="users-bulk-target"
                  value={target ?? ''}
                  onChange={(_, d) => setTarget(d.value ? Number(d.value) : null)}
                >
                  <option value="">Choose…</option>
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {props.kind === 'changeUserType' && (
              <Field label="User type" required>
                <Select
                  data-testid="users-bulk-target"
                  value={target ?? ''}
                  onChange={(_, d) => setTarget(d.value ? Number(d.value) : null)}
                >
                  <option value="">Choose…</option>
                  {types.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
            )}
            {props.error && (
              <MessageBar intent="error" layout="multiline" data-testid="users-bulk-error">
                <MessageBarBody>{props.error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={props.busy} onClick={props.onClose}>
              Cancel
            </Button>
            <Button
              appearance="primary"
              data-testid="users-bulk-confirm"
              disabled={props.busy || !ready || props.count === 0}
              icon={props.busy ? <Spinner size="tiny" /> : undefined}
              onClick={() => ready && props.onRun(ready)}
            >
              {t.verb} {props.count === null ? '' : plural(props.count)}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
