import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Divider,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import { PersonKey20Regular } from '@fluentui/react-icons';
import type { AuthStatus, CcmErrorShape } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { applyStatus } from '../../data/session';
import { useCommand } from '../../ui/kit';

const useStyles = makeStyles({
  col: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  divider: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

/**
 * Browser mode opens the identity provider's page as a pop-up (the console page stays; main's
 * loopback listener receives the answer and auth.changed brings the result). On the desktop
 * main opens it itself (internal window or system browser) and sso.window says which.
 */
function openIdpPage(url: string): void {
  window.open(url, 'ccm-sso', 'popup,width=520,height=720');
}

/** "Sign in with <Identity Provider Name>", the flow's progress, and — on the desktop — the automatic start. */
export function SsoPanel({
  status,
  tenantId,
  disabled,
}: {
  status: AuthStatus;
  tenantId: number | undefined;
  disabled: boolean;
}) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const beginCmd = useCommand((v: Parameters<typeof ccm.auth.ssoBegin>[0]) => ccm.auth.ssoBegin(v), {
    onSuccess: (next) => {
      applyStatus(queryClient, next);
      const url = next.sso.flow?.authorizationUrl;
      if (url && next.sso.window === 'popup') openIdpPage(url);
    },
    onError: setError,
  });
  const busy = beginCmd.busy;
  const { sso } = status;
  const provider =
    sso.providers.find((p) => p.tenantId === tenantId) ??
    (tenantId === undefined && sso.providers.length === 1 ? sso.providers[0] : undefined);
  const flow = sso.flow;

  const start = async () => {
    setError(null);
    await beginCmd.run({ tenantId: provider?.tenantId });
  };
  const cancel = async () => {
    const env = await ccm.auth.ssoCancel({});
    if (env.ok) applyStatus(queryClient, env.value);
  };

  // Seed 001: the desktop applications always use single sign-on when it is configured —
  // unless /stdlogin or SHIFT at start-up (main reports both as forcedStandard). A short
  // delay lets a held SHIFT reach main before the IdP page opens.
  const autoStarted = useRef(false);
  useEffect(() => {
    if (sso.window === 'popup' || !status.ssoAvailable || !provider || flow || autoStarted.current) return;
    autoStarted.current = true;
    const t = setTimeout(() => void start(), 800);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sso.window, status.ssoAvailable, provider?.tenantId, flow]);

  if (sso.forcedStandard || !provider) return null;
  return (
    <div className={styles.col} data-testid="signin-sso">
      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="signin-sso-error">
          <MessageBarBody>{error.message}</MessageBarBody>
        </MessageBar>
      )}
      {flow?.state === 'waiting' && flow.tenantId === provider.tenantId ? (
        <MessageBar intent="info" layout="multiline" data-testid="signin-sso-waiting">
          <MessageBarBody>
            <MessageBarTitle>Waiting for {flow.idpName}</MessageBarTitle>
            {flow.message}
          </MessageBarBody>
          <MessageBarActions>
            {flow.authorizationUrl && sso.window === 'popup' && (
              <Button size="small" onClick={() => openIdpPage(flow.authorizationUrl!)}>
                Open again
              </Button>
            )}
            <Button size="small" onClick={() => void cancel()} data-testid="signin-sso-cancel">
              Cancel
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : (
        <>
          {flow?.state === 'failed' && (
            <MessageBar intent="error" layout="multiline" data-testid="signin-sso-failed">
              <MessageBarBody>
                <MessageBarTitle>Single sign-on failed</MessageBarTitle>
                {flow.message}
              </MessageBarBody>
            </MessageBar>
          )}
          <Button
            appearance="primary"
            size="large"
            icon={busy ? <Spinner size="tiny" /> : <PersonKey20Regular />}
            disabled={busy || disabled}
            onClick={() => void start()}
            data-testid="signin-sso-start"
          >
            Sign in with {provider.name}
          </Button>
        </>
      )}
      <Divider className={styles.divider}>or with your Logon ID and password</Divider>
    </div>
  );
}

/**
 * Seed 001: "After successful authentication, if any additional information is needed …
 * the standard logon form is displayed with the Logon ID and Password disabled." For the
 * console that is the working tenant of a host administrator.
 */
export function SsoMoreForm({ status }: { status: AuthStatus }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const flow = status.sso.flow!;
  const [working, setWorking] = useState(String(flow.tenantId));
  const [error, setError] = useState<string | null>(null);
  const continueCmd = useCommand((v: Parameters<typeof ccm.auth.ssoContinue>[0]) => ccm.auth.ssoContinue(v), {
    onSuccess: (next) => applyStatus(queryClient, next),
    onError: (e) => setError(e.message),
  });
  const busy = continueCmd.busy;
  return (
    <form
      className={styles.col}
      aria-label="Complete sign-in"
      data-testid="signin-sso-more"
      onSubmit={async (e) => {
        e.preventDefault();
        await continueCmd.run({ workingTenantId: Number(working) });
      }}
    >
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Signed in at {flow.idpName}</MessageBarTitle>
          {flow.message}
        </MessageBarBody>
      </MessageBar>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Logon ID">
        <Input value={flow.logonId ?? ''} disabled data-testid="signin-logonId" />
      </Field>
      <Field label="Password">
        <Input
          type="password"
          value=""
          placeholder={`Authenticated by ${flow.idpName}`}
          disabled
          data-testid="signin-password"
        />
      </Field>
      <Field label="Work in tenant" required>
        <Select value={working} onChange={(_, d) => setWorking(d.value)} data-testid="signin-sso-working-tenant">
          {status.tenants.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" appearance="primary" disabled={busy} data-testid="signin-sso-continue">
        Sign in
      </Button>
      <Button
        appearance="subtle"
        onClick={async () => {
          const env = await ccm.auth.ssoCancel({});
          if (env.ok) applyStatus(queryClient, env.value);
        }}
      >
        Cancel
      </Button>
    </form>
  );
}
