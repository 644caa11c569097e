import { useQueryClient } from '@tanstack/react-query';
import { makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
import { CommandError, confirm, serverErrors } from '../../ui/kit';
import { emailKeys } from './data';

export const useEmailStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    // Fluent's Input keeps a 250 px minimum: let it shrink to the grid column.
    '& .fui-Input': { minWidth: 0, width: '100%' },
  },
  columns: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  pair: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalM },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalM} 0` },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  checklist: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
});

export function ErrorBar({ error }: { error: CcmErrorShape | null }) {
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="email-error">
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Main's refusal on an e-mail form, placed by the kit's serverErrors (paths without the leading
 * `server.` / `destination.`): `field(name)` for a Fluent Field (test id `email-<name>-error`),
 * `general` for the bar above the form, `clear(name)` when the user types in that field.
 */
export function emailFormErrors(error: CcmErrorShape | null, fields: readonly string[], reset: () => void) {
  const placed = serverErrors(error, { fields, prefixes: ['server', 'destination'] });
  return {
    field: (name: string) => {
      const message = placed.fields[name];
      return message
        ? {
            validationState: 'error' as const,
            validationMessage: { children: message, 'data-testid': `email-${name.replace(/\./g, '-')}-error` },
          }
        : {};
    },
    general: placed.message !== undefined ? placed.error : null,
    clear: (name: string) => {
      if (placed.fields[name] !== undefined) reset();
    },
  };
}

/** "Delete …?" naming the object; main's refusal (a server still in use) shows in the dialog. */
export function useConfirmDelete() {
  const qc = useQueryClient();
  return (o: { title: string; body: string; remove: () => Promise<Envelope<unknown>> }) =>
    confirm({
      title: o.title,
      body: o.body,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'email-delete-dialog',
      confirmTestId: 'email-confirm-delete',
      action: async () => {
        const env = await o.remove();
        if (!env.ok) throw new CommandError(env.error);
        await qc.invalidateQueries({ queryKey: emailKeys.all });
      },
    });
}
