import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { AuthStatus, CcmErrorShape } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { applyStatus } from '../../data/session';
import { fieldMessage } from '../../ui/fieldMessage';
import {
  CHANGE_PASSWORD_FIELDS,
  checkChangePassword,
  type ChangePasswordField,
  type ChangePasswordForm as Form,
} from './fieldErrors';
import { fieldError, serverErrors, useCommand } from '../../ui/kit';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    justifyContent: 'flex-end',
    marginTop: tokens.spacingVerticalS,
  },
  button: { minWidth: '96px' },
});

const LABELS: Record<ChangePasswordField, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
};

/**
 * Current / new / confirm → auth.changePassword. Used for an expired password on the
 * sign-in screen (it signs in on success) and from the title bar's user menu.
 */
export function ChangePasswordForm(props: {
  logonId: string;
  tenantId: number | undefined;
  initialCurrent?: string;
  intro?: ReactNode;
  submitLabel: string;
  onDone(status: AuthStatus): void;
  onCancel?(): void;
  cancelLabel?: string;
}) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>({
    currentPassword: props.initialCurrent ?? '',
    newPassword: '',
    confirmPassword: '',
  });
  const [submitted, setSubmitted] = useState(false);
  const [mainError, setMainError] = useState<CcmErrorShape | null>(null);
  const changeCmd = useCommand((v: Parameters<typeof ccm.auth.changePassword>[0]) => ccm.auth.changePassword(v), {
    onSuccess: (status) => {
      applyStatus(queryClient, status);
      props.onDone(status);
    },
    onError: setMainError,
  });
  const busy = changeCmd.busy;

  const local = submitted ? checkChangePassword(form) : {};
  const placed = serverErrors(mainError, { fields: CHANGE_PASSWORD_FIELDS, lastSegment: true });
  const errors = { ...placed.fields, ...local };

  const set = (field: ChangePasswordField, value: string) => {
    setForm((f) => ({ ...f, [field]: value }));
    setMainError((e) => (fieldError(e, field, { lastSegment: true }) !== undefined ? null : e));
  };

  const submit = async () => {
    setSubmitted(true);
    if (Object.keys(checkChangePassword(form)).length > 0 || busy) return;
    setMainError(null);
    await changeCmd.run({
      logonId: props.logonId,
      tenantId: props.tenantId,
      currentPassword: form.currentPassword,
      newPassword: form.newPassword,
    });
  };

  const field = (name: ChangePasswordField, autoFocus = false) => (
    <Field
      label={LABELS[name]}
      required
      validationState={errors[name] ? 'error' : 'none'}
      validationMessage={fieldMessage(errors[name], `cpw-${name}-error`)}
    >
      <Input
        type="password"
        autoComplete={name === 'currentPassword' ? 'current-password' : 'new-password'}
        value={form[name]}
        autoFocus={autoFocus}
        disabled={busy}
        data-testid={`cpw-${name}`}
        onChange={(_, d) => set(name, d.value)}
      />
    </Field>
  );

  return (
    <form
      className={styles.form}
      aria-label="Change password"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {props.intro}
      {placed.message && (
        <MessageBar intent="error" layout="multiline" data-testid="cpw-error">
          <MessageBarBody>{placed.message}</MessageBarBody>
        </MessageBar>
      )}
      {field('currentPassword', !props.initialCurrent)}
      {field('newPassword', !!props.initialCurrent)}
      {field('confirmPassword')}
      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          className={styles.button}
          disabled={busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
          data-testid="cpw-submit"
        >
          {props.submitLabel}
        </Button>
        {props.onCancel && (
          <Button className={styles.button} disabled={busy} data-testid="cpw-cancel" onClick={props.onCancel}>
            {props.cancelLabel ?? 'Cancel'}
          </Button>
        )}
      </div>
    </form>
  );
}
