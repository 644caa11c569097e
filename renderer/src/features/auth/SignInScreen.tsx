import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Database16Regular, Headset24Regular } from '@fluentui/react-icons';
import type { AuthStatus, CcmErrorShape } from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { applyStatus } from '../../data/session';
import { openConnectionManager } from '../connections';
import { ChangePasswordForm } from './ChangePasswordForm';
import { errorShapeOf, fieldError, serverErrors, useCommand } from '../../ui/kit';
import { SsoMoreForm, SsoPanel } from './SsoSignIn';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'center',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground2,
    paddingTop: '9vh',
    paddingBottom: tokens.spacingVerticalXXL,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    width: '400px',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow8,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  logo: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    width: '40px',
    height: '40px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
    flexShrink: 0,
  },
  headText: { display: 'flex', flexDirection: 'column' },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  subtitle: { color: tokens.colorNeutralForeground3 },
  connection: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    minWidth: 0,
  },
  connectionLabel: {
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontWeight: tokens.fontWeightSemibold,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  submit: { marginTop: tokens.spacingVerticalS },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

type SignInField = 'logonId' | 'password' | 'tenantId';
const FIELDS: readonly SignInField[] = ['logonId', 'password', 'tenantId'];

/** The tenant the form starts with: the one /tenantid: named, or the only one. */
export function initialTenant(status: AuthStatus): string {
  const { tenants, startup } = status;
  if (startup.tenantId !== undefined && tenants.some((t) => t.id === startup.tenantId)) return String(startup.tenantId);
  // Remember logged-in user: the tenant of the Logon ID remembered (when no Logon ID was given).
  const r = startup.logonId === undefined ? status.remembered : null;
  if (r && tenants.some((t) => t.id === r.tenantId)) return String(r.tenantId);
  return tenants.length === 1 ? String(tenants[0]!.id) : '';
}

function SignInForm({ status }: { status: AuthStatus }) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [logonId, setLogonId] = useState(status.startup.logonId ?? status.remembered?.logonId ?? '');
  const [password, setPassword] = useState('');
  const [tenantId, setTenantId] = useState(() => initialTenant(status));
  const [error, setError] = useState<CcmErrorShape | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [expired, setExpired] = useState<{ message: string; password: string } | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const placed = serverErrors(error, { fields: FIELDS, lastSegment: true });
  const useKept = !!status.startup.passwordKept && password === '' && logonId === (status.startup.logonId ?? '');
  const tenant = tenantId ? Number(tenantId) : undefined;

  // The command line's /user: + /password: wait in main for the tenant: the password is not retyped.
  const signInCmd = useCommand((kept: boolean) =>
    kept && tenant !== undefined
      ? ccm.auth.startupContinue({ tenantId: tenant })
      : ccm.auth.signIn({
          logonId,
          password,
          tenantId: tenant,
          // Shown while the demo database was prepared: no tenant to offer, main finds it by Logon ID.
          ...(status.tenants.length === 0 && status.connection.preparing ? { tenantUnknown: true } : {}),
        }),
  );
  const busy = signInCmd.busy;

  const submit = async () => {
    if (busy) return;
    setAttempted(true);
    setError(null);
    let refused: CcmErrorShape;
    try {
      applyStatus(queryClient, await signInCmd.runOrThrow(useKept));
      return;
    } catch (err) {
      refused = errorShapeOf(err) ?? { code: 'INTERNAL', message: 'Not signed in.' };
    }
    if (refused.code === 'PASSWORD_EXPIRED') {
      setExpired({ message: refused.message, password });
      return;
    }
    setError(refused);
    if (fieldError(refused, 'password') !== undefined) {
      setPassword(''); // a wrong password is retyped, not edited
      requestAnimationFrame(() => passwordRef.current?.focus());
    }
  };

  if (status.sso.flow?.state === 'needs-more') return <SsoMoreForm status={status} />;

  if (expired) {
    return (
      <ChangePasswordForm
        logonId={logonId.trim()}
        tenantId={tenant}
        initialCurrent={expired.password}
        submitLabel="Change password and sign in"
        cancelLabel="Back"
        intro={
          <MessageBar intent="warning" layout="multiline" data-testid="signin-expired">
            <MessageBarBody>
              <MessageBarTitle>Change password</MessageBarTitle>
              {expired.message}
            </MessageBarBody>
          </MessageBar>
        }
        onDone={() => setExpired(null)}
        onCancel={() => {
          setExpired(null);
          setPassword('');
        }}
      />
    );
  }

  const fieldProps = (name: SignInField) => {
    const message = placed.fields[name];
    return {
      validationState: message ? ('error' as const) : ('none' as const),
      validationMessage: message ? { children: message, 'data-testid': `signin-${name}-error` } : undefined,
    };
  };

  return (
    <form
      className={styles.form}
      aria-label="Sign in"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <SsoPanel status={status} tenantId={tenant} disabled={busy} />
      {status.startup.error && !attempted && (
        <MessageBar
          intent={status.startup.passwordKept ? 'info' : 'error'}
          layout="multiline"
          data-testid="signin-startup-error"
        >
          <MessageBarBody>
            <MessageBarTitle>
              {status.startup.passwordKept ? 'Which tenant?' : 'The command-line logon failed'}
            </MessageBarTitle>
            {status.startup.error}
          </MessageBarBody>
        </MessageBar>
      )}
      {status.signedOut && !attempted && (
        <MessageBar intent="warning" layout="multiline" data-testid="signin-signed-out">
          <MessageBarBody>{status.signedOut.message}</MessageBarBody>
        </MessageBar>
      )}
      {placed.message && (
        <MessageBar intent="error" layout="multiline" data-testid="signin-error">
          <MessageBarBody>{placed.message}</MessageBarBody>
        </MessageBar>
      )}
      <Field label="Logon ID" required {...fieldProps('logonId')}>
        <Input
          value={logonId}
          autoFocus={!logonId}
          autoComplete="username"
          disabled={busy}
          data-testid="signin-logonId"
          onChange={(_, d) => {
            setLogonId(d.value);
            if (placed.fields.logonId) setError(null);
          }}
        />
      </Field>
      <Field
        label="Password"
        {...fieldProps('password')}
        hint={useKept && !placed.fields.password ? 'The password given on the command line is used.' : undefined}
      >
        <Input
          ref={passwordRef}
          type="password"
          value={password}
          autoFocus={!!logonId}
          autoComplete="current-password"
          disabled={busy}
          data-testid="signin-password"
          onChange={(_, d) => {
            setPassword(d.value);
            if (placed.fields.password) setError(null);
          }}
        />
      </Field>
      <Field label="Tenant" required {...fieldProps('tenantId')}>
        <Select
          value={tenantId}
          disabled={busy || status.tenants.length === 0}
          data-testid="signin-tenant"
          onChange={(_, d) => {
            setTenantId(d.value);
            if (placed.fields.tenantId) setError(null);
          }}
        >
          {tenantId === '' && <option value="">Choose a tenant…</option>}
          {status.tenants.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      {status.connection.preparing && (
        <Spinner
          size="tiny"
          labelPosition="after"
          data-testid="signin-preparing"
          label={
            busy
              ? `${status.connection.preparing} You are signed in as soon as it is ready.`
              : status.connection.preparing
          }
        />
      )}
      <Button
        type="submit"
        appearance="primary"
        className={styles.submit}
        disabled={busy}
        icon={busy ? <Spinner size="tiny" /> : undefined}
        data-testid="signin-submit"
      >
        Sign in
      </Button>
      {status.startup.stdLogin && (
        <Text className={styles.note} data-testid="signin-stdlogin">
          Conventional logon forced (/stdlogin)
        </Text>
      )}
      {!status.startup.stdLogin && status.startup.credentials && status.sso.providers.length > 0 && (
        <Text className={styles.note} data-testid="signin-stdlogin">
          Conventional logon (/user: and /password: given)
        </Text>
      )}
      {!status.startup.stdLogin && !status.startup.credentials && status.sso.forcedStandard && (
        <Text className={styles.note} data-testid="signin-stdlogin">
          Conventional logon forced (SHIFT held at start-up)
        </Text>
      )}
    </form>
  );
}

/** What stands in for the form while there is no database to sign in against. */
function ConnectionProblem({ status }: { status: AuthStatus }) {
  const c = status.connection;
  if (c.state === 'connecting') {
    return (
      <Spinner size="small" labelPosition="after" label={`Connecting to ${c.label}…`} data-testid="signin-connecting" />
    );
  }
  const title = c.state === 'error' ? `Cannot connect to ${c.label}` : 'Not connected to a database';
  return (
    <MessageBar
      intent={c.state === 'error' ? 'error' : 'warning'}
      layout="multiline"
      data-testid="signin-connection-error"
    >
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {c.message ?? 'Choose a connection in the Connection manager.'}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" data-testid="signin-open-connections" onClick={openConnectionManager}>
          Connection manager…
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

/** Replaces the workspace while nobody is signed in. */
export function SignInScreen(props: { status: AuthStatus | undefined; error: Error | null }) {
  const styles = useStyles();
  const { status } = props;
  return (
    <main className={styles.root} aria-label="Sign in" data-testid="signin-screen">
      <section className={styles.card}>
        <div className={styles.head}>
          <span className={styles.logo} aria-hidden="true">
            <Headset24Regular />
          </span>
          <div className={styles.headText}>
            <h2 className={styles.title}>Sign in</h2>
            <Text className={styles.subtitle}>Contact Center Console</Text>
          </div>
        </div>
        {props.error ? (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The console does not answer</MessageBarTitle>
              {props.error.message}
            </MessageBarBody>
          </MessageBar>
        ) : !status ? (
          <Spinner size="small" labelPosition="after" label="Loading…" />
        ) : (
          <>
            <div className={styles.connection} data-testid="signin-connection">
              <Database16Regular aria-hidden="true" />
              <span>Connection:</span>
              <span className={styles.connectionLabel} title={status.connection.label}>
                {status.connection.label}
              </span>
              <Link as="button" type="button" data-testid="signin-change-connection" onClick={openConnectionManager}>
                Change…
              </Link>
            </div>
            {status.connection.state === 'connected' || status.connection.preparing ? (
              <SignInForm key={`${status.connection.profileId}|${status.connection.label}`} status={status} />
            ) : (
              <ConnectionProblem status={status} />
            )}
          </>
        )}
      </section>
    </main>
  );
}
