import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  tokens,
  Tooltip,
} from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import type { CcmErrorShape, CertificateView, Envelope } from '../../../../electron/contract';
import { CommandError, confirm, serverErrors } from '../../ui/kit';
import { copyText, ssoKeys } from './data';

export const useSsoStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  toolbar: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  empty: { color: tokens.colorNeutralForeground3, padding: `${tokens.spacingVerticalM} 0` },
  cert: {
    display: 'grid',
    gridTemplateColumns: '110px minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase200,
  },
  label: { color: tokens.colorNeutralForeground3 },
  textarea: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  copyRow: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export function ErrorBar({ error }: { error: CcmErrorShape | null }) {
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline" data-testid="sso-error">
      <MessageBarBody>{error.message}</MessageBarBody>
    </MessageBar>
  );
}

/**
 * Main's refusal on an SSO form, placed by the kit's serverErrors: `field(name)` gives a Fluent Field
 * the error under the field main named (test id `sso-<name>-error`), `general` is an error naming none
 * of `fields` (for the ErrorBar above the form), and `clear(name)` — typing in a field — runs `reset`
 * when the error shown is under that field.
 */
export function ssoFormErrors(error: CcmErrorShape | null, fields: readonly string[], reset: () => void) {
  const placed = serverErrors(error, { fields, lastSegment: true });
  return {
    field: (name: string) => {
      const message = placed.fields[name];
      return message
        ? {
            validationState: 'error' as const,
            validationMessage: { children: message, 'data-testid': `sso-${name}-error` },
          }
        : {};
    },
    general: placed.message !== undefined ? placed.error : null,
    clear: (name: string) => {
      if (placed.fields[name] !== undefined) reset();
    },
  };
}

/**
 * "Delete …?" saying what goes; on Delete runs `remove` (main's refusal shows in the dialog) and
 * refreshes the area's queries.
 */
export function useConfirmDelete() {
  const qc = useQueryClient();
  return (o: { title: string; body: string; remove: () => Promise<Envelope<unknown>> }) =>
    confirm({
      title: o.title,
      body: o.body,
      danger: true,
      confirmLabel: 'Delete',
      testId: 'sso-delete-dialog',
      confirmTestId: 'sso-confirm-delete',
      action: async () => {
        const env = await o.remove();
        if (!env.ok) throw new CommandError(env.error);
        await qc.invalidateQueries({ queryKey: ssoKeys.all });
      },
    });
}

/**
 * A certificate as an administrator checks it: subject, fingerprints, validity, warnings; an expired or not yet valid
 * one says it is not usable and why.
 */
export function CertificateCard({ cert, testId }: { cert: CertificateView; testId?: string }) {
  const s = useSsoStyles();
  const badge =
    cert.status === 'valid' ? (
      <Badge appearance="tint" color="success">
        Valid
      </Badge>
    ) : cert.status === 'expiring' ? (
      <Badge appearance="filled" color="warning">
        Expiring
      </Badge>
    ) : cert.status === 'expired' ? (
      <Badge appearance="filled" color="danger">
        Expired
      </Badge>
    ) : (
      <Badge appearance="tint" color="warning">
        Not yet valid
      </Badge>
    );
  return (
    <div className={s.cert} data-testid={testId} data-usable={cert.usable}>
      <span className={s.label}>Subject</span>
      <span>
        {cert.subject} {badge}{' '}
        {!cert.usable && (
          <Badge appearance="filled" color="danger" data-testid="sso-cert-unusable">
            Not usable
          </Badge>
        )}
      </span>
      <span className={s.label}>Valid</span>
      <span>
        {cert.notBefore.slice(0, 10)} – {cert.notAfter.slice(0, 10)}
      </span>
      <span className={s.label}>SHA-1</span>
      <span className={s.mono}>{cert.sha1}</span>
      <span className={s.label}>SHA-256</span>
      <span className={s.mono}>{cert.sha256}</span>
      {cert.warning && (
        <>
          <span className={s.label}>{cert.usable ? 'Warning' : 'Why'}</span>
          <Text weight="semibold" data-testid="sso-cert-warning">
            {cert.warning}
          </Text>
        </>
      )}
    </div>
  );
}

export function CopyButton(props: { text: string; label?: string; testId?: string; children?: ReactNode }) {
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
        onClick={async () => {
          setState((await copyText(props.text)) ? 'copied' : 'failed');
          setTimeout(() => setState('idle'), 2000);
        }}
      >
        {state === 'copied' ? 'Copied' : (props.label ?? 'Copy')}
      </Button>
    </Tooltip>
  );
}
