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
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Spinner,
} from '@fluentui/react-components';
import { useQueryClient } from '@tanstack/react-query';
import type { UserDoc, UserLookups } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { serverErrors, useCommand } from '../../ui/kit';
import { refreshAfterChange } from '../../data/invalidate';
import { fieldMessage } from '../../ui/fieldMessage';
import { openUserTab } from './openUserTab';
import { parseUserForm, toUserForm, type UserForm, type UserFormErrors } from './userForm';

/**
 * New user, or Copy of one: the fields a user cannot be without (Logon ID, names, agent group,
 * user type); the rest is edited in User Properties, which opens after. A copy takes the
 * source's settings (phone agent logon, dispatch privilege, tags, skills) but needs a new
 * Logon ID, and leaves the values that must stay unique (Directory Number, External Logon ID,
 * Circuit User) and the Sync ID and password empty.
 */
export function NewUserDialog(props: { source: UserDoc | null; lookups: UserLookups | undefined; onClose(): void }) {
  const queryClient = useQueryClient();
  const groups = (props.lookups?.agentGroups ?? []).filter((g) => g.inScope);
  const types = props.lookups?.userTypes ?? [];
  const [form, setForm] = useState<UserForm>(() =>
    props.source
      ? { ...toUserForm(props.source.fields), logonId: '', directoryNumber: '', externalLogonId: '', circuitUser: '' }
      : {
          logonId: '',
          firstName: '',
          lastName: '',
          directoryNumber: '',
          agentGroupId: groups.find((g) => g.name === '<Default>')?.id ?? groups[0]?.id ?? 0,
          userTypeId: types.find((t) => t.name === 'Agent')?.id ?? types[0]?.id ?? 0,
          externalLogonId: '',
          chatDisplayName: '',
          circuitUser: '',
          phoneAgentLogon: 'useSystemSetting',
          personalDefaultDestination: '',
          dispatchPrivilege: false,
          passwordType: 'oscc',
          automaticPostProcessing: false,
          mandatoryWrapUpReason: false,
        },
  );
  const [errors, setErrors] = useState<UserFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const createCommand = useCommand(
    (fields: Parameters<typeof ccm.users.create>[0]['fields']) =>
      props.source ? ccm.users.copy({ id: props.source.id, fields }) : ccm.users.create({ fields }),
    {
      onError: (e) => {
        const placed = serverErrors(e, { fields: Object.keys(form) });
        if (placed.message === undefined) setErrors(placed.fields);
        else setFailure(placed.message);
      },
      onSuccess: (created) => {
        refreshAfterChange(queryClient, 'cc_user');
        props.onClose();
        openUserTab(created.id, created.fields.logonId);
      },
    },
  );
  const busy = createCommand.busy;
  const set = <K extends keyof UserForm>(k: K, v: UserForm[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setErrors((e) => ({ ...e, [k]: undefined }));
  };

  const submit = async () => {
    const parsed = parseUserForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setFailure(null);
    await createCommand.run(parsed.value);
  };

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && !busy && props.onClose()}>
      <DialogSurface data-testid="users-new-dialog">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.source ? `Copy ${props.source.fields.logonId}` : 'New user'}</DialogTitle>
            <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
              {props.source && (
                <span>
                  The copy gets {props.source.fields.logonId}’s settings, object tags and skills. It needs its own Logon
                  ID.
                </span>
              )}
              <Field
                label="Logon ID"
                required
                validationState={errors.logonId ? 'error' : 'none'}
                validationMessage={fieldMessage(errors.logonId, 'users-new-logonId-error')}
              >
                <Input
                  autoFocus
                  value={form.logonId}
                  maxLength={50}
                  data-testid="users-new-logonId"
                  onChange={(_, d) => set('logonId', d.value)}
                />
              </Field>
              <Field
                label="First name"
                validationState={errors.firstName ? 'error' : 'none'}
                validationMessage={errors.firstName}
              >
                <Input
                  value={form.firstName}
                  maxLength={100}
                  data-testid="users-new-firstName"
                  onChange={(_, d) => set('firstName', d.value)}
                />
              </Field>
              <Field
                label="Last name"
                validationState={errors.lastName ? 'error' : 'none'}
                validationMessage={errors.lastName}
              >
                <Input
                  value={form.lastName}
                  maxLength={100}
                  data-testid="users-new-lastName"
                  onChange={(_, d) => set('lastName', d.value)}
                />
              </Field>
              <Field
                label="Agent group"
                validationState={errors.agentGroupId ? 'error' : 'none'}
                validationMessage={errors.agentGroupId}
              >
                <Select
                  value={String(form.agentGroupId)}
                  data-testid="users-new-agentGroup"
                  onChange={(_, d) => set('agentGroupId', Number(d.value))}
                >
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field
                label="User type"
                validationState={errors.userTypeId ? 'error' : 'none'}
                validationMessage={errors.userTypeId}
              >
                <Select
                  value={String(form.userTypeId)}
                  data-testid="users-new-userType"
                  onChange={(_, d) => set('userTypeId', Number(d.value))}
                >
                  {types.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </Select>
              </Field>
              {failure && (
                <MessageBar intent="error" layout="multiline" data-testid="users-new-error">
                  <MessageBarBody>{failure}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button disabled={busy} onClick={props.onClose}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                type="submit"
                disabled={busy}
                icon={busy ? <Spinner size="tiny" /> : undefined}
                data-testid="users-new-create"
              >
                {props.source ? 'Create copy' : 'Create'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
