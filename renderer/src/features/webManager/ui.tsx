import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Badge, Button, makeStyles, MessageBar, MessageBarBody, tokens, Tooltip } from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import type { CcmErrorShape, Envelope } from '../../../../electron/contract';
import { CommandError, confirm, serverErrors } from '../../ui/kit';
import { copyText, wmKeys } from './data';

export const useWmStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalM} 0` },
  box: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  tokenRow: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grow: { flexGrow: 1, minWidth: 0 },
});

export function ErrorBar({ error, testId = 'wm-error' }: { error: CcmErrorShape | null; testId?: string }) {
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid={testId}>
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Main's refusal on a Web Manager form, placed by the kit's serverErrors: `field(name)` gives a Fluent Field the
 * error under the field main named (test id `wm-<name>-error`), `general` is an error naming none of `fields`,
 * `clear(name)` resets the command when the error shown is under that field.
 */
export function wmFormErrors(error: CcmErrorShape | null, fields: readonly string[], reset: () => void) {
  const placed = serverErrors(error, { fields, lastSegment: true });
  return {
    field: (name: string) => {
      const message = placed.fields[name];
      return message
        ? {
            validationState: 'error' as const,
            validationMessage: { children: message, 'data-testid': `wm-${name}-error` },
          }
        : {};
    },
    general: placed.message !== undefined ? placed.error : null,
    clear: (name: string) => {
      if (placed.fields[name] !== undefined) reset();
    },
  };
}

/** "Delete …?" naming what goes; Delete runs `remove` (main's refusal shows in the dialog), then refreshes. */
export function useConfirmDelete() {
  const qc = useQueryClient();
  return (o: { title: string; body: string; remove: () => Promise<Envelope<unknown>> }) =>
    confirm({
      title: o.title,
      body: o.body,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'wm-delete-dialog',
      confirmTestId: 'wm-confirm-delete',
      action: async () => {
        const env = await o.remove();
        if (!env.ok) throw new CommandError(env.error);
        await qc.invalidateQueries({ queryKey: wmKeys.all });
      },
    });
}

export function SetBadge({ set, testId }: { set: boolean; testId?: string }) {
  return (
    <Badge appearance="tint" color={set ? 'success' : 'informative'} data-testid={testId}>
      {set ? 'set' : 'not set'}
    </Badge>
  );
}

export function CopyButton(props: {
  text: string;
  label?: string;
  testId?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <Tooltip
      content={
        state === 'failed' ? 'The clipboard is not available here; select the text and copy it.' : 'Copy to clipboard'
      }
      relationship="description"
    >
      <Button
        size="small"
        icon={state === 'copied' ? <Checkmark16Regular /> : <Copy16Regular />}
        data-testid={props.testId}
        disabled={props.disabled}
        onClick={async () => {
          setState((await copyText(props.text)) ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 2000);
        }}
      >
        {state === 'copied' ? 'Copied' : (props.label ?? 'Clipboard')}
      </Button>
    </Tooltip>
  );
}
