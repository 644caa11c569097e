import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import {
  Add16Regular,
  Copy16Regular,
  Delete16Regular,
  Edit16Regular,
  PlugConnected16Regular,
} from '@fluentui/react-icons';
import {
  imapPortOf,
  MAX_EMAIL_SERVERS_PER_TENANT,
  type EmailServerInput,
  type EmailServerRow,
  type MailTestOutcome,
} from '../../../../electron/contract';
import { ccm } from '../../api/client';
import { QueryState } from '../../ui/QueryState';
import { useCommand } from '../../ui/kit';
import { emailKeys, useEmailServers } from './data';
import { OAuthSignIn } from './OAuthSignIn';
import { emailFormErrors, ErrorBar, useConfirmDelete, useEmailStyles } from './ui';

const FAILURE_TEXT: Record<NonNullable<MailTestOutcome['failure']>, string> = {
  dns: 'Host name not found (DNS)',
  refused: 'Connection refused',
  timeout: 'No answer (time-out)',
  'tls-certificate': 'TLS certificate not trusted',
  'tls-hostname': 'TLS certificate for another host name',
  'tls-protocol': 'TLS failed (SSL setting or port)',
  authentication: 'Sign-in refused',
  mailbox: 'INBOX cannot be opened',
  sessions: 'Too many IMAP sessions',
  'from-refused': 'Heartbeat address refused as sender',
  'no-secret': 'No password or token stored',
  other: 'Failed',
};

const authText = (a: string) =>
  a === 'password' ? 'Username and Password' : a === 'oauth' ? 'OAuth' : a === 'none' ? 'None' : a;

/** E-mail Servers: up to five per tenant; Test connects for real and names what failed. */
export function ServersView({ writable }: { writable: boolean }) {
  const s = useEmailStyles();
  const servers = useEmailServers();
  const [editing, setEditing] = useState<{ row: EmailServerRow | null; copy: boolean } | null>(null);
  const [result, setResult] = useState<MailTestOutcome | null>(null);
  const confirmDelete = useConfirmDelete();
  const testCmd = useCommand((v: { id: number; protocol: 'imap' | 'smtp' }) => ccm.email.testServer(v), {
    onSuccess: (r: MailTestOutcome) => setResult(r),
  });
  const full = (servers.data?.length ?? 0) >= MAX_EMAIL_SERVERS_PER_TENANT;
  const remove = (r: EmailServerRow) =>
    void confirmDelete({
      title: 'Delete e-mail server?',
      body: `Delete the e-mail server ${r.server.name} and its stored passwords? This cannot be undone.`,
      remove: () => ccm.email.deleteServer({ id: r.id, expectedVersion: r.version }),
    });
  return (
    <section className={s.section} aria-label="E-mail Servers">
      <div className={s.toolbar}>
        {writable && (
          <Button
            icon={<Add16Regular />}
            appearance="primary"
            disabled={full}
            data-testid="email-server-add"
            onClick={() => setEditing({ row: null, copy: false })}
          >
            Add Email Server
          </Button>
        )}
        <span className={s.hint}>
          {servers.data?.length ?? 0} of {MAX_EMAIL_SERVERS_PER_TENANT} servers. An account (server and user name)
          belongs to one tenant only.
        </span>
      </div>
      <QueryState isPending={servers.isPending} error={servers.error} what="the e-mail servers" />
      {servers.data && servers.data.length === 0 && <div className={s.empty}>No e-mail server yet.</div>}
      {servers.data && servers.data.length > 0 && (
        <Table size="small" aria-label="E-mail Servers" data-testid="email-server-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>IMAP</TableHeaderCell>
              <TableHeaderCell>SMTP</TableHeaderCell>
              <TableHeaderCell>Passwords</TableHeaderCell>
              <TableHeaderCell style={{ width: 330 }} />
            </TableRow>
          </TableHeader>
          <TableBody>
            {servers.data.map((r) => (
              <TableRow key={r.id} data-testid={`email-server-row-${r.server.name}`}>
                <TableCell>{r.server.name}</TableCell>
                <TableCell className={s.mono}>
                  {r.server.imap
                    ? `${r.server.imap.userName} @ ${r.server.imap.host}:${imapPortOf(r.server.imap)}`
                    : '—'}
                </TableCell>
                <TableCell className={s.mono}>
                  {r.server.smtp ? `${r.server.smtp.host}:${r.server.smtp.port}` : '—'}
                </TableCell>
                <TableCell>
                  {r.server.imap?.auth === 'password' && (
                    <Badge appearance="tint" color={r.imapPasswordSet ? 'success' : 'warning'}>
                      IMAP {r.imapPasswordSet ? 'set' : 'not set'}
                    </Badge>
                  )}{' '}
                  {r.server.smtp?.auth === 'password' && (
                    <Badge appearance="tint" color={r.smtpPasswordSet ? 'success' : 'warning'}>
                      SMTP {r.smtpPasswordSet ? 'set' : 'not set'}
                    </Badge>
                  )}{' '}
                  {r.server.imap?.auth === 'oauth' && (
                    <Badge appearance="tint" color={r.imapTokenSet ? 'success' : 'warning'}>
                      IMAP OAuth {r.imapTokenSet ? 'signed in' : 'not signed in'}
                    </Badge>
                  )}{' '}
                  {r.server.smtp?.auth === 'oauth' && (
                    <Badge appearance="tint" color={r.smtpTokenSet ? 'success' : 'warning'}>
                      SMTP OAuth {r.smtpTokenSet ? 'signed in' : 'not signed in'}
                    </Badge>
                  )}
                </TableCell>
                <TableCell>
                  <div className={s.toolbar}>
                    {writable && r.server.imap && (
                      <Button
                        size="small"
                        icon={<PlugConnected16Regular />}
                        disabled={testCmd.busy}
                        data-testid="email-server-test-imap"
                        onClick={() => (setResult(null), void testCmd.run({ id: r.id, protocol: 'imap' }))}
                      >
                        Test IMAP
                      </Button>
                    )}
                    {writable && r.server.smtp && (
                      <Button
                        size="small"
                        icon={<PlugConnected16Regular />}
                        disabled={testCmd.busy}
                        data-testid="email-server-test-smtp"
                        onClick={() => (setResult(null), void testCmd.run({ id: r.id, protocol: 'smtp' }))}
                      >
                        Test SMTP
                      </Button>
                    )}
                    {writable && (
                      <>
                        <Button
                          size="small"
                          icon={<Edit16Regular />}
                          aria-label={`Edit ${r.server.name}`}
                          data-testid="email-server-edit"
                          onClick={() => setEditing({ row: r, copy: false })}
                        />
                        <Button
                          size="small"
                          icon={<Copy16Regular />}
                          aria-label={`Copy ${r.server.name}`}
                          disabled={full}
                          data-testid="email-server-copy"
                          onClick={() => setEditing({ row: r, copy: true })}
                        />
                        <Button
                          size="small"
                          icon={<Delete16Regular />}
                          aria-label={`Delete ${r.server.name}`}
                          data-testid="email-server-delete"
                          onClick={() => remove(r)}
                        />
                      </>
                    )}
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ErrorBar error={testCmd.error} />
      {testCmd.busy && <span className={s.hint}>Connecting…</span>}
      {result && <TestResult r={result} />}
      {editing && <ServerDialog row={editing.row} copy={editing.copy} onClose={() => setEditing(null)} />}
    </section>
  );
}

function TestResult({ r }: { r: MailTestOutcome }) {
  const s = useEmailStyles();
  return (
    <MessageBar
      intent={r.ok ? 'success' : 'error'}
      layout="multiline"
      data-testid="email-test-result"
      data-ok={r.ok}
      data-failure={r.failure ?? ''}
    >
      <MessageBarBody>
        <MessageBarTitle>
          {r.protocol.toUpperCase()} {r.target}: {r.ok ? 'OK' : FAILURE_TEXT[r.failure ?? 'other']}
        </MessageBarTitle>
        {r.message}
        <ul className={s.steps}>
          {r.steps.map((st, i) => (
            <li key={i}>
              {st.ok ? '✓' : '✗'} {st.step}: {st.detail}
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
}

interface Form {
  name: string;
  hasImap: boolean;
  imapHost: string;
  imapPort: string;
  imapSsl: boolean;
  imapAuth: 'password' | 'oauth';
  imapUser: string;
  imapPassword: string;
  imapConfirm: string;
  imapMaxSessions: string;
  hasSmtp: boolean;
  smtpHost: string;
  smtpPort: string;
  smtpSsl: boolean;
  smtpReporting: boolean;
  smtpAuth: 'none' | 'password' | 'oauth';
  smtpUser: string;
  smtpPassword: string;
  smtpConfirm: string;
  oauthTenant: string;
  oauthClient: string;
  oauthAuthority: string;
  heartbeat: string;
  rateLimit: string;
}

function toForm(r: EmailServerRow | null, copy: boolean): Form {
  const s = r?.server;
  return {
    name: s ? (copy ? `${s.name} (copy)` : s.name) : '',
    hasImap: s ? s.imap !== null : true,
    imapHost: s?.imap?.host ?? '',
    imapPort: s?.imap?.port != null ? String(s.imap.port) : '',
    imapSsl: s?.imap?.useSsl ?? true,
    imapAuth: s?.imap?.auth ?? 'password',
    imapUser: s?.imap?.userName ?? '',
    imapPassword: '',
    imapConfirm: '',
    imapMaxSessions: String(s?.imap?.maxSessions ?? 0),
    hasSmtp: s ? s.smtp !== null : true,
    smtpHost: s?.smtp?.host ?? '',
    smtpPort: String(s?.smtp?.port ?? 587),
    smtpSsl: s?.smtp?.useSsl ?? false,
    smtpReporting: s?.smtp?.reporting ?? false,
    smtpAuth: s?.smtp?.auth ?? 'password',
    smtpUser: s?.smtp?.userName ?? '',
    smtpPassword: '',
    smtpConfirm: '',
    oauthTenant: s?.oauth?.tenantId ?? '',
    oauthClient: s?.oauth?.clientId ?? '',
    oauthAuthority: s?.oauth?.authority ?? 'https://login.microsoftonline.com',
    heartbeat: s?.heartbeatAddress ?? '',
    rateLimit: String(s?.rateLimitPerHour ?? 0),
  };
}

const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

function toInput(f: Form): EmailServerInput {
  const oauth = (f.hasImap && f.imapAuth === 'oauth') || (f.hasSmtp && f.smtpAuth === 'oauth');
  return {
    name: f.name,
    imap: f.hasImap
      ? {
          host: f.imapHost,
          port: f.imapPort.trim() === '' ? null : num(f.imapPort),
          useSsl: f.imapSsl,
          auth: f.imapAuth,
          userName: f.imapUser,
          maxSessions: num(f.imapMaxSessions),
        }
      : null,
    smtp: f.hasSmtp
      ? {
          host: f.smtpHost,
          port: num(f.smtpPort),
          useSsl: f.smtpSsl,
          reporting: f.smtpReporting,
          auth: f.smtpAuth,
          userName: f.smtpAuth === 'none' ? '' : f.smtpUser,
        }
      : null,
    oauth: oauth ? { tenantId: f.oauthTenant, clientId: f.oauthClient, authority: f.oauthAuthority } : null,
    heartbeatAddress: f.heartbeat,
    rateLimitPerHour: num(f.rateLimit),
  };
}

const FIELDS = [
  'name',
  'imap',
  'imap.host',
  'imap.port',
  'imap.userName',
  'imap.maxSessions',
  'imapPassword.password',
  'imapPassword.confirm',
  'smtp',
  'smtp.host',
  'smtp.port',
  'smtp.userName',
  'smtpPassword.password',
  'smtpPassword.confirm',
  'oauth',
  'oauth.tenantId',
  'oauth.clientId',
  'oauth.authority',
  'heartbeatAddress',
  'rateLimitPerHour',
] as const;

/** Get Code for a saved server whose stored settings use OAuth for this protocol; otherwise what to do first. */
function SignInPart({ row, protocol }: { row: EmailServerRow | null; protocol: 'imap' | 'smtp' }) {
  const s = useEmailStyles();
  const saved = protocol === 'imap' ? row?.server.imap?.auth : row?.server.smtp?.auth;
  if (!row || saved !== 'oauth' || !row.server.oauth)
    return <span className={s.hint}>Save the server with OAuth and the app registration, then use Get Code here.</span>;
  return <OAuthSignIn serverId={row.id} protocol={protocol} />;
}

function ServerDialog({ row, copy, onClose }: { row: EmailServerRow | null; copy: boolean; onClose: () => void }) {
  const s = useEmailStyles();
  const [f, setF] = useState<Form>(() => toForm(row, copy));
  const saveCmd = useCommand((v: Parameters<typeof ccm.email.saveServer>[0]) => ccm.email.saveServer(v), {
    invalidates: [emailKeys.all],
  });
  const errs = emailFormErrors(saveCmd.error, FIELDS, saveCmd.reset);
  const set =
    <K extends keyof Form>(k: K, field?: string) =>
    (v: Form[K]) => {
      setF((x) => ({ ...x, [k]: v }));
      if (field) errs.clear(field);
    };
  const editing = row !== null && !copy;
  const save = async () => {
    const pair = (p: string, c: string) => (p === '' && c === '' ? undefined : { password: p, confirm: c });
    const ok = await saveCmd.run({
      id: editing ? row.id : null,
      expectedVersion: editing ? row.version : 0,
      server: toInput(f),
      imapPassword: f.hasImap && f.imapAuth === 'password' ? pair(f.imapPassword, f.imapConfirm) : undefined,
      smtpPassword: f.hasSmtp && f.smtpAuth === 'password' ? pair(f.smtpPassword, f.smtpConfirm) : undefined,
      copyOf: copy && row ? row.id : undefined,
    });
    if (ok) onClose();
  };
  const keepHint = (set: boolean | undefined) =>
    set ? 'Set. Leave blank to keep the stored password (for this host and port).' : undefined;
  const oauth = (f.hasImap && f.imapAuth === 'oauth') || (f.hasSmtp && f.smtpAuth === 'oauth');
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface style={{ maxWidth: 900, width: '90vw' }}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>
              {copy ? 'Copy E-mail Server' : editing ? 'Edit E-mail Server' : 'Add Email Server'}
            </DialogTitle>
            <DialogContent className={s.form} style={{ maxHeight: '62vh', overflowY: 'auto' }}>
              <ErrorBar error={errs.general} />
              <div className={s.pair}>
                <Field label="Email Server Name" required {...errs.field('name')}>
                  <Input
                    value={f.name}
                    autoFocus
                    data-testid="email-server-name"
                    onChange={(_, d) => set('name', 'name')(d.value)}
                  />
                </Field>
                <Field
                  label="Message rate limit (per hour)"
                  hint="0 = no limit; over the limit, messages wait in the queue for the next free slot"
                  {...errs.field('rateLimitPerHour')}
                >
                  <Input
                    type="number"
                    value={f.rateLimit}
                    data-testid="email-server-rate"
                    onChange={(_, d) => set('rateLimit', 'rateLimitPerHour')(d.value)}
                  />
                </Field>
              </div>
              <div className={s.columns}>
                <div className={s.group} data-testid="email-server-imap">
                  <Checkbox
                    label="IMAP Settings"
                    checked={f.hasImap}
                    data-testid="email-server-has-imap"
                    onChange={(_, d) => set('hasImap', 'imap')(d.checked === true)}
                  />
                  {errs.field('imap').validationMessage && (
                    <span className={s.hint}>{errs.field('imap').validationMessage?.children}</span>
                  )}
                  {f.hasImap && (
                    <>
                      <div className={s.pair}>
                        <Field label="Host name" required {...errs.field('imap.host')}>
                          <Input
                            value={f.imapHost}
                            data-testid="email-imap-host"
                            onChange={(_, d) => set('imapHost', 'imap.host')(d.value)}
                          />
                        </Field>
                        <Field label="Port" hint={`Blank: ${f.imapSsl ? 993 : 143}`} {...errs.field('imap.port')}>
                          <Input
                            value={f.imapPort}
                            data-testid="email-imap-port"
                            onChange={(_, d) => set('imapPort', 'imap.port')(d.value)}
                          />
                        </Field>
                      </div>
                      <Checkbox
                        label="Use SSL (otherwise STARTTLS)"
                        checked={f.imapSsl}
                        data-testid="email-imap-ssl"
                        onChange={(_, d) => set('imapSsl')(d.checked === true)}
                      />
                      <Field label="Authentication">
                        <Dropdown
                          value={authText(f.imapAuth)}
                          selectedOptions={[f.imapAuth]}
                          data-testid="email-imap-auth"
                          onOptionSelect={(_, d) => set('imapAuth')(d.optionValue as Form['imapAuth'])}
                        >
                          <Option value="password">Username and Password</Option>
                          <Option value="oauth">OAuth</Option>
                        </Dropdown>
                      </Field>
                      <Field label="User name" required {...errs.field('imap.userName')}>
                        <Input
                          value={f.imapUser}
                          data-testid="email-imap-user"
                          onChange={(_, d) => set('imapUser', 'imap.userName')(d.value)}
                        />
                      </Field>
                      {f.imapAuth === 'oauth' && <SignInPart row={editing ? row : null} protocol="imap" />}
                      {f.imapAuth === 'password' && (
                        <div className={s.pair}>
                          <Field
                            label="Password"
                            required={!(editing && row?.imapPasswordSet)}
                            hint={editing ? keepHint(row?.imapPasswordSet) : undefined}
                            {...errs.field('imapPassword.password')}
                          >
                            <Input
                              type="password"
                              value={f.imapPassword}
                              data-testid="email-imap-password"
                              onChange={(_, d) => set('imapPassword', 'imapPassword.password')(d.value)}
                            />
                          </Field>
                          <Field label="Confirm Password" {...errs.field('imapPassword.confirm')}>
                            <Input
                              type="password"
                              value={f.imapConfirm}
                              data-testid="email-imap-confirm"
                              onChange={(_, d) => set('imapConfirm', 'imapPassword.confirm')(d.value)}
                            />
                          </Field>
                        </div>
                      )}
                      <Field label="Maximum IMAP sessions" hint="0 = no limit" {...errs.field('imap.maxSessions')}>
                        <Input
                          type="number"
                          value={f.imapMaxSessions}
                          data-testid="email-imap-sessions"
                          onChange={(_, d) => set('imapMaxSessions', 'imap.maxSessions')(d.value)}
                        />
                      </Field>
                    </>
                  )}
                </div>
                <div className={s.group} data-testid="email-server-smtp">
                  <Checkbox
                    label="SMTP Settings"
                    checked={f.hasSmtp}
                    data-testid="email-server-has-smtp"
                    onChange={(_, d) => set('hasSmtp', 'smtp')(d.checked === true)}
                  />
                  {f.hasSmtp && (
                    <>
                      <div className={s.pair}>
                        <Field label="Host name" required {...errs.field('smtp.host')}>
                          <Input
                            value={f.smtpHost}
                            data-testid="email-smtp-host"
                            onChange={(_, d) => set('smtpHost', 'smtp.host')(d.value)}
                          />
                        </Field>
                        <Field label="Port" required {...errs.field('smtp.port')}>
                          <Input
                            value={f.smtpPort}
                            data-testid="email-smtp-port"
                            onChange={(_, d) => set('smtpPort', 'smtp.port')(d.value)}
                          />
                        </Field>
                      </div>
                      <Checkbox
                        label="Use SSL (otherwise STARTTLS)"
                        checked={f.smtpSsl}
                        data-testid="email-smtp-ssl"
                        onChange={(_, d) => set('smtpSsl')(d.checked === true)}
                      />
                      <Checkbox
                        label="Reporting email server"
                        title="This tenant's alarm e-mails go out through this server, from the Outgoing e-mail address"
                        checked={f.smtpReporting}
                        data-testid="email-smtp-reporting"
                        onChange={(_, d) => set('smtpReporting')(d.checked === true)}
                      />
                      <Field label="Authentication">
                        <Dropdown
                          value={f.smtpAuth === 'password' ? 'Use settings below' : authText(f.smtpAuth)}
                          selectedOptions={[f.smtpAuth]}
                          data-testid="email-smtp-auth"
                          onOptionSelect={(_, d) => set('smtpAuth', 'smtp.userName')(d.optionValue as Form['smtpAuth'])}
                        >
                          <Option value="none">None</Option>
                          <Option value="password">Use settings below</Option>
                          <Option value="oauth">OAuth</Option>
                        </Dropdown>
                      </Field>
                      {f.smtpAuth !== 'none' && (
                        <Field label="User name" required {...errs.field('smtp.userName')}>
                          <Input
                            value={f.smtpUser}
                            data-testid="email-smtp-user"
                            onChange={(_, d) => set('smtpUser', 'smtp.userName')(d.value)}
                          />
                        </Field>
                      )}
                      {f.smtpAuth === 'oauth' && <SignInPart row={editing ? row : null} protocol="smtp" />}
                      {f.smtpAuth === 'password' && (
                        <div className={s.pair}>
                          <Field
                            label="Password"
                            required={!(editing && row?.smtpPasswordSet)}
                            hint={editing ? keepHint(row?.smtpPasswordSet) : undefined}
                            {...errs.field('smtpPassword.password')}
                          >
                            <Input
                              type="password"
                              value={f.smtpPassword}
                              data-testid="email-smtp-password"
                              onChange={(_, d) => set('smtpPassword', 'smtpPassword.password')(d.value)}
                            />
                          </Field>
                          <Field label="Confirm Password" {...errs.field('smtpPassword.confirm')}>
                            <Input
                              type="password"
                              value={f.smtpConfirm}
                              data-testid="email-smtp-confirm"
                              onChange={(_, d) => set('smtpConfirm', 'smtpPassword.confirm')(d.value)}
                            />
                          </Field>
                        </div>
                      )}
                    </>
                  )}
                </div>
              </div>
              {oauth && (
                <div className={s.group} data-testid="email-server-oauth">
                  <span>Microsoft 365 app registration</span>
                  <ul className={s.checklist} data-testid="email-oauth-checklist">
                    <li>
                      Supported account types: single tenant (accounts in this organizational directory only) — only
                      your organization's mailboxes can sign in.
                    </li>
                    <li>
                      Redirect URI: Public client/native, https://login.microsoftonline.com/common/oauth2/nativeclient —
                      the sign-in of a program without a web address.
                    </li>
                    <li>Delegated permission email — the signed-in account's address.</li>
                    <li>Delegated permission offline_access — a refresh token, so the console stays signed in.</li>
                    <li>Delegated permission IMAP.AccessAsUser.All — reading the mailbox over IMAP.</li>
                    <li>Delegated permission SMTP.Send — sending over SMTP as the account.</li>
                    <li>
                      Authentication › Advanced settings: Allow public client flows = Yes — needed for Get Code (the
                      device code sign-in).
                    </li>
                  </ul>
                  <div className={s.columns}>
                    <Field label="Directory (tenant) ID" required {...errs.field('oauth.tenantId')}>
                      <Input
                        value={f.oauthTenant}
                        data-testid="email-oauth-tenant"
                        onChange={(_, d) => set('oauthTenant', 'oauth.tenantId')(d.value)}
                      />
                    </Field>
                    <Field label="Application (client) ID" required {...errs.field('oauth.clientId')}>
                      <Input
                        value={f.oauthClient}
                        data-testid="email-oauth-client"
                        onChange={(_, d) => set('oauthClient', 'oauth.clientId')(d.value)}
                      />
                    </Field>
                  </div>
                  <Field
                    label="Authority"
                    hint="https://login.microsoftonline.com, or your national cloud's sign-in address. Changing it, the tenant or the client needs a new Get Code."
                    {...errs.field('oauth.authority')}
                  >
                    <Input
                      value={f.oauthAuthority}
                      data-testid="email-oauth-authority"
                      onChange={(_, d) => set('oauthAuthority', 'oauth.authority')(d.value)}
                    />
                  </Field>
                </div>
              )}
              <Field
                label="Heartbeat E-mail Address"
                hint="Used to check that the server accepts mail from this account (the Test's MAIL FROM)."
                {...errs.field('heartbeatAddress')}
              >
                <Input
                  value={f.heartbeat}
                  data-testid="email-server-heartbeat"
                  onChange={(_, d) => set('heartbeat', 'heartbeatAddress')(d.value)}
                />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={saveCmd.busy} data-testid="email-server-save">
                {editing ? 'Save' : 'Add'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
