import { useEffect, useState } from 'react';
import { Badge, Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { Copy16Regular, Dismiss16Regular, Key16Regular } from '@fluentui/react-icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OAuthStatus } from '../../../../electron/contract';
import { ccm, unwrap } from '../../api/client';
import { useCommand } from '../../ui/kit';
import { emailKeys } from './data';
import { ErrorBar } from './ui';

type Protocol = 'imap' | 'smtp';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    letterSpacing: '0.1em',
  },
  link: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const STATE_COLOR: Record<OAuthStatus['state'], 'success' | 'warning' | 'danger' | 'informative' | 'subtle'> = {
  NONE: 'subtle',
  PENDING: 'informative',
  COMPLETE: 'success',
  EXPIRED: 'warning',
  DECLINED: 'danger',
  ERROR: 'danger',
  CANCELLED: 'subtle',
};

const statusKey = (id: number, p: Protocol) => [...emailKeys.all, 'oauth', id, p] as const;

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Request authentication code: Get Code" and "OAuth authentication status" of one protocol of a
 * saved server: the device-code sign-in runs in main; this shows the user code and the page to
 * enter it at, and follows the progress event. The tokens never reach this window.
 */
export function OAuthSignIn({ serverId, protocol }: { serverId: number; protocol: Protocol }) {
  const s = useStyles();
  const qc = useQueryClient();
  const [copied, setCopied] = useState<string | null>(null);
  const status = useQuery({
    queryKey: statusKey(serverId, protocol),
    queryFn: () => unwrap(ccm.email.oauthStatus({ id: serverId, protocol })),
  });
  useEffect(
    () =>
      ccm.on('email.oauthProgress', (items) => {
        if (items.some((e) => e.serverId === serverId && e.protocol === protocol))
          void qc.invalidateQueries({ queryKey: statusKey(serverId, protocol) });
        if (items.some((e) => e.serverId === serverId && e.state === 'COMPLETE'))
          void qc.invalidateQueries({ queryKey: emailKeys.servers });
      }),
    [qc, serverId, protocol],
  );
  const onDone = (st: OAuthStatus): void => {
    qc.setQueryData(statusKey(serverId, protocol), st);
  };
  const startCmd = useCommand(() => ccm.email.oauthStart({ id: serverId, protocol }), { onSuccess: onDone });
  const cancelCmd = useCommand(() => ccm.email.oauthCancel({ id: serverId, protocol }), { onSuccess: onDone });
  const forgetCmd = useCommand(() => ccm.email.oauthForget({ id: serverId, protocol }), {
    onSuccess: onDone,
    invalidates: [emailKeys.servers],
  });
  const st = status.data;
  const state = st?.state ?? 'NONE';
  const shown = state === 'NONE' || state === 'CANCELLED' ? (st?.tokenSet ? 'COMPLETE' : 'NOT SIGNED IN') : state;
  const name = protocol === 'imap' ? 'IMAP' : 'SMTP';
  const busy = startCmd.busy || cancelCmd.busy || forgetCmd.busy;
  const doCopy = (what: string, text: string) =>
    void copy(text).then((ok) => setCopied(ok ? what : 'Copy is not allowed here: select the text instead'));
  return (
    <div className={s.box} data-testid={`email-oauth-${protocol}`}>
      <div className={s.row}>
        <span>Request authentication code:</span>
        <Button
          size="small"
          icon={<Key16Regular />}
          disabled={busy || state === 'PENDING'}
          data-testid={`email-oauth-${protocol}-get-code`}
          onClick={() => (setCopied(null), void startCmd.run())}
        >
          Get Code
        </Button>
        {state === 'PENDING' && (
          <Button
            size="small"
            icon={<Dismiss16Regular />}
            disabled={busy}
            data-testid={`email-oauth-${protocol}-cancel`}
            onClick={() => void cancelCmd.run()}
          >
            Cancel
          </Button>
        )}
        {st?.tokenSet && state !== 'PENDING' && (
          <Button
            size="small"
            disabled={busy}
            data-testid={`email-oauth-${protocol}-forget`}
            onClick={() => void forgetCmd.run()}
          >
            Forget
          </Button>
        )}
      </div>
      <div className={s.row}>
        <span>OAuth authentication status:</span>
        <Badge appearance="tint" color={STATE_COLOR[state]} data-testid={`email-oauth-${protocol}-state`}>
          {shown}
        </Badge>
        {state === 'PENDING' && <Spinner size="extra-tiny" label="Waiting for the sign-in…" />}
      </div>
      {state === 'PENDING' && st?.userCode && (
        <>
          <div className={s.row}>
            <span>Code:</span>
            <span className={s.code} data-testid={`email-oauth-${protocol}-code`}>
              {st.userCode}
            </span>
            <Button
              size="small"
              icon={<Copy16Regular />}
              aria-label="Copy the code"
              data-testid={`email-oauth-${protocol}-copy-code`}
              onClick={() => doCopy('Code copied', st.userCode!)}
            />
          </div>
          {st.verificationUri && (
            <div className={s.row}>
              <span>Sign in at:</span>
              <span className={s.link} data-testid={`email-oauth-${protocol}-uri`}>
                {st.verificationUri}
              </span>
              <Button
                size="small"
                icon={<Copy16Regular />}
                aria-label="Copy the address"
                data-testid={`email-oauth-${protocol}-copy-uri`}
                onClick={() => doCopy('Address copied', st.verificationUri!)}
              />
            </div>
          )}
          <span className={s.hint}>
            Open the address in a browser, enter the code and sign in with the {name} account
            {st.expiresAt ? ` before ${new Date(st.expiresAt).toLocaleTimeString()}` : ''}. This page updates by itself.
          </span>
        </>
      )}
      {copied && <span className={s.hint}>{copied}</span>}
      {(state === 'DECLINED' || state === 'ERROR' || state === 'EXPIRED') && st?.message && (
        <span className={s.hint} data-testid={`email-oauth-${protocol}-message`}>
          {st.message}
        </span>
      )}
      <ErrorBar error={startCmd.error ?? cancelCmd.error ?? forgetCmd.error ?? null} />
    </div>
  );
}
